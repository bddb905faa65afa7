"""backward against central differences of an independent E, over random architectures."""

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reference import central_difference, error, layer, run

import core

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
PAIRS = core.valid_pairs()
RTOL, ATOL = 1e-5, 1e-7


@st.composite
def problems(draw):
    """A random network for one valid (output activation, loss) pair, with data and targets."""
    g_out, loss = draw(st.sampled_from(PAIRS))
    hidden = draw(st.lists(st.integers(1, 4), min_size=0, max_size=3))
    n_in = draw(st.integers(1, 3))
    n_out = draw(st.integers(2 if g_out == "softmax" else 1, 3))
    sizes = [n_in, *hidden, n_out]
    acts = [draw(st.sampled_from(HIDDEN)) for _ in hidden] + [g_out]
    m = draw(st.integers(1, 3))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0, 0.8, (sizes[k], sizes[k - 1])) for k in range(1, len(sizes))]
    biases = [rng.normal(0, 0.5, sizes[k]) for k in range(1, len(sizes))]
    X = rng.normal(0, 1, (m, n_in))
    if loss == "cross_entropy":
        Y = np.array([layer("softmax", rng.normal(0, 1, n_out)) for _ in range(m)])
    elif loss == "binary_cross_entropy":
        Y = rng.uniform(0, 1, (m, n_out))
    else:
        Y = rng.normal(0, 1, (m, n_out))
    return weights, biases, acts, loss, X, Y


def away_from_kinks(weights, biases, acts, X):
    """ReLU's derivative jumps at z = 0: finite differences across it are meaningless."""
    net = core.Network.from_layers(
        weights,
        biases,
        acts,
        "half_squared_error",
    )
    fwd = core.forward(net, X)
    return all(
        np.abs(fwd.z[k]).min() > 1e-3
        for k in range(1, net.L + 1)
        if acts[k - 1] in ("relu", "leaky_relu")
    )


def close(analytic, numeric):
    np.testing.assert_allclose(analytic, numeric, rtol=RTOL, atol=ATOL)


@settings(max_examples=80, deadline=None)
@given(problems())
def test_weight_and_bias_gradients_match_finite_differences(problem):
    weights, biases, acts, loss, X, Y = problem
    assume(away_from_kinks(weights, biases, acts, X))
    net = core.Network.from_layers(weights, biases, acts, loss)
    bwd = core.backward(net, core.forward(net, X, Y), Y)
    W = [np.array(w) for w in weights]
    B = [np.array(b) for b in biases]

    def E():
        return error(W, B, acts, loss, X, Y)

    for k in range(1, net.L + 1):
        close(bwd.grad_weights[k], central_difference(E, W[k - 1]))
        close(bwd.grad_biases[k], central_difference(E, B[k - 1]))


@settings(max_examples=60, deadline=None)
@given(problems())
def test_input_gradient_is_per_example(problem):
    weights, biases, acts, loss, X, Y = problem
    assume(away_from_kinks(weights, biases, acts, X))
    net = core.Network.from_layers(weights, biases, acts, loss)
    bwd = core.backward(net, core.forward(net, X, Y), Y)
    for e in range(len(X)):
        x = np.array(X[e])

        def E_e(x=x, e=e):
            return error(weights, biases, acts, loss, [x], [Y[e]])

        close(bwd.grad_input[e], central_difference(E_e, x))


@settings(max_examples=40, deadline=None)
@given(problems())
def test_forward_agrees_with_the_reference(problem):
    weights, biases, acts, loss, X, Y = problem
    net = core.Network.from_layers(weights, biases, acts, loss)
    fwd = core.forward(net, X, Y)
    for e in range(len(X)):
        np.testing.assert_allclose(
            fwd.output[e], run(weights, biases, acts, X[e]), rtol=1e-12, atol=1e-14
        )
    np.testing.assert_allclose(fwd.loss, error(weights, biases, acts, loss, X, Y), rtol=1e-10)


@settings(max_examples=40, deadline=None)
@given(problems())
def test_delta_is_each_examples_own_dE_dz(problem):
    """δ⁽ᴸ⁾ row e = ∂E(xₑ, yₑ)/∂z⁽ᴸ⁾ₑ: perturb z⁽ᴸ⁾ of one example through the output bias."""
    weights, biases, acts, loss, X, Y = problem
    assume(away_from_kinks(weights, biases, acts, X))
    net = core.Network.from_layers(weights, biases, acts, loss)
    bwd = core.backward(net, core.forward(net, X, Y), Y)
    for e in range(len(X)):
        b_L = np.array(biases[-1])

        def E_e(b_L=b_L, e=e):
            return error(
                weights[:-1] + [weights[-1]], biases[:-1] + [b_L], acts, loss, [X[e]], [Y[e]]
            )

        # z⁽ᴸ⁾ = θ a + b, so ∂E/∂b⁽ᴸ⁾ of one example's error is its δ⁽ᴸ⁾
        close(bwd.delta[net.L][e], central_difference(E_e, b_L))


def test_every_activation_derivative_matches_finite_differences():
    z = np.linspace(-4, 4, 41)[None, :] + 0.013  # avoid ReLU's kink at 0
    for name, act in core.ACTIVATIONS.items():
        if not act.elementwise:
            continue
        h = 1e-6
        numeric = (act.g(z + h) - act.g(z - h)) / (2 * h)
        np.testing.assert_allclose(
            act.g_prime(z, act.g(z)), numeric, rtol=1e-6, atol=1e-9, err_msg=name
        )


def test_softmax_jacobian_matches_finite_differences():
    from core.activations import softmax, softmax_jacobian

    z = np.array([[0.3, -1.2, 2.0, 0.1]])
    J = softmax_jacobian(softmax(z))[0]
    h = 1e-6
    for q in range(z.shape[1]):
        dz = np.zeros_like(z)
        dz[0, q] = h
        column = (softmax(z + dz) - softmax(z - dz))[0] / (2 * h)
        np.testing.assert_allclose(J[:, q], column, rtol=1e-6, atol=1e-10)


def test_every_loss_gradient_matches_finite_differences():
    rng = np.random.default_rng(3)
    a = rng.uniform(0.1, 0.9, (3, 4))
    y = np.array([layer("softmax", r) for r in rng.normal(size=(3, 4))])
    for name, loss in core.LOSSES.items():
        numeric = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            up, down = a.copy(), a.copy()
            up[idx] += 1e-6
            down[idx] -= 1e-6
            numeric[idx] = (loss.value(up, y) - loss.value(down, y))[idx[0]] / 2e-6
        np.testing.assert_allclose(loss.grad_a(a, y), numeric, rtol=1e-6, err_msg=name)
