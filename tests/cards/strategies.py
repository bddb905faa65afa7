"""Small random networks for the card tests: every activation, every valid output pairing."""

from card_numbers import random_case
from hypothesis import strategies as st

import core

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]


@st.composite
def cases(draw, max_n: int = 4, min_m: int = 2):
    """(net, fwd, bwd, reference) for a network of 1–3 layers, at most `max_n` neurons each."""
    L = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, max_n)) for _ in range(L + 1)]
    out, loss = draw(st.sampled_from(core.valid_pairs()))
    if out == "softmax":
        sizes[-1] = max(sizes[-1], 2)
    hidden = [draw(st.sampled_from(HIDDEN)) for _ in range(L - 1)]
    seed = draw(st.integers(0, 10_000))
    m = draw(st.integers(min_m, 4))
    return random_case(seed, sizes, [*hidden, out], loss, m)
