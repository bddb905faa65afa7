"""The classroom features in a real headless Chromium (issue 8): a link copied in one browser
opens the same screen in another, a reload keeps the network, the keys step the passes, a wrong
prediction is named as the mistake it is, downloads carry the worked example's numbers, a
hostile link is refused once, and presentation mode fits a 1024×768 projector.

Every expected number is computed here, with plain numpy, from the formulas of NOTATION.md and
the published weights of the worked 2-2-2 example, never read back from the app. Each test is
its own user session from its first page load; every wait is on the app's state, never a sleep.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from urllib.parse import parse_qs, quote, urlsplit

import numpy as np
import pytest
from e2e_helpers import (
    all_tex,
    choose,
    click,
    drawn,
    draws,
    go_to,
    new_session,
    open_app,
    rerun,
    runs_finished,
    shot,
    step_button,
    step_heading,
    step_page,
    step_to,
    steps_frame,
    wait_drawn,
    wait_idle,
    wait_redrawn,
    wait_step_in_url,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# ------------------------------------------------------------------ the worked example, by hand

X0 = np.array([0.05, 0.10])
Y0 = np.array([0.01, 0.99])
THETA1 = np.array([[0.15, 0.20], [0.25, 0.30]])
B1 = np.array([0.35, 0.35])
THETA2 = np.array([[0.40, 0.45], [0.50, 0.55]])
B2 = np.array([0.60, 0.60])
ETA = 0.5  # the Backward page's default learning rate


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def worked(theta1=THETA1, b1=B1, theta2=THETA2, b2=B2) -> dict:
    """Forward and backward pass of the 2-2-2 example (sigmoid, half squared error, m = 1)."""
    z1 = theta1 @ X0 + b1
    a1 = sigmoid(z1)
    z2 = theta2 @ a1 + b2
    a2 = sigmoid(z2)
    E = 0.5 * np.sum((Y0 - a2) ** 2)
    d2 = (a2 - Y0) * a2 * (1 - a2)  # equation (1): ∇ₐE ⊙ g′(z⁽²⁾)
    d1 = (theta2.T @ d2) * a1 * (1 - a1)  # equation (2)
    return {
        "z1": z1,
        "a1": a1,
        "z2": z2,
        "a2": a2,
        "E": E,
        "d1": d1,
        "d2": d2,
        "gw1": np.outer(d1, X0),  # equation (3): ∂E/∂θᵢⱼ = aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾
        "gw2": np.outer(d2, a1),
        "gb1": d1,
        "gb2": d2,
    }


def after_one_step(eta=ETA) -> dict:
    w = worked()
    return worked(
        THETA1 - eta * w["gw1"], B1 - eta * w["gb1"], THETA2 - eta * w["gw2"], B2 - eta * w["gb2"]
    )


# ------------------------------------------------------------------ reading the page

NUMBER = r"[−+-]?\d+(?:\.\d+)?(?:e[−+-]?\d+)?"


def as_float(text: str) -> float:
    return float(text.replace("−", "-"))


def value_after_equals(text: str) -> float:
    """The number after the last '=' of a card line such as 'δ₀⁽²⁾ of example 0 = 0.1385'."""
    found = re.findall(rf"=\s*({NUMBER})", text)
    assert found, f"no '= number' in {text!r}"
    return as_float(found[-1])


def close(shown: float, expected: float, digits: int = 4) -> bool:
    """Shown with `digits` significant digits: within half a unit of the last digit."""
    return abs(shown - expected) <= 0.51 * 10 ** (np.floor(np.log10(abs(expected))) - digits + 1)


def metric(page, label: str) -> float:
    box = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)
    )
    return as_float(box.locator('[data-testid="stMetricValue"]').first.inner_text())


def tex(page) -> list[str]:
    """The TeX source of every formula KaTeX shows: the stepper's visible step, then the page."""
    return all_tex(page)


def bold_card_line(page):
    """The explain panel's bold line, '<quantity> = <value>' (the value the card explains)."""
    return page.locator('[data-testid="stMarkdownContainer"] strong').filter(
        has_text=re.compile(rf"= {NUMBER}$")
    )


def caption(page):
    return page.locator('[data-testid="stCaptionContainer"]').filter(has_text="Network ").first


def copied_link(page) -> str:
    """The URL the sidebar's "Copy link" popover shows; the popover is closed again."""
    page.get_by_role("button", name="Copy link").click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]')
    url = code.inner_text().strip()
    page.keyboard.press("Escape")
    expect(code).to_be_hidden()
    return url


def open_in_new_browser(browser, url: str, **kwargs):
    """A new context (another person, another machine) with `url` open; (context, page)."""
    context = new_session(browser, **kwargs)
    other = context.new_page()
    open_app(other, url)
    return context, other


def shortcut(page, key: str, heading: str) -> None:
    """Press `key` and wait for the stepper's frame to show `heading` (no server run needed)."""
    page.keyboard.press(key)
    expect(step_heading(page)).to_have_text(re.compile("^" + re.escape(heading)))


# ------------------------------------------------------------------ 1. the link is the state


def test_link_opens_the_same_step_and_cell_in_another_browser(page, app_url, browser):
    open_app(page, app_url)
    go_to(page, "Backward")
    expect(step_heading(page)).to_have_text(re.compile("^Step k = 2: layer 2"))
    step_to(page, "Next", "Step k = 1: layer 1", step=1)
    wait_step_in_url(page, 1)  # the explain panel below follows the frame's step
    choose(page, "Quantity", "∂E/∂θ⁽ᵏ⁾ (weight gradient)")
    choose(page, "Neuron i (layer k)", "1")
    choose(page, "Neuron j (layer k − 1)", "1")
    line_a = bold_card_line(page).inner_text()
    # ∂E/∂θ₁₁⁽¹⁾ = a₁⁽⁰⁾ δ₁⁽¹⁾ = x₁ δ₁⁽¹⁾ (a θ or a δ in its place, or j and i swapped, differ)
    assert line_a.startswith("∂E/∂θ₁₁⁽¹⁾ = "), line_a
    assert close(value_after_equals(line_a), worked()["gw1"][1, 1]), line_a
    formulas_a = tex(page)
    url = copied_link(page)
    query = parse_qs(urlsplit(url).query)
    assert query["page"] == ["backward"] and query["step"] == ["1"], url
    assert len(url) - len(app_url) <= 200, f"the worked example's link is long: {url}"

    context, other = open_in_new_browser(browser, url)
    try:
        wait_drawn(other, 1)
        expect(step_heading(other)).to_have_text(re.compile(r"^Step k = 1: layer 1 \(hidden\)"))
        expect(other.get_by_role("combobox", name="Quantity")).to_have_value(
            "∂E/∂θ⁽ᵏ⁾ (weight gradient)"
        )
        expect(bold_card_line(other)).to_have_text(line_a)
        assert tex(other) == formulas_a  # every equation, with every number, the same
        assert not other.locator('[data-testid="stException"]').count()
        assert copied_link(other) == url  # B's state writes back the very same link
    finally:
        context.close()


def test_link_carries_edited_weights_exactly(page, app_url, browser):
    open_app(page, app_url)
    go_to(page, "Backward")
    wait_drawn(page, 2)
    before = draws(page)
    click(page, page.get_by_role("button", name=re.compile("Apply one gradient-descent step")))
    page.get_by_text("E after the step").wait_for()
    wait_redrawn(page, before, 2)  # the new network's steps were sent and drawn in the frame
    before, after = worked()["E"], after_one_step()["E"]
    assert close(metric(page, "E before the step"), before, 6)
    assert close(metric(page, "E after the step"), after, 6)
    line_a = bold_card_line(page).inner_text()  # δ₀⁽²⁾ of the updated network
    assert close(value_after_equals(line_a), after_one_step()["d2"][0]), line_a
    formulas_a = tex(page)
    url = copied_link(page)
    # the stepped weights are not the preset's: the link must carry more than the recipe
    assert set(parse_qs(urlsplit(url).query)) - {"v", "page", "step", "cell", "preset"}, url

    context, other = open_in_new_browser(browser, url)
    try:
        wait_drawn(other, 2)
        expect(step_heading(other)).to_have_text(re.compile("^Step k = 2: layer 2"))
        expect(bold_card_line(other)).to_have_text(line_a)
        assert tex(other) == formulas_a
        # decoded and encoded again, the weights give the same link: a float64 round trip
        assert copied_link(other) == url
        go_to(other, "Home")
        assert close(metric(other, "Error E on the current data"), after, 6)
    finally:
        context.close()


def test_reload_keeps_the_network_and_the_step(page, app_url):
    open_app(page, app_url)
    go_to(page, "Build")
    choose(page, "Preset", "XOR 2-3-1")
    click(page, page.get_by_role("button", name="Load preset"))
    expect(caption(page)).to_contain_text("Network 2-3-1")
    go_to(page, "Forward")
    step_to(page, "Next", "Step k = 1 of 2", step=1)
    wait_step_in_url(page, 1)  # the server has the step: the reload below starts from its URL
    before = draws(page)
    choose(page, "Example", "example 3")
    wait_redrawn(page, before, 1)  # the steps of example 3 were sent and drawn
    expect(step_page(page)).to_contain_text("example 3")
    formulas = tex(page)

    page.reload(wait_until="domcontentloaded")  # a new server session: only the URL remains
    page.wait_for_function("() => (window.__stRunsFinished || 0) > 0")
    wait_idle(page)
    expect(caption(page)).to_contain_text("Network 2-3-1")
    wait_drawn(page, 1)
    expect(step_heading(page)).to_have_text(re.compile("^Step k = 1 of 2"))
    expect(page.get_by_role("combobox", name="Example")).to_have_value("example 3")
    assert tex(page) == formulas


# ------------------------------------------------------------------ 2. keyboard stepping


def test_arrow_keys_step_forward_and_backward(page, app_url):
    open_app(page, app_url)
    go_to(page, "Forward")
    wait_drawn(page, 0)
    expect(step_heading(page)).to_have_text(re.compile("^Step k = 0 of 2"))
    page.get_by_role("heading", level=1).click()  # the document has the focus, not an input
    shortcut(page, "ArrowRight", "Step k = 1 of 2")
    shortcut(page, "End", "Step k = 2 of 2")
    shortcut(page, "Home", "Step k = 0 of 2")
    page.keyboard.press("ArrowLeft")  # at k = 0 Back is disabled: nothing may change …
    shortcut(page, "ArrowRight", "Step k = 1 of 2")  # … so → lands on 1 (not on L, not on 2)
    wait_drawn(page, 1)
    wait_step_in_url(page, 1)  # the keys' step reached the server too

    go_to(page, "Backward")
    wait_drawn(page, 2)
    expect(step_heading(page)).to_have_text(re.compile("^Step k = 2: layer 2"))
    page.get_by_role("heading", level=1).click()
    shortcut(page, "ArrowRight", "Step k = 1: layer 1")  # backward: → goes from L to L − 1
    shortcut(page, "Home", "Step k = 2: layer 2")
    shortcut(page, "End", "Last step: the gradient with respect to the input")
    wait_step_in_url(page, "x")


# ------------------------------------------------------------------ 3. predict, then reveal


def predict(page, value: float) -> None:
    box = page.get_by_label("Your prediction")
    box.fill(f"{value:.10g}")
    click(page, page.get_by_role("button", name="Check"))


def try_again(page) -> None:
    click(page, page.get_by_role("button", name="Try another answer"))


def test_a_wrong_prediction_is_named_as_its_mistake(page, app_url):
    open_app(page, app_url)
    go_to(page, "Backward")
    wait_drawn(page, 2)
    click(page, page.get_by_text("Predict first", exact=True))
    page.get_by_label("Your prediction").wait_for()
    page.get_by_text("Step k = 2: layer 2").wait_for()  # the server's stepper, in the page
    expect(bold_card_line(page)).to_have_count(0)  # the value is hidden until answered
    w = worked()
    d2 = w["d2"][0]  # δ₀⁽²⁾ = (a₀ − y₀) a₀ (1 − a₀)

    predict(page, -d2)  # y − a instead of a − y
    page.get_by_text("Not quite").wait_for()
    expect(page.get_by_text("Flip the sign of δ⁽ᴸ⁾")).to_be_visible()
    expect(page.get_by_text("Drop the g′(z) factor")).to_have_count(0)
    expect(bold_card_line(page)).to_have_count(1)  # revealed with its chain-rule card
    shot(page, "predict-reveal")

    try_again(page)
    predict(page, w["a2"][0] - Y0[0])  # ∇ₐE alone: g′(z⁽ᴸ⁾) = a(1 − a) forgotten
    page.get_by_text("Not quite").wait_for()
    expect(page.get_by_text("Drop the g′(z) factor")).to_be_visible()
    expect(page.get_by_text("Flip the sign of δ⁽ᴸ⁾")).to_have_count(0)

    try_again(page)
    predict(page, d2)
    page.get_by_text(re.compile("^Correct")).wait_for()
    expect(page.get_by_text("classic mistake")).to_have_count(0)


def test_a_hidden_layer_prediction_with_g_prime_of_a(page, app_url):
    open_app(page, app_url)
    go_to(page, "Backward")
    step_to(page, "Next", "Step k = 1: layer 1", step=1)
    wait_step_in_url(page, 1)  # the server stepper with Predict first starts from it
    click(page, page.get_by_text("Predict first", exact=True))
    page.get_by_text("Step k = 1: layer 1").wait_for()  # the server's stepper, in the page
    w = worked()
    a1 = w["a1"]
    # g′ evaluated at a instead of z: σ′(a) = σ(a)(1 − σ(a))
    wrong = (THETA2.T @ w["d2"])[0] * sigmoid(a1[0]) * (1 - sigmoid(a1[0]))
    predict(page, wrong)
    page.get_by_text("Not quite").wait_for()
    expect(page.get_by_text("Use a instead of z in g′")).to_be_visible()


# ------------------------------------------------------------------ 4. downloads


def download(page, label: str):
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return info.value


def open_downloads(page) -> None:
    page.get_by_text("Download for slides and notes").click()
    page.get_by_role("button", name=re.compile("Markdown")).wait_for()


def read_csv(text: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text)) if row]


def csv_numbers(text: str) -> np.ndarray:
    """The numeric cells of a CSV, row by row (header and label cells left out)."""
    rows = []
    for row in read_csv(text):
        values = []
        for cell in row:
            try:
                values.append(as_float(cell))
            except ValueError:
                continue
        if values:
            rows.append(values)
    return np.array(rows, dtype=float)


def test_downloads_carry_the_worked_example_numbers(page, app_url, tmp_path):
    open_app(page, app_url)
    go_to(page, "Backward")
    wait_drawn(page, 2)
    open_downloads(page)
    w = worked()

    matrices = download(page, re.compile(r"Matrices of step k = 2"))
    zipped = tmp_path / matrices.suggested_filename
    matrices.save_as(zipped)
    with zipfile.ZipFile(zipped) as zf:
        texts = {name: zf.read(name).decode() for name in zf.namelist()}
    expected = {
        "layer-2-delta.csv": w["d2"][None, :],  # one row per example
        "layer-2-z.csv": w["z2"][None, :],
        "layer-2-a.csv": w["a2"][None, :],
        "layer-1-a.csv": w["a1"][None, :],  # a⁽ᵏ⁻¹⁾, the input of the step
        "layer-2-dE_db.csv": w["gb2"][:, None],  # one row per neuron i
    }
    for name, want in expected.items():
        assert name in texts, f"{name} not in {sorted(texts)}"
        got = csv_numbers(texts[name])
        assert got.shape[-1] >= want.shape[-1], (name, texts[name])
        assert np.allclose(got[-want.shape[0] :, -want.shape[1] :], want, rtol=1e-12, atol=0), (
            name,
            texts[name],
        )
    got = csv_numbers(texts["layer-2-dE_dtheta.csv"])  # rows i, columns j
    assert np.allclose(got[:, -2:], w["gw2"], rtol=1e-12, atol=0), texts["layer-2-dE_dtheta.csv"]

    md = download(page, re.compile("Markdown"))
    md.save_as(tmp_path / md.suggested_filename)
    results = aligned_results((tmp_path / md.suggested_filename).read_text())
    after = after_one_step()
    expected = {r"E": (w["E"], 6), r"E_{\text{after}}": (after["E"], 6)}
    for k in (1, 2):
        theta, b = (THETA1, B1) if k == 1 else (THETA2, B2)
        for i in range(2):
            expected[rf"z_{{{i}}}^{{({k})}}"] = (w[f"z{k}"][i], 4)
            expected[rf"a_{{{i}}}^{{({k})}}"] = (w[f"a{k}"][i], 4)
            expected[rf"\delta_{{{i}}}^{{({k})}}"] = (w[f"d{k}"][i], 4)
            grad_b = rf"\frac{{\partial E}}{{\partial b_{{{i}}}^{{({k})}}}}"
            expected[grad_b] = (w[f"gb{k}"][i], 4)
            expected[rf"b_{{{i}}}^{{({k})}}"] = (b[i] - ETA * w[f"gb{k}"][i], 4)
            for j in range(2):
                grad_w = rf"\frac{{\partial E}}{{\partial \theta_{{{i}{j}}}^{{({k})}}}}"
                expected[grad_w] = (w[f"gw{k}"][i, j], 4)
                new_theta = theta[i, j] - ETA * w[f"gw{k}"][i, j]
                expected[rf"\theta_{{{i}{j}}}^{{({k})}}"] = (new_theta, 4)
    for lhs, (value, digits) in expected.items():
        assert lhs in results, f"no line for {lhs} in the worked example ({sorted(results)})"
        assert close(results[lhs], value, digits), f"{lhs} = {results[lhs]}, not {value:.6g}"


def aligned_results(markdown: str) -> dict[str, float]:
    """Each line of the aligned equations, 'lhs &= … = result' (or &\\leftarrow), as
    {lhs: result}; a line that starts with '&=' continues the line above it."""
    results, lhs = {}, None
    for line in markdown.splitlines():
        if "&" not in line or "=" not in line:
            continue
        left = line.split("&")[0].strip()
        lhs = left or lhs
        found = re.findall(rf"=\s*\(?({NUMBER})\)?\s*(?:\\\\)?\s*$", line)
        if lhs and found:
            results[lhs] = as_float(found[-1])
    return results


# ------------------------------------------------------------------ 5. a hostile link


HOSTILE = {
    "script in the page": "v=1&page=" + quote("<script>alert(1)</script>") + "&preset=xor",
    "img onerror in the cell": "v=1&page=backward&cell="
    + quote('<img src=x onerror="alert(1)">')
    + "&preset=xor",
    "broken weights": "v=1&page=home&arch=2-3-1&w=" + quote("%%%<svg onload=alert(1)>"),
}


@pytest.mark.parametrize("query", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_link_is_refused_once_and_runs_nothing(browser, app_url, query):
    url = f"{app_url}/?{query}"
    context = new_session(browser)
    dialogs = []
    try:
        hostile = context.new_page()
        hostile.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        open_app(hostile, url)
        errors = hostile.locator('[data-testid="stAlertContentError"]')
        expect(errors).to_have_count(1)
        expect(errors).to_contain_text("Cannot open this link")
        expect(caption(hostile)).to_contain_text("Network 2-2-2")  # the default, not xor
        assert not hostile.locator('[data-testid="stException"]').count()
        assert hostile.evaluate(
            "() => !document.querySelector('img[src=x], svg[onload]') && [...document.scripts]"
            ".every(s => !s.textContent.includes('alert(1)'))"
        )
        with rerun(hostile):  # another run of the same session: still one message, no dialog
            hostile.locator('[data-testid="stSidebarNav"]').get_by_text("Home", exact=True).click()
        expect(caption(hostile)).to_contain_text("Network 2-2-2")
        assert dialogs == []
    finally:
        context.close()


# ------------------------------------------------------------------ 6. presentation mode


PROJECTOR = {"width": 1024, "height": 768}


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


@pytest.mark.parametrize(
    ("name", "heading"),
    [("forward", "Step k = 1 of 2"), ("backward", "Step k = 2: layer 2")],
)
def test_presentation_mode_fits_a_projector(browser, app_url, name, heading):
    step = 1 if name == "forward" else 2
    url = f"{app_url}/{name}?v=1&page={name}&step={step}&preset=worked-2-2-2&presentation=1"
    context, shown = open_in_new_browser(browser, url, viewport=PROJECTOR)
    try:
        wait_drawn(shown, step)
        expect(step_heading(shown)).to_have_text(re.compile("^" + re.escape(heading)))
        expect(shown.locator('[data-testid="stSidebar"]')).to_be_hidden()
        expect(shown.get_by_text("Presentation mode")).to_be_visible()
        for label in ("First", "Back", "Next", "Last"):
            button = step_button(shown, label)  # in the stepper's frame
            expect(button).to_contain_text(label)
            # the whole label fits its button (issue 10 §4: "F.", "B", "N" at 1024×768)
            assert button.evaluate("b => b.scrollWidth <= b.clientWidth"), f"{label} is cut"
            assert in_viewport(shown, button), f"{label} is not on the first screen"
        assert not shown.locator('[data-testid="stException"]').count()
        shot(shown, f"presentation-{name}-first-screen", height=PROJECTOR["height"])
        shot(shown, f"presentation-{name}")
    finally:
        context.close()


def test_screenshots_of_the_quiz_and_the_copy_link(page, app_url):
    open_app(page, app_url)
    go_to(page, "Quiz")
    page.get_by_text("Question 1.").wait_for()
    shot(page, "quiz")
    page.get_by_role("button", name="Copy link").click()
    page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]').wait_for()
    shot(page, "copy-link", height=page.viewport_size["height"])


# ------------------------------------------------------------------ 7. the in-browser stepper


def test_keys_step_from_the_main_page_but_not_while_typing(page, app_url):
    open_app(page, app_url)
    go_to(page, "Backward")
    wait_drawn(page, 2)  # the backward steps: 2, 1, then ∂E/∂x
    page.get_by_role("heading", level=1).click()  # the focus is in the main page
    assert page.evaluate("() => document.activeElement.tagName") != "IFRAME"
    shortcut(page, "ArrowRight", "Step k = 1: layer 1")  # the frame listens on the main page
    wait_drawn(page, 1)
    wait_step_in_url(page, 1)  # the rerun that follows the step is over: η is not redrawn now
    eta = page.get_by_label("Learning rate η", exact=True)
    eta.click()
    for key in ("ArrowRight", "End", "Home", "ArrowLeft", "ArrowRight"):
        eta.press(key)  # the frame steps in the keydown itself: a step would show at once
        assert eta.evaluate("e => e === document.activeElement"), f"η lost the focus ({key})"
        assert drawn(page) == "1", f"{key} typed in the η field stepped the frame"
    assert float(eta.input_value()) == ETA  # the keys moved the caret only
    # back in the page, ← goes from 1 to 2; had End been taken above (at ∂E/∂x) it would be 1
    page.get_by_role("heading", level=1).click()
    shortcut(page, "ArrowLeft", "Step k = 2: layer 2")
    wait_drawn(page, 2)


# change the frame's "Neuron i" select and read the card in the same task of the frame: no
# message from the server (a rerun) can arrive in between
CHOOSE_NEURON_JS = """value => {
  const shown = document.querySelector('.page:not(.off)');
  const select = shown.querySelector('.choice select');
  select.value = value;
  select.dispatchEvent(new Event('change'));
  const card = select.closest('.slot');
  return {
    text: card.innerText,
    tex: [...card.querySelectorAll('.katex-mathml annotation')].map(a => a.textContent),
  };
}"""


def neuron_card_numbers(lines: list[str], i: int, k: int) -> tuple[list, float, float, float]:
    """From the card's TeX lines: the (θᵢⱼ, aⱼ) products and the bias of zᵢ⁽ᵏ⁾'s sum, zᵢ⁽ᵏ⁾,
    and aᵢ⁽ᵏ⁾ (each the number after the last '=' of its lines)."""
    start = next(n for n, line in enumerate(lines) if line.startswith(f"z_{{{i}}}^{{({k})}}"))
    end = next(n for n, line in enumerate(lines) if line.startswith(f"a_{{{i}}}^{{({k})}}"))
    z_part = " ".join(lines[start:end])
    products = [
        (as_float(t), as_float(a)) for t, a in re.findall(rf"({NUMBER})\\cdot\s*({NUMBER})", z_part)
    ]
    bias = re.findall(rf"\+\s*({NUMBER})\s*=", z_part)
    assert bias, z_part
    return products, as_float(bias[-1]), value_after_equals(z_part), value_after_equals(lines[end])


def test_forward_neuron_select_shows_its_card_at_once(page, app_url):
    open_app(page, app_url)
    go_to(page, "Forward")
    wait_drawn(page, 0)
    step_to(page, "Next", "Step k = 1 of 2", step=1)
    wait_step_in_url(page, 1)
    runs = runs_finished(page)
    card = steps_frame(page).evaluate(CHOOSE_NEURON_JS, "1")
    # z₁⁽¹⁾ = θ₁₀⁽¹⁾ x₀ + θ₁₁⁽¹⁾ x₁ + b₁⁽¹⁾ = 0.25·0.05 + 0.30·0.10 + 0.35 = 0.3925
    z1 = THETA1[1] @ X0 + B1[1]
    assert abs(z1 - 0.3925) < 1e-12
    products, bias, z_shown, a_shown = neuron_card_numbers(card["tex"], 1, 1)
    assert products == [(THETA1[1, 0], X0[0]), (THETA1[1, 1], X0[1])], card["tex"]
    assert bias == B1[1], card["tex"]
    assert close(z_shown, z1), card["tex"]
    assert close(a_shown, sigmoid(z1)), card["tex"]  # a₁⁽¹⁾ = σ(0.3925) = 0.5969
    assert "Neuron 1 of layer 1, example 0" in card["text"], card["text"]
    # the choice is reported; the server's rerun (its echo of the choices) keeps neuron 1
    page.wait_for_function("n => (window.__stRunsFinished || 0) > n", arg=runs)
    wait_idle(page)
    expect(step_page(page).locator(".choice select")).to_have_value("1")
    expect(step_page(page)).to_contain_text("Neuron 1 of layer 1, example 0")
    lines = [a.text_content() for a in step_page(page).locator(".slot.choice annotation").all()]
    assert close(neuron_card_numbers(lines, 1, 1)[2], z1), lines


# (the iframe's height, the height of what it shows): the body's, not the document's
# scrollHeight, which is never less than the iframe's own height
FRAME_FITS_JS = """() => {
  const frame = document.querySelector('iframe[title="ui.stepview.stepview"]');
  return [frame.getBoundingClientRect().height,
          Math.ceil(frame.contentDocument.body.getBoundingClientRect().height)];
}"""


def test_the_frame_shrinks_to_a_shorter_step(page, app_url):
    open_app(page, app_url)
    go_to(page, "Backward")
    wait_drawn(page, 2)  # k = L has the output layer's note: taller than k = 1
    outer, inner = page.evaluate(FRAME_FITS_JS)
    assert inner - 2 <= outer <= inner + 2, (outer, inner)
    step_to(page, "Next", "Step k = 1: layer 1", step=1)
    wait_step_in_url(page, 1)
    fits = f"() => {{ const [o, i] = ({FRAME_FITS_JS})(); return Math.abs(o - i) <= 2; }}"
    try:  # the frame reports its new height, then Streamlit resizes the iframe
        page.wait_for_function(fits, timeout=5_000)
    except PlaywrightTimeoutError:
        pass  # said by the assertion below
    outer, inner = page.evaluate(FRAME_FITS_JS)
    assert inner - 2 <= outer <= inner + 2, f"the frame is {outer} px, its step {inner} px"


@pytest.mark.parametrize(
    ("viewport", "presenting"),
    [({"width": 1366, "height": 900}, False), (PROJECTOR, False), (PROJECTOR, True)],
    ids=["1366x900", "1024x768", "presentation-1024x768"],
)
def test_screenshots_of_step_1_in_the_frame(browser, app_url, viewport, presenting):
    size = f"{viewport['width']}x{viewport['height']}" + ("-presentation" if presenting else "")
    for name, heading in (("forward", "Step k = 1 of 2"), ("backward", "Step k = 1: layer 1")):
        url = f"{app_url}/{name}?v=1&page={name}&step=1&preset=worked-2-2-2"
        url += "&presentation=1" if presenting else ""
        context, shown = open_in_new_browser(browser, url, viewport=viewport)
        try:
            wait_drawn(shown, 1)
            expect(step_heading(shown)).to_have_text(re.compile("^" + re.escape(heading)))
            wait_idle(shown)
            # the frame is as tall as what it shows: nothing cut, no empty band below
            outer, inner = shown.evaluate(FRAME_FITS_JS)
            assert inner - 2 <= outer <= inner + 40, (outer, inner)
            for label in ("First", "Back", "Next", "Last"):
                button = step_button(shown, label)
                assert button.evaluate("b => b.scrollWidth <= b.clientWidth"), f"{label} is cut"
            assert not shown.locator('[data-testid="stException"]').count()
            shot(shown, f"stepper-{name}-k1-{size}")
        finally:
            context.close()
