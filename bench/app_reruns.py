"""Server-side rerun time of each page under Streamlit's AppTest (no browser, no network).

Every click in Streamlit reruns the whole page script, so this is the floor of the delay a
user feels after each interaction.
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

from bench.cases import largest
from bench.timing import row, short_error

ROOT = Path(__file__).resolve().parents[1]
ENTRY = ROOT / "streamlit_app.py"
# app_pages/ is the project's folder; pages/ would be Streamlit's legacy multipage folder.
PAGE_DIRS = ("app_pages", "pages")
RERUNS = 5
TIMEOUT = 30  # seconds per AppTest run: a hung page is reported, not waited on for ever
GOALS = {"default preset": 0.150, "largest net": 0.600}


def page_scripts() -> list[str]:
    """Page paths relative to the repo root, in the entry's navigation order when it names
    them (so the table reads like the sidebar), then any page it does not name."""
    found = [
        p.relative_to(ROOT).as_posix()
        for d in PAGE_DIRS
        for p in sorted((ROOT / d).glob("*.py"))
        if not p.name.startswith("_")
    ]
    listed = re.findall(r"""["']((?:app_)?pages/\w+\.py)["']""", _read(ENTRY))
    ordered = [p for p in dict.fromkeys(listed) if p in found]
    return ordered + [p for p in found if p not in ordered]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _targets() -> list[tuple[str, str, str | None]]:
    """(label, script to open, page to switch to). With an entry script, pages are reached
    through it as a browser would (it sets up the page config and the shared state)."""
    pages = page_scripts()
    if ENTRY.exists():
        return [("entry → default page", str(ENTRY), None)] + [
            (Path(p).stem, str(ENTRY), p) for p in pages
        ]
    return [(Path(p).stem, str(ROOT / p), None) for p in pages]


def _rerun_seconds(script: str, page: str | None, state: dict) -> tuple[float | None, float]:
    """(first visit, median rerun): the first visit builds every figure for this network;
    reruns (a click, a selector) reuse the figures memoized for it."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(script, default_timeout=TIMEOUT)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    first = None
    if page is not None:
        started = time.perf_counter()
        at.switch_page(page).run()
        first = time.perf_counter() - started
    _raise_page_error(at)
    samples = []
    for _ in range(RERUNS):  # the first run above is excluded: imports and cold caches
        started = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - started)
        _raise_page_error(at)
    return first, statistics.median(samples)


class PageError(Exception):
    pass


def _raise_page_error(at) -> None:
    if at.exception:
        raise PageError(at.exception[0].value)


def page_reruns() -> list[str]:
    title = (
        f"pages: server-side time under AppTest: rerun (median of {RERUNS}) and first visit "
        "(all figures built)"
    )
    targets = _targets()
    if not targets:
        return [title, "  skipped: no streamlit_app.py and no page scripts yet"]
    big = largest()
    states = {
        "default preset": {},
        "largest net": {"network": big.net, "X": big.X, "Y": big.Y},
    }
    lines = [title]
    for case, state in states.items():
        goal = GOALS[case]
        for label, script, page in targets:
            name = f"{label} ({case})"
            try:
                first, t = _rerun_seconds(script, page, state)
            except Exception as exc:  # one broken page must not hide the others' figures
                lines.append(row(name, "ERROR", short_error(exc)))
                continue
            visit = "" if first is None else f"  (first visit {first * 1e3:,.0f} ms)"
            lines.append(
                row(name, f"{t * 1e3:,.0f} ms", f"goal ≤ {goal * 1e3:.0f} ms", t <= goal) + visit
            )
    return lines
