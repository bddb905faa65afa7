"""The link is the state: st.query_params in and out, on every page.

Before a page runs, `restore` opens a link that is not this session's own URL (a link pasted in
a new tab, a reload, another person's link): the network, the data and the view it carries become
this session's, or a bad link leaves the session as it was and says why (`message`). Then `sync`
writes the session's current state back into the URL, so a reload or a copied address shows the
same screen. The pure codec is ui/link_codec.py; this module only maps it to widgets' keys.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import streamlit as st

import core
from ui import link_codec, link_widgets, presentation, state
from ui.link_codec import LinkError, ViewState
from ui.link_view import BACKWARD_VIEWS, ONE_EXAMPLE

# The query strings this session opened or wrote itself, newest last. Not only the last one: a
# rerun requested during a run (st.rerun) starts from the URL the run started with.
OWN = "_link_own"
KEEP = 16
ERROR = "_link_error"  # (message, the page it was shown on)
MODEL = "_link_model"  # (the Shared state, parameters of its network and data, or a LinkError)
SENT = "_link_sent"  # the query this session last sent to its browser
COPY_OPEN = "copy_link_open"  # whether the Copy link popover is open
VIEW_KEYS = ("page", "step", "cell", "set", *link_codec.SWITCHES)

# Widget keys of the views, and their defaults (a default is not written into the link).
FWD_STEP, FWD_EXAMPLE, FWD_KIND = "fwd_k", "fwd_example", "fwd_predict_kind"
BWD_STEP, BWD_MODE, BWD_SHARED, BWD_ETA = "bwd_step", "bwd_mode", "bwd_shared", "bwd_eta"
BWD_VIEW, BWD_VIEW_EXAMPLE = "bwd_view", "bwd_view_example"
CELL_KEYS = {"kind": "bwd_kind", "i": "bwd_i", "j": "bwd_j", "example": "bwd_example"}
PREDICT, QUIZ = "predict_first", "quiz_seed"
DEFAULTS = {"shared_scale": True, "view": "step", "eta": 0.5, "predict": False}
DEFAULTS |= {"presentation": False}


def _fwd_i(k) -> str:
    return f"fwd_i_{k}"


# ---------------------------------------------------------------- in: a link becomes the state


def restore(page: str) -> str | None:
    """Open the URL's link if it is new to this session (see the module's docstring).
    Returns the page the link names when that is not `page` (the caller switches to it)."""
    params = st.query_params.to_dict()
    if not link_codec.is_link(params) or _is_own(params):
        return None
    _remember(params)  # a bad link is reported once, not on every rerun
    try:
        decoded = link_codec.decode(params)
    except LinkError as exc:
        st.session_state[ERROR] = (str(exc), page)
        return None
    st.session_state.pop(ERROR, None)
    names = state.DataNames(*decoded.names) if decoded.names is not None else None
    note = "opened from a link"
    state.restore(decoded.network, decoded.X, decoded.Y, decoded.recipe, note, names=names)
    _apply_view(decoded.view)
    link_widgets.apply(decoded.view.page, decoded.view.settings, st.session_state, decoded.network)
    return decoded.view.page if decoded.view.page != page else None


def _set(key: str, value, default) -> None:
    """A widget's value from a link; the default by removing the key, so that widgets created
    with value=default never see a conflicting Session State value."""
    if value == default:
        st.session_state.pop(key, None)
    else:
        st.session_state[key] = value


def _apply_view(view: ViewState) -> None:
    s = {**DEFAULTS, **view.switches}
    st.session_state[presentation.KEY] = s["presentation"]
    _set(PREDICT, s["predict"], False)
    if view.page == "forward":
        k = view.step if view.step is not None else 0
        st.session_state[FWD_STEP] = k
        if view.cell is not None:
            kind, _k, i, _j, example = view.cell
            st.session_state[_fwd_i(k)], st.session_state[FWD_EXAMPLE] = i, example or 0
            _set(FWD_KIND, kind, "z")
    elif view.page == "backward":
        if view.step is not None:
            st.session_state[BWD_STEP] = view.step
        _set(BWD_SHARED, s["shared_scale"], True)
        _set(BWD_ETA, float(s["eta"]), 0.5)
        st.session_state[BWD_MODE] = BACKWARD_VIEWS[s["view"]]
        if "example" in s:
            st.session_state[BWD_VIEW], st.session_state[BWD_VIEW_EXAMPLE] = (
                ONE_EXAMPLE,
                s["example"],
            )
        else:
            st.session_state.pop(BWD_VIEW, None)
        if view.cell is not None:
            kind, _k, i, j, example = view.cell
            st.session_state[CELL_KEYS["kind"]], st.session_state[CELL_KEYS["i"]] = kind, i
            if j is not None:
                st.session_state[CELL_KEYS["j"]] = j
            if example is not None:
                st.session_state[CELL_KEYS["example"]] = example
    elif view.page == "quiz" and "quiz" in s:
        st.session_state[QUIZ] = s["quiz"]


# ---------------------------------------------------------------- out: the state becomes a link


def current_view(page: str) -> ViewState:
    """The view of `page` as its widgets stand now (values at their defaults are left out)."""
    net, m = state.network(), state.data()[0].shape[0]
    get = st.session_state.get
    switches = {"presentation": presentation.is_on(), "predict": bool(get(PREDICT, False))}
    step = cell = None
    if page == "forward":
        step = get(FWD_STEP, 0)
        if step in range(1, net.L + 1):
            kind = get(FWD_KIND, "z")
            cell = (kind, step, get(_fwd_i(step), 0), None, get(FWD_EXAMPLE, 0))
    elif page == "backward":
        step = get(BWD_STEP, net.L)
        mode = next(
            (word for word, label in BACKWARD_VIEWS.items() if label == get(BWD_MODE)), "step"
        )
        switches |= {"shared_scale": bool(get(BWD_SHARED, True)), "view": mode}
        switches["eta"] = float(get(BWD_ETA, 0.5))
        if get(BWD_VIEW) == ONE_EXAMPLE and m > 1:
            switches["example"] = get(BWD_VIEW_EXAMPLE, 0)
        if isinstance(step, int) and mode == "step":
            cell = _backward_cell(net, step, switches.get("example"), m)
    elif page == "quiz" and get(QUIZ) is not None:
        switches["quiz"] = get(QUIZ)
    switches = {k: v for k, v in switches.items() if DEFAULTS.get(k, object()) != v}
    settings = link_widgets.current(page, st.session_state, net, m)
    return ViewState(page=page, step=step, cell=cell, switches=switches, settings=settings)


def _backward_cell(net, k: int, one_example, m: int):
    get = st.session_state.get
    kind = get(CELL_KEYS["kind"], "delta")
    i = get(CELL_KEYS["i"], 0)
    if kind == "delta":
        shown_m = 1 if one_example is not None else m
        return (kind, k, i, None, get(CELL_KEYS["example"], 0) if shown_m > 1 else 0)
    return (kind, k, i, get(CELL_KEYS["j"], 0) if kind == "grad_w" else None, None)


def params_for(page: str) -> dict[str, str]:
    """The link of the session's current state on `page`; LinkError when it cannot be one."""
    s = state.shared()
    cached = st.session_state.get(MODEL)
    if cached is None or cached[0] is not s:
        try:  # the network and data are encoded once per state (the slow part)
            whole = link_codec.encode(
                s.network, s.X, s.Y, ViewState(), recipe=s.recipe, names=s.names
            )
            model = {k: v for k, v in whole.items() if k not in VIEW_KEYS}
        except LinkError as exc:
            model = exc
        st.session_state[MODEL] = cached = (s, model)
    if isinstance(cached[1], LinkError):
        raise cached[1]
    try:
        view = current_view(page)
        link_codec.link_view.check(view, s.network, s.X.shape[0])
    except LinkError:  # a widget left over from another network: the page's own defaults
        view = ViewState(page=page)
    return {"v": str(link_codec.FORMAT), **link_codec.link_view.write(view), **cached[1]}


def sync(page: str) -> dict[str, str] | None:
    """Write the current state into the URL; None (and an empty query) when it is too long."""
    try:
        params = params_for(page)
    except LinkError:
        params = None
    if params is not None and not link_codec.fits(params):
        params = None
    wanted = params or {}
    # Sent also when the browser's URL already matches: an earlier run, interrupted by this one,
    # may have sent another URL that arrives after the browser asked for this run.
    if st.query_params.to_dict() != wanted or st.session_state.get(SENT) != wanted:
        st.query_params.from_dict(wanted)
        st.session_state[SENT] = wanted
    _remember(wanted)
    return params


def _key(params: dict[str, str]) -> str:
    return urlencode(sorted(params.items()))


def _is_own(params: dict[str, str]) -> bool:
    return _key(params) in st.session_state.get(OWN, ())


def _remember(params: dict[str, str]) -> None:
    own = [k for k in st.session_state.get(OWN, ()) if k != _key(params)]
    st.session_state[OWN] = (*own, _key(params))[-KEEP:]


# ---------------------------------------------------------------- on the page


def message(page: str) -> None:
    """The one message about a link that could not be opened, on the page where it was opened."""
    error = st.session_state.get(ERROR)
    if error is None:
        return
    text, where = error
    if where != page:
        st.session_state.pop(ERROR, None)
        return
    st.error(f"{text} Your network and data were kept.", icon=":material/link_off:")


def copy_control(params: dict[str, str] | None) -> None:
    """ "Copy link": the address of this screen, or why there is none (drawn where the caller
    is: the sidebar, or the top of the page in presentation mode)."""
    # Drawn only while open (opening it reruns the page): the link changes with every step,
    # and a step in the browser reruns only the stepper (ui/step_runs.py).
    box = st.popover(
        "Copy link", icon=":material/link:", width="stretch", key=COPY_OPEN, on_change="rerun"
    )
    with box:
        if not box.open:
            return
        if params is None:
            st.warning(_too_long_text())
            _json_download()
            return
        url = f"{(st.context.url or '').split('?')[0]}?{urlencode(params)}"
        st.caption("Anyone who opens this link sees this screen, with the same numbers.")
        st.code(url, language=None, wrap_lines=True)
        st.caption(f"{len(url):,} characters.")


def _too_long_text() -> str:
    s = state.shared()
    try:
        params = link_codec.encode(s.network, s.X, s.Y, ViewState(), recipe=s.recipe, names=s.names)
        size = f"{len(urlencode(params)):,} characters, more than the {link_codec.LINK_LIMIT:,}"
        why = f"This state is too large for a link ({size} a link may have)."
    except LinkError as exc:
        why = str(exc)  # built from allow-listed names only: no link text in it
    return why + " Download it as JSON instead; the Build page loads it back."


def json_text(s: state.Shared) -> str:
    """The network, data and column names as the Build page saves them (and loads them back);
    names that a file cannot hold (core.serialize.check_names) are left out, not the file."""
    try:
        return json.dumps(core.to_dict(s.network, s.X, s.Y, s.names))
    except core.CoreError:
        return json.dumps(core.to_dict(s.network, s.X, s.Y))


def _json_download() -> None:
    st.download_button(
        "Download network and data (JSON)",
        json_text(state.shared()),
        file_name="network.json",
        mime="application/json",
        key="link_json",
    )
