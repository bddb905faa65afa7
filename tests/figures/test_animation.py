import numpy as np
import pytest
from figure_checks import close, heatmaps

import figures


def frame_heatmaps(frame):
    return [t for t in frame.data if t.type == "heatmap"]


def test_one_frame_per_layer_from_L_down(small, medium):
    for case in (small, medium):
        L = case.net.L
        fig = figures.backward_animation(case.net, case.fwd, case.bwd)
        assert len(fig.frames) == L
        assert [f.name for f in fig.frames] == [f"k={k}" for k in range(L, 0, -1)]
        (slider,) = fig.layout.sliders
        assert [s.label for s in slider.steps] == [f"k = {k}" for k in range(L, 0, -1)]
        assert [list(s.args[0]) for s in slider.steps] == [[f"k={k}"] for k in range(L, 0, -1)]
        assert slider.active == 0


def test_frames_show_the_backward_trace(medium):
    net, bwd = medium.net, medium.bwd
    fig = figures.backward_animation(net, medium.fwd, bwd)
    for frame, k in zip(fig.frames, range(net.L, 0, -1)):
        delta, grad_w, grad_b = frame_heatmaps(frame)
        assert close(delta.z, bwd.delta[k][:64])
        assert close(grad_w.z, bwd.grad_weights[k])
        assert close(grad_b.z, bwd.grad_biases[k][:, None])
        for t, index in zip(frame.data, frame.traces):
            assert fig.data[index].type == t.type  # each frame updates the right traces


def test_initial_figure_is_frame_L(small):
    fig = figures.backward_animation(small.net, small.fwd, small.bwd)
    first = fig.frames[0]
    for t, index in zip(first.data, first.traces):
        if t.type == "heatmap":
            assert np.array_equal(np.asarray(fig.data[index].z), np.asarray(t.z))
    assert [a.text for a in fig.layout.annotations] == [a.text for a in first.layout.annotations]


def ranges(fig):
    return [[(h.zmin, h.zmax) for h in frame_heatmaps(f)] for f in fig.frames]


def test_shared_colour_range_identical_in_every_frame(medium):
    fig = figures.backward_animation(medium.net, medium.fwd, medium.bwd, shared_scale=True)
    per_frame = ranges(fig)
    assert all(r == per_frame[0] for r in per_frame)
    for zmin, zmax in per_frame[0]:
        assert zmin == -zmax > -np.inf
    bwd = medium.bwd
    d_max = max(np.abs(bwd.delta[k][:64]).max() for k in range(1, medium.net.L + 1))
    assert per_frame[0][0][1] == d_max


def test_per_layer_colour_range(medium):
    net, bwd = medium.net, medium.bwd
    fig = figures.backward_animation(net, medium.fwd, bwd, shared_scale=False)
    per_frame = ranges(fig)
    assert len({r[0] for r in per_frame}) == net.L
    for r, k in zip(per_frame, range(net.L, 0, -1)):
        assert r[0][1] == np.abs(bwd.delta[k][:64]).max()


def equation(frame) -> str:
    (eq,) = [a.text for a in frame.layout.annotations if a.name == "equation"]
    return eq


def test_equation_of_each_step(small, largest):
    fig = figures.backward_animation(small.net, small.fwd, small.bwd)
    texts = [equation(f) for f in fig.frames]
    assert "(1) δ⁽ᴸ⁾ = ∇ₐE ⊙ g′(z⁽ᴸ⁾)" in texts[0]
    assert "a⁽ᴸ⁾ − y" in texts[0]  # sigmoid with binary cross-entropy: the fused delta
    for text in texts[1:]:
        assert "(2) δ⁽ᵏ⁾ = (θ⁽ᵏ⁺¹⁾ᵀ δ⁽ᵏ⁺¹⁾) ⊙ g′(z⁽ᵏ⁾)" in text
    assert all("(3) ∂E/∂θᵢⱼ⁽ᵏ⁾ = aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾" in t for t in texts)
    fig = figures.backward_animation(largest.net, largest.fwd, largest.bwd)
    assert "(1) δ⁽ᴸ⁾ = J_softmax(z⁽ᴸ⁾)ᵀ ∇ₐE" in equation(fig.frames[0])


def test_diagram_highlights_layer_k(small):
    fig = figures.backward_animation(small.net, small.fwd, small.bwd)
    for frame, k in zip(fig.frames, range(small.net.L, 0, -1)):
        (band,) = frame.layout.shapes
        assert band.x0 < k - 0.5 and band.x1 > k  # over layer k and its incoming connections
        (neurons,) = [t for t in frame.data if t.name == "neurons"]
        for x, opacity in zip(neurons.x, neurons.marker.opacity):
            assert (opacity == 1.0) == (x == k)


def test_play_pause_buttons(worked):
    fig = figures.backward_animation(worked.net, worked.fwd, worked.bwd)
    (menu,) = fig.layout.updatemenus
    play, pause = menu.buttons
    assert play.method == pause.method == "animate"
    assert play.args[0] is None and play.args[1]["frame"] == {"duration": 1000, "redraw": True}
    assert list(pause.args[0]) == [None]


def test_largest_network_json_under_1_mb(largest):
    fig = figures.backward_animation(largest.net, largest.fwd, largest.bwd)
    assert len(fig.frames) == 9
    assert len(fig.to_json()) <= 1_000_000
    for frame in fig.frames:
        for h in frame_heatmaps(frame):
            z = np.asarray(h.z)
            assert z.shape[0] <= 64
            if max(z.shape) > 12:
                assert h.text is None and not h.texttemplate


@pytest.mark.parametrize("case", ["worked", "small", "medium"])
def test_builds(case, request):
    c = request.getfixturevalue(case)
    fig = figures.backward_animation(c.net, c.fwd, c.bwd, shared_scale=False)
    assert fig.layout.height <= 900 and fig.layout.width is None
    assert len(heatmaps(fig)) == 3
