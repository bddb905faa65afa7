"""What a link says about the screen: the page, the step k, the explained cell, the switches,
and the page's own settings (`set`, ui/link_widgets.py).

`check` holds the one set of rules, used on the way out (encode) and on the way in (decode):
a step, a cell or a switch value that does not exist for this network is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.limits import MAX_EXAMPLES
from ui import link_widgets
from ui.link_fields import MAX_SEED, LinkError, name, number, whole, write_number

PAGES = (
    "home",
    "build",
    "data",
    "forward",
    "backward",
    "gradient_check",
    "output_lab",
    "train",
    "input_gradient",
    "quiz",
)
# The numbers a cell can explain: z and a (Forward), δ, ∂E/∂θ and ∂E/∂b (Backward).
CELL_KINDS = ("z", "a", "delta", "grad_w", "grad_b")
MAX_ETA = 100.0  # the Backward page's learning-rate widget
# The Backward page's view radios: its labels (panels/backward.py shows these; they live here so
# that panels import ui and links never import panels) and the word a link writes for each.
PLAY = "▶ Play the whole backward pass"
STEP_BY_STEP = "Step by step"
BATCH, ONE_EXAMPLE = "the batch (mean over examples)", "one example"
BACKWARD_VIEWS = {"step": STEP_BY_STEP, "play": PLAY}
SEED = "seed"  # the kind of a switch that is a random seed, 0..MAX_SEED
# The view switches a link may carry: bool, int (an example, 0..m−1), float (a learning rate η,
# 0 < η ≤ MAX_ETA), SEED, or the tuple of the words allowed. Add a switch here to make it linkable.
SWITCHES = {
    "shared_scale": bool,
    "presentation": bool,
    "predict": bool,
    "view": tuple(BACKWARD_VIEWS),
    "example": int,
    "eta": float,
    "quiz": SEED,  # the quiz's questions: core.quiz(…, seed=quiz)
}


@dataclass(frozen=True, kw_only=True)
class ViewState:
    """page: one of PAGES. step: Forward k = 0..L; Backward k = L..1, then "x" (∂E/∂x).
    cell: (kind, k, i, j, example) of the explained number; j only for "grad_w" (θᵢⱼ⁽ᵏ⁾),
    example None for a mean over the batch. switches: {name in SWITCHES: value}.
    settings: {widget key: value} of the page's own widgets (ui/link_widgets.py)."""

    page: str = "home"
    step: int | str | None = None
    cell: tuple | None = None
    switches: dict = field(default_factory=dict)
    settings: dict = field(default_factory=dict)


def steps(page: str, L: int) -> list | None:
    """The steps of a page in stepping order, or None for a page without a stepper."""
    if page == "forward":
        return list(range(L + 1))
    if page == "backward":
        return [*range(L, 0, -1), "x"]
    return None


def check(view: ViewState, net, m: int) -> None:
    """LinkError unless every part of `view` exists for `net` (sizes n⁽⁰⁾..n⁽ᴸ⁾) and m examples."""
    if not isinstance(view, ViewState):
        raise LinkError("the view is not a ViewState.")
    page = name(view.page, "page", PAGES)
    if view.step is not None:
        options = steps(page, net.L)
        if options is None:
            raise LinkError(f"the {page} page has no steps.")
        if not (_is_int(view.step) or view.step == "x") or view.step not in options:
            shown = ", ".join(map(str, options))
            raise LinkError(f"that step does not exist on the {page} page (steps: {shown}).")
    if view.cell is not None:
        _check_cell(view.cell, net.sizes, m)
    if not isinstance(view.switches, dict):
        raise LinkError("the switches are not a dictionary.")
    for key, value in view.switches.items():
        _check_switch(key, value, m)
    link_widgets.check(page, view.settings, net, m)


def _check_cell(cell, sizes: tuple[int, ...], m: int) -> None:
    if not isinstance(cell, (tuple, list)) or len(cell) != 5:
        raise LinkError("a cell is (kind, k, i, j, example).")
    kind, k, i, j, example = cell
    kind, L = name(kind, "cell kind", CELL_KINDS), len(sizes) - 1
    first = 0 if kind == "a" else 1  # a⁽⁰⁾ = x exists; z⁽⁰⁾, δ⁽⁰⁾ do not
    if not (_is_int(k) and first <= k <= L):
        raise LinkError(f"the cell's layer must be k = {first}..{L} for {kind}.")
    if not (_is_int(i) and 0 <= i < sizes[k]):
        raise LinkError(f"the cell's neuron must be i = 0..{sizes[k] - 1} in layer {k}.")
    if kind == "grad_w":
        if not (_is_int(j) and 0 <= j < sizes[k - 1]):
            raise LinkError(f"the cell's θᵢⱼ needs j = 0..{sizes[k - 1] - 1} (layer {k - 1}).")
    elif j is not None:
        raise LinkError(f"a {kind} cell has no j.")
    if example is not None and not (_is_int(example) and 0 <= example < m):
        raise LinkError(f"the cell's example must be 0..{m - 1}.")


def _check_switch(key, value, m: int) -> None:
    kind = SWITCHES.get(key) if isinstance(key, str) else None
    if kind is None:
        raise LinkError(f"unknown switch; this app knows {', '.join(SWITCHES)}.")
    if kind is bool:
        ok = isinstance(value, bool)
    elif kind is int:
        ok = _is_int(value) and 0 <= value < m
    elif kind is float:
        ok = _is_real(value) and 0 < value <= MAX_ETA
    elif kind is SEED:
        ok = _is_int(value) and 0 <= value <= MAX_SEED
    else:
        ok = isinstance(value, str) and value in kind
    if not ok:
        raise LinkError(f"the switch {key} has a value this app does not use.")


def write(view: ViewState) -> dict[str, str]:
    """The view's query parameters (after `check`)."""
    params = {"page": view.page}
    if view.step is not None:
        params["step"] = str(view.step) if view.step == "x" else str(int(view.step))
    if view.cell is not None:
        params["cell"] = ".".join("_" if part is None else str(part) for part in view.cell)
    for key, value in view.switches.items():
        kind = SWITCHES[key]
        if kind is bool:
            params[key] = "1" if value else "0"
        elif kind is float:
            params[key] = write_number(value)
        else:
            params[key] = str(value)
    if view.settings:
        params["set"] = link_widgets.write(view.settings)
    return params


def read(params: dict[str, str]) -> ViewState:
    """A ViewState from its parameters, each parsed by its own rule (ranges come in `check`)."""
    step = params.get("step")
    if step is not None and step != "x":
        step = whole(step, "the step", 0, 999)
    cell = params.get("cell")
    if cell is not None:
        parts = cell.split(".")
        if len(parts) != 5:
            raise LinkError("cell must be written kind.k.i.j.example, with _ for none.")
        kind = name(parts[0], "cell kind", CELL_KINDS)
        numbers = [None if p == "_" else whole(p, "a cell index", 0, 9999) for p in parts[1:]]
        cell = (kind, *numbers)
    switches = {}
    for key, kind in SWITCHES.items():
        if key not in params:
            continue
        text = params[key]
        if kind is bool:
            if text not in ("0", "1"):
                raise LinkError(f"the switch {key} must be 0 or 1.")
            switches[key] = text == "1"
        elif kind is int:
            switches[key] = whole(text, f"the switch {key}", 0, MAX_EXAMPLES)
        elif kind is float:
            switches[key] = number(text, f"the switch {key}", 0.0, MAX_ETA)
        elif kind is SEED:
            switches[key] = whole(text, f"the switch {key}", 0, MAX_SEED)
        else:
            switches[key] = name(text, f"value of the switch {key}", kind)
    page = params.get("page")
    settings = link_widgets.read(params["set"], page) if "set" in params else {}
    page = page if page is not None else ""
    return ViewState(page=page, step=step, cell=cell, switches=switches, settings=settings)


def _is_int(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _is_real(value) -> bool:
    return _is_int(value) or (isinstance(value, (float, np.floating)) and bool(np.isfinite(value)))
