"""Train: gradient descent live, with the error, the decision boundary and the gradient sizes."""

import streamlit as st

import core
import figures
from ui import data as ui_data
from ui import state, training, widgets

st.title("Train")
widgets.network_caption()
net = state.network()
t = training.session()

with st.expander("Data for training", expanded=False):
    c1, c2, c3, c4, c5 = st.columns(5)
    name = c1.selectbox("Dataset", list(core.DATASETS), key="tr_ds")
    n = c2.number_input("Examples", 10, 2000, 500, key="tr_n")
    noise = c3.number_input("Noise", 0.0, 2.0, 0.1, step=0.05, key="tr_noise")
    test_fraction = c4.slider("Test fraction", 0.0, 0.5, 0.2, key="tr_test")
    classes = c5.number_input("Classes", 2, 10, 3, key="tr_classes")
    if st.button("Use this dataset", key="tr_use"):
        full = core.make_dataset(name, int(n), float(noise), 0, int(classes))
        why = ui_data.describe_mismatch(net, full)
        if why:
            st.error(why, icon=":material/warning:")
        else:
            train_set, test_set = core.train_test_split(full, test_fraction, seed=0)
            training.set_data(train_set, test_set if len(test_set.X) else None)
            state.set_network(net, train_set.X, train_set.Y, note=f"{name} training set")
            st.session_state["train"] = training.fresh()
            st.rerun()
train_set, test_set = training.data()
if not ui_data.fits(net, train_set.X, train_set.Y):
    X_now, Y_now = state.data()
    training.set_data(core.Dataset("current", X_now, Y_now, training.task_of(Y_now)), None)
    train_set, test_set = training.data()
if len(train_set.X) < 10:
    c_info, c_btn = st.columns([3, 1], vertical_alignment="center")
    c_info.info(
        f"The current data has only {len(train_set.X)} example(s). For a real training run, "
        "load the spiral preset (or pick a dataset above)."
    )
    if c_btn.button("Load the spiral preset", key="tr_spiral"):
        state.load_preset("spiral")
        st.session_state.pop("train_data", None)
        st.session_state["train"] = training.fresh()
        st.rerun()
st.caption(
    f"Training on {len(train_set.X)} examples ({train_set.name})"
    + (f", testing on {len(test_set.X)}" if test_set is not None else ", no test set")
)

c1, c2, c3, c4, c5, c6 = st.columns(6)
settings = {
    "optimizer": c1.selectbox("Optimizer", list(core.OPTIMIZERS), index=2, key="tr_opt"),
    "learning_rate": c2.number_input(
        "Learning rate η", 1e-5, 10.0, 0.01, format="%.4f", key="tr_eta"
    ),
    "batch_size": int(c3.number_input("Batch size", 1, 5000, 500, key="tr_batch")),
    "l2": c4.number_input("L2", 0.0, 1.0, 0.0, format="%.4f", key="tr_l2"),
    "max_epochs": int(c5.number_input("Stop after epochs", 1, 1_000_000, 20_000, key="tr_epochs")),
    "target_loss": c6.number_input("…or when E ≤", 0.0, 100.0, 0.0, format="%.4f", key="tr_target")
    or None,
    "seed": 0,
}


def play():
    training.session()["playing"] = True
    training.session()["done"] = False


def pause():
    training.session()["playing"] = False


b1, b2, b3, b4, _ = st.columns([1, 1, 1, 1, 4])
b1.button(
    "Play",
    icon=":material/play_arrow:",
    on_click=play,
    disabled=t["playing"],
    key="tr_play",
    width="stretch",
)
b2.button(
    "Pause",
    icon=":material/pause:",
    on_click=pause,
    disabled=not t["playing"],
    key="tr_pause",
    width="stretch",
)
if b3.button(
    "Step",
    icon=":material/skip_next:",
    help="Train one epoch",
    disabled=t["playing"],
    key="tr_step",
    width="stretch",
):
    training.run_chunk(settings, epochs=1)
b4.button(
    "Reset",
    icon=":material/restart_alt:",
    on_click=training.reset,
    key="tr_reset",
    width="stretch",
    help="Back to the network from before training started.",
)


@st.fragment(run_every=training.REFRESH_SECONDS if t["playing"] else None)
def live():
    t = training.session()
    if t["playing"]:
        training.run_chunk(settings)
        if not t["playing"]:  # finished: a full rerun turns the timer off and the buttons back
            st.rerun(scope="app")
    current = state.network()
    epochs = len(t["loss"])
    m1, m2, m3 = st.columns(3)
    m1.metric("Epoch", epochs)
    m2.metric("Train E", f"{t['loss'][-1]:.4g}" if t["loss"] else "—")
    m3.metric("Epochs per second", f"{t['rate']:.0f}" if t["rate"] else "—")
    if t["message"]:
        (st.error if "diverged" in t["message"] else st.info)(t["message"])
    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            figures.loss_curves(
                t["loss"], t["test_loss"] or None, t["acc"] or None, t["test_acc"] or None
            ),
            key="tr_loss",
        )
    with right:
        X, Y = train_set.X, train_set.Y
        if current.sizes[0] == 2 and train_set.task != "regression":
            (xr, yr) = core.data_range(X)
            xs, ys, out = core.predict_grid(current, xr, yr, 50)
            labels = train_set.labels.astype(int)
            st.plotly_chart(figures.decision_boundary(xs, ys, out, X, labels), key="tr_boundary")
        elif current.sizes[0] == 1 and current.sizes[-1] == 1:
            (xr,) = core.data_range(X)
            xs, _, _ = core.grid(xr, (0, 0), 200)
            st.plotly_chart(
                figures.regression_fit(X, Y, xs, core.predict(current, xs[:, None])[:, 0]),
                key="tr_fit",
            )
        else:
            st.info(
                "The decision boundary is drawn for classification with two inputs, the "
                "fitted curve for one input and one output."
            )
    st.plotly_chart(figures.gradient_norms(t["delta_norm"], t["grad_norm"]), key="tr_norms")
    st.caption(
        "Try 8 sigmoid hidden layers with small initialization against ReLU with He "
        "initialization (Build page): the lower layers' ‖δ⁽ᵏ⁾‖ fall by orders of magnitude."
    )


live()
