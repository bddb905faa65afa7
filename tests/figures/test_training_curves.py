"""The training curves (figures/training.py) against plain-Python second opinions: which epochs
a long curve keeps, the epochs a sampled series is drawn at, and a reused figure's numbers."""

import json
import math

import numpy as np
import pytest
from plotly_json import sent

import figures
from figures.training import kept_epochs


def reference_kept(values, most):
    """Plain Python: all indices when they fit; else the first, the last, and per bucket of the
    inner indices 1 … n − 2 (cut in (most − 2) // 2 runs, the first ones one longer) the first
    index of its least and of its greatest non-NaN value, or its first index if all are NaN."""
    n = len(values)
    if n <= most:
        return list(range(n))
    buckets = (most - 2) // 2
    size, longer = divmod(n - 2, buckets)
    kept, start = {0, n - 1}, 1
    for b in range(buckets):
        idx = list(range(start, start + size + (1 if b < longer else 0)))
        start = idx[-1] + 1
        real = [i for i in idx if not math.isnan(values[i])]
        if not real:
            kept.add(idx[0])
            continue
        low = min(values[i] for i in real)
        high = max(values[i] for i in real)
        kept.add(next(i for i in real if values[i] == low))
        kept.add(next(i for i in real if values[i] == high))
    assert start == n - 1  # the buckets cover the inner indices exactly
    return sorted(kept)


def random_series(rng, n):
    v = rng.normal(size=n).round(1)  # rounded: ties within a bucket
    for special, share in ((np.nan, 0.2), (np.inf, 0.02), (-np.inf, 0.02)):
        v[rng.random(n) < share] = special
    if n > 40:
        v[10:30] = np.nan  # whole buckets of only NaN
    return v


@pytest.mark.parametrize("seed", range(12))
def test_kept_epochs_matches_a_plain_python_reference_with_nan_and_inf(seed):
    rng = np.random.default_rng(seed)
    for n, most in [(5, 10), (10, 10), (11, 10), (1001, 1000), (2503, 1000), (777, 7)]:
        n = n + int(rng.integers(0, 50)) if n > 11 else n
        v = random_series(rng, n)
        assert list(kept_epochs(v, most)) == reference_kept(list(v), most), (n, most)


def test_kept_epochs_of_a_bucket_of_nan_and_infinity_keeps_the_infinity_not_a_nan():
    # 2 buckets: indices 1–5 (only NaN and +∞: its least and greatest are both the first ∞)
    # and 6–9 (rising: its first and its last)
    v = np.array([0.0, np.nan, np.inf, np.nan, np.inf, np.nan, 2.0, 3.0, 4.0, 5.0, 6.0])
    assert list(kept_epochs(v, 6)) == [0, 2, 6, 9, 10]


def test_kept_epochs_keeps_the_spike_and_the_best_error_of_a_long_run():
    E = 1 / np.sqrt(np.arange(1, 30_001))
    E[12_345], E[23_456] = 50.0, 1e-9
    kept = kept_epochs(E)
    assert len(kept) <= 1000 and {0, 12_345, 23_456, 29_999} <= set(kept)


EVERY = 10


def sampled_run(n):
    """Test numbers measured every 10th epoch, and after a Step at epochs 3 and 4."""
    sampled = [3, 4] + list(range(10, n + 1, EVERY))
    rng = np.random.default_rng(1)
    test_E = rng.uniform(0.1, 1, len(sampled))
    acc = rng.uniform(0, 1, len(sampled))
    return sampled, test_E, acc, acc[::-1].copy()


@pytest.mark.parametrize("n", [60, 40_000])
def test_sampled_series_are_drawn_at_the_epochs_they_were_measured_at(n):
    E = 1 / np.sqrt(np.arange(1, n + 1))
    sampled, test_E, acc, test_acc = sampled_run(n)
    fig = figures.loss_curves(E, test_E, acc, test_acc, sampled=sampled, every=EVERY)
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {
        "train E",
        "test E (every 10 epochs)",
        "train accuracy (every 10 epochs)",
        "test accuracy (every 10 epochs)",
    }
    at = {epoch: i for i, epoch in enumerate(sampled)}  # epoch → its position in the series
    for name, values in [("test E", test_E), ("train accuracy", acc), ("test accuracy", test_acc)]:
        trace = by_name[f"{name} (every {EVERY} epochs)"]
        x, y = np.asarray(trace.x), np.asarray(trace.y, float)
        assert len(x) <= 1000 and len(x) == len(y) == len(trace.text)
        assert x[0] == 3 and x[-1] == sampled[-1]  # the first and the last measurement
        assert set(x) <= set(sampled)
        np.testing.assert_array_equal(y, [values[at[e]] for e in x])
        if n == 60:  # short: every measurement, in epochs (not 1, 2, 3 … as before)
            assert list(x) == sampled
    train = by_name["train E"]
    assert np.asarray(train.x)[-1] == n and np.asarray(train.y)[-1] == E[-1]


def assert_sends_the_same(reused, fresh):
    """A reused figure sends exactly what the same numbers drawn from scratch send."""
    assert isinstance(reused, figures.Sent)
    np.testing.assert_equal(sent(reused), sent(fresh))  # NaN (a gap) equal to NaN


def test_a_reused_figure_gets_the_new_curves():
    sampled, test_E, acc, test_acc = sampled_run(50)
    first = figures.loss_curves([0.9], test_E[:1], acc[:1], test_acc[:1], sampled=[3], every=10)
    assert first.layout.xaxis.rangemode == "tozero"
    E = [1.0 / e for e in range(1, 51)]
    again = figures.loss_curves(E, test_E, acc, test_acc, sampled=sampled, every=10, into=first)
    assert_sends_the_same(
        again, figures.loss_curves(E, test_E, acc, test_acc, sampled=sampled, every=10)
    )
    spec = sent(again)
    test = next(t for t in spec["data"] if t["name"].startswith("test E"))
    assert test["x"] == sampled and test["y"] == list(test_E)
    assert spec["data"][0]["x"] == list(range(1, 51)) and spec["data"][0]["y"] == E
    assert spec["data"][0]["text"][-1] == "0.02"  # 1/50, written out
    assert spec["layout"]["xaxis"]["rangemode"] == "normal"  # two epochs or more
    assert first.layout.xaxis.rangemode == "tozero"  # the figure reused is left as it was
    assert list(first.data[0].y) == [0.9]
    longer = E + [0.01]
    third = figures.loss_curves(
        longer, test_E, acc, test_acc, sampled=sampled, every=10, into=again
    )
    assert sent(third)["data"][0]["y"] == longer and sent(again)["data"][0]["y"] == E
    other = figures.loss_curves(E, into=again)  # other curves (regression): a new figure
    assert not isinstance(other, figures.Sent) and [t.name for t in other.data] == ["train E"]


def test_a_reused_gradient_figure_gets_new_numbers_and_new_ticks():
    fig = figures.gradient_norms([[1.0, 2.0], [3.0, 4.0]], [[1.0, 1.0], [2.0, 2.0]])
    assert list(fig.layout.yaxis.tickvals) == [1, 2]  # 1 … 4, under 2 decades: 1-2-5 ticks
    delta = [[1.0, 1e-6], [0.0, 1e-7], [1e-3, 1e-8]]  # now 8 decades; 0 is a gap
    again = figures.gradient_norms(delta, [[2.0, 2.0]] * 3, into=fig)
    assert_sends_the_same(again, figures.gradient_norms(delta, [[2.0, 2.0]] * 3))
    spec = sent(again)
    y_axis = spec["layout"]["yaxis"]
    assert "tickvals" not in y_axis and "tickmode" not in y_axis
    assert y_axis["dtick"] == 2  # ceil(8 / 6)
    k1 = spec["data"][0]
    assert k1["x"] == [1, 2, 3] and k1["text"] == ["1", "0", "0.001"]
    assert math.isnan(k1["y"][1])  # the dead epoch: a gap
    assert spec["data"][3]["y"] == [2.0, 2.0, 2.0]  # ‖∂E/∂θ⁽²⁾‖
    back = figures.gradient_norms([[1.0, 2.0], [3.0, 4.0]], [[1.0, 1.0], [2.0, 2.0]], into=again)
    assert_sends_the_same(back, fig)  # 1-2-5 ticks again, no dtick left over


def test_a_reused_boundary_gets_the_new_answer():
    xs, ys = np.array([-1.0, 1.0]), np.array([0.0, 2.0, 4.0])
    X, labels = np.array([[0.0, 1.0], [1.0, 3.0]]), np.array([0, 1])
    fig = figures.decision_boundary(xs, ys, np.full((3, 2, 1), 0.5), X, labels)
    out = np.array([[[0.1], [0.2]], [[0.3], [0.4]], [[0.5], [0.625]]])
    again = figures.decision_boundary(xs, ys, out, X, labels, into=fig)
    assert_sends_the_same(again, figures.decision_boundary(xs, ys, out, X, labels))
    heat, line = sent(again)["data"][:2]
    assert (heat["type"], line["type"]) == ("heatmap", "contour")
    for trace in (heat, line):  # rows follow ys, columns xs
        assert trace["z"] == [[0.1, 0.2], [0.3, 0.4], [0.5, 0.625]]
    assert heat["customdata"][2][1] == ["1", "4", "0.625"]  # x₀ = 1, x₁ = 4 there
    assert heat["customdata"][0][0] == ["−1", "0", "0.1"]
    assert [t["x"] for t in sent(again)["data"][2:]] == [[0.0], [1.0]]  # the data points stay


def test_a_reused_multiclass_boundary_shades_the_new_winners():
    xs, ys = np.array([0.0, 1.0]), np.array([0.0, 1.0])
    X, labels = np.zeros((3, 2)), np.array([0, 1, 2])
    fig = figures.decision_boundary(xs, ys, np.ones((2, 2, 3)) / 3, X, labels)
    out = np.array([[[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]], [[0.2, 0.2, 0.6], [0.5, 0.1, 0.4]]])
    again = figures.decision_boundary(xs, ys, out, X, labels, into=fig)
    assert_sends_the_same(again, figures.decision_boundary(xs, ys, out, X, labels))
    winners = [[max(range(3), key=lambda c: out[r, col, c]) for col in range(2)] for r in range(2)]
    assert winners == [[0, 1], [2, 0]]
    assert sent(again)["data"][0]["z"] == winners


def test_a_refilled_figure_leaves_the_figure_it_came_from_as_it_was():
    from figures.sent import refilled

    spec = {
        "data": [{"type": "scatter", "x": [1, 2], "line": {"width": 2}}, {"type": "bar"}],
        "layout": {"yaxis": {"type": "log", "dtick": 2, "title": {"text": "E"}}},
    }
    before = json.dumps(spec)
    new = refilled(
        spec, [{"x": np.array([5.0, 6.0, 7.0])}], {"yaxis": {"dtick": None, "tickvals": [1]}}
    )
    assert json.dumps(spec) == before
    assert sent(new) == {
        "data": [{"type": "scatter", "x": [5.0, 6.0, 7.0], "line": {"width": 2}}, {"type": "bar"}],
        "layout": {"yaxis": {"type": "log", "title": {"text": "E"}, "tickvals": [1]}},
    }


def test_kept_data_is_sent_as_the_same_json_and_left_alone_by_the_collector():
    import gc

    from figures.sent import kept, untracked

    fig = figures.gradient_norms([[1.0, 2.0], [3.0, 4.0]], [[1.0, 1.0], [2.0, 2.0]])
    data = {"cells": [["0.1", "−2"], ["3", "4e−7"]], "scale": [[0, "#fff"], [1, "#000"]], "n": 2}
    same = untracked(data)
    assert json.dumps(same) == json.dumps(data) and data["cells"][0] == ["0.1", "−2"]
    assert type(same["cells"]) is tuple and type(same["cells"][0]) is tuple
    for _ in range(3):  # a collection may untrack one level of nesting at a time
        gc.collect()
    assert not gc.is_tracked(same["cells"]) and not gc.is_tracked(same["scale"][1])
    spec = kept(fig)
    assert sent(spec) == sent(fig)

    def lists(node) -> int:
        if isinstance(node, dict):
            return sum(lists(value) for value in node.values())
        if isinstance(node, (list, tuple)):
            return isinstance(node, list) + sum(lists(value) for value in node)
        return 0

    assert lists(fig.to_dict()) > 100 and lists(spec) == 0  # the template's too
    assert kept(figures.Sent(spec)) is spec  # a Sent's dict is kept as it is


def test_a_dict_is_sent_as_it_is_and_a_figure_stays_a_figure():
    fig = figures.gradient_norms([[1.0, 2.0]], [[3.0, 4.0]])
    assert figures.sendable(fig) is fig
    spec = fig.to_dict()
    wrapped = figures.sendable(spec)
    assert isinstance(wrapped, figures.Sent) and wrapped.to_dict() is spec  # not checked again
