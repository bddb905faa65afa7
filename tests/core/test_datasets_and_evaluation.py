"""Datasets, presets, and evaluation helpers."""

import numpy as np
import pytest

import core


@pytest.mark.parametrize("name", sorted(core.DATASETS))
def test_datasets_are_seeded_and_well_formed(name):
    a = core.make_dataset(name, n=60, noise=0.1, seed=5, classes=4)
    b = core.make_dataset(name, n=60, noise=0.1, seed=5, classes=4)
    c = core.make_dataset(name, n=60, noise=0.1, seed=6, classes=4)
    assert np.array_equal(a.X, b.X) and not np.array_equal(a.X, c.X)
    assert len(a.X) == len(a.Y) == 60 and np.isfinite(a.X).all()
    if a.task == "multiclass":
        assert a.Y.shape == (60, 4) and (a.Y.sum(axis=1) == 1).all()
        assert set(a.labels) == {0, 1, 2, 3}
    elif a.task == "binary":
        assert a.Y.shape == (60, 1) and set(np.unique(a.Y)) == {0.0, 1.0}
    else:
        assert name == "sine" and a.X.shape == (60, 1)


def test_train_test_split_partitions_the_data():
    data = core.make_dataset("moons", n=50)
    train, test = core.train_test_split(data, 0.2, seed=1)
    assert len(train.X) == 40 and len(test.X) == 10
    rows = {tuple(r) for r in np.r_[train.X, test.X]}
    assert rows == {tuple(r) for r in data.X}


def test_presets_fit_their_data():
    for name in core.PRESETS:
        p = core.preset(name)
        fwd = core.forward(p.network, p.X, p.Y)
        assert np.isfinite(fwd.loss)
        assert core.PRESET_TITLES[name] == p.title


def test_predict_grid_and_accuracy():
    p = core.preset("xor")
    xs, ys, out = core.predict_grid(p.network, (-1, 2), (0, 1), 7)
    assert out.shape == (7, 7, 1)
    np.testing.assert_allclose(out[3, 5], core.predict(p.network, [[xs[5], ys[3]]])[0])
    perfect = core.Network.from_layers([[[1.0]]], [[0.0]], ["sigmoid"], "binary_cross_entropy")
    assert core.accuracy(perfect, [[-3.0], [3.0]], [[0.0], [1.0]]) == 1.0
    assert core.accuracy(perfect, [[-3.0], [3.0]], [[1.0], [1.0]]) == 0.5
