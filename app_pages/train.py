"""Train: gradient descent live, with the error, the decision boundary and the gradient sizes."""

import streamlit as st

import core
from cards.numbers import ERROR_DIGITS, fmt
from core.limits import MAX_EXAMPLES
from panels import train_charts
from ui import fitting as ui_fitting
from ui import state, training, training_gate, widgets
from ui.link_model import DataRecipe


def dataset_picker(net: core.Network) -> None:
    """Generate a dataset, split it, and train on it (if it fits `net`)."""
    with st.expander("Data for training", expanded=False):
        c1, c2, c3, c4, c5 = st.columns(5)
        name = c1.selectbox("Dataset", list(core.DATASETS), key="tr_ds")
        n = c2.number_input("Examples", 10, MAX_EXAMPLES, 500, key="tr_n")
        noise = c3.number_input("Noise", 0.0, 2.0, 0.1, step=0.05, key="tr_noise")
        test_fraction = c4.slider("Test fraction", 0.0, 0.5, 0.2, key="tr_test")
        classes = c5.number_input("Classes", 2, 10, 3, key="tr_classes")
        if not st.button("Use this dataset", key="tr_use"):
            return
        full = core.make_dataset(name, int(n), float(noise), 0, int(classes))
        why = ui_fitting.describe_mismatch(net, full)
        if why:
            st.error(why, icon=":material/warning:")
            return
        train_set, test_set = core.train_test_split(full, test_fraction, seed=0)
        test = test_set if len(test_set.X) else None
        recipe = DataRecipe(
            name=name,
            n=int(n),
            noise=float(noise),
            classes=int(classes),
            test_fraction=test_fraction,
        )
        training.use_sets(net, train_set, test, note=f"{name} training set", recipe=recipe)
        st.rerun()


def small_data_hint(train_set: core.Dataset) -> None:
    if len(train_set.X) >= 10:
        return
    c_info, c_btn = st.columns([3, 1], vertical_alignment="center")
    c_info.info(
        f"The current data has only {len(train_set.X)} example(s). For a real training run, "
        "load the spiral preset (or pick a dataset above)."
    )
    if c_btn.button("Load the spiral preset", key="tr_spiral"):
        state.load_preset("spiral")
        st.rerun()


def settings_inputs() -> training.Settings:
    c1, c2, c3, c4, c5, c6 = st.columns(6)
    return training.Settings(
        optimizer=c1.selectbox("Optimizer", list(core.OPTIMIZERS), index=2, key="tr_opt"),
        learning_rate=c2.number_input(
            "Learning rate η", 1e-5, 10.0, 0.01, format="%.4f", key="tr_eta"
        ),
        batch_size=int(c3.number_input("Batch size", 1, 5000, 500, key="tr_batch")),
        l2=c4.number_input("L2", 0.0, 1.0, 0.0, format="%.4f", key="tr_l2"),
        max_epochs=int(
            c5.number_input("Stop after epochs", 1, training.EPOCH_CAP, 20_000, key="tr_epochs")
        ),
        target_loss=c6.number_input("…or when E ≤", 0.0, 100.0, 0.0, format="%.4f", key="tr_target")
        or None,  # 0 means no target
    )


WAITING = "Waiting for a turn: other sessions on this server are training."


def limits_caption() -> None:
    """The time box and the caps, stated where they apply (the server is shared)."""
    used = training.seconds_used()
    st.caption(
        "Limits on a shared server: each refresh trains for "
        f"{fmt(training.CHUNK_SECONDS)} s to {fmt(training.MAX_CHUNK_SECONDS)} s (about as long "
        "as drawing the charts takes, at least one epoch); everyone training on this server "
        "takes turns in the order they asked, one refresh (training and charts) at a time, "
        "resting as long after each while others train, so training uses at most "
        f"{round(100 * training_gate.DUTY)} % of the server (someone training alone does not "
        "rest), and a turn gives way to the pages other users are waiting for; one run stops at "
        f"{training.EPOCH_CAP:,} epochs, and a session trains for at most "
        f"{training.SESSION_SECONDS / 60:g} minutes in all ({fmt(used / 60, 2)} used). "
        f"Test E and the accuracies are measured every {training.EVAL_EVERY} epochs (and after "
        "each Step), train E every epoch."
    )


def controls(playing: bool, settings: training.Settings) -> None:
    """Play / Pause / Step (one epoch) / Reset."""
    b1, b2, b3, b4, _ = st.columns([1, 1, 1, 1, 4])
    b1.button(
        "Play",
        icon=":material/play_arrow:",
        on_click=training.play,
        disabled=playing,
        key="tr_play",
        width="stretch",
    )
    b2.button(
        "Pause",
        icon=":material/pause:",
        on_click=training.pause,
        disabled=not playing,
        key="tr_pause",
        width="stretch",
    )
    b3.button(
        "Step",
        icon=":material/skip_next:",
        help="Train one epoch",
        on_click=training.run_chunk,
        args=(settings, 1),
        disabled=playing,
        key="tr_step",
        width="stretch",
    )
    b4.button(
        "Reset",
        icon=":material/restart_alt:",
        on_click=training.reset,
        key="tr_reset",
        help="Back to the network from before training started.",
        width="stretch",
    )


def model_view(net: core.Network, train_set: core.Dataset, playing: bool) -> None:
    """The decision boundary (2 inputs, classes; a coarser grid while playing) or the fitted
    curve (1 input, 1 output)."""
    grid = train_charts.PLAYING_GRID if playing else train_charts.GRID
    names = state.shared().names  # the user's names
    fig = train_charts.model(net, train_set, names=names, grid=grid, run=training.run())
    if fig is None:
        st.info(
            "The decision boundary is drawn for classification with two inputs, the "
            "fitted curve for one input and one output."
        )
    else:
        widgets.chart(fig, key="tr_fit" if net.sizes[0] == 1 else "tr_boundary")


def live(train_set: core.Dataset, settings: training.Settings) -> None:
    """One chunk of training while playing, then the numbers and charts of the run so far:
    both in one turn at the process's training gate (the charts cost as much as the chunk)."""
    run = training.run()
    if not run.playing:
        progress(run, train_set)
        return
    note = st.empty()  # while other sessions' turns hold the process's training gate
    with training.turn(wait=lambda: note.caption(WAITING)):
        note.empty()
        training.run_chunk(settings)
        if not run.playing:  # finished: a full rerun turns the timer off and the buttons back
            st.rerun(scope="app")
        progress(run, train_set)


def progress(run: training.Run, train_set: core.Dataset) -> None:
    """The run's numbers and charts so far."""
    m1, m2, m3 = st.columns(3)
    m1.metric("Epoch", run.epochs)
    m2.metric("Train E", fmt(run.loss[-1], ERROR_DIGITS) if run.loss else "—")
    rate = run.wall_rate  # as seen: computation, drawing and sending between chunks
    m3.metric(
        "Epochs per second",
        round(rate) if rate else "—",
        help="Measured on the clock over the last refreshes while playing, drawing included.",
    )
    if run.message:
        (st.error if run.diverged else st.info)(run.message)
    left, right = st.columns(2)
    training.give_way()  # each chart is a piece of the turn: other users' runs go first
    curves, norms = train_charts.history(run)
    with left:
        widgets.chart(curves, key="tr_loss")
    with right:
        training.give_way()
        model_view(state.network(), train_set, run.playing)
    training.give_way()
    widgets.chart(norms, key="tr_norms")
    st.caption(
        "Try 8 sigmoid hidden layers with small initialization against ReLU with He "
        "initialization (Build page): the lower layers' ‖δ⁽ᵏ⁾‖ fall by orders of magnitude."
    )


st.title("Train")
widgets.network_caption()
net = state.network()
dataset_picker(net)
train_set, test_set = training.training_sets()
mismatch = ui_fitting.describe_mismatch(net, train_set)
if mismatch:
    st.error(mismatch, icon=":material/warning:")
    st.stop()
small_data_hint(train_set)
st.caption(
    f"Training on {len(train_set.X)} examples ({train_set.name})"
    + (f", testing on {len(test_set.X)}" if test_set is not None else ", no test set")
)
settings = settings_inputs()
limits_caption()
playing = training.run().playing
controls(playing, settings)
st.fragment(live, run_every=training.REFRESH_SECONDS if playing else None)(train_set, settings)
