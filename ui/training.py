"""Live training for the Train page: session-state bookkeeping and one time-boxed chunk.

Training runs in short chunks (about CHUNK_SECONDS each) inside a Streamlit fragment that
reruns itself while playing, so charts refresh several times a second and the rest of the page
stays responsive. Everything lives in st.session_state["train"]; nothing in module globals.
"""

from __future__ import annotations

import time

import numpy as np
import streamlit as st

import core
from ui import state

CHUNK_SECONDS = 0.15
REFRESH_SECONDS = 0.25


def session() -> dict:
    if "train" not in st.session_state:
        st.session_state["train"] = fresh()
    return st.session_state["train"]


def fresh(start_net=None) -> dict:
    return {
        "playing": False,
        "start_net": start_net,
        "resume": None,
        "epochs_per_chunk": 5,
        "loss": [],
        "test_loss": [],
        "acc": [],
        "test_acc": [],
        "delta_norm": [],
        "grad_norm": [],
        "message": "",
        "done": False,
        "rate": None,
    }


def set_data(train: core.Dataset, test: core.Dataset | None) -> None:
    st.session_state["train_data"] = (train, test)


def data() -> tuple[core.Dataset, core.Dataset | None]:
    if "train_data" not in st.session_state:
        X, Y = state.data()
        set_data(core.Dataset("current", X, Y, task_of(Y)), None)
    return st.session_state["train_data"]


def task_of(Y: np.ndarray) -> str:
    """Classification when the targets are labels (0/1, or one-hot rows), else regression."""
    labels = np.isin(Y, (0.0, 1.0)).all()
    if labels and Y.shape[1] == 1:
        return "binary"
    if labels and (Y.sum(axis=1) == 1).all():
        return "multiclass"
    return "regression"


def reset() -> None:
    t = session()
    if t["start_net"] is not None:
        state.set_network(t["start_net"])
    st.session_state["train"] = fresh()


def run_chunk(settings: dict, epochs: int | None = None) -> None:
    """Train for about CHUNK_SECONDS (or exactly `epochs`), append the history, stop if done."""
    t = session()
    train_set, test_set = data()
    net = state.network()
    if t["start_net"] is None:
        t["start_net"] = net
    classify = train_set.task != "regression"

    def record(epoch, current, history):
        if test_set is not None:
            t["test_loss"].append(core.forward(current, test_set.X, test_set.Y).loss)
            if classify:
                t["test_acc"].append(core.accuracy(current, test_set.X, test_set.Y))
        if classify:
            t["acc"].append(core.accuracy(current, train_set.X, train_set.Y))

    remaining = settings["max_epochs"] - len(t["loss"])
    n = min(epochs or t["epochs_per_chunk"], max(remaining, 0))
    if n <= 0:
        finish(t, f"Reached {settings['max_epochs']} epochs.")
        return
    started = time.perf_counter()
    new, history = core.train(
        net,
        train_set.X,
        train_set.Y,
        epochs=n,
        learning_rate=settings["learning_rate"],
        batch_size=settings["batch_size"],
        optimizer=settings["optimizer"],
        l2=settings["l2"],
        seed=settings["seed"],
        callback=record,
        target_loss=settings["target_loss"],
        resume=t["resume"],
    )
    elapsed = time.perf_counter() - started
    t["resume"] = history.state
    for key in ("loss", "delta_norm", "grad_norm"):
        t[key].extend(getattr(history, key))
    if history.epochs:
        t["rate"] = history.epochs / elapsed
        if epochs is None:  # aim the next chunk at CHUNK_SECONDS
            t["epochs_per_chunk"] = int(np.clip(t["rate"] * CHUNK_SECONDS, 1, 2000))
    state.set_network(new, keep_undo=t.get("pushed_undo", False) is False)
    t["pushed_undo"] = True
    if history.diverged or (history.stopped_early and "target" in history.message):
        finish(t, history.message)
    elif len(t["loss"]) >= settings["max_epochs"]:
        finish(t, f"Reached {settings['max_epochs']} epochs.")


def finish(t: dict, message: str) -> None:
    t["playing"] = False
    t["done"] = True
    t["message"] = message
