"""How long the links are: every preset at every Forward and Backward step (from its recipe),
the same states with exact weights (after an edit or training), and the largest network.

Run: .venv/bin/python -m tools.link_lengths
"""

from __future__ import annotations

from urllib.parse import urlencode

import numpy as np

import core
from ui.link_codec import LINK_LIMIT, Recipe, ViewState, encode
from ui.link_model import NetworkRecipe
from ui.link_view import steps


def length(net, X, Y, view, recipe) -> int:
    return len(urlencode(encode(net, X, Y, view, recipe=recipe)))


def shown(n: int) -> str:
    return f"{n:,}" + ("" if n <= LINK_LIMIT else f" (> {LINK_LIMIT:,}: JSON download instead)")


def views(net):
    """Each step of Forward and Backward with the cell the page explains by default."""
    for page, kind in (("forward", "z"), ("backward", "delta")):
        for step in steps(page, net.L):
            cell = (kind, step, 0, None, 0) if step not in (0, "x") else None
            yield ViewState(page=page, step=step, cell=cell)


def main() -> None:
    print(f"{'state':52} {'shortest':>10} {'longest':>10}")
    for name in core.PRESETS:
        p = core.preset(name)
        trained = p.network.with_weight(1, 0, 0, 0.123456789)  # any edit or training step
        for how, net, recipe in (
            ("preset", p.network, Recipe(preset=name)),
            ("trained (exact weights, preset data)", trained, Recipe(preset=name)),
            ("exact weights and data", trained, Recipe()),
        ):
            sizes = [length(net, p.X, p.Y, v, recipe) for v in views(net)]
            print(f"{name + ', ' + how:52} {shown(min(sizes)):>10} {shown(max(sizes))}")
    sizes = (8, *[32] * 8, 10)
    acts = ("tanh",) * 8 + ("softmax",)
    net = core.Network.random(sizes, acts, "cross_entropy", seed=0)
    recipe = Recipe(network=NetworkRecipe(sizes=sizes, activations=acts, loss="cross_entropy"))
    X, Y = np.zeros((1, 8)), np.eye(10)[:1]
    view = ViewState(page="backward", step=9)
    for how, r in (("recipe", recipe), ("exact weights", Recipe())):
        n = length(net, X, Y, view, r)
        print(f"{'largest 8-32x8-10, m = 1, ' + how:52} {shown(n):>10}")


if __name__ == "__main__":
    main()
