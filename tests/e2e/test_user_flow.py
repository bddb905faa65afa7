"""A new user in a real headless Chromium: build 2-3-3-1, step forward, play and explain the
backward pass, apply an update; then check the gradient, plant a bug, and train the spiral."""

from __future__ import annotations

import re
import time

import pytest
from e2e_helpers import WAIT_MS, open_app, record_timing, shot, wait_for_rerun

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def user(browser, app_url):
    """One browser tab kept for the whole module: one user's session, as in real use."""
    context = browser.new_context(viewport={"width": 1366, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    open_app(page, app_url)
    page.get_by_role("heading", name="Backprop Visualizer").wait_for()
    try:
        yield page
    finally:
        context.close()


def go_to(page, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
    page.get_by_role("heading", level=1).filter(
        has_text=re.compile(title.split()[0], re.I)
    ).wait_for()
    wait_for_rerun(page)


def set_number(page, label: str, value) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(str(value))
    box.press("Enter")
    wait_for_rerun(page)


def caption(page) -> str:
    return page.locator('[data-testid="stCaptionContainer"]').first.inner_text()


def metric_value(page, label: str) -> float:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    text = metric.locator('[data-testid="stMetricValue"]').inner_text()
    return float(text.replace("−", "-"))


def test_1_home_shows_the_worked_example(user):
    assert "0.298371" in user.locator('[data-testid="stMetricValue"]').first.inner_text()
    assert not user.locator('[data-testid="stException"]').count()
    shot(user, "home")


def test_1b_edit_one_weight_exactly(user):
    go_to(user, "Build")
    grid = user.locator('[data-testid="stDataFrame"]').first  # θ⁽¹⁾ with b⁽¹⁾ beside it
    undo_enabled = (
        "() => [...document.querySelectorAll('button')].some("
        "b => b.innerText.includes('Undo last change') && !b.disabled)"
    )
    for _attempt in range(3):  # the grid may re-render under the pointer while the page settles
        grid.scroll_into_view_if_needed()
        wait_for_rerun(user)
        box = grid.bounding_box()
        # θ₀₀⁽¹⁾: first data row (below the ~35 px header), first column after the index
        user.mouse.dblclick(box["x"] + box["width"] * 0.35, box["y"] + 35 + 17)
        editor = user.locator("input.gdg-input")  # the grid's cell editor
        try:
            editor.wait_for(timeout=5_000)
        except Exception:
            continue
        editor.fill("0.9")
        editor.press("Enter")
        try:  # the edit made a new network: the old one is now on the undo stack
            user.wait_for_function(undo_enabled, timeout=8_000)
            break
        except Exception:
            continue
    assert user.evaluate(undo_enabled), "the weight edit did not reach the app"
    wait_for_rerun(user)
    go_to(user, "Forward")
    user.get_by_role("button", name="Next").click()
    user.get_by_text("Step k = 1 of 2").wait_for()
    wait_for_rerun(user)
    tex = [a.text_content() for a in user.locator(".katex-mathml annotation").all()]
    # z₀⁽¹⁾ = 0.9·0.05 + 0.2·0.1 + 0.35 = 0.415 with the edited weight
    assert any(r"0.9\cdot0.05" in t and "0.415" in t for t in tex), tex


def test_2_build_a_2_3_3_1_network(user):
    go_to(user, "Build")
    set_number(user, "Hidden layers", 2)
    set_number(user, "Layer 1: neurons n⁽¹⁾", 3)
    set_number(user, "Layer 2: neurons n⁽²⁾", 3)
    set_number(user, "Outputs n⁽ᴸ⁾", 1)
    user.get_by_role("button", name="Build new network").click()
    wait_for_rerun(user)
    user.get_by_text(re.compile(r"Network 2-3-3-1")).first.wait_for()
    assert not user.locator('[data-testid="stException"]').count()
    shot(user, "build")


def test_3_step_the_forward_pass_to_the_end(user):
    go_to(user, "Forward")
    assert "2-3-3-1" in caption(user)
    for k in (1, 2, 3):
        started = time.perf_counter()
        user.get_by_role("button", name="Next").click()
        user.get_by_text(f"Step k = {k} of 3").wait_for()
        record_timing("forward stepper click → update (s)", time.perf_counter() - started)
        wait_for_rerun(user)
    user.get_by_text("The output, the target and the error").wait_for()
    assert user.get_by_role("button", name="Next").is_disabled()
    shot(user, "forward")


def _animation_active(page) -> int:
    return page.evaluate(
        "() => { const el = [...document.querySelectorAll('.js-plotly-plot')]"
        ".find(e => e.layout && e.layout.sliders && e.layout.sliders.length);"
        " return el._fullLayout.sliders[0].active; }"
    )


def test_4_play_the_backward_animation(user):
    go_to(user, "Backward")
    user.get_by_text("Play the whole backward pass").click()
    wait_for_rerun(user, settle=1.0)
    assert _animation_active(user) == 0  # k = L first
    plot = user.locator(".js-plotly-plot").filter(has=user.locator(".updatemenu-button"))
    plot.locator(".updatemenu-button").filter(has_text="Play").click()
    time.sleep(2.5)  # about one second per frame, all in the browser
    assert _animation_active(user) >= 1
    shot(user, "backward-play")
    user.get_by_text("Step by step", exact=True).click()
    wait_for_rerun(user)


def test_5_click_a_delta_cell_and_read_its_chain_rule(user):
    user.get_by_role("button", name="Next").click()  # k = 2: equation (2), a sum over β
    user.get_by_text(re.compile(r"Step k = 2: layer 2")).wait_for()
    wait_for_rerun(user)
    cells = user.locator(".js-plotly-plot").first
    # the δ heatmap's click layer: the first scatter trace, one marker per cell (example 0, i)
    cells.locator(".scatterlayer .trace").first.locator(".points path").nth(1).click(force=True)
    wait_for_rerun(user, settle=1.0)
    card = user.get_by_text(re.compile(r"δ₁⁽²⁾ of example 0 = .* equation \(2\)"))
    card.wait_for()
    # the sum over β = 0..2 (three connections leave neuron 1 of layer 2), shown by KaTeX
    tex = [a.text_content() for a in user.locator(".katex-mathml annotation").all()]
    assert any(r"\sum_{\beta}" in t and r"\delta_{1}^{(2)}" in t for t in tex), tex
    shot(user, "backward")


def test_6_apply_an_update_and_see_e_change(user):
    user.get_by_label("Learning rate η").fill("0.5")
    user.get_by_label("Learning rate η").press("Enter")
    wait_for_rerun(user)
    user.get_by_role("button", name="Apply one gradient-descent step").click()
    wait_for_rerun(user)
    user.get_by_text("E after the step").wait_for()
    before, after = metric_value(user, "E before"), metric_value(user, "E after")
    assert after != before
    assert after < before  # a small step downhill lowers E
    shot(user, "backward-update")


def test_7_gradient_check_passes_then_a_planted_bug_fails(user):
    go_to(user, "Gradient check")
    user.get_by_text(re.compile("PASS")).first.wait_for()
    user.get_by_text("Flip the sign of δ⁽ᴸ⁾", exact=True).click()
    wait_for_rerun(user)
    user.get_by_text(re.compile("FAIL — largest relative error")).wait_for()
    shot(user, "gradient-check")
    user.get_by_text("Flip the sign of δ⁽ᴸ⁾", exact=True).click()
    wait_for_rerun(user)


def test_8_train_the_spiral_and_see_the_loss_fall(user):
    go_to(user, "Train")
    user.get_by_role("button", name="Load the spiral preset").click()
    wait_for_rerun(user)
    user.get_by_text(re.compile(r"Network 2-16-16-3")).first.wait_for()
    user.get_by_role("button", name="Play").click()
    time.sleep(1.5)
    first = metric_value(user, "Train E")
    time.sleep(4)
    last = metric_value(user, "Train E")
    epochs = int(
        user.locator('[data-testid="stMetric"]')
        .filter(has_text="Epoch")
        .first.locator('[data-testid="stMetricValue"]')
        .inner_text()
    )
    pause = user.get_by_role("button", name="Pause")
    if pause.is_enabled():  # it may already have stopped by itself (epochs or target reached)
        pause.click()
        wait_for_rerun(user)
    assert epochs > 50
    assert last < first
    shot(user, "train")
