"""The classic 2-2-2 worked example, computed by hand from the formulas (scalars only)."""

import math

import pytest

import core

x1, x2, y1, y2 = 0.05, 0.10, 0.01, 0.99
w1, w2, w3, w4 = 0.15, 0.20, 0.25, 0.30  # θ⁽¹⁾ = [[w1, w2], [w3, w4]]
w5, w6, w7, w8 = 0.40, 0.45, 0.50, 0.55  # θ⁽²⁾ = [[w5, w6], [w7, w8]]
b1, b2 = 0.35, 0.60


def s(z):
    return 1 / (1 + math.exp(-z))


# forward, neuron by neuron
z_h1, z_h2 = w1 * x1 + w2 * x2 + b1, w3 * x1 + w4 * x2 + b1
h1, h2 = s(z_h1), s(z_h2)
z_o1, z_o2 = w5 * h1 + w6 * h2 + b2, w7 * h1 + w8 * h2 + b2
o1, o2 = s(z_o1), s(z_o2)
E = 0.5 * (y1 - o1) ** 2 + 0.5 * (y2 - o2) ** 2
# equation (1): δ = (a − y) σ′(z), σ′ = a(1 − a)
d_o1, d_o2 = (o1 - y1) * o1 * (1 - o1), (o2 - y2) * o2 * (1 - o2)
# equation (2): the sum over the two connections leaving each hidden neuron
d_h1 = (w5 * d_o1 + w7 * d_o2) * h1 * (1 - h1)
d_h2 = (w6 * d_o1 + w8 * d_o2) * h2 * (1 - h2)


@pytest.fixture(scope="module")
def traces():
    p = core.preset("worked-2-2-2")
    fwd = core.forward(p.network, p.X, p.Y)
    return p, fwd, core.backward(p.network, fwd, p.Y)


def test_forward_values(traces):
    _, fwd, _ = traces
    assert fwd.z[1][0] == pytest.approx([z_h1, z_h2], rel=1e-14)
    assert fwd.a[1][0] == pytest.approx([h1, h2], rel=1e-14)
    assert fwd.output[0] == pytest.approx([o1, o2], rel=1e-14)
    assert fwd.loss == pytest.approx(E, rel=1e-14)


def test_published_numbers(traces):
    _, fwd, bwd = traces
    assert fwd.loss == pytest.approx(0.298371109, abs=1e-9)
    assert fwd.output[0] == pytest.approx([0.75136507, 0.772928465], abs=1e-8)
    assert bwd.grad_weights[2][0, 0] == pytest.approx(0.082167041, abs=1e-9)  # ∂E/∂w5


def test_deltas_and_gradients(traces):
    _, _, bwd = traces
    assert bwd.delta[2][0] == pytest.approx([d_o1, d_o2], rel=1e-12)
    assert bwd.delta[1][0] == pytest.approx([d_h1, d_h2], rel=1e-12)
    # equation (3): ∂E/∂θᵢⱼ = aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾
    expected_2 = [[h1 * d_o1, h2 * d_o1], [h1 * d_o2, h2 * d_o2]]
    expected_1 = [[x1 * d_h1, x2 * d_h1], [x1 * d_h2, x2 * d_h2]]
    for got, want in ((bwd.grad_weights[2], expected_2), (bwd.grad_weights[1], expected_1)):
        for i in range(2):
            assert list(got[i]) == pytest.approx(want[i], rel=1e-12)
    assert list(bwd.grad_biases[2]) == pytest.approx([d_o1, d_o2], rel=1e-12)
    assert list(bwd.grad_biases[1]) == pytest.approx([d_h1, d_h2], rel=1e-12)
    assert list(bwd.grad_input[0]) == pytest.approx(
        [w1 * d_h1 + w3 * d_h2, w2 * d_h1 + w4 * d_h2], rel=1e-12
    )


def test_one_sgd_step_matches_the_published_update(traces):
    p, _, bwd = traces
    new = core.sgd_step(p.network, bwd, 0.5)
    assert new.weights[2][0, 0] == pytest.approx(0.35891648, abs=1e-8)
    assert new.weights[1][0, 0] == pytest.approx(0.149780716, abs=1e-9)
    assert new.weights[2][0, 0] == pytest.approx(w5 - 0.5 * h1 * d_o1, rel=1e-14)
    assert new.biases[2][1] == pytest.approx(b2 - 0.5 * d_o2, rel=1e-14)
    assert p.network.weights[2][0, 0] == w5  # the old network is untouched
    fwd_new = core.forward(new, p.X, p.Y)
    assert fwd_new.loss < E
