"""core.questions (predict, then reveal) against the formulas of docs/NOTATION.md.

Second opinions: every true value and every mistaken value is worked out here in plain numpy,
one example at a time and neuron by neuron, never by core.backward or core.broken_backward.
"""

import json
from types import SimpleNamespace

import numpy as np
import pytest
from core_reference import error, g, g_prime, grad_a, run, softmax_jacobian_entry

import core
from core import BUGS, Cell, CoreError, cell_value, first_order_change, grade, quiz

# ---- the reference: z, a, δ per example and the batch gradients, by the formulas ------------


def deltas(weights, acts, loss, z, a, y):
    """δ⁽ᵏ⁾ of one example: equation (1), then (2) as the sum over β of θ_βi δ_β g′(zᵢ)."""
    L = len(weights)
    d = [None] * (L + 1)
    dE = grad_a(loss, a[L], y)
    n = len(a[L])
    if acts[-1] == "softmax":
        d[L] = np.array(
            [sum(softmax_jacobian_entry(a[L], p, q) * dE[p] for p in range(n)) for q in range(n)]
        )
    else:
        d[L] = dE * g_prime(acts[-1], z[L])
    for k in range(L - 1, 0, -1):
        theta = weights[k]  # θ⁽ᵏ⁺¹⁾
        gp = g_prime(acts[k - 1], z[k])
        d[k] = np.array(
            [
                sum(theta[b][i] * d[k + 1][b] for b in range(len(d[k + 1]))) * gp[i]
                for i in range(len(z[k]))
            ]
        )
    return d


def reference(weights, biases, acts, loss, X, Y):
    """(zs, as_, ds) per example, and ∂E/∂θ⁽ᵏ⁾, ∂E/∂b⁽ᵏ⁾ as the mean over the examples."""
    L, m = len(weights), len(X)
    zs, as_, ds = [], [], []
    for x, y in zip(X, Y):
        z, a = run(weights, biases, acts, x)
        zs.append(z)
        as_.append(a)
        ds.append(deltas(weights, acts, loss, z, a, np.asarray(y, float)))
    gw, gb = [None] * (L + 1), [None] * (L + 1)
    for k in range(1, L + 1):
        n_out, n_in = np.shape(weights[k - 1])
        gw[k] = np.array(
            [
                [sum(ds[e][k][i] * as_[e][k - 1][j] for e in range(m)) / m for j in range(n_in)]
                for i in range(n_out)
            ]
        )
        gb[k] = np.array([sum(ds[e][k][i] for e in range(m)) / m for i in range(n_out)])
    return zs, as_, ds, gw, gb


def random_problem(sizes, acts, loss, m, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.uniform(-1.2, 1.2, (sizes[k], sizes[k - 1])) for k in range(1, len(sizes))]
    biases = [rng.uniform(-0.8, 0.8, sizes[k]) for k in range(1, len(sizes))]
    X = rng.uniform(-1.5, 1.5, (m, sizes[0]))
    n_out = sizes[-1]
    if loss == "cross_entropy":
        Y = np.eye(n_out)[rng.integers(0, n_out, m)]
    elif loss == "binary_cross_entropy":
        Y = rng.uniform(0, 1, (m, n_out))
    else:
        Y = rng.uniform(-1, 1, (m, n_out))
    return weights, biases, acts, loss, X, Y


def all_cells(sizes, m):
    L = len(sizes) - 1
    for k in range(1, L + 1):
        for i in range(sizes[k]):
            for e in range(m):
                for kind in ("z", "a", "delta"):
                    yield Cell(kind=kind, k=k, i=i, example=e)
            yield Cell(kind="grad_b", k=k, i=i)
            for j in range(sizes[k - 1]):
                yield Cell(kind="grad_w", k=k, i=i, j=j)


def expected(ref, cell):
    zs, as_, ds, gw, gb = ref
    if cell.kind == "z":
        return zs[cell.example][cell.k][cell.i]
    if cell.kind == "a":
        return as_[cell.example][cell.k][cell.i]
    if cell.kind == "delta":
        return ds[cell.example][cell.k][cell.i]
    return gw[cell.k][cell.i, cell.j] if cell.kind == "grad_w" else gb[cell.k][cell.i]


# ---- true values and the tolerance -----------------------------------------------------------


@pytest.mark.parametrize("pair", core.valid_pairs(), ids="-".join)
def test_every_cell_is_the_formula_value_and_graded_within_the_tolerance(pair):
    sizes = [2, 3, 2, 3]
    problem = random_problem(sizes, ["tanh", "leaky_relu", pair[0]], pair[1], 2, seed=len(pair[1]))
    weights, biases, acts, loss, X, Y = problem
    net = core.Network.from_layers(weights, biases, acts, loss)
    ref = reference(*problem)
    for cell in all_cells(sizes, 2):
        want = expected(ref, cell)
        assert cell_value(net, X, Y, cell) == pytest.approx(want, rel=1e-9, abs=1e-12), cell
        inside = grade(net, X, Y, cell, want + 0.9 * max(0.01 * abs(want), 1e-4))
        outside = grade(net, X, Y, cell, want + 1.2 * max(0.01 * abs(want), 1e-4))
        assert inside.correct and inside.mistake is None, cell
        assert not outside.correct, cell
        assert inside.value == pytest.approx(want, rel=1e-9, abs=1e-12)


def test_the_tolerance_is_relative_or_absolute_whichever_is_larger():
    net = core.Network.from_layers([[[1.0]]], [[0.0]], ["linear"], "half_squared_error")
    X, Y = [[2.0], [0.001]], [[0.0], [0.0]]
    big, small = Cell(kind="z", k=1, i=0, example=0), Cell(kind="z", k=1, i=0, example=1)
    assert grade(net, X, Y, big, 2.019).correct and not grade(net, X, Y, big, 2.021).correct
    # 1% of the true value, not of the answer
    assert grade(net, X, Y, big, 1.9801).correct and not grade(net, X, Y, big, 2.0201).correct
    assert grade(net, X, Y, small, 0.00109).correct
    assert not grade(net, X, Y, small, 0.00111).correct
    loose = grade(net, X, Y, big, 2.09, rel_tol=0.05, abs_tol=1e-3)
    assert loose.correct and loose.tolerance == "within 5% or 0.001"
    result = grade(net, X, Y, big, 3.0)
    assert result.tolerance == "within 1% or 0.0001"
    assert (result.value, result.answer) == (2.0, 3.0)


# ---- each mistake, worked out here, is diagnosed as itself ---------------------------------

SIZES, ACTS = [2, 3, 3, 2], ["sigmoid", "tanh", "sigmoid"]


@pytest.fixture(scope="module")
def deep():
    """θ⁽²⁾ is square (3 × 3), θ⁽³⁾ is not; nonzero biases; three examples."""
    problem = random_problem(SIZES, ACTS, "squared_error", 3, seed=7)
    W, B, acts, loss, X, Y = problem
    zs, as_, ds, gw, gb = reference(*problem)
    net = core.Network.from_layers(W, B, acts, loss)
    return SimpleNamespace(net=net, W=W, B=B, X=X, Y=Y, zs=zs, as_=as_, ds=ds, gw=gw, gb=gb)


def diagnosed(d, cell, answer):
    """The names of the mistakes a wrong answer is diagnosed as, on the network of `deep`."""
    result = grade(d.net, d.X, d.Y, cell, answer)
    assert not result.correct
    assert result.mistake is not None, (cell, answer, result.value)
    return {mistake.name: mistake for mistake in result.mistake}


def test_forgetting_g_prime_is_diagnosed(deep):
    e, i = 1, 2
    # δ⁽²⁾ = Σ_β θ_βi⁽³⁾ δ_β⁽³⁾, no g′(z⁽²⁾)
    no_g = [sum(deep.W[2][b][n] * deep.ds[e][3][b] for b in range(2)) for n in range(3)]
    found = diagnosed(deep, Cell(kind="delta", k=2, i=i, example=e), no_g[i])
    assert found["drop_g_prime"].value == pytest.approx(no_g[i], rel=1e-9)
    assert found["drop_g_prime"].title == BUGS["drop_g_prime"].title
    # carried on down the whole pass: δ⁽¹⁾ = Σ_β θ_βi⁽²⁾ δ_β⁽²⁾ without g′ twice
    no_g_1 = sum(deep.W[1][b][0] * no_g[b] for b in range(3))
    assert "drop_g_prime" in diagnosed(deep, Cell(kind="delta", k=1, i=0, example=e), no_g_1)
    # at the output: δ⁽ᴸ⁾ = ∇ₐE = 2(a − y), no σ′(z)
    d_L = 2 * (deep.as_[e][3][1] - deep.Y[e][1])
    assert "drop_g_prime" in diagnosed(deep, Cell(kind="delta", k=3, i=1, example=e), d_L)
    # and the gradient that δ⁽ᴸ⁾ gives: (1/m) Σₑ 2(aᵢ − yᵢ) aⱼ⁽²⁾
    grad = sum(2 * (deep.as_[n][3][1] - deep.Y[n][1]) * deep.as_[n][2][0] for n in range(3)) / 3
    assert "drop_g_prime" in diagnosed(deep, Cell(kind="grad_w", k=3, i=1, j=0), grad)


def test_forgetting_the_transpose_is_diagnosed(deep):
    e, i = 0, 1
    # δᵢ⁽¹⁾ = Σ_β θ_iβ⁽²⁾ δ_β⁽²⁾ g′(zᵢ⁽¹⁾): θ⁽²⁾ used as it stands, not transposed
    wrong = (
        sum(deep.W[1][i][b] * deep.ds[e][2][b] for b in range(3))
        * g_prime("sigmoid", deep.zs[e][1])[i]
    )
    found = diagnosed(deep, Cell(kind="delta", k=1, i=i, example=e), wrong)
    assert set(found) == {"no_transpose"}


def test_g_prime_of_a_is_diagnosed(deep):
    e, i = 2, 0
    back = sum(deep.W[2][b][i] * deep.ds[e][3][b] for b in range(2))
    wrong = back * (1 - np.tanh(deep.as_[e][2][i]) ** 2)  # tanh′ at a, not at z
    found = diagnosed(deep, Cell(kind="delta", k=2, i=i, example=e), wrong)
    assert set(found) == {"g_prime_of_a"}
    assert found["g_prime_of_a"].title == BUGS["g_prime_of_a"].title
    # one step wrong, with δ⁽²⁾ read right off the page: σ′ at a⁽¹⁾ = σ(a)(1 − σ(a)) (5% away
    # from the value of the whole pass with g′(a), which also bends δ⁽²⁾)
    s = g("sigmoid", deep.as_[e][1])
    back_1 = sum(deep.W[1][b][0] * deep.ds[e][2][b] for b in range(3))
    found = diagnosed(deep, Cell(kind="delta", k=1, i=0, example=e), back_1 * (s * (1 - s))[0])
    assert "g_prime_of_a" in found
    # and with g′ dropped at that one step only
    assert "drop_g_prime" in diagnosed(deep, Cell(kind="delta", k=1, i=0, example=e), back_1)


def test_a_flipped_sign_is_diagnosed(deep):
    found = diagnosed(deep, Cell(kind="delta", k=3, i=0, example=1), -deep.ds[1][3][0])
    assert set(found) == {"flip_sign"}
    found = diagnosed(deep, Cell(kind="grad_w", k=1, i=2, j=1), -deep.gw[1][2, 1])
    assert set(found) == {"flip_sign"}


def test_the_sum_instead_of_the_mean_is_diagnosed(deep):
    total = sum(deep.ds[e][2][1] * deep.as_[e][1][2] for e in range(3))
    found = diagnosed(deep, Cell(kind="grad_w", k=2, i=1, j=2), total)
    assert set(found) == {"skip_mean"}
    assert found["skip_mean"].title == BUGS["skip_mean"].title
    total_b = sum(deep.ds[e][3][0] for e in range(3))
    assert set(diagnosed(deep, Cell(kind="grad_b", k=3, i=0), total_b)) == {"skip_mean"}


def test_one_example_instead_of_the_mean_is_diagnosed(deep):
    one = deep.ds[1][1][0] * deep.X[1][1]
    found = diagnosed(deep, Cell(kind="grad_w", k=1, i=0, j=1), one)
    assert set(found) == {"one_example"}
    assert found["one_example"].value == pytest.approx(one, rel=1e-9)
    found = diagnosed(deep, Cell(kind="grad_b", k=2, i=2), deep.ds[0][2][2])
    assert set(found) == {"one_example"}


def test_forward_slips_are_diagnosed(deep):
    e = 2
    no_bias = sum(deep.W[0][1][j] * deep.X[e][j] for j in range(2))
    assert set(diagnosed(deep, Cell(kind="z", k=1, i=1, example=e), no_bias)) == {"no_bias"}
    sigma = g("sigmoid", np.array([no_bias]))[0]
    assert set(diagnosed(deep, Cell(kind="a", k=1, i=1, example=e), sigma)) == {"no_bias"}
    swapped = sum(deep.W[1][j][0] * deep.as_[e][1][j] for j in range(3)) + deep.B[1][0]
    found = diagnosed(deep, Cell(kind="z", k=2, i=0, example=e), swapped)
    assert set(found) == {"swapped_indices"}
    found = diagnosed(deep, Cell(kind="a", k=2, i=2, example=e), deep.zs[e][2][2])
    assert set(found) == {"z_for_a"}


def test_several_matching_mistakes_are_all_listed():
    """x₀ = 0 in the second example: its term of the sum vanishes, so the sum over the batch and
    the first example alone give the same number, twice the mean."""
    net = core.Network.from_layers([[[0.5, -0.3]]], [[0.1]], ["sigmoid"], "squared_error")
    X, Y = np.array([[1.2, 0.4], [0.0, -0.7]]), np.array([[1.0], [0.0]])
    z, a = run([[[0.5, -0.3]]], [[0.1]], ["sigmoid"], X[0])
    d0 = deltas([[[0.5, -0.3]]], ["sigmoid"], "squared_error", z, a, Y[0])[1][0]
    result = grade(net, X, Y, Cell(kind="grad_w", k=1, i=0, j=0), d0 * X[0][0])
    assert [mistake.name for mistake in result.mistake] == ["skip_mean", "one_example"]


def test_no_mistake_matches_a_random_answer_or_one_that_changes_nothing():
    net = core.Network.from_layers([[[0.5, -0.3]]], [[0.0]], ["linear"], "half_squared_error")
    X, Y = [[1.0, 2.0]], [[0.3]]
    cell = Cell(kind="z", k=1, i=0, example=0)  # z = −0.1; without the bias (0) it is the same
    assert grade(net, X, Y, cell, -0.1 * 1.5).mistake is None
    assert grade(net, X, Y, cell, 17.3).mistake is None
    # a bias of 0.005 on z = 1.005: leaving it out moves z by less than the tolerance, so it
    # explains no wrong answer, even one within 1% of 1.0
    tiny = core.Network.from_layers([[[1.0]]], [[0.005]], ["linear"], "half_squared_error")
    assert grade(tiny, [[1.0]], [[0.0]], cell, 0.991).mistake is None
    # m = 1: the sum is the mean, so it is no diagnosis of a wrong answer, and the answer is right
    right = grade(net, X, Y, Cell(kind="grad_b", k=1, i=0), -0.4)
    assert right.correct and right.mistake is None


# ---- quiz --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def quiz_net():
    weights, biases, acts, loss, X, Y = random_problem(
        [3, 4, 4, 2], ["tanh", "sigmoid", "sigmoid"], "binary_cross_entropy", 5, seed=3
    )
    return core.Network.from_layers(weights, biases, acts, loss), X, Y


def test_the_quiz_is_reproducible_from_its_seed(quiz_net):
    net, X, Y = quiz_net
    first = quiz(net, X, Y, seed=11)
    assert len(first) == 5 and len(set(first)) == 5
    assert quiz(net, X, Y, seed=11) == first
    # the network rebuilt from a saved copy (as a link carries it) asks the same questions
    saved = core.from_dict(json.loads(json.dumps(core.to_dict(net, X, Y))))
    assert quiz(saved.network, saved.X, saved.Y, seed=11) == first
    others = {quiz(net, X, Y, seed=s) for s in range(1, 6)}
    assert first not in others and len(others) == 5


def test_the_quiz_spreads_over_kinds_and_layers(quiz_net):
    net, X, Y = quiz_net
    for seed in range(6):
        cells = quiz(net, X, Y, n=5, seed=seed)
        assert {c.kind for c in cells} == {"z", "a", "delta", "grad_w", "grad_b"}
        assert {c.k for c in cells} == {1, 2, 3}
        for c in cells:
            cell_value(net, X, Y, c)  # every cell lies inside the network


def test_the_quiz_skips_cells_no_mistake_changes():
    """Zero biases and no square θ: forgetting b or swapping θᵢⱼ leaves z unchanged, so no
    mistake shows on a z cell, and the quiz never asks one while other cells are left."""
    net = core.Network.random([3, 4, 2], ["tanh", "sigmoid"], "squared_error", seed=0)
    X, Y = np.random.default_rng(0).uniform(-1, 1, (4, 3)), np.zeros((4, 2))
    for seed in range(8):
        assert all(c.kind != "z" for c in quiz(net, X, Y, n=6, seed=seed))
        # the turns of z go to the kinds asked least: two of each of the other four
        kinds = [c.kind for c in quiz(net, X, Y, n=8, seed=seed)]
        assert sorted(kinds) == sorted(["a", "delta", "grad_w", "grad_b"] * 2)


def test_a_tiny_network_gives_every_cell_once():
    """b = 0: z is a cell no mistake changes, asked last, but asked when nothing else is left."""
    net = core.Network.from_layers([[[0.7]]], [[0.0]], ["sigmoid"], "squared_error")
    cells = quiz(net, [[1.0]], [[0.0]], n=9, seed=0)
    assert [c.kind for c in cells][-1] == "z"
    assert sorted(c.kind for c in cells) == sorted(["z", "a", "delta", "grad_w", "grad_b"])


def test_the_quiz_draws_its_cells_at_random(quiz_net):
    """Over twenty seeds the questions reach many different cells, not the first of each kind
    and layer."""
    net, X, Y = quiz_net
    cells = {c for seed in range(20) for c in quiz(net, X, Y, seed=seed)}
    assert len(cells) > 50
    assert {c.example for c in cells if c.example is not None} == set(range(5))


@pytest.mark.parametrize("bad", [{"n": 0}, {"n": 2.5}, {"n": True}, {"seed": -1}, {"seed": "1"}])
def test_the_quiz_refuses_bad_sizes_and_seeds(quiz_net, bad):
    net, X, Y = quiz_net
    with pytest.raises(CoreError):
        quiz(net, X, Y, **{"n": 5, "seed": 0, **bad})


# ---- cells and answers that make no sense ------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "theta", "k": 1, "i": 0},
        {"kind": "grad_w", "k": 1, "i": 0},
        {"kind": "grad_b", "k": 1, "i": 0, "example": 0},
        {"kind": "z", "k": 1, "i": 0},
        {"kind": "z", "k": 1, "i": 0, "example": 0, "j": 0},
        {"kind": "a", "k": 0, "i": 0, "example": 0},
        {"kind": "a", "k": 1, "i": -1, "example": 0},
        {"kind": "a", "k": 1, "i": 1.0, "example": 0},
    ],
)
def test_a_malformed_cell_is_refused(fields):
    with pytest.raises(CoreError):
        Cell(**fields)


@pytest.mark.parametrize(
    "cell",
    [
        Cell(kind="z", k=4, i=0, example=0),
        Cell(kind="z", k=1, i=3, example=0),
        Cell(kind="delta", k=1, i=0, example=3),
        Cell(kind="grad_w", k=1, i=0, j=2),
        Cell(kind="grad_b", k=3, i=2),
    ],
)
def test_a_cell_outside_the_network_is_refused(deep, cell):
    net, X, Y = deep.net, deep.X, deep.Y
    with pytest.raises(CoreError):
        cell_value(net, X, Y, cell)


@pytest.mark.parametrize("answer", [float("nan"), float("inf"), "0.5", None, True])
def test_an_answer_that_is_no_number_is_refused(deep, answer):
    net, X, Y = deep.net, deep.X, deep.Y
    with pytest.raises(CoreError):
        grade(net, X, Y, Cell(kind="a", k=1, i=0, example=0), answer)


# ---- the first-order prediction of one step ----------------------------------------------------


def test_first_order_change_is_the_tangent_of_the_actual_change():
    W, B, acts, loss, X, Y = random_problem(
        [2, 3, 2], ["tanh", "sigmoid"], "squared_error", 4, seed=5
    )
    net = core.Network.from_layers(W, B, acts, loss)
    bwd = core.backward(net, core.forward(net, X, Y), Y)
    _, _, _, gw, gb = reference(W, B, acts, loss, X, Y)
    norm2 = sum(np.sum(gw[k] ** 2) + np.sum(gb[k] ** 2) for k in (1, 2))
    E0 = error(W, B, acts, loss, X, Y)

    def actual(eta):
        W1 = [np.asarray(w) - eta * gw[k] for k, w in enumerate(W, start=1)]
        B1 = [np.asarray(b) - eta * gb[k] for k, b in enumerate(B, start=1)]
        return error(W1, B1, acts, loss, X, Y) - E0

    gaps = []
    for eta in (1e-2, 1e-3, 1e-4):
        predicted = first_order_change(net, bwd, eta)
        assert predicted == pytest.approx(-eta * norm2, rel=1e-10)
        gaps.append(abs(actual(eta) / predicted - 1))
    assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 1e-3  # the ratio tends to 1
    big = 20.0
    assert abs(actual(big) / first_order_change(net, bwd, big) - 1) > 0.3
    doc = first_order_change.__doc__
    assert "second-order" in doc and "curvature" in doc


def test_first_order_change_refuses_a_bad_rate_or_a_foreign_trace(deep):
    net, X, Y = deep.net, deep.X, deep.Y
    bwd = core.backward(net, core.forward(net, X, Y), Y)
    for eta in (0, -0.1, float("nan"), "0.1"):
        with pytest.raises(CoreError):
            first_order_change(net, bwd, eta)
    other = core.Network.random([2, 2, 2], "sigmoid", "squared_error")
    with pytest.raises(CoreError):
        first_order_change(other, bwd, 0.1)
