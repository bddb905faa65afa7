"""The network and the data of a link: read from a preset, a recipe or exact numbers, and
written as the shortest of those that rebuilds them bit for bit.

Network: `preset`, or `arch` (sizes.activations.loss) with `init` (name.seed) or `w` (exact).
Data: `preset`, or `data` (name~n~noise~seed~classes[~test_fraction]) or `xy` (exact).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import core
from core.limits import MAX_EXAMPLES
from core.losses import check_targets
from ui.link_fields import (
    MAX_NOISE,
    MAX_SEED,
    MAX_TEST_FRACTION,
    LinkError,
    check_sizes,
    name,
    number,
    pack,
    unpack,
    whole,
    write_number,
)

PRESET = "preset"  # the source of a part that came from the preset


@dataclass(frozen=True, kw_only=True)
class NetworkRecipe:
    """core.Network.random(sizes, activations, loss, init, seed), as the Build page makes it."""

    sizes: tuple[int, ...]
    activations: tuple[str, ...]
    loss: str
    init: str = "xavier"
    seed: int = 0


@dataclass(frozen=True, kw_only=True)
class DataRecipe:
    """core.make_dataset(name, n, noise, seed, classes); with test_fraction > 0, the training
    part of core.train_test_split(…, test_fraction, seed=seed), as the Train page makes it."""

    name: str
    n: int
    noise: float
    seed: int = 0
    classes: int = 3
    test_fraction: float = 0.0


@dataclass(frozen=True, kw_only=True)
class Recipe:
    """What may rebuild the state; each part is checked bit for bit before a link uses it."""

    preset: str | None = None
    network: NetworkRecipe | None = None
    data: DataRecipe | None = None


def _core(what: str, make, *args):
    """make(*args) from core; its CoreError becomes a LinkError (every name in it passed an
    allow-list first, so the message holds no link text to escape)."""
    try:
        return make(*args)
    except core.CoreError as exc:
        raise LinkError(f"{what}: {exc}.") from None


def preset(params, cache) -> core.Preset:
    if "preset" not in params:
        raise LinkError("it names no network: it needs a preset, or arch with init or w.")
    key = name(params["preset"], "preset", core.PRESETS)
    if key not in cache:
        cache[key] = core.preset(key)
    return cache[key]


def read_network(params, cache) -> tuple[core.Network, object]:
    """(network, NetworkRecipe | PRESET | None for exact weights)."""
    if "arch" not in params:
        if "init" in params or "w" in params:
            raise LinkError("init and w need arch (the sizes, activations and loss).")
        return preset(params, cache).network, PRESET
    sizes, activations, loss = _arch(params["arch"])
    if ("init" in params) == ("w" in params):
        raise LinkError("arch needs exactly one of init (a seeded network) or w (exact weights).")
    if "init" in params:
        parts = params["init"].split(".")
        if len(parts) != 2:
            raise LinkError("init must be written name.seed, e.g. xavier.0.")
        source = NetworkRecipe(
            sizes=sizes,
            activations=activations,
            loss=loss,
            init=name(parts[0], "initialization", core.INITS),
            seed=whole(parts[1], "the seed", 0, MAX_SEED),
        )
        args = (sizes, activations, loss, source.init, source.seed)
        return _core("the network", core.Network.random, *args), source
    counts = [(sizes[k], sizes[k - 1]) for k in range(1, len(sizes))]
    n_values = sum(n * (n_prev + 1) for n, n_prev in counts)
    values = unpack(params["w"], "weights and biases", 8 * n_values)
    if values.size != n_values:
        raise LinkError(f"w holds {values.size} numbers; this architecture has {n_values}.")
    weights, biases, at = [], [], 0
    for n, n_prev in counts:
        weights.append(values[at : at + n * n_prev].reshape(n, n_prev))
        biases.append(values[at + n * n_prev : at + n * (n_prev + 1)])
        at += n * (n_prev + 1)
    args = (weights, biases, activations, loss)
    return _core("the network", core.Network.from_layers, *args), None


def _arch(text: str):
    parts = text.split(".")
    if len(parts) != 3:
        raise LinkError("arch must be written sizes.activations.loss, e.g. 2-3-1.tanh-sigmoid.…")
    fields = parts[0].split("-")
    if not 2 <= len(fields) <= 64:
        raise LinkError("arch must list between 2 and 64 layer sizes.")
    sizes = tuple(whole(n, "a layer size", 1, 9999) for n in fields)
    check_sizes(sizes)
    activations = tuple(parts[1].split("-"))
    if len(activations) != len(sizes) - 1:
        raise LinkError(f"arch has {len(sizes) - 1} layers but {len(activations)} activations.")
    for g in activations:
        name(g, "activation", core.ACTIVATIONS)
    return sizes, activations, name(parts[2], "loss", core.LOSSES)


def read_data(params, net: core.Network, cache):
    """(X, Y, DataRecipe | PRESET | None for exact numbers), checked against the network."""
    if "data" in params and "xy" in params:
        raise LinkError("it carries both data and xy; a link has one of them.")
    n_in, n_out = net.sizes[0], net.sizes[-1]
    if "data" in params:
        source = _data_recipe(params["data"])
        X, Y = _make_data(source)
    elif "xy" in params:
        source, per = None, n_in + n_out
        values = unpack(params["xy"], "data X, Y", 8 * per * MAX_EXAMPLES)
        if values.size == 0 or values.size % per:
            raise LinkError(f"xy must hold m rows of {n_in} inputs and {n_out} targets.")
        m = values.size // per
        X, Y = values[: m * n_in].reshape(m, n_in), values[m * n_in :].reshape(m, n_out)
    else:
        p, source = preset(params, cache), PRESET
        X, Y = np.array(p.X, np.float64), np.array(p.Y, np.float64)
    if X.shape[1] != n_in or Y.shape[1] != n_out:
        raise LinkError(
            f"the data has {X.shape[1]} inputs and {Y.shape[1]} targets per example; the network "
            f"has {n_in} inputs and {n_out} outputs."
        )
    if not 1 <= X.shape[0] <= MAX_EXAMPLES:
        raise LinkError(f"the data has {X.shape[0]} examples; the app allows 1..{MAX_EXAMPLES}.")
    with np.errstate(all="ignore"):  # 1e308 targets may overflow a row sum: refused, not warned
        _core("the targets", check_targets, net.loss, Y)  # core's rule for what a loss takes
    return X, Y, source


def _data_recipe(text: str) -> DataRecipe:
    fields = text.split("~")  # "~", not ".": the noise is written 0.05
    if len(fields) not in (5, 6):
        raise LinkError("data must be written name~n~noise~seed~classes, e.g. spiral~500~0.05~0~3.")
    return DataRecipe(
        name=name(fields[0], "dataset", core.DATASETS),
        n=whole(fields[1], "the number of examples", 1, MAX_EXAMPLES),
        noise=number(fields[2], "the noise", 0.0, MAX_NOISE),
        seed=whole(fields[3], "the data seed", 0, MAX_SEED),
        classes=whole(fields[4], "the number of classes", 2, 10),
        test_fraction=number(fields[5], "the test fraction", 0.0, MAX_TEST_FRACTION)
        if len(fields) == 6
        else 0.0,
    )


def _make_data(source: DataRecipe):
    args = (source.name, source.n, source.noise, source.seed, source.classes)
    data = _core("the dataset", core.make_dataset, *args)
    if source.test_fraction > 0:
        data = core.train_test_split(data, source.test_fraction, seed=source.seed)[0]
    return np.array(data.X, np.float64), np.array(data.Y, np.float64)


def network_params(net, recipe: Recipe, cache) -> dict[str, str]:
    """The shortest parameters that rebuild `net` bit for bit: preset, arch + init, arch + w."""
    arch = lambda s, g, loss: f"{'-'.join(map(str, s))}.{'-'.join(g)}.{loss}"  # noqa: E731
    candidates = []
    if recipe.preset is not None:
        candidates.append({"preset": str(recipe.preset)})
    if (r := recipe.network) is not None:
        candidates.append(
            {"arch": arch(r.sizes, r.activations, r.loss), "init": f"{r.init}.{r.seed}"}
        )
    for params in candidates:
        try:
            if _same_network(read_network(params, cache)[0], net):
                return params
        except (LinkError, TypeError):
            continue
    exact = {
        "arch": arch(net.sizes, net.activations, net.loss),
        "w": pack(a for k in range(1, net.L + 1) for a in (net.weights[k], net.biases[k])),
    }
    if not _same_network(read_network(exact, cache)[0], net):
        raise LinkError("the weights did not survive the round trip.")  # a bug, never expected
    return exact


def data_params(net, X, Y, recipe: Recipe, cache) -> dict[str, str]:
    """The shortest parameters that rebuild (X, Y) bit for bit: preset, data recipe, xy."""
    candidates = []
    if recipe.preset is not None:
        candidates.append({"preset": str(recipe.preset)})
    if (d := recipe.data) is not None:
        fields = [d.name, str(d.n), _num(d.noise), str(d.seed), str(d.classes)]
        if d.test_fraction:
            fields.append(_num(d.test_fraction))
        candidates.append({"data": "~".join(fields)})
    for params in candidates:
        try:
            X2, Y2, _ = read_data(params, net, cache)
        except (LinkError, TypeError, ValueError):
            continue
        if _same(X2, X) and _same(Y2, Y):
            return params
    if X.shape[0] > MAX_EXAMPLES:
        raise LinkError(
            f"the data has {X.shape[0]} examples; a link carries at most {MAX_EXAMPLES}."
        )
    exact = {"xy": pack([X, Y])}
    X2, Y2, _ = read_data(exact, net, cache)
    if not (_same(X2, X) and _same(Y2, Y)):
        raise LinkError("the data did not survive the round trip.")  # a bug, never expected
    return exact


def _num(value) -> str:
    return write_number(value) if isinstance(value, (int, float)) else str(value)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Bit for bit (−0.0 differs from 0.0), not merely equal."""
    a, b = np.ascontiguousarray(a, "<f8"), np.ascontiguousarray(b, "<f8")
    return a.shape == b.shape and a.tobytes() == b.tobytes()


def _same_network(a: core.Network, b: core.Network) -> bool:
    return (
        a.sizes == b.sizes
        and tuple(a.activations) == tuple(b.activations)
        and a.loss == b.loss
        and all(_same(a.weights[k], b.weights[k]) for k in range(1, a.L + 1))
        and all(_same(a.biases[k], b.biases[k]) for k in range(1, a.L + 1))
    )
