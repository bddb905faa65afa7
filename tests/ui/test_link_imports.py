"""Imports go one way, panels → ui: the link code reads the Backward page's labels from
ui.link_view, and the page shows those same labels (one place for each word)."""

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
# Still the wrong way round, and why: the Gradient check page's ε and tolerance lists live in
# panels/gradient_check.py (read lazily by link_widgets.table); to move to ui like the words below.
KNOWN = {("link_widgets.py", "panels")}


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (a lazy import counts)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_ui_imports_no_page_section_and_no_page():
    wrong = {
        (path.name, name.split(".")[0])
        for path in sorted(UI.glob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in ("panels", "app_pages")
    }
    assert wrong == KNOWN, wrong


def test_the_backward_page_shows_the_labels_a_link_names():
    from panels import backward
    from ui import link_view

    assert (backward.PLAY, backward.STEP_BY_STEP) == (link_view.PLAY, link_view.STEP_BY_STEP)
    assert (backward.BATCH, backward.ONE_EXAMPLE) == (link_view.BATCH, link_view.ONE_EXAMPLE)
    # a link's words for the view, each to the radio label it selects
    assert link_view.BACKWARD_VIEWS == {"step": "Step by step", "play": backward.PLAY}
    assert link_view.SWITCHES["view"] == ("step", "play")
