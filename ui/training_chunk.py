"""One chunk of live training as a plain computation: numpy and core only, no Streamlit, so the
training worker process (ui/training_worker.py) can run it, and this process can too.

`compute` trains `epochs` epochs from `net` (continuing `resume`) and measures, at the epochs
`sample_every` picks, the test set's E and the accuracies the page draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import core


@dataclass
class Chunk:
    """What a chunk computed; `waited`: the seconds `give_way` waited (not training time)."""

    net: core.Network
    history: core.History
    waited: float = 0.0
    sampled: list[int] = field(default_factory=list)  # the epochs measured, then their numbers
    test_loss: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)
    acc: list[float] = field(default_factory=list)


def compute(
    net: core.Network,
    train_set: core.Dataset,
    test_set: core.Dataset | None,
    *,
    epochs: int,
    sample_every: int,
    train_args: dict,
    resume: core.TrainState | None = None,
    give_way: Callable[[], float] | None = None,
) -> Chunk:
    """Train `epochs` epochs (core.train with `train_args`: learning_rate, batch_size,
    optimizer, l2, seed, target_loss). `give_way()` is called between epochs and returns the
    seconds it waited for other work (in this process only: nothing to give way to in a
    worker)."""
    classify = train_set.task != "regression"
    chunk = Chunk(net, core.History())

    def record(epoch, current, history):
        if give_way is not None:
            chunk.waited += give_way()
        if epoch % sample_every:
            return
        chunk.sampled.append(epoch)
        if test_set is not None:
            chunk.test_loss.append(core.forward(current, test_set.X, test_set.Y).loss)
            if classify:
                chunk.test_acc.append(core.accuracy(current, test_set.X, test_set.Y))
        if classify:
            chunk.acc.append(core.accuracy(current, train_set.X, train_set.Y))

    chunk.net, chunk.history = core.train(
        net,
        train_set.X,
        train_set.Y,
        epochs=epochs,
        callback=record,
        resume=resume,
        **train_args,
    )
    return chunk
