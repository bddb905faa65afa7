"""Datasets (shapes, seeds, label encodings, and the geometry each one promises), the
train/test split, presets, and the evaluation helpers."""

import math

import numpy as np
import pytest

import core

BINARY = ("xor", "circles", "moons")
MULTICLASS = ("spiral", "blobs")


def test_the_dataset_names():
    assert sorted(core.DATASETS) == sorted([*BINARY, *MULTICLASS, "sine"])


@pytest.mark.parametrize("name", sorted(core.DATASETS))
@pytest.mark.parametrize("classes", [2, 4])
def test_shapes_encodings_and_seeds(name, classes):
    n = 60
    a = core.make_dataset(name, n=n, noise=0.1, seed=5, classes=classes)
    b = core.make_dataset(name, n=n, noise=0.1, seed=5, classes=classes)
    c = core.make_dataset(name, n=n, noise=0.1, seed=6, classes=classes)
    assert a.name == name
    assert a.X.tobytes() == b.X.tobytes() and a.Y.tobytes() == b.Y.tobytes()
    assert not np.array_equal(a.X, c.X)
    assert a.X.dtype == a.Y.dtype == np.float64 and np.isfinite(a.X).all()
    assert a.X.shape == ((n, 1) if name == "sine" else (n, 2))
    if name in MULTICLASS:
        assert a.task == "multiclass" and a.Y.shape == (n, classes)
        assert set(np.unique(a.Y)) == {0.0, 1.0} and (a.Y.sum(axis=1) == 1.0).all()  # one-hot
        np.testing.assert_array_equal(a.labels, np.arange(n) % classes)  # balanced, in turn
    elif name in BINARY:
        assert a.task == "binary" and a.Y.shape == (n, 1)
        assert set(np.unique(a.Y)) == {0.0, 1.0}
        assert a.labels.dtype.kind == "i" and list(a.labels) == list(a.Y[:, 0].astype(int))
    else:
        assert a.task == "regression" and a.Y.shape == (n, 1)
        np.testing.assert_array_equal(a.labels, a.Y[:, 0])


def test_noise_moves_the_points():
    for name in core.DATASETS:
        clean = core.make_dataset(name, n=50, noise=0.0, seed=1)
        noisy = core.make_dataset(name, n=50, noise=0.3, seed=1)
        assert not np.allclose(clean.X, noisy.X) or not np.allclose(clean.Y, noisy.Y), name


def test_xor_labels_are_the_sign_of_the_product():
    d = core.make_dataset("xor", n=200, noise=0.0, seed=2)
    assert np.abs(d.X).max() <= 1.0
    np.testing.assert_array_equal(d.Y[:, 0], (d.X[:, 0] * d.X[:, 1] < 0).astype(float))


def test_circles_inner_ring_is_class_1():
    d = core.make_dataset("circles", n=200, noise=0.0, seed=3)
    radius = np.hypot(d.X[:, 0], d.X[:, 1])
    np.testing.assert_allclose(radius, np.where(d.Y[:, 0] == 1, 0.5, 1.0), rtol=1e-12)
    assert d.Y.mean() == 0.5


def test_moons_are_two_half_circles():
    d = core.make_dataset("moons", n=200, noise=0.0, seed=4)
    P = d.X * 1.2 + [0.5, 0.25]  # undo the centring
    upper = d.Y[:, 0] == 1
    Q = np.where(upper[:, None], P, np.c_[1 - P[:, 0], 0.5 - P[:, 1]])
    np.testing.assert_allclose(np.hypot(Q[:, 0], Q[:, 1]), 1.0, rtol=1e-12)
    assert (Q[:, 1] >= -1e-12).all()  # upper half circles: t in [0, π]


@pytest.mark.parametrize("classes", [2, 3, 5])
def test_spiral_arms(classes):
    d = core.make_dataset("spiral", n=300, noise=0.0, seed=5, classes=classes)
    r = np.hypot(d.X[:, 0], d.X[:, 1])
    assert r.min() >= 0.05 - 1e-12 and r.max() <= 1.0 + 1e-12
    # arm c turns as r grows: angle = 2πc / classes + 1.75π r  (mod 2π)
    angle = np.arctan2(d.X[:, 1], d.X[:, 0])
    want = d.labels * 2 * math.pi / classes + 1.75 * math.pi * r
    gap = np.angle(np.exp(1j * (angle - want)))
    np.testing.assert_allclose(gap, 0.0, atol=1e-9)


def test_blobs_gather_around_their_centres():
    d = core.make_dataset("blobs", n=900, noise=0.0, seed=6, classes=3)
    for c in range(3):
        centre = 0.6 * np.array([math.cos(2 * math.pi * c / 3), math.sin(2 * math.pi * c / 3)])
        np.testing.assert_allclose(d.X[d.labels == c].mean(axis=0), centre, atol=0.05)


def test_sine_targets_are_sin_x():
    d = core.make_dataset("sine", n=100, noise=0.0, seed=7)
    assert np.abs(d.X).max() <= math.pi
    np.testing.assert_allclose(d.Y[:, 0], np.sin(d.X[:, 0]), rtol=1e-15, atol=1e-15)


@pytest.mark.parametrize("fraction,n_test", [(0.2, 10), (0.0, 0), (0.5, 25), (0.99, 49)])
def test_train_test_split_partitions_the_data(fraction, n_test):
    data = core.make_dataset("spiral", n=50, seed=0)
    tr, te = core.train_test_split(data, fraction, seed=1)
    assert len(te.X) == len(te.Y) == n_test and len(tr.X) == len(tr.Y) == 50 - n_test
    assert (tr.name, tr.task, te.task) == ("spiral", "multiclass", "multiclass")
    rows = sorted(map(tuple, np.c_[data.X, data.Y]))
    assert sorted(map(tuple, np.r_[np.c_[tr.X, tr.Y], np.c_[te.X, te.Y]])) == rows
    again, _ = core.train_test_split(data, fraction, seed=1)
    np.testing.assert_array_equal(again.X, tr.X)


def test_presets():
    assert set(core.PRESETS) == set(core.PRESET_TITLES) == {"worked-2-2-2", "xor", "spiral", "sine"}
    assert core.DEFAULT_PRESET == "worked-2-2-2" and core.preset().name == "worked-2-2-2"
    for name in core.PRESETS:
        p = core.preset(name)
        assert p.title == core.PRESET_TITLES[name]
        assert p.X.shape == (len(p.Y), p.network.sizes[0])
        assert p.Y.shape[1] == p.network.sizes[-1]
        assert np.isfinite(core.forward(p.network, p.X, p.Y).loss)
    spiral = core.preset("spiral")
    assert spiral.X.shape == (500, 2) and spiral.network.loss == "cross_entropy"
    assert core.preset("xor").Y[:, 0].tolist() == [0.0, 1.0, 1.0, 0.0]


def test_predict_grid_and_accuracy():
    p = core.preset("xor")
    xs, ys, out = core.predict_grid(p.network, (-1, 2), (0, 1), 7)
    assert out.shape == (7, 7, 1) and list(xs) == pytest.approx(np.linspace(-1, 2, 7))
    np.testing.assert_allclose(out[3, 5], core.predict(p.network, [[xs[5], ys[3]]])[0])
    step = core.Network.from_layers([[[1.0]]], [[0.0]], ["sigmoid"], "binary_cross_entropy")
    assert core.accuracy(step, [[-3.0], [3.0]], [[0.0], [1.0]]) == 1.0
    assert core.accuracy(step, [[-3.0], [3.0]], [[1.0], [1.0]]) == 0.5
    three = core.Network.from_layers(
        [np.eye(3)], [np.zeros(3)], ["softmax"], "cross_entropy"
    )  # argmax of x
    assert core.accuracy(three, np.eye(3), np.eye(3)[[0, 1, 0]]) == pytest.approx(2 / 3)
    _, _, points = core.grid((0, 1), (0, 2), 3)
    assert points.tolist()[:4] == [[0.0, 0.0], [0.5, 0.0], [1.0, 0.0], [0.0, 1.0]]
    for bad in (1, 301, 2.5, True):
        with pytest.raises(core.CoreError):
            core.grid((0, 1), (0, 1), bad)
    with pytest.raises(core.CoreError):
        core.predict_grid(core.preset("sine").network, (0, 1), (0, 1))
    assert core.data_range(np.array([[0.0, 5.0], [1.0, 5.0]])) == ((-0.5, 1.5), (4.5, 5.5))
