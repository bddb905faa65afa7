"""The classic 2-2-2 worked example (preset "worked-2-2-2"), computed here by hand from the
formulas of docs/NOTATION.md: scalars and math.exp only, no matrices, no core calls.

x = (0.05, 0.10), y = (0.01, 0.99), θ⁽¹⁾ = [[.15, .20], [.25, .30]], b⁽¹⁾ = (.35, .35),
θ⁽²⁾ = [[.40, .45], [.50, .55]], b⁽²⁾ = (.60, .60), sigmoid layers, half squared error.
The published names: w1..w4 are θ⁽¹⁾ row by row, w5..w8 are θ⁽²⁾ row by row.
"""

import math

import pytest

import core

x1, x2 = 0.05, 0.10
y1, y2 = 0.01, 0.99
w1, w2, w3, w4 = 0.15, 0.20, 0.25, 0.30
w5, w6, w7, w8 = 0.40, 0.45, 0.50, 0.55
b11, b12 = 0.35, 0.35
b21, b22 = 0.60, 0.60
ETA = 0.5


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


# forward: z = θ a + b, neuron by neuron
z11 = w1 * x1 + w2 * x2 + b11
z12 = w3 * x1 + w4 * x2 + b12
a11, a12 = sigmoid(z11), sigmoid(z12)
z21 = w5 * a11 + w6 * a12 + b21
z22 = w7 * a11 + w8 * a12 + b22
a21, a22 = sigmoid(z21), sigmoid(z22)
E = 0.5 * (y1 - a21) ** 2 + 0.5 * (y2 - a22) ** 2

# (1) δ⁽²⁾ = ∂E/∂a ⊙ σ′(z), with ∂E/∂a = a − y and σ′ = a(1 − a)
d21 = (a21 - y1) * a21 * (1 - a21)
d22 = (a22 - y2) * a22 * (1 - a22)
# (2) δᵢ⁽¹⁾ = Σ_β θ_βᵢ⁽²⁾ δ_β⁽²⁾ σ′(zᵢ⁽¹⁾): the two connections leaving hidden neuron i
d11 = (w5 * d21 + w7 * d22) * a11 * (1 - a11)
d12 = (w6 * d21 + w8 * d22) * a12 * (1 - a12)
# (3) ∂E/∂θᵢⱼ⁽ᵏ⁾ = aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾ (m = 1), ∂E/∂bᵢ⁽ᵏ⁾ = δᵢ⁽ᵏ⁾
dW2 = [[a11 * d21, a12 * d21], [a11 * d22, a12 * d22]]
dW1 = [[x1 * d11, x2 * d11], [x1 * d12, x2 * d12]]
# ∂E/∂x = θ⁽¹⁾ᵀ δ⁽¹⁾
dx = [w1 * d11 + w3 * d12, w2 * d11 + w4 * d12]

REL = 1e-13


@pytest.fixture(scope="module")
def worked():
    p = core.preset("worked-2-2-2")
    fwd = core.forward(p.network, p.X, p.Y)
    return p, fwd, core.backward(p.network, fwd, p.Y)


def test_the_preset_is_the_published_network(worked):
    p, _, _ = worked
    net = p.network
    assert net.sizes == (2, 2, 2) and list(net.activations) == ["sigmoid", "sigmoid"]
    assert net.loss == "half_squared_error"
    assert net.weights[1].tolist() == [[w1, w2], [w3, w4]]
    assert net.weights[2].tolist() == [[w5, w6], [w7, w8]]
    assert net.biases[1].tolist() == [b11, b12] and net.biases[2].tolist() == [b21, b22]
    assert p.X.tolist() == [[x1, x2]] and p.Y.tolist() == [[y1, y2]]


def test_forward_values_and_error(worked):
    _, fwd, bwd = worked
    assert list(fwd.z[1][0]) == pytest.approx([z11, z12], rel=REL)
    assert list(fwd.a[1][0]) == pytest.approx([a11, a12], rel=REL)
    assert list(fwd.z[2][0]) == pytest.approx([z21, z22], rel=REL)
    assert list(fwd.a[2][0]) == pytest.approx([a21, a22], rel=REL)
    assert fwd.loss == pytest.approx(E, rel=REL)
    assert list(fwd.example_loss) == pytest.approx([E], rel=REL)
    assert bwd.loss == pytest.approx(E, rel=REL)


def test_every_delta(worked):
    _, _, bwd = worked
    assert list(bwd.delta[2][0]) == pytest.approx([d21, d22], rel=REL)
    assert list(bwd.delta[1][0]) == pytest.approx([d11, d12], rel=REL)


def test_every_weight_bias_and_input_gradient(worked):
    _, _, bwd = worked
    for k, want in ((1, dW1), (2, dW2)):
        for i in range(2):
            assert list(bwd.grad_weights[k][i]) == pytest.approx(want[i], rel=REL), (k, i)
    assert list(bwd.grad_biases[2]) == pytest.approx([d21, d22], rel=REL)
    assert list(bwd.grad_biases[1]) == pytest.approx([d11, d12], rel=REL)
    assert list(bwd.grad_input[0]) == pytest.approx(dx, rel=REL)


def test_the_published_numbers(worked):
    _, fwd, bwd = worked
    assert fwd.loss == pytest.approx(0.298371109, abs=1e-9)
    assert fwd.output[0, 0] == pytest.approx(0.75136507, abs=1e-8)
    assert fwd.output[0, 1] == pytest.approx(0.772928465, abs=1e-9)
    assert fwd.a[1][0, 0] == pytest.approx(0.593269992, abs=1e-9)
    assert fwd.a[1][0, 1] == pytest.approx(0.596884378, abs=1e-9)
    assert bwd.grad_weights[2][0, 0] == pytest.approx(0.082167041, abs=1e-9)  # ∂E/∂w5
    assert bwd.grad_weights[1][0, 0] == pytest.approx(0.000438568, abs=1e-9)  # ∂E/∂w1


def test_one_sgd_step(worked):
    p, _, bwd = worked
    new = core.sgd_step(p.network, bwd, ETA)
    # the published updates of w5 and w1 …
    assert new.weights[2][0, 0] == pytest.approx(0.35891648, abs=1e-8)
    assert new.weights[1][0, 0] == pytest.approx(0.149780716, abs=1e-9)
    # … and of the other six weights
    published = (
        [[0.149780716, 0.19956143], [0.24975114, 0.29950229]],
        [
            [0.35891648, 0.408666186],
            [0.511301270, 0.561370121],
        ],
    )
    for k in (1, 2):
        for i in range(2):
            assert list(new.weights[k][i]) == pytest.approx(published[k - 1][i], abs=1e-8)
    # θ ← θ − η ∂E/∂θ, b ← b − η ∂E/∂b with the gradients by hand
    old = {1: [[w1, w2], [w3, w4]], 2: [[w5, w6], [w7, w8]]}
    for k, grads in ((1, dW1), (2, dW2)):
        for i in range(2):
            for j in range(2):
                want = old[k][i][j] - ETA * grads[i][j]
                assert new.weights[k][i, j] == pytest.approx(want, rel=1e-15)
    assert list(new.biases[1]) == pytest.approx([b11 - ETA * d11, b12 - ETA * d12], rel=1e-15)
    assert list(new.biases[2]) == pytest.approx([b21 - ETA * d21, b22 - ETA * d22], rel=1e-15)
    # the old network is untouched, and the error went down
    assert p.network.weights[2].tolist() == [[w5, w6], [w7, w8]]
    assert p.network.biases[1].tolist() == [b11, b12]
    assert core.forward(new, p.X, p.Y).loss < E
