"""Links carry the state exactly: random networks, data and views round-trip bit for bit; the
blobs follow the documented layout (checked by packing and unpacking by hand here); recipes are
used only when they rebuild the state bit for bit, and they keep links short.

Hostile links are in test_link_hostile.py.
"""

import base64
import zlib
from urllib.parse import urlencode

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import core
from ui.link_codec import (
    LINK_LIMIT,
    DataRecipe,
    LinkError,
    NetworkRecipe,
    Recipe,
    ViewState,
    decode,
    encode,
    fits,
    is_link,
)
from ui.link_fields import number, write_number

HIDDEN = [g for g, a in core.ACTIVATIONS.items() if not a.output_only]
EDGE_FLOATS = [5e-324, -5e-324, 2.2250738585072014e-308 / 3, 1e300, -1e300, -0.0, 0.0]
EDGE_FLOATS += [1.7976931348623157e308, -1.7976931348623157e308, 0.1 + 0.2]
FLOATS = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(EDGE_FLOATS))


def blob(*arrays) -> str:
    """The documented layout, written here independently: little-endian float64, zlib,
    URL-safe base64 without padding."""
    raw = b"".join(np.asarray(a, "<f8").tobytes() for a in arrays)
    return base64.urlsafe_b64encode(zlib.compress(raw)).decode().rstrip("=")


def unblob(text: str) -> np.ndarray:
    raw = zlib.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    return np.frombuffer(raw, "<f8")


def bits(a) -> bytes:
    return np.ascontiguousarray(a, "<f8").tobytes()


def assert_same_state(d, net, X, Y):
    """Every number bit for bit (−0.0 is not 0.0), every name equal."""
    assert d.network.sizes == net.sizes
    assert tuple(d.network.activations) == tuple(net.activations)
    assert d.network.loss == net.loss
    for k in range(1, net.L + 1):
        assert d.network.weights[k].shape == net.weights[k].shape
        assert bits(d.network.weights[k]) == bits(net.weights[k]), f"θ⁽{k}⁾"
        assert bits(d.network.biases[k]) == bits(net.biases[k]), f"b⁽{k}⁾"
    assert d.X.shape == np.shape(X) and bits(d.X) == bits(X)
    assert d.Y.shape == np.shape(Y) and bits(d.Y) == bits(Y)


def steps_of(page, L):
    """Forward: k = 0..L; Backward: k = L..1, then "x" (∂E/∂x); other pages: none."""
    return {"forward": list(range(L + 1)), "backward": [*range(L, 0, -1), "x"]}.get(page, [])


@st.composite
def views(draw, sizes, m):
    L = len(sizes) - 1
    page = draw(st.sampled_from(["home", "build", "forward", "backward", "train", "output_lab"]))
    step = draw(st.sampled_from([None, *steps_of(page, L)]))
    cell = None
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["z", "a", "delta", "grad_w", "grad_b"]))
        k = draw(st.integers(0 if kind == "a" else 1, L))
        i = draw(st.integers(0, sizes[k] - 1))
        j = draw(st.integers(0, sizes[k - 1] - 1)) if kind == "grad_w" else None
        example = draw(st.one_of(st.none(), st.integers(0, m - 1)))
        cell = (kind, k, i, j, example)
    switches = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "shared_scale": st.booleans(),
                "presentation": st.booleans(),
                "predict": st.booleans(),
                "view": st.sampled_from(["step", "play"]),
                "example": st.integers(0, m - 1),
                "eta": st.floats(0, 100, exclude_min=True),
            },
        )
    )
    return ViewState(page=page, step=step, cell=cell, switches=switches)


@st.composite
def states(draw):
    n_hidden = draw(st.integers(0, 3))
    sizes = draw(st.lists(st.integers(1, 6), min_size=n_hidden + 2, max_size=n_hidden + 2))
    g_out, loss = draw(st.sampled_from(core.valid_pairs()))
    activations = [draw(st.sampled_from(HIDDEN)) for _ in range(n_hidden)] + [g_out]
    shapes = [(sizes[k], sizes[k - 1]) for k in range(1, len(sizes))]
    weights = [draw(arrays(np.float64, shape, elements=FLOATS)) for shape in shapes]
    biases = [draw(arrays(np.float64, sizes[k], elements=FLOATS)) for k in range(1, len(sizes))]
    net = core.Network.from_layers(weights, biases, activations, loss)
    m = draw(st.integers(1, 4))
    X = draw(arrays(np.float64, (m, sizes[0]), elements=FLOATS))
    if loss == "cross_entropy":  # one-hot rows: probability distributions
        Y = np.eye(sizes[-1])[draw(st.lists(st.integers(0, sizes[-1] - 1), min_size=m, max_size=m))]
    elif loss == "binary_cross_entropy":
        Y = draw(arrays(np.float64, (m, sizes[-1]), elements=st.floats(0, 1)))
    else:
        Y = draw(arrays(np.float64, (m, sizes[-1]), elements=FLOATS))
    return net, X, Y, draw(views(tuple(sizes), m))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(states())
def test_random_states_round_trip_exactly(state):
    net, X, Y, view = state
    params = encode(net, X, Y, view)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in params.items())
    d = decode(params)
    assert_same_state(d, net, X, Y)
    assert d.view == view
    assert d.recipe == Recipe()  # nothing was rebuilt: the numbers were carried


@settings(max_examples=25, deadline=None)
@given(states())
def test_weights_blob_is_theta_then_b_layer_by_layer_row_major(state):
    """The documented layout, read by hand: θ⁽¹⁾ rows, b⁽¹⁾, θ⁽²⁾ rows, b⁽²⁾, …; X then Y."""
    net, X, Y, view = state
    params = encode(net, X, Y, view)
    expected = [a.ravel() for k in range(1, net.L + 1) for a in (net.weights[k], net.biases[k])]
    assert bits(unblob(params["w"])) == bits(np.concatenate(expected))
    assert bits(unblob(params["xy"])) == bits(np.concatenate([np.ravel(X), np.ravel(Y)]))
    sizes = "-".join(str(n) for n in net.sizes)
    assert params["arch"] == f"{sizes}.{'-'.join(net.activations)}.{net.loss}"


def test_a_link_written_by_hand_gives_the_published_worked_example():
    """θ⁽¹⁾ = [[0.15, 0.20], [0.25, 0.30]]: θ₁₂⁽¹⁾ = 0.20 is row 0, column 1 (j = 1 to i = 0)."""
    w = blob([[0.15, 0.20], [0.25, 0.30]], [0.35, 0.35], [[0.40, 0.45], [0.50, 0.55]], [0.6, 0.6])
    params = {
        "v": "1",
        "page": "backward",
        "step": "x",
        "arch": "2-2-2.sigmoid-sigmoid.half_squared_error",
        "w": w,
        "xy": blob([0.05, 0.10], [0.01, 0.99]),
    }
    d = decode(params)
    assert d.network.weights[1][0, 1] == 0.20 and d.network.weights[1][1, 0] == 0.25
    assert d.network.weights[2][1, 0] == 0.50 and list(d.network.biases[2]) == [0.6, 0.6]
    assert d.X.tolist() == [[0.05, 0.10]] and d.Y.tolist() == [[0.01, 0.99]]
    assert d.view == ViewState(page="backward", step="x")
    # the published forward pass: out_o1 = 0.75136507 with these numbers
    assert core.forward(d.network, d.X).a[2][0, 0] == pytest.approx(0.75136507, abs=1e-8)


# --- recipes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(core.PRESETS))
def test_each_preset_is_carried_by_its_name(name):
    p = core.preset(name)
    view = ViewState(page="forward", step=p.network.L, cell=("z", 1, 0, None, 0))
    params = encode(p.network, p.X, p.Y, view, recipe=Recipe(preset=name))
    assert params["preset"] == name and not {"arch", "w", "xy", "data"} & set(params)
    assert len(urlencode(params)) <= 200
    d = decode(params)
    assert_same_state(d, p.network, p.X, p.Y)
    assert d.recipe == Recipe(preset=name)


def worked_views():
    cells = [
        ("a", 0, 1, None, 0),
        ("delta", 2, 1, None, 0),
        ("grad_w", 2, 1, 0, None),
        ("grad_b", 1, 0, None, None),
    ]
    switches = {"shared_scale": False, "presentation": True, "predict": True, "view": "play"}
    switches |= {"example": 0, "eta": 0.30000000000000004}
    for page, steps in (("forward", [0, 1, 2]), ("backward", [2, 1, "x"])):
        for step in steps:
            for cell in cells:
                yield ViewState(page=page, step=step, cell=cell, switches=switches)


def test_the_worked_example_at_any_step_fits_in_200_characters():
    p = core.preset("worked-2-2-2")
    for view in worked_views():
        params = encode(p.network, p.X, p.Y, view, recipe=Recipe(preset="worked-2-2-2"))
        assert len(urlencode(params)) <= 200, urlencode(params)
        assert decode(params).view == view


def test_a_build_page_network_and_dataset_are_carried_by_their_recipes():
    sizes, acts = (2, 5, 4, 3), ("relu", "tanh", "softmax")
    net = core.Network.random(list(sizes), list(acts), "cross_entropy", init="he", seed=7)
    data = core.make_dataset("blobs", 300, 0.25, seed=3, classes=3)
    recipe = Recipe(
        network=NetworkRecipe(
            sizes=sizes, activations=acts, loss="cross_entropy", init="he", seed=7
        ),
        data=DataRecipe(name="blobs", n=300, noise=0.25, seed=3, classes=3),
    )
    params = encode(net, data.X, data.Y, ViewState(page="train"), recipe=recipe)
    assert params["init"] == "he.7" and params["data"] == "blobs~300~0.25~3~3"
    assert "w" not in params and "xy" not in params and "preset" not in params
    d = decode(params)
    assert_same_state(d, net, data.X, data.Y)
    assert d.recipe == recipe


def test_the_train_pages_split_is_a_recipe_too():
    full = core.make_dataset("moons", 1000, 0.2, seed=0)
    train, _test = core.train_test_split(full, 0.25, seed=0)
    net = core.preset("xor").network
    recipe = Recipe(
        preset="xor", data=DataRecipe(name="moons", n=1000, noise=0.2, test_fraction=0.25)
    )
    params = encode(net, train.X, train.Y, ViewState(page="train"), recipe=recipe)
    assert params["data"] == "moons~1000~0.2~0~3~0.25" and params["preset"] == "xor"
    d = decode(params)
    assert_same_state(d, net, train.X, train.Y)
    assert d.X.shape == (750, 2)


def _edits(net):
    """Networks one bit away from `net`: the next float up, and −0.0 for a 0.0 bias."""
    up = net.with_weight(1, 0, 0, float(np.nextafter(net.weights[1][0, 0], np.inf)))
    biases = [np.array(b) for b in net.biases]
    biases[0][0] = -0.0 if biases[0][0] == 0 else -biases[0][0]
    return [up, net.replace(biases=biases)]


@pytest.mark.parametrize("which", [0, 1])
def test_a_recipe_that_is_one_bit_off_is_not_used(which):
    p = core.preset("xor")  # its biases start at 0.0: −0.0 is equal but not the same bits
    edited = _edits(p.network)[which]
    arch = NetworkRecipe(
        sizes=(2, 3, 1), activations=("tanh", "sigmoid"), loss="binary_cross_entropy", seed=1
    )
    params = encode(edited, p.X, p.Y, ViewState(), recipe=Recipe(preset="xor", network=arch))
    assert "w" in params and "init" not in params
    assert params["preset"] == "xor" and "xy" not in params  # the data is still the preset's
    d = decode(params)
    assert_same_state(d, edited, p.X, p.Y)
    assert d.recipe == Recipe(preset="xor")


def test_recipes_that_do_not_rebuild_the_state_fall_back_to_exact_numbers():
    p = core.preset("sine")
    lying = Recipe(
        preset="spiral",
        network=NetworkRecipe(
            sizes=(1, 16, 16, 1),
            activations=("tanh", "tanh", "linear"),
            loss="half_squared_error",
            seed=1,
        ),
        data=DataRecipe(name="sine", n=100, noise=0.05, seed=1),
    )
    params = encode(p.network, p.X, p.Y, ViewState(), recipe=lying)
    assert {"w", "xy"} <= set(params) and not {"preset", "init", "data"} & set(params)
    assert_same_state(decode(params), p.network, p.X, p.Y)
    garbage = Recipe(preset="<script>", network=NetworkRecipe(sizes=(1,), activations=(), loss="x"))
    assert "w" in encode(p.network, p.X, p.Y, ViewState(), recipe=garbage)


# --- views, limits and length ----------------------------------------------------------------

NET = core.Network.random([2, 3, 1], ["tanh", "sigmoid"], "squared_error", seed=0)  # L = 2
X3, Y3 = np.zeros((3, 2)), np.zeros((3, 1))  # m = 3


@pytest.mark.parametrize(
    "view",
    [
        ViewState(page="forward", step=0),
        ViewState(page="forward", step=2),
        ViewState(page="backward", step=2),
        ViewState(page="backward", step=1),
        ViewState(page="backward", step="x"),
        ViewState(page="forward", cell=("a", 0, 1, None, 2)),
        ViewState(page="forward", cell=("z", 1, 2, None, 0)),
        ViewState(page="backward", cell=("grad_w", 2, 0, 2, None)),  # θ⁽²⁾ is 1 × 3
        ViewState(page="backward", cell=("grad_w", 1, 2, 1, 2)),  # θ⁽¹⁾ is 3 × 2
        ViewState(page="backward", cell=("delta", 2, 0, None, 2)),
        ViewState(page="input_gradient", switches={"example": 2, "eta": 100.0}),
        ViewState(page="gradient_check", switches={"eta": 5e-324}),
    ],
)
def test_views_at_the_edges_of_the_network_are_linkable(view):
    assert decode(encode(NET, X3, Y3, view)).view == view


@pytest.mark.parametrize(
    "view",
    [
        ViewState(page="forward", step=3),  # k = 0..L
        ViewState(page="backward", step=0),  # k = L..1, then x
        ViewState(page="forward", step="x"),
        ViewState(page="forward", step=True),
        ViewState(page="home", step=1),  # no stepper
        ViewState(page="admin"),
        ViewState(page="forward", cell=("z", 0, 0, None, 0)),  # z⁽⁰⁾ does not exist
        ViewState(page="forward", cell=("a", 3, 0, None, 0)),
        ViewState(page="forward", cell=("a", 1, 3, None, 0)),  # n⁽¹⁾ = 3: i = 0..2
        ViewState(page="backward", cell=("grad_w", 2, 1, 0, None)),  # θ⁽²⁾ is 1 × 3
        ViewState(page="backward", cell=("grad_w", 1, 0, 2, None)),  # θ⁽¹⁾ is 3 × 2
        ViewState(page="backward", cell=("grad_w", 1, 0, None, None)),  # needs j
        ViewState(page="backward", cell=("delta", 1, 0, 0, None)),  # has no j
        ViewState(page="backward", cell=("delta", 1, 0, None, 3)),  # m = 3
        ViewState(page="backward", cell=("theta", 1, 0, None, None)),
        ViewState(page="backward", cell=("delta", 1, 0)),
        ViewState(page="home", switches={"example": 3}),
        ViewState(page="home", switches={"shared_scale": 1}),
        ViewState(page="home", switches={"eta": 0.0}),
        ViewState(page="home", switches={"eta": 100.5}),
        ViewState(page="home", switches={"view": "fast"}),
        ViewState(page="home", switches={"colour": "red"}),
    ],
)
def test_views_that_do_not_exist_cannot_be_linked(view):
    with pytest.raises(LinkError, match=r"^This state cannot be put in a link: "):
        encode(NET, X3, Y3, view)


def _net(sizes):
    acts = ["tanh"] * (len(sizes) - 2) + ["linear"]
    return core.Network.random(list(sizes), acts, "squared_error", seed=0)


@pytest.mark.parametrize(
    "sizes, ok",
    [
        ((8, 1), True),
        ((9, 1), False),
        ((1, 10), True),
        ((1, 11), False),
        ((1, 32, 1), True),
        ((1, 33, 1), False),
        ((1, *[1] * 8, 1), True),
        ((1, *[1] * 9, 1), False),
    ],
)
def test_networks_beyond_the_build_pages_limits_have_no_link(sizes, ok):
    net = _net(sizes)
    X, Y = np.zeros((1, sizes[0])), np.zeros((1, sizes[-1]))
    if ok:
        assert_same_state(decode(encode(net, X, Y, ViewState())), net, X, Y)
    else:
        with pytest.raises(LinkError, match="allows"):
            encode(net, X, Y, ViewState())


def test_at_most_2000_examples():
    net = _net((1, 1))
    assert decode(encode(net, np.zeros((2000, 1)), np.ones((2000, 1)), ViewState())).X.shape == (
        2000,
        1,
    )
    with pytest.raises(LinkError, match="2000"):
        encode(net, np.zeros((2001, 1)), np.ones((2001, 1)), ViewState())


def test_the_largest_network_the_build_page_allows_is_too_long_for_a_link():
    net = _net((8, *[32] * 8, 10))
    X, Y = np.full((1, 8), 0.5), np.full((1, 10), 0.5)
    params = encode(net, X, Y, ViewState(page="forward", step=9))
    assert not fits(params)  # 8 010 float64 parameters: the page offers the JSON download


def test_fits_counts_the_url_encoded_query_string():
    assert LINK_LIMIT == 8000
    assert fits({"a": "b" * 7998})  # "a=" + 7998 = 8000 characters
    assert not fits({"a": "b" * 7999})
    assert not fits({"a": "<" * 2666 + "b" * 3})  # "<" is written %3C: 2 + 7998 + 3 > 8000
    assert fits({"a": "b" * 3000, "c": "d" * 4994})  # 2 + 3000 + 1 + 2 + 4994 = 7999


def test_is_link_sees_only_link_parameters():
    assert not is_link({}) and not is_link({"utm_source": "mail", "embed": "true"})
    assert is_link({"v": "1"}) and is_link({"page": "home"}) and is_link({"shared_scale": "1"})


def test_other_parameters_are_left_alone():
    p = core.preset("xor")
    params = encode(p.network, p.X, p.Y, ViewState(page="home"), recipe=Recipe(preset="xor"))
    d = decode(params | {"embed": "true", "utm_source": "<script>"})
    assert_same_state(d, p.network, p.X, p.Y)


@pytest.mark.parametrize("value", [1e16, 1e20, -2.5e300, 2.5e-7, 0.1])
def test_a_written_number_has_no_plus_and_reads_back_exactly(value):
    """ "+" in a query string means a space, so a big exponent is written 1e20, not 1e+20."""
    text = write_number(value)
    assert "+" not in text and " " not in text
    assert number(text, "a number", -1e308, 1e308) == value
    assert write_number(1e20) == "1e20"
