"""The entry page and moving between pages with one shared network."""

import re

from app_helpers import charts, network, no_errors, open_page, share, vkey

import core


def test_home_shows_the_default_presets_error():
    at = open_page()
    no_errors(at)
    assert at.title[0].value == "Backprop Visualizer"
    # The worked example's published total error: 0.298371109
    assert at.metric[0].value.startswith("0.29837")
    assert charts(at), "the diagram is drawn"


def test_the_network_is_shared_between_pages():
    at = open_page("build")
    net = core.Network.random([2, 3, 3, 1], "tanh", "half_squared_error", seed=4)
    share(at, net, [[0.1, 0.2]], [[0.3]])
    at.switch_page("app_pages/forward.py").run()
    no_errors(at)
    assert network(at) is net
    assert "2-3-3-1" in at.caption[0].value
    at.switch_page("app_pages/backward.py").run()
    no_errors(at)
    assert "2-3-3-1" in at.caption[0].value


def test_sessions_do_not_share_networks():
    first = open_page("build")
    first.number_input(key=vkey(first, "n_hidden")).set_value(2).run()
    first.button(key="build").click().run()
    second = open_page("build")
    assert network(first).sizes != network(second).sizes
    assert network(second).sizes == (2, 2, 2)


def _screen_text(at) -> str:
    """Every text a reader sees: element values, widget labels, options and help."""
    texts = []
    for kind in (
        "markdown",
        "caption",
        "title",
        "header",
        "subheader",
        "latex",
        "info",
        "warning",
        "success",
        "error",
    ):
        texts += [str(el.value) for el in at.get(kind)]
    for kind in (
        "selectbox",
        "radio",
        "select_slider",
        "number_input",
        "slider",
        "toggle",
        "checkbox",
        "button",
        "text_area",
    ):
        for w in at.get(kind):
            texts += [str(w.label), str(getattr(w, "help", "") or "")]
            texts += [str(o) for o in getattr(w, "options", [])]
    return "\n".join(texts)


def test_no_page_mentions_internal_source_tags():
    """The notation is the project's own: no "(seed 000)" or "seeds/" on any screen."""
    p = core.preset("xor")
    pages = [
        None,
        "build",
        "forward",
        "backward",
        "gradient_check",
        "output_lab",
        "train",
        "input_gradient",
    ]
    for page in pages:
        for state in (None, {"network": p.network, "X": p.X, "Y": p.Y}):
            at = open_page(page, state=state)
            text = _screen_text(at)
            assert len(text) > 100, page
            found = re.findall(r"seed\s*0\d\d|seeds/", text, flags=re.IGNORECASE)
            assert not found, (page, found)
