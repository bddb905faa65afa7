"""Every heatmap cell the Forward and Backward pages draw is the number it claims to be.

The expected arrays come from tests/figures/reference.py (the formulas of docs/NOTATION.md in
plain numpy), never from core's traces. For each cell: its colour value, its written text, its
hover (written by cards.numbers.fmt) and its click target [kind, k, row, col]; rows are
examples for a, z and δ, and i for θ and ∂E/∂θ; columns are neurons or j. Titles and axis
titles name the layer the panel is about.
"""

import numpy as np
import pytest
from figure_checks import check_cells, heatmaps, shows
from reference import CASES, case

import core
import figures

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SYMBOL = {  # how a = g(z) names g, per docs/NOTATION.md
    "sigmoid": "σ",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
    "linear": "id",
    "softmax": "softmax",
}


def sup(k: int) -> str:
    return "⁽" + str(k).translate(_SUP) + "⁾"


def subplot_titles(layout) -> list[str]:
    return [a.text for a in layout.annotations if a.name != "equation"]


@pytest.fixture(scope="module", params=sorted(CASES))
def ref(request):
    return case(request.param, seed=1)


# ---- forward ----------------------------------------------------------------------------


def test_forward_layer_cells_titles_and_axes(ref):
    m, n = ref.X.shape[0], ref.net.sizes
    for k in range(1, ref.net.L + 1):
        fig = figures.forward_layer(ref.net, ref.fwd, k)
        a_prev, theta, z, a = heatmaps(fig)
        check_cells(fig, a_prev, ref.a[k - 1])
        check_cells(fig, theta, ref.theta[k])
        check_cells(fig, z, ref.z[k])
        check_cells(fig, a, ref.a[k])
        assert subplot_titles(fig.layout) == [
            f"a{sup(k - 1)}  ({m} × {n[k - 1]})",
            f"θ{sup(k)}  ({n[k]} × {n[k - 1]})",
            f"z{sup(k)}  ({m} × {n[k]})",
            f"a{sup(k)}  ({m} × {n[k]})",
        ]
        assert [h.name for h in (a_prev, theta, z, a)] == [
            f"a{sup(k - 1)}",
            f"θ{sup(k)}",
            f"z{sup(k)}",
            f"a{sup(k)}",
        ]
        lay = fig.layout
        assert lay.xaxis.title.text == f"neuron j (layer {k - 1})"
        assert (lay.xaxis2.title.text, lay.yaxis2.title.text) == (
            f"j (layer {k - 1})",
            f"i (layer {k})",
        )
        assert lay.xaxis3.title.text == lay.xaxis4.title.text == f"neuron i (layer {k})"
        assert lay.yaxis.title.text == lay.yaxis3.title.text == "example"
        for h, axis in zip((a_prev, theta, z, a), ("xaxis", "xaxis2", "xaxis3", "xaxis4")):
            assert f"{lay[axis].title.text}: %{{x}}" in h.hovertemplate  # hover names the column
        g = SYMBOL[ref.net.activations[k]]
        assert f"a{sup(k)} = {g}(z{sup(k)})" in lay.title.text
        assert f"z{sup(k)} = θ{sup(k)} a{sup(k - 1)} + b{sup(k)}" in lay.title.text


def test_forward_layer_window_of_64_examples_keeps_row_ids():
    r = core.Network.random([2, 3, 2], ["tanh", "sigmoid"], "squared_error", seed=0)
    X = np.random.default_rng(0).normal(size=(100, 2))
    fwd = core.forward(r, X, np.zeros((100, 2)))
    z_ref = X @ r.weights[1].T + r.biases[1]
    fig = figures.forward_layer(r, fwd, 1, example=90)
    _, _, z, _ = heatmaps(fig)
    rows = list(z.y)
    assert len(rows) == 64 and 90 in rows
    check_cells(fig, z, z_ref[rows[0] : rows[-1] + 1], rows=rows)
    # the chosen example is outlined on the three examples × neurons panels (not on θ)
    assert sorted((s.yref, (s.y0 + s.y1) / 2) for s in fig.layout.shapes) == [
        ("y", 90),
        ("y3", 90),
        ("y4", 90),
    ]


def test_output_summary_outputs_targets_and_error(ref):
    fig = figures.output_summary(ref.fwd)
    L, n_out = ref.net.L, ref.net.sizes[-1]
    sub = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
    by_name = {t.name: t for t in fig.data if t.name}
    for j in range(n_out):
        out = by_name[f"output a{str(j).translate(sub)}{sup(L)}"]
        target = by_name[f"target y{str(j).translate(sub)}"]
        assert np.allclose(out.y, ref.a[L][:, j], rtol=6e-4)
        assert np.allclose(target.y, ref.Y[:, j], rtol=6e-4)
        assert all(shows(t, v) for t, v in zip(out.text, ref.a[L][:, j]))
        assert all(shows(t, v) for t, v in zip(target.text, ref.Y[:, j]))
        assert "%{text}" in out.hovertemplate and "%{text}" in target.hovertemplate
        assert out.marker.color == target.marker.color  # output j and its target: one colour
    colours = {t.marker.color for t in fig.data if t.name and t.name.startswith("output")}
    assert len(colours) == n_out
    written = fig.layout.title.text.split("E = ")[1].split()[0]
    assert shows(written, ref.E, digits=6)


# ---- backward ---------------------------------------------------------------------------


def test_backward_layer_cells_click_targets_titles_and_axes(ref):
    m, n = ref.X.shape[0], ref.net.sizes
    for k in range(1, ref.net.L + 1):
        fig = figures.backward_layer(ref.net, ref.fwd, ref.bwd, k)
        delta, grad_w, grad_b = heatmaps(fig)
        check_cells(fig, delta, ref.delta[k], click="delta", k=k)
        check_cells(fig, grad_w, ref.grad_w[k], click="grad_w", k=k)
        check_cells(fig, grad_b, ref.grad_b[k][:, None], click="grad_b", k=k)
        assert subplot_titles(fig.layout) == [
            f"δ{sup(k)}  ({m} × {n[k]})",
            f"∂E/∂θ{sup(k)}  ({n[k]} × {n[k - 1]})",
            f"∂E/∂b{sup(k)}  ({n[k]} × 1)",
        ]
        lay = fig.layout
        assert (lay.xaxis.title.text, lay.yaxis.title.text) == (f"neuron i (layer {k})", "example")
        assert (lay.xaxis2.title.text, lay.yaxis2.title.text) == (
            f"j (layer {k - 1})",
            f"i (layer {k})",
        )
        assert lay.yaxis3.title.text == f"i (layer {k})" and list(lay.xaxis3.ticktext) == ["b"]
        assert f"Step k = {k}: δ{sup(k)}" in lay.title.text
        assert f"aⱼ{sup(k - 1)} δᵢ{sup(k)}" in lay.title.text


def test_backward_layer_not_clickable_hovers_the_cells(ref):
    k = ref.net.L
    fig = figures.backward_layer(ref.net, ref.fwd, ref.bwd, k, clickable=False)
    delta, grad_w, grad_b = heatmaps(fig)
    check_cells(fig, delta, ref.delta[k])
    check_cells(fig, grad_w, ref.grad_w[k])
    check_cells(fig, grad_b, ref.grad_b[k][:, None])


def test_backward_colour_ranges(ref):
    L = ref.net.L
    d_all = max(np.abs(ref.delta[k]).max() for k in range(1, L + 1))
    g_all = max(
        max(np.abs(ref.grad_w[k]).max(), np.abs(ref.grad_b[k]).max()) for k in range(1, L + 1)
    )
    for k in range(1, L + 1):
        shared = heatmaps(figures.backward_layer(ref.net, ref.fwd, ref.bwd, k))
        assert [h.zmax for h in shared] == pytest.approx([d_all, g_all, g_all], rel=1e-12)
        own = heatmaps(figures.backward_layer(ref.net, ref.fwd, ref.bwd, k, shared_scale=False))
        g_k = max(np.abs(ref.grad_w[k]).max(), np.abs(ref.grad_b[k]).max())
        assert [h.zmax for h in own] == pytest.approx(
            [np.abs(ref.delta[k]).max(), g_k, g_k], rel=1e-12
        )
        assert all(h.zmin == -h.zmax and h.zmid == 0 for h in shared + own)


# ---- animation --------------------------------------------------------------------------

# Equation (1) for the output pairs of the cases, per docs/NOTATION.md
EQ1 = {
    "sigmoid": "(1) δ⁽ᴸ⁾ = ∇ₐE ⊙ g′(z⁽ᴸ⁾)",
    "linear": "(1) δ⁽ᴸ⁾ = ∇ₐE ⊙ g′(z⁽ᴸ⁾)",
    "softmax": "(1) δ⁽ᴸ⁾ = J_softmax(z⁽ᴸ⁾)ᵀ ∇ₐE",
}
A_MINUS_Y = {("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")}


def test_animation_frame_k_shows_layer_k(ref):
    net, L = ref.net, ref.net.L
    fig = figures.backward_animation(net, ref.fwd, ref.bwd)
    assert [f.name for f in fig.frames] == [f"k={k}" for k in range(L, 0, -1)]
    for frame, k in zip(fig.frames, range(L, 0, -1)):
        delta, grad_w, grad_b = heatmaps(frame)
        check_cells(fig, delta, ref.delta[k])
        check_cells(fig, grad_w, ref.grad_w[k])
        check_cells(fig, grad_b, ref.grad_b[k][:, None])
        titles = subplot_titles(frame.layout)
        assert titles[-3:] == [
            f"δ{sup(k)}  ({ref.X.shape[0]} × {net.sizes[k]})",
            f"∂E/∂θ{sup(k)}  ({net.sizes[k]} × {net.sizes[k - 1]})",
            f"∂E/∂b{sup(k)}  ({net.sizes[k]} × 1)",
        ]
        lay = frame.layout
        assert lay.xaxis2.title.text == f"neuron i (layer {k})"
        assert (lay.xaxis3.title.text, lay.yaxis3.title.text) == (
            f"j (layer {k - 1})",
            f"i (layer {k})",
        )
        (eq,) = [a.text for a in lay.annotations if a.name == "equation"]
        if k == L:
            out = net.activations[L]
            assert f"k = L = {L}" in eq and EQ1[out] in eq
            assert ("a⁽ᴸ⁾ − y" in eq) == ((out, net.loss) in A_MINUS_Y)
        else:
            assert f"<b>k = {k}</b>" in eq and "(2) δ⁽ᵏ⁾ = (θ⁽ᵏ⁺¹⁾ᵀ δ⁽ᵏ⁺¹⁾) ⊙ g′(z⁽ᵏ⁾)" in eq
        # the diagram highlights layer k: the band, full opacity, and a ring on each neuron
        (band,) = lay.shapes
        assert band.yref == "y domain"  # the diagram's own height, not the heatmaps below
        assert k - 1 - 0.5 < band.x0 < k - 1 and k < band.x1 < k + 0.5
        (neurons,) = [t for t in frame.data if t.name == "neurons"]
        assert [o == 1.0 for o in neurons.marker.opacity] == [x == k for x in neurons.x]
        (rings,) = [t for t in frame.data if t.name == "highlighted neurons"]
        assert list(rings.x) == [k] * net.sizes[k]


# ---- gradients --------------------------------------------------------------------------


def test_per_example_gradients_cells(ref):
    m = ref.X.shape[0]
    for k in range(1, ref.net.L + 1):
        fig = figures.per_example_gradients(ref.fwd, ref.bwd, k, max_examples=3)
        panels = heatmaps(fig)
        assert len(panels) == min(m, 3) + 1
        for e, panel in enumerate(panels[:-1]):
            check_cells(fig, panel, np.outer(ref.delta[k][e], ref.a[k - 1][e]))
            assert f"example {e}" in panel.name and f"δᵢ{sup(k)}" in panel.name
            assert "i (layer" in panel.hovertemplate and f"j (layer {k - 1})" in panel.hovertemplate
        check_cells(fig, panels[-1], ref.grad_w[k])
        assert panels[-1].name == f"∂E/∂θ{sup(k)}"
        assert len({h.zmax for h in panels}) == 1
        assert fig.layout.xaxis.title.text == f"j (layer {k - 1})"
        assert fig.layout.yaxis.title.text == f"i (layer {k})"


def test_update_comparison_cells(ref):
    rate = 0.3
    new = core.sgd_step(ref.net, ref.bwd, rate)
    for k in range(1, ref.net.L + 1):
        fig = figures.update_comparison(ref.net, new, k)
        before, after, change = heatmaps(fig)
        check_cells(fig, before, ref.theta[k])
        check_cells(fig, after, ref.theta[k] - rate * ref.grad_w[k])
        check_cells(fig, change, -rate * ref.grad_w[k])
        assert subplot_titles(fig.layout)[0].startswith(f"θ{sup(k)} before")
        assert fig.layout.xaxis.title.text == f"j (layer {k - 1})"
        assert fig.layout.yaxis.title.text == f"i (layer {k})"


# ---- the generic heatmap ----------------------------------------------------------------


def test_heatmap_cells_and_click_targets():
    values = np.random.default_rng(3).normal(size=(70, 3)) * np.array([1e-7, 1.0, 300.0])
    values[2, 1] = 0.0
    fig = figures.heatmap(
        values, title="∂E/∂x", x_title="input j", y_title="example", click_kind="x", k=0
    )
    (h,) = heatmaps(fig)
    check_cells(fig, h, values[:64], click="x", k=0)
    fig = figures.heatmap(values[:4], title="θ⁽²⁾", x_title="j (layer 1)", y_title="i (layer 2)")
    (h,) = heatmaps(fig)
    check_cells(fig, h, values[:4])
    assert h.hovertemplate.startswith("i (layer 2): %{y}<br>j (layer 1): %{x}<br>θ⁽²⁾ = ")
