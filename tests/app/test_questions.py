"""Predict first (Forward, Backward), the Quiz page and the first-order ΔE after a step.

Second opinions: every true value, every value a classic mistake gives, E and ΔE are computed
here from the formulas of NOTATION.md with plain numpy (sigmoid layers, E = ½‖a⁽ᴸ⁾ − y‖²
averaged over the m examples), never read back from the app.
"""

import re

import numpy as np
from app_helpers import (
    FWD_VIEW,
    latex_text,
    metric_number,
    network,
    no_errors,
    number,
    open_page,
    step_latex,
    steps_without_time_box,  # noqa: F401 (autouse: every step is built)
    stepview_args,
)

import core

SUB = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def make_case():
    """A 2-3-3-1 sigmoid network (θ⁽²⁾ is square: forgetting its transpose changes δ⁽¹⁾) and
    four examples whose targets are far from the outputs, so every δ is large enough to tell."""
    rng = np.random.default_rng(7)
    W = {
        1: rng.uniform(-2, 2, (3, 2)),
        2: rng.uniform(-2, 2, (3, 3)),
        3: rng.uniform(-2, 2, (1, 3)),
    }
    B = {k: rng.uniform(-1, 1, W[k].shape[0]) for k in W}
    X = rng.uniform(-1, 1, (4, 2))
    Y = np.array([[1.0], [0.0], [1.0], [0.0]])
    net = core.Network.from_layers(
        [W[1], W[2], W[3]], [B[1], B[2], B[3]], ["sigmoid"] * 3, "half_squared_error"
    )
    return net, W, B, X, Y


def passes(W, B, X, Y):
    """z, a, δ per layer and E, ∂E/∂θ, ∂E/∂b of the batch, from the formulas."""
    L, m = len(W), len(X)
    a, z = {0: X}, {}
    for k in range(1, L + 1):
        z[k] = a[k - 1] @ W[k].T + B[k]
        a[k] = sigmoid(z[k])
    E = np.mean(0.5 * np.sum((a[L] - Y) ** 2, axis=1))
    d = {L: (a[L] - Y) * sigmoid_prime(z[L])}
    for k in range(L - 1, 0, -1):
        d[k] = (d[k + 1] @ W[k + 1]) * sigmoid_prime(z[k])
    gw = {k: d[k].T @ a[k - 1] / m for k in W}
    gb = {k: d[k].sum(axis=0) / m for k in W}
    return z, a, d, E, gw, gb


def typed(x: float) -> str:
    return f"{x:.10g}"


def far(x, y):  # more than the stated tolerance apart (1% or 0.0001)
    return abs(x - y) > max(0.01 * abs(y), 1e-4) * 3


def texts(at) -> str:
    return "\n".join(el.value for el in (*at.markdown, *at.success, *at.warning, *at.caption))


def shows(at, value) -> bool:
    """The value, to the 4 significant digits of the screen, anywhere in the page's text."""
    written = f"{value:.4g}".replace("-", "−")
    return written in texts(at) or f"{value:.4g}" in latex_text(at)


def backward_at(k: int, kind: str, **chosen):
    net, W, B, X, Y = make_case()
    state = {"network": net, "X": X, "Y": Y, "predict_first": True, "bwd_step": k}
    state |= {"bwd_kind": kind} | {f"bwd_{name}": v for name, v in chosen.items()}
    return open_page("backward", state=state), (W, B, X, Y)


def answer(at, key: str, text: str):
    at.text_input(key=f"{key}_answer").set_value(text).run()
    at.button(key=f"{key}_check").click().run()
    return at


# ------------------------------------------------------------------------------ predict first


def test_backward_hides_the_cell_until_answered_then_grades_it_correct():
    at, (W, B, X, Y) = backward_at(1, "delta", i=2, example=3)
    no_errors(at)
    true = passes(W, B, X, Y)[2][1][3, 2]  # δ₂⁽¹⁾ of example 3
    assert "What is **δ₂⁽¹⁾ of example 3**?" in texts(at)
    assert not shows(at, true)  # neither the card nor the headline value
    answer(at, "bwd_predict", typed(true))
    no_errors(at)
    assert len(at.success) == 1 and "Correct" in at.success[0].value
    assert not at.warning
    assert shows(at, true)  # revealed: the card and the headline
    assert "\\odot" in latex_text(at) and "— equation (2)" in texts(at)
    assert at.session_state["predict_answers"]  # remembered: a rerun keeps the reveal
    at.run()
    assert shows(at, true) and "Correct" in at.success[0].value


def _diagnosed(at, key, wrong, true, title):
    assert far(wrong, true), "the planted mistake must differ from the true value"
    answer(at, key, typed(wrong))
    no_errors(at)
    assert not at.success and len(at.warning) == 1
    verdict = at.warning[0].value
    assert "Not quite" in verdict and "within 1% or 0.0001" in verdict
    shown = [number(s) for s in re.findall(r"[−-]?\d+\.?\d*(?:e[−-]?\d+)?", verdict)]
    assert any(abs(s - true) <= 5e-4 * abs(true) for s in shown), (verdict, true)
    assert f"**{title}**" in texts(at), texts(at)
    assert latex_text(at), "a wrong answer shows the chain-rule card"


def test_forgot_g_prime_is_diagnosed():
    at, (W, B, X, Y) = backward_at(1, "delta", i=1, example=0)
    d = passes(W, B, X, Y)[2]
    wrong = (d[2] @ W[2])[0, 1]  # δ⁽¹⁾ = θ⁽²⁾ᵀ δ⁽²⁾ without ⊙ g′(z⁽¹⁾)
    _diagnosed(at, "bwd_predict", wrong, d[1][0, 1], "Drop the g′(z) factor")


def test_forgot_the_transpose_is_diagnosed():
    at, (W, B, X, Y) = backward_at(1, "delta", i=0, example=2)
    z, _, d, *_ = passes(W, B, X, Y)
    wrong = ((d[2] @ W[2].T) * sigmoid_prime(z[1]))[2, 0]  # θ⁽²⁾ δ⁽²⁾ for θ⁽²⁾ᵀ δ⁽²⁾
    _diagnosed(at, "bwd_predict", wrong, d[1][2, 0], "Forget the transpose")


def test_g_prime_of_a_is_diagnosed():
    at, (W, B, X, Y) = backward_at(2, "delta", i=1, example=1)
    _, a, d, *_ = passes(W, B, X, Y)
    wrong = ((d[3] @ W[3]) * sigmoid_prime(a[2]))[1, 1]  # g′(a⁽²⁾) for g′(z⁽²⁾)
    _diagnosed(at, "bwd_predict", wrong, d[2][1, 1], "Use a instead of z in g′")


def test_flipped_sign_of_the_output_delta_is_diagnosed():
    at, (W, B, X, Y) = backward_at(3, "delta", i=0, example=1)
    z, a, d, *_ = passes(W, B, X, Y)
    wrong = ((Y - a[3]) * sigmoid_prime(z[3]))[1, 0]  # y − a for a − y
    _diagnosed(at, "bwd_predict", wrong, d[3][1, 0], "Flip the sign of δ⁽ᴸ⁾")


def test_forgot_one_over_m_is_diagnosed():
    at, (W, B, X, Y) = backward_at(2, "grad_w", i=2, j=0)
    _, a, d, _, gw, _ = passes(W, B, X, Y)
    assert "What is **∂E/∂θ₂₀⁽²⁾** (mean over the batch)?" in texts(at)
    wrong = (d[2].T @ a[1])[2, 0]  # Σₑ without 1/m
    _diagnosed(at, "bwd_predict", wrong, gw[2][2, 0], "Skip the 1/m average")


def test_bias_gradient_correct_and_try_another():
    at, (W, B, X, Y) = backward_at(1, "grad_b", i=1)
    gb = passes(W, B, X, Y)[5]
    answer(at, "bwd_predict", typed(gb[1][1]))
    assert "Correct" in at.success[0].value
    at.button(key="bwd_predict_again").click().run()
    no_errors(at)
    assert not at.success and at.text_input(key="bwd_predict_answer").value == ""
    answer(at, "bwd_predict", typed(gb[1][1] * 2 + 1))
    assert "matches none of the classic mistakes" in texts(at)


def test_one_example_view_grades_against_that_example_alone():
    """In the one-example view the gradient is example 2's own (m = 1): that is the answer."""
    net, W, B, X, Y = make_case()
    state = {"network": net, "X": X, "Y": Y, "predict_first": True, "bwd_step": 2}
    state |= {"bwd_kind": "grad_b", "bwd_i": 0, "bwd_view": "one example", "bwd_view_example": 2}
    at = open_page("backward", state=state)
    own = passes(W, B, X[2:3], Y[2:3])[5][2][0]
    batch = passes(W, B, X, Y)[5][2][0]
    assert far(own, batch)
    answer(at, "bwd_predict", typed(own))
    assert at.success and "Correct" in at.success[0].value


def test_bad_text_gets_one_message_and_no_grade():
    at, (W, B, X, Y) = backward_at(1, "delta", i=0, example=0)
    true = passes(W, B, X, Y)[2][1][0, 0]
    for bad in ("abc", "nan", "1e309", "-inf", ""):
        answer(at, "bwd_predict", bad)
        assert len(at.error) == 1, bad
        assert not at.success and not at.warning, bad
        assert not shows(at, true), bad
    assert not at.session_state["predict_answers"]


def test_forward_asks_z_or_a_and_names_forgotten_bias_and_activation():
    net, W, B, X, Y = make_case()
    state = {"network": net, "X": X, "Y": Y, "predict_first": True, "fwd_k": 2}
    state |= {"fwd_i_2": 1, "fwd_example": 3}
    at = open_page("forward", state=state)
    no_errors(at)
    z, a = passes(W, B, X, Y)[:2]
    assert "What is **z₁⁽²⁾** of example 3?" in texts(at)
    assert not latex_text(at)  # the card waits
    no_bias = (a[1] @ W[2].T)[3, 1]
    _diagnosed(at, "fwd_predict", no_bias, z[2][3, 1], "Forget the bias")
    at.radio(key="fwd_predict_kind").set_value("a").run()
    assert "What is **a₁⁽²⁾** of example 3?" in texts(at)
    assert not latex_text(at)
    _diagnosed(at, "fwd_predict", z[2][3, 1], a[2][3, 1], "Forget the activation")


def test_switch_off_shows_everything_at_once():
    net, W, B, X, Y = make_case()
    at = open_page("forward", state={"network": net, "X": X, "Y": Y, "fwd_k": 1})
    assert at.toggle(key="predict_first").value is False
    assert stepview_args(at, FWD_VIEW)["current"] == "1" and not at.text_input
    z, a = passes(W, B, X, Y)[:2]
    for i in range(3):  # every neuron's card of step 1, example 0, with its numbers at once
        card = step_latex(at, FWD_VIEW, 1, option=i).replace("−", "-")
        assert f"{z[1][0, i]:.4g}" in card and f"{a[1][0, i]:.4g}" in card


# ------------------------------------------------------------------------------------- quiz


def quiz_value(question: str, W, B, X, Y) -> float:
    """The true value of a question, read from its name in the notation."""
    z, a, d, _, gw, gb = passes(W, B, X, Y)
    found = re.search(r"What is \*\*(z|a|δ|∂E/∂θ|∂E/∂b)([₀-₉]+)⁽([⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾", question)
    name, idx, k = found.group(1), found.group(2).translate(SUB), int(found.group(3).translate(SUP))
    if name in ("z", "a", "δ"):
        e = int(re.search(r"of example (\d+)", question).group(1))
        return {"z": z, "a": a, "δ": d}[name][k][e, int(idx)]
    if name == "∂E/∂θ":
        return gw[k][int(idx[0]), int(idx[1])]
    return gb[k][int(idx)]


def questions(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**Question")]


def test_quiz_grades_counts_and_starts_over():
    net, W, B, X, Y = make_case()
    at = open_page("quiz", state={"network": net, "X": X, "Y": Y, "quiz_seed": 41})
    no_errors(at)
    asked = questions(at)
    assert len(asked) == 5 and len(set(asked)) == 5
    assert at.metric[0].value == "0 / 0"
    assert any("Copy link" in c.value for c in at.caption)
    true = quiz_value(asked[0], W, B, X, Y)
    answer(at, "quiz_q0", typed(true))
    assert at.metric[0].value == "1 / 1" and "Correct" in at.success[0].value
    answer(at, "quiz_q1", typed(quiz_value(asked[1], W, B, X, Y) + 7))
    assert at.metric[0].value == "1 / 2"
    answer(at, "quiz_q2", "seven")
    assert len(at.error) == 1 and at.metric[0].value == "1 / 2"
    at.button(key="quiz_new").click().run()
    no_errors(at)
    assert at.session_state["quiz_seed"] != 41
    assert at.metric[0].value == "0 / 0"
    assert questions(at) != asked


def test_quiz_every_question_is_named_and_graded_right():
    net, W, B, X, Y = make_case()
    at = open_page("quiz", state={"network": net, "X": X, "Y": Y, "quiz_seed": 5})
    for q, question in enumerate(questions(at)):
        answer(at, f"quiz_q{q}", typed(quiz_value(question, W, B, X, Y)))
    assert at.metric[0].value == "5 / 5"
    assert len(at.success) == 5
    named = " ".join(questions(at))
    assert "(mean over the batch)" in named or "of example" in named


def test_same_seed_same_questions_and_a_seed_is_made_when_absent():
    net, _, _, X, Y = make_case()
    shared = {"network": net, "X": X, "Y": Y}
    first = open_page("quiz", state=shared | {"quiz_seed": 123})
    second = open_page("quiz", state=shared | {"quiz_seed": 123})
    assert questions(first) == questions(second)
    fresh = open_page("quiz", state=dict(shared))
    seed = fresh.session_state["quiz_seed"]
    assert isinstance(seed, int) and 0 <= seed <= 10**6


# ------------------------------------------------------------------------- first-order ΔE


def step(eta: float):
    net, W, B, X, Y = make_case()
    at = open_page("backward", state={"network": net, "X": X, "Y": Y})
    at.number_input(key="bwd_eta").set_value(eta).run()
    at.button(key="bwd_apply").click().run()
    no_errors(at)
    *_, E, gw, gb = passes(W, B, X, Y)
    norm2 = sum(np.sum(g**2) for g in (*gw.values(), *gb.values()))
    W_new = {k: W[k] - eta * gw[k] for k in W}
    B_new = {k: B[k] - eta * gb[k] for k in B}
    E_new = passes(W_new, B_new, X, Y)[3]
    assert np.allclose(network(at).weights[1], W_new[1], atol=1e-12)
    return at, -eta * norm2, E_new - E, E


def _check_shown(at, predicted, actual):
    assert "first order" in at.metric[2].label
    assert abs(metric_number(at.metric[2]) - predicted) <= 1e-5 * abs(predicted)
    assert abs(number(at.metric[1].delta) - actual) <= 1e-5 * abs(actual)


def test_small_step_first_order_prediction_agrees():
    at, predicted, actual, _ = step(0.01)
    _check_shown(at, predicted, actual)
    assert abs(actual - predicted) <= 0.1 * abs(predicted)
    assert "they agree" in texts(at) and "large difference" not in texts(at)


def test_large_step_says_why_the_prediction_misses():
    at, predicted, actual, E = step(60.0)
    _check_shown(at, predicted, actual)
    assert abs(actual - predicted) > 0.1 * abs(predicted)
    text = texts(at)
    assert "large difference" in text and "η²" in text and "they agree" not in text
    assert ("overshot" in text) == (actual > 0)
    assert ("below 0" in text) == (E + predicted < 0)
