"""The backward animation's machinery: frames, slider, buttons, colour ranges, size. What each
frame shows (layer k's numbers, titles, equation, highlight) is in test_cells.py."""

import numpy as np
import pytest
from figure_checks import heatmaps

import figures


@pytest.fixture(scope="module")
def largest_animation(largest):
    return figures.backward_animation(largest.net, largest.fwd, largest.bwd)


def test_one_frame_per_layer_from_L_down(small):
    L = small.net.L
    fig = figures.backward_animation(small.net, small.fwd, small.bwd)
    assert [f.name for f in fig.frames] == [f"k={k}" for k in range(L, 0, -1)]
    (slider,) = fig.layout.sliders
    assert [s.label for s in slider.steps] == [f"k = {k}" for k in range(L, 0, -1)]
    assert [list(s.args[0]) for s in slider.steps] == [[f"k={k}"] for k in range(L, 0, -1)]
    assert slider.active == 0
    for frame in fig.frames:
        for t, index in zip(frame.data, frame.traces):
            assert fig.data[index].type == t.type  # each frame updates the right traces


def test_initial_figure_is_frame_L(small):
    fig = figures.backward_animation(small.net, small.fwd, small.bwd)
    first = fig.frames[0]
    for t, index in zip(first.data, first.traces):
        if t.type == "heatmap":
            assert np.array_equal(np.asarray(fig.data[index].z), np.asarray(t.z))
            assert fig.data[index].customdata == t.customdata
    assert [a.text for a in fig.layout.annotations] == [a.text for a in first.layout.annotations]


def ranges(fig):
    return [[(h.zmin, h.zmax) for h in heatmaps(f)] for f in fig.frames]


def test_shared_colour_range_identical_in_every_frame(medium):
    fig = figures.backward_animation(medium.net, medium.fwd, medium.bwd, shared_scale=True)
    per_frame = ranges(fig)
    assert all(r == per_frame[0] for r in per_frame)
    for zmin, zmax in per_frame[0]:
        assert zmin == -zmax > -np.inf
    # only the 64 examples drawn count for the range
    d_max = max(np.abs(medium.bwd.delta[k][:64]).max() for k in range(1, medium.net.L + 1))
    assert per_frame[0][0][1] == d_max


def test_per_layer_colour_range(medium):
    net, bwd = medium.net, medium.bwd
    per_frame = ranges(figures.backward_animation(net, medium.fwd, bwd, shared_scale=False))
    assert len({r[0] for r in per_frame}) == net.L
    for r, k in zip(per_frame, range(net.L, 0, -1)):
        assert r[0][1] == np.abs(bwd.delta[k][:64]).max()


def test_play_pause_buttons(worked):
    fig = figures.backward_animation(worked.net, worked.fwd, worked.bwd)
    (menu,) = fig.layout.updatemenus
    play, pause = menu.buttons
    assert play.method == pause.method == "animate"
    assert play.args[0] is None and play.args[1]["frame"] == {"duration": 1000, "redraw": True}
    assert list(pause.args[0]) == [None]
    assert fig.layout.height <= 900 and fig.layout.width is None


def test_largest_network_json_under_1_mb(largest_animation):
    fig = largest_animation
    assert len(fig.frames) == 9
    assert len(fig.to_json()) <= 1_000_000
    for frame in fig.frames:
        for h in heatmaps(frame):
            z = np.asarray(h.z)
            assert z.shape[0] <= 64
            if max(z.shape) > 12:
                assert h.text is None and not h.texttemplate
    (eq,) = [a.text for a in fig.frames[0].layout.annotations if a.name == "equation"]
    assert "(1) δ⁽ᴸ⁾ = J_softmax(z⁽ᴸ⁾)ᵀ ∇ₐE  =  a⁽ᴸ⁾ − y" in eq


def test_buttons_follow_plotlys_play_and_pause_recipe(worked):
    """Play runs the frames from the current one, a second per layer; Pause is plotly's
    documented pause: animate to no frame, interrupting the running animation ("immediate")."""
    fig = figures.backward_animation(worked.net, worked.fwd, worked.bwd)
    (menu,) = fig.layout.updatemenus
    assert menu.type == "buttons"
    play, pause = menu.buttons
    assert (play.label, pause.label) == ("▶ Play", "❚❚ Pause")
    assert play.args[1] == {
        "frame": {"duration": 1000, "redraw": True},
        "fromcurrent": True,
        "transition": {"duration": 0},
        "mode": "immediate",
    }
    assert pause.args[1] == {
        "frame": {"duration": 0, "redraw": False},
        "mode": "immediate",
        "transition": {"duration": 0},
    }


def test_equation_sits_top_left_above_the_plots(small):
    fig = figures.backward_animation(small.net, small.fwd, small.bwd)
    for frame in fig.frames:
        (eq,) = [a for a in frame.layout.annotations if a.name == "equation"]
        assert (eq.xref, eq.yref, eq.x, eq.xanchor) == ("paper", "paper", 0, "left")
        assert eq.y > 1 and eq.showarrow is False


def test_slider_says_the_colour_scale_and_the_rows_shown(medium):
    fig = figures.backward_animation(medium.net, medium.fwd, medium.bwd)
    (slider,) = fig.layout.sliders
    assert slider.currentvalue.prefix == "step "
    assert (
        slider.currentvalue.suffix
        == "   (same colour range for every layer — examples 0–63 of 200)"
    )
    fig = figures.backward_animation(medium.net, medium.fwd, medium.bwd, shared_scale=False)
    assert "(colours scaled per layer" in fig.layout.sliders[0].currentvalue.suffix
