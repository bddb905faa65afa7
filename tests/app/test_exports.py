"""Downloads for slides and notes (panels/exports.py) on Forward and Backward.

The files' numbers are checked against the formulas of NOTATION.md computed here with plain numpy
(z = a θᵀ + b, a = g(z), δ⁽ᴸ⁾ = 2(a − y) ⊙ g′(z), δ⁽ᵏ⁾ = δ⁽ᵏ⁺¹⁾ θ⁽ᵏ⁺¹⁾ ⊙ g′(z), ∂E/∂θ = (1/m) δᵀ a),
never with core. AppTest shows the buttons; it does not hand out a download's bytes, so a spy
on `exports.files` records what the page offered, and the test opens those files itself.
"""

import csv
import io
import zipfile

import numpy as np
import pytest
from app_helpers import (
    BWD_VIEW,
    FWD_VIEW,
    network,
    no_errors,
    open_page,
    report_step,
    steps_without_time_box,  # noqa: F401 (autouse: every step is built)
)

import core
from panels import exports
from panels.backward import ONE_EXAMPLE, PLAY

ETA = 0.7
EXAMPLE = 2
KEYS = ("dl_md", "dl_tex", "dl_csv")


def g(name, z):
    return np.tanh(z) if name == "tanh" else 1 / (1 + np.exp(-z))


def g_prime(name, z):
    return 1 - np.tanh(z) ** 2 if name == "tanh" else g(name, z) * (1 - g(name, z))


def make_case():
    """A 2-3-2 network (tanh, sigmoid; the seed's squared error) with non-zero biases, m = 4."""
    rng = np.random.default_rng(7)
    W = {1: rng.uniform(-1.5, 1.5, (3, 2)), 2: rng.uniform(-1.5, 1.5, (2, 3))}
    b = {1: rng.uniform(-0.8, 0.8, 3), 2: rng.uniform(-0.8, 0.8, 2)}
    acts = {1: "tanh", 2: "sigmoid"}
    net = core.Network.from_layers([W[1], W[2]], [b[1], b[2]], [acts[1], acts[2]], "squared_error")
    X = rng.uniform(-1, 1, (4, 2))
    Y = rng.uniform(0, 1, (4, 2))
    return net, X, Y, W, b, acts


def reference(W, b, acts, X, Y):
    """a, z, δ (one row per example) and the batch-mean gradients, from NOTATION.md."""
    a, z = {0: np.asarray(X, float)}, {}
    for k in (1, 2):
        z[k] = a[k - 1] @ W[k].T + b[k]
        a[k] = g(acts[k], z[k])
    delta = {2: 2 * (a[2] - Y) * g_prime(acts[2], z[2])}  # E(x, y) = Σ (y − a)²
    delta[1] = (delta[2] @ W[2]) * g_prime(acts[1], z[1])
    m = len(X)
    gw = {k: delta[k].T @ a[k - 1] / m for k in (1, 2)}
    gb = {k: delta[k].mean(axis=0) for k in (1, 2)}
    return a, z, delta, gw, gb


def shown(x) -> str:
    """How a number of moderate size appears in the LaTeX: 4 significant digits."""
    assert 1e-4 <= abs(x) < 1e3  # no exponent form ("1.2e−7") in this test's numbers
    return f"{x:.4g}"


def by_name(offered) -> dict:
    return {f.name: f for f in offered}


def read_csv(text: str) -> tuple[list[str], np.ndarray]:
    rows = list(csv.reader(io.StringIO(text)))
    body = np.array([[float(v) for v in row[1:]] for row in rows[1:]])
    assert [int(row[0]) for row in rows[1:]] == list(range(len(body)))  # row index column
    return rows[0], body


# ---- the files themselves (no streamlit) --------------------------------------------------------


@pytest.mark.parametrize("k", [1, 2])
def test_the_zip_holds_every_matrix_of_step_k_as_numpy_computes_it(k):
    net, X, Y, W, b, acts = make_case()
    a, z, delta, gw, gb = reference(W, b, acts, X, Y)
    offered = exports.files(net, X, Y, page="backward", k=k, example=0, eta=ETA, whole=True)
    (zipped,) = [f for f in offered if f.name.endswith(".zip")]
    assert zipped.name == f"step-k{k}-matrices.zip" and zipped.mime == "application/zip"
    with zipfile.ZipFile(io.BytesIO(zipped.data())) as zf:
        texts = {name: zf.read(name).decode() for name in zf.namelist()}
    expected = {
        f"layer-{k - 1}-a.csv": a[k - 1],
        f"layer-{k}-z.csv": z[k],
        f"layer-{k}-a.csv": a[k],
        f"layer-{k}-theta.csv": W[k],
        f"layer-{k}-b.csv": b[k][:, None],
        f"layer-{k}-delta.csv": delta[k],
        f"layer-{k}-dE_dtheta.csv": gw[k],
        f"layer-{k}-dE_db.csv": gb[k][:, None],
    }
    assert set(texts) == set(expected)
    for name, want in expected.items():
        _, got = read_csv(texts[name])
        assert got.shape == want.shape, name
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15, err_msg=name)


def test_worked_example_of_one_forward_step_has_that_steps_numbers_of_the_chosen_example():
    net, X, Y, W, b, acts = make_case()
    a, z, *_ = reference(W, b, acts, X, Y)
    offered = by_name(
        exports.files(net, X, Y, page="forward", k=1, example=EXAMPLE, eta=ETA, whole=False)
    )
    stem = f"worked-example-forward-step-k1-example-{EXAMPLE}"
    assert set(offered) == {f"{stem}.md", f"{stem}.tex", "step-k1-matrices.zip"}
    md, tex = offered[f"{stem}.md"], offered[f"{stem}.tex"]
    assert (md.mime, tex.mime) == ("text/markdown", "application/x-tex")
    for doc in (md.data(), tex.data()):
        for i in range(3):
            assert shown(z[1][EXAMPLE, i]) in doc and shown(a[1][EXAMPLE, i]) in doc
            assert shown(z[1][0, i]) not in doc  # another example's numbers
        for i in range(2):
            assert shown(z[2][EXAMPLE, i]) not in doc  # another step's numbers
    assert tex.data().startswith(r"\documentclass") and "$$" in md.data()


def test_worked_example_of_one_backward_step_has_that_examples_deltas_and_gradients():
    net, X, Y, W, b, acts = make_case()
    a, _z, delta, *_ = reference(W, b, acts, X, Y)
    offered = by_name(
        exports.files(net, X, Y, page="backward", k=1, example=EXAMPLE, eta=ETA, whole=False)
    )
    md = offered[f"worked-example-backward-step-k1-example-{EXAMPLE}.md"].data()
    grad = np.outer(delta[1][EXAMPLE], a[0][EXAMPLE])  # m = 1: this example's own gradient
    for i in range(3):
        assert shown(delta[1][EXAMPLE, i]) in md
        for j in range(2):
            assert shown(grad[i, j]) in md
    grad2 = np.outer(delta[2][EXAMPLE], a[1][EXAMPLE])
    assert all(shown(d) not in md for d in grad2.flat)  # ∂E/∂θ⁽²⁾ belongs to another step
    assert shown(W[1][0, 0] - ETA * grad[0, 0]) not in md  # the update is not a step's


def test_the_whole_pass_ends_with_the_update_at_the_pages_learning_rate():
    net, X, Y, W, b, acts = make_case()
    a, _z, delta, *_ = reference(W, b, acts, X, Y)
    offered = exports.files(net, X, Y, page="backward", k=2, example=EXAMPLE, eta=ETA, whole=True)
    names = [f.name for f in offered]
    assert names[:2] == [
        f"worked-example-example-{EXAMPLE}.md",
        f"worked-example-example-{EXAMPLE}.tex",
    ]
    for f in offered[:2]:
        doc = f.data()
        for k in (1, 2):
            grad = np.outer(delta[k][EXAMPLE], a[k - 1][EXAMPLE])
            new = W[k] - ETA * grad
            for i, j in np.ndindex(new.shape):
                assert shown(new[i, j]) in doc, (f.name, k, i, j)
            for i in range(len(b[k])):
                assert shown(b[k][i] - ETA * delta[k][EXAMPLE, i]) in doc


@pytest.mark.parametrize(("page", "k"), [("forward", 0), ("backward", "x"), ("backward", None)])
def test_without_a_layer_step_only_the_whole_pass_is_offered(page, k):
    net, X, Y, *_ = make_case()
    offered = exports.files(net, X, Y, page=page, k=k, example=1, eta=ETA, whole=False)
    assert [f.name for f in offered] == [
        "worked-example-example-1.md",
        "worked-example-example-1.tex",
    ]


def test_an_unknown_page_is_refused():
    net, X, Y, *_ = make_case()
    with pytest.raises(ValueError, match="page"):
        exports.files(net, X, Y, page="train", k=1, example=0, eta=ETA, whole=True)


# ---- on the pages (AppTest) --------------------------------------------------------------------


@pytest.fixture
def spy(monkeypatch):
    """Every call of exports.files the pages make: (its keyword arguments, the files)."""
    calls, real = [], exports.files

    def files(net, *args, **kwargs):
        offered = real(net, *args, **kwargs)
        calls.append((kwargs | {"net": net}, by_name(offered)))
        return offered

    monkeypatch.setattr(exports, "files", files)
    return calls


OPEN = {"forward_dl_open": True, "backward_dl_open": True}  # the expanders, opened


def test_the_files_are_offered_only_once_the_expander_is_opened(spy):
    net, X, Y, *_ = make_case()
    for page in ("forward", "backward"):
        at = open_page(page, state={"network": net, "X": X, "Y": Y})
        no_errors(at)
        assert at.expander[-1].label == "Download for slides and notes"
        assert not at.get("download_button") and not spy  # closed: nothing is prepared
        at.session_state[f"{page}_dl_open"] = True  # what a click on it sends
        at.run()
        no_errors(at)
        assert buttons(at, page) and spy
        spy.clear()


def buttons(at, page):
    return {b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")} & {
        f"{page}_{key}" for key in KEYS
    }


def test_forward_page_offers_the_whole_pass_at_the_input_and_a_step_after_it(spy):
    net, X, Y, W, b, acts = make_case()
    at = open_page("forward", state={"network": net, "X": X, "Y": Y, **OPEN})
    no_errors(at)
    assert at.expander[-1].label == "Download for slides and notes"
    assert buttons(at, "forward") == {"forward_dl_md", "forward_dl_tex"}  # k = 0: no layer step
    assert (
        "Example 0 written out with its numbers: the whole pass and one update with η = 0.5."
        in [c.value for c in at.caption]
    )
    report_step(at, FWD_VIEW, 1)  # the browser's stepper tells the server k = 1
    at.selectbox(key="fwd_example").set_value(EXAMPLE).run()
    at.radio(key="forward_dl_scope").set_value(exports.STEP).run()
    no_errors(at)
    assert buttons(at, "forward") == {f"forward_{key}" for key in KEYS}
    said = f"Example {EXAMPLE} written out with its numbers: step k = 1 of the forward pass; "
    assert said + "the matrices of step k = 1, all 4 examples." in [c.value for c in at.caption]
    kwargs, offered = spy[-1]
    assert (kwargs["page"], kwargs["k"], kwargs["example"], kwargs["whole"]) == (
        "forward",
        1,
        EXAMPLE,
        False,
    )
    _a, z, *_ = reference(W, b, acts, X, Y)
    md = offered[f"worked-example-forward-step-k1-example-{EXAMPLE}.md"].data()
    assert all(shown(z[1][EXAMPLE, i]) in md for i in range(3))


def test_backward_page_passes_its_step_example_and_learning_rate(spy):
    net, X, Y, W, b, acts = make_case()
    at = open_page("backward", state={"network": net, "X": X, "Y": Y, **OPEN})
    no_errors(at)
    assert buttons(at, "backward") == {f"backward_{key}" for key in KEYS}  # first step: k = L
    at.number_input(key="bwd_eta").set_value(ETA).run()
    at.selectbox(key="bwd_example").set_value(EXAMPLE).run()
    no_errors(at)
    kwargs, offered = spy[-1]
    assert (kwargs["k"], kwargs["example"], kwargs["eta"], kwargs["whole"]) == (
        2,
        EXAMPLE,
        ETA,
        True,
    )
    a, _z, delta, *_ = reference(W, b, acts, X, Y)
    new = W[2] - ETA * np.outer(delta[2][EXAMPLE], a[1][EXAMPLE])
    assert shown(new[1, 2]) in offered[f"worked-example-example-{EXAMPLE}.md"].data()


def test_backward_page_one_example_view_and_the_input_step(spy):
    net, X, Y, *_ = make_case()
    at = open_page("backward", state={"network": net, "X": X, "Y": Y, **OPEN})
    at.radio(key="bwd_view").set_value(ONE_EXAMPLE).run()
    at.selectbox(key="bwd_view_example").set_value(3).run()
    no_errors(at)
    assert spy[-1][0]["example"] == 3
    report_step(at, BWD_VIEW, "x")  # ∂E/∂x: the whole pass only
    no_errors(at)
    assert spy[-1][0]["k"] == "x"
    assert buttons(at, "backward") == {"backward_dl_md", "backward_dl_tex"}
    assert not [r for r in at.radio if r.key == "backward_dl_scope"]


def test_backward_page_after_a_step_and_while_playing(spy):
    net, X, Y, *_ = make_case()
    at = open_page("backward", state={"network": net, "X": X, "Y": Y, **OPEN})
    at.button(key="bwd_apply").click().run()
    no_errors(at)
    stepped = network(at)
    assert stepped is not net and spy[-1][0]["net"] is stepped  # the file of what is shown now
    at.radio(key="bwd_mode").set_value(PLAY).run()
    no_errors(at)
    assert spy[-1][0]["k"] is None  # the animation has no current step: the whole pass only
    assert buttons(at, "backward") == {"backward_dl_md", "backward_dl_tex"}


def test_no_downloads_while_the_student_predicts(spy):
    net, X, Y, *_ = make_case()
    for page in ("forward", "backward"):
        at = open_page(page, state={"network": net, "X": X, "Y": Y, "predict_first": True, **OPEN})
        no_errors(at)
        assert not at.get("download_button")
        assert exports.NOT_WHILE_PREDICTING in [c.value for c in at.caption]
