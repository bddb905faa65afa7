"""The Train page's history charts send a bounded number of points whatever the run's length
(issue 10 §4: every refresh resent ~95 bytes per epoch, so Pause lagged by a minute), and the
run is time-boxed and capped per session, with the real epochs per second."""

from types import SimpleNamespace

import numpy as np
import pytest
from plotly_json import sent
from streamlit.testing.v1 import AppTest

import core
import figures
from ui import training

BOUND = 1000  # points per curve the brief allows
N = 50_000


def long_history():
    """E = 1/√epoch with a spike of 9 at epoch 31,337 and the best E, 1e-6, at epoch 40,000."""
    epoch = np.arange(1, N + 1)
    E = 1 / np.sqrt(epoch)
    E[31_337 - 1] = 9.0
    E[40_000 - 1] = 1e-6
    return E


def assert_points_are_true_epochs(trace, values):
    x = np.asarray(trace.x, float)
    y = np.asarray(trace.y, float)
    assert len(x) <= BOUND
    assert x[0] == 1 and x[-1] == len(values)  # starts at epoch 1, ends at the last epoch
    assert (np.diff(x) > 0).all()
    expected = np.asarray(values, float)[x.astype(int) - 1]  # epoch e is values[e − 1]
    np.testing.assert_array_equal(y, expected)
    return x, y


def test_a_50000_epoch_error_curve_has_bounded_points_from_the_first_to_the_last_epoch():
    E = long_history()
    fig = figures.loss_curves(list(E))
    (trace,) = fig.data
    x, y = assert_points_are_true_epochs(trace, E)
    assert y[-1] == 1 / np.sqrt(N)  # the last epoch's exact E
    assert 31_337 in x and 40_000 in x  # the spike and the best E survive
    assert trace.text[-1] == "0.004472"  # the hover's exact number (1/√50000, 4 digits)
    assert len(trace.text) == len(x)


def test_every_curve_of_a_long_classification_run_is_bounded():
    rng = np.random.default_rng(0)
    E, test_E = long_history(), long_history()[: N - 7] * 1.1  # a shorter test series
    acc, test_acc = rng.uniform(0, 1, N), rng.uniform(0, 1, N - 7)
    fig = figures.loss_curves(list(E), list(test_E), list(acc), list(test_acc))
    assert len(fig.data) == 4
    for trace, values in zip(fig.data, (E, test_E, acc, test_acc)):
        assert_points_are_true_epochs(trace, values)


def test_gradient_norms_of_a_50000_epoch_run_are_bounded_with_gaps_kept():
    L = 3
    epoch = np.arange(1, N + 1)
    delta = np.column_stack([np.exp(-epoch / 1e4) * 10.0**-k for k in range(L)])
    delta[1000:2000, 2] = 0.0  # a dead layer for a while: a gap, not a tiny number
    grad = delta * 3
    fig = figures.gradient_norms(delta.tolist(), grad.tolist())
    assert len(fig.data) == 2 * L
    for n, trace in enumerate(fig.data):
        values = (delta if n < L else grad)[:, n % L]
        shown = np.where(values > 0, values, np.nan)
        x = np.asarray(trace.x, float)
        assert len(x) <= BOUND and x[0] == 1 and x[-1] == N
        np.testing.assert_array_equal(np.asarray(trace.y, float), shown[x.astype(int) - 1])
    gap = np.asarray(fig.data[2].y, float)
    assert np.isnan(gap).any()  # the dead stretch is still drawn as a gap


def test_a_short_history_is_drawn_point_by_point():
    E = [0.9, 0.5, 0.7, 0.2]
    (trace,) = figures.loss_curves(E).data
    assert list(trace.x) == [1, 2, 3, 4] and list(trace.y) == E


# ---- the time box, the caps and the real rate, in a real script run --------------------------

XOR = core.preset("xor")
SETTINGS = training.Settings(
    optimizer="sgd", learning_rate=0.5, batch_size=4, l2=0.0, max_epochs=1000, target_loss=None
)


def _script(settings):
    import streamlit as st

    from ui import state, training

    if "loaded" not in st.session_state:
        state.load_preset("xor")
        st.session_state["loaded"] = True
    st.button("Play", key="play", on_click=training.play)
    st.button("Pause", key="pause", on_click=training.pause)
    st.button("Reset", key="reset", on_click=training.reset)
    if training.run().playing:
        training.run_chunk(settings)  # one played chunk per run, as the page's fragment does
    st.session_state["seen"] = training.run()


def fake_clock(monkeypatch, times):
    """Each chunk reads the clock when it asks for the training gate, when it starts and when
    it ends: these are those readings."""
    readings = iter(times)
    monkeypatch.setattr(training, "time", SimpleNamespace(perf_counter=lambda: next(readings)))


def played(monkeypatch, times, **caps):
    for name, value in caps.items():
        monkeypatch.setattr(training, name, value)
    fake_clock(monkeypatch, times)
    at = AppTest.from_function(_script, args=(SETTINGS,), default_timeout=30).run()
    at.button(key="play").click().run()  # chunk 1
    return at


def test_the_rate_shown_is_epochs_over_the_wall_clock_not_over_computation(monkeypatch):
    # chunks compute for 0.1 s each, one second apart (drawing and sending in between)
    at = played(monkeypatch, [0.0, 0.0, 0.1, 1.0, 1.0, 1.1, 2.0, 2.0, 2.1])
    after_first = at.session_state["seen"].epochs
    assert at.session_state["seen"].wall_rate is None  # one chunk measures nothing yet
    at.run()
    at.run()
    run = at.session_state["seen"]
    assert not at.exception
    assert run.wall_rate == pytest.approx((run.epochs - after_first) / (2.1 - 0.1))
    assert run.rate == pytest.approx((run.epochs - run.clock[-2][1]) / 0.1)  # computation only
    at.button(key="pause").click().run()
    assert at.session_state["seen"].wall_rate is None  # a pause is not counted as slowness


def test_a_run_stops_at_the_epoch_cap_and_says_so(monkeypatch):
    at = played(monkeypatch, [i * 0.05 for i in range(200)], EPOCH_CAP=12)
    for _ in range(10):
        at.run()
    run = at.session_state["seen"]
    assert run.epochs == 12 and run.done and not run.playing
    assert "12 epochs" in run.message and "Reset" in run.message


def test_a_session_stops_training_after_its_seconds_even_after_reset(monkeypatch):
    # each chunk computes 0.1 s; the cap is 0.25 s, so the third chunk is the last
    times = [t for c in range(20) for t in (c * 1.0, c * 1.0, c * 1.0 + 0.1)]
    at = played(monkeypatch, times, SESSION_SECONDS=0.25)
    at.run()
    at.run()
    run = at.session_state["seen"]
    epochs = run.epochs
    assert run.done and not run.playing and "minutes of training" in run.message
    at.run()
    assert at.session_state["seen"].epochs == epochs  # nothing more
    at.button(key="reset").click().run()
    at.button(key="play").click().run()
    again = at.session_state["seen"]
    assert again.epochs == 0 and again.done and "minutes of training" in again.message


# ---- a refresh reuses the run's figures: only their numbers change ---------------------------


def test_a_refresh_reuses_the_runs_figures_with_the_new_epochs():
    from panels import train_charts

    run = training.Run()
    train_charts.history(run)  # before the first epoch
    run.loss, run.delta_norm, run.grad_norm = [1.0, 0.5], [[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0]]
    run.grad_norm.append([7.0, 8.0])
    assert not any(isinstance(f, figures.Sent) for f in train_charts.history(run))  # new curves
    run.loss += [0.25]
    run.delta_norm.append([9.0, 10.0])
    run.grad_norm.append([11.0, 12.0])
    run.sampled, run.acc = [3], [0.75]  # now classification: other curves, a new figure
    again, norms_again = train_charts.history(run)
    assert isinstance(norms_again, figures.Sent) and not isinstance(again, figures.Sent)
    ys = [t["y"] for t in sent(norms_again)["data"]]
    assert ys == [[1, 3, 9], [2, 4, 10], [5, 7, 11], [6, 8, 12]]
    assert list(again.data[1].x) == [3] and again.data[1].name.endswith("(every 10 epochs)")
    run.loss += [0.125]
    run.acc += [1.0]
    run.sampled += [4]
    latest = sent(train_charts.history(run)[0])["data"]
    assert latest[0]["y"] == [1.0, 0.5, 0.25, 0.125] and latest[1]["x"] == [3, 4]


def test_the_boundary_is_reused_only_for_the_same_data_names_and_grid():
    from panels import train_charts

    data = core.make_dataset("spiral", n=40, classes=2, seed=0)
    train_set = core.Dataset("spiral", data.X, data.Y[:, :1].copy(), "binary")
    net = core.Network.random([2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy", seed=1)
    run = training.Run()
    first = train_charts.model(net, train_set, grid=train_charts.PLAYING_GRID, run=run)
    later = core.Network.random([2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy", seed=2)
    again = train_charts.model(later, train_set, grid=train_charts.PLAYING_GRID, run=run)
    assert isinstance(again, figures.Sent) and not isinstance(first, figures.Sent)
    z = sent(again)["data"][0]["z"]
    # the second opinion: a⁽ᴸ⁾ of `later` at one cell, from the grid's own corners
    (x0, x1), (y0, y1) = core.data_range(train_set.X)
    r = train_charts.PLAYING_GRID
    x, y = x0 + 3 * (x1 - x0) / (r - 1), y0 + 5 * (y1 - y0) / (r - 1)
    expected = core.forward(later, np.array([[x, y]]), np.zeros((1, 1))).a[2][0, 0]  # L = 2
    assert z[5][3] == pytest.approx(expected, rel=1e-12)
    assert len(z) == r
    full = train_charts.model(later, train_set, run=run)  # paused: the full grid, a new figure
    assert not isinstance(full, figures.Sent) and len(full.data[0].z) == train_charts.GRID
    other = core.Dataset("spiral", data.X.copy(), train_set.Y, "binary")  # other data
    assert not isinstance(train_charts.model(later, other, run=run), figures.Sent)
