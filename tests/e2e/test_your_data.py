"""The "Your data" page in a real headless Chromium (issue 9): a spreadsheet's CSV uploaded,
used and trained on until the error falls and the boundary is drawn; a hostile CSV refused
once, naming its cell; points drawn by clicking the plane; data from a formula.

Every expected number is computed here from the file the test writes (numpy's mean and
standard deviation, ddof 0, as NOTATION's standardization says) or from the formula itself,
never read back from the app. The figures' points are read from plotly's own data in the
page. Each test is its own user session; every wait is on the app's state, never a sleep.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from e2e_helpers import (
    WAIT_MS,
    choose,
    click,
    go_to,
    new_session,
    open_app,
    rerun,
    shot,
    until_shown,
    wait_idle,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PROJECTOR = {"width": 1024, "height": 768}

# ------------------------------------------------------------------ the files, written here

CLASSES = ("red", "green", "blue")  # the order they appear in the file, not the sorted one
SORTED = tuple(sorted(CLASSES, key=str.casefold))  # the app numbers classes in sorted order
CENTRES = {"red": (1.0, 1.0), "green": (6.0, 1.5), "blue": (3.5, 6.0)}  # far apart: separable


def clusters(per_class: int = 20, seed: int = 7) -> tuple[np.ndarray, list[str]]:
    """~60 rows in three separable clusters, rounded to 2 decimals as the file writes them."""
    rng = np.random.default_rng(seed)
    rows, names = [], []
    for _ in range(per_class):
        for name in CLASSES:
            rows.append(np.round(np.array(CENTRES[name]) + rng.normal(0, 0.4, 2), 2))
            names.append(name)
    return np.array(rows), names


def spreadsheet_csv(path: Path) -> tuple[np.ndarray, list[str]]:
    """A European spreadsheet's export: semicolons, a decimal comma, a text target."""
    X, names = clusters()
    lines = ["length;width;colour"]
    for (a, b), name in zip(X, names):
        lines.append(f"{a:.2f};{b:.2f};{name}".replace(".", ","))
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return X, names


HOSTILE_CELL = "=cmd|' /C calc'!A0"


def hostile_csv(path: Path) -> tuple[int, str]:
    """A CSV with a formula-injection cell at (row, column) as a spreadsheet shows it (the
    header is row 1), and a second one further down that must not make a second message."""
    lines = ["x1,x2,label", "0.1,0.2,a", "0.3,0.1,b", f"0.5,{HOSTILE_CELL},a", "0.2,0.7,b"]
    lines += ["0.4,0.4,a", "@SUM(1+1),0.9,b"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 4, "B"  # line 4 of the file, the second column


# ------------------------------------------------------------------ reading the page


def _type(page, label: str, text: str) -> None:
    """Type `text` into the field `label` and press Enter (Streamlit takes it on Enter)."""
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    expect(box).to_have_value(text)  # typed, before Enter is pressed
    box.press("Enter")


def set_number(page, label: str, value, shown) -> None:
    """Enter `value` in the number field `label`, and wait until `shown` (a locator: what the
    new value puts on screen) is visible: a wait on the outcome, not on a count of runs."""
    box = page.get_by_label(label, exact=True)
    assert float(box.input_value()) != float(value), "the same value would not make the app rerun"
    until_shown(page, lambda: _type(page, label, str(value)), shown)


def set_text(page, label: str, text: str, shown) -> None:
    box = page.get_by_label(label, exact=True)
    assert box.input_value() != text, "the same text would not make the app rerun"
    until_shown(page, lambda: _type(page, label, text), shown)


def source(page, name: str) -> None:
    """Pick where the data comes from (the page's radio)."""
    radio = page.locator('[data-testid="stRadio"]').filter(has_text="Upload a CSV")
    click(page, radio.get_by_text(name, exact=True))


def caption(page):
    return page.locator('[data-testid="stCaptionContainer"]').filter(has_text="Network ").first


def errors(page):
    return page.locator('[data-testid="stAlertContentError"]')


def no_exception(page) -> None:
    boxes = page.locator('[data-testid="stException"]')
    assert not boxes.count(), boxes.all_inner_texts()


def upload(page, path: Path) -> None:
    with rerun(page):
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))


def task_found(page):
    """The page's one-line summary of the data: "Task found: …" (bold start, plain rest)."""
    return page.locator('[data-testid="stMarkdownContainer"]').filter(has_text="Task found:")


def use_this_data(page) -> None:
    click(page, page.get_by_role("button", name="Use this data"))


# The scatter traces of the plotly figure whose title (or y-axis title) matches: for each
# trace with markers, its name, its x and its y, as plotly.js holds them after drawing.
_TRACES_JS = """([title, index]) => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(e => e._fullLayout);
  const el = title === null ? plots[index] : plots.find(e => {
    const t = e._fullLayout.title && e._fullLayout.title.text;
    return t && t.includes(title);
  });
  if (!el) return null;
  return el._fullData.filter(t => t.type === 'scatter' && t.visible !== false)
    .map(t => ({name: t.name, legend: t.showlegend !== false,
                x: Array.from(t.x || [], Number), y: Array.from(t.y || [], Number)}));
}"""


def traces(page, title: str | None = None, index: int = 0) -> dict[str, np.ndarray]:
    """{trace name: k × 2 points} of a figure on the page (by its title, or the index-th)."""
    found = page.evaluate(_TRACES_JS, [title, index])
    assert found is not None, f"no figure titled {title!r} (or number {index}) on the page"
    return {t["name"]: np.column_stack([t["x"], t["y"]]) for t in found if t["legend"]}


def same_points(got: np.ndarray, want: np.ndarray) -> bool:
    """The same set of points (any order), to a relative 1e-9."""
    if got.shape != want.shape:
        return False
    order = np.lexsort(want.T[::-1])
    return np.allclose(got[np.lexsort(got.T[::-1])], want[order], rtol=1e-9, atol=1e-12)


_METRIC_JS = """label => {
  const metric = [...document.querySelectorAll('[data-testid="stMetric"]')].find(m => {
    const name = m.querySelector('[data-testid="stMetricLabel"]');
    return name && name.innerText.trim() === label;
  });
  if (!metric) return null;
  const value = parseFloat(metric.querySelector('[data-testid="stMetricValue"]').innerText
    .replaceAll('−', '-'));
  return Number.isNaN(value) ? null : value;
}"""


def metric(page, label: str) -> float | None:
    return page.evaluate(_METRIC_JS, label)


def table_rows(page, nth: int, columns: int) -> list[list[str]]:
    """The cells of the nth st.dataframe on the page, row by row, from the grid's accessible
    table (drawn a moment after the canvas, so waited for)."""
    cells = page.locator('[data-testid="stDataFrame"]').nth(nth).locator("table td")
    expect(cells).not_to_have_count(0)
    texts = cells.all_inner_texts()
    return [texts[i : i + columns] for i in range(0, len(texts), columns)]


def as_float(text: str) -> float:
    return float(text.replace("−", "-"))


def close(shown: float, expected: float, digits: int = 4) -> bool:
    """Shown with `digits` significant digits: within half a unit of the last digit."""
    return abs(shown - expected) <= 0.51 * 10 ** (np.floor(np.log10(abs(expected))) - digits + 1)


# ------------------------------------------------------------------ 1. upload, use, train


def upload_spreadsheet(page, tmp_path: Path) -> tuple[np.ndarray, list[str]]:
    """Open Your data and upload the spreadsheet's CSV; (X in file units, class per row)."""
    X, names = spreadsheet_csv(tmp_path / "clusters.csv")
    go_to(page, "Your data")
    upload(page, tmp_path / "clusters.csv")
    task_found(page).wait_for()
    return X, names


def test_upload_a_spreadsheet_csv_use_it_and_train(page, app_url, tmp_path):
    open_app(page, app_url)
    X, names = upload_spreadsheet(page, tmp_path)
    no_exception(page)
    expect(errors(page)).to_have_count(0)
    m = len(X)
    # a text target with 3 classes: found as classes, named in sorted order, m rows
    found = task_found(page)
    expect(found).to_contain_text(f"3 classes: {', '.join(SORTED)}")
    expect(found).to_contain_text(f"m = {m} examples")
    # the scatter shows the file's own numbers (a decimal comma read as 2.5, not 25 or 2),
    # one trace per class, each with exactly that class's rows
    shown = traces(page, index=0)
    assert list(shown) == list(SORTED), list(shown)
    rows = np.array(names)
    for name in SORTED:
        assert same_points(shown[name], X[rows == name]), (name, shown[name][:3])
    # the statistics kept with the data: the mean and the population standard deviation
    # (ddof 0, as (x − mean) / std with variance 1 needs) of each column of the file
    mean, std = X.mean(axis=0), X.std(axis=0)
    stats = table_rows(page, 1, 3)
    assert [row[0] for row in stats] == ["length", "width"], stats
    for j, (_, shown_mean, shown_std) in enumerate(stats):
        assert close(as_float(shown_mean), mean[j]), (stats[j], mean[j])
        assert close(as_float(shown_std), std[j]), (stats[j], std[j])
    shot(page, "data-upload")

    before = caption(page).inner_text()
    use_this_data(page)
    expect(caption(page)).not_to_have_text(before)
    text = caption(page).inner_text()
    assert re.search(r"Network 2-\d+(-\d+)*-3 ", text), text  # 3 one-hot outputs
    assert f"m = {m} examples" in text, text
    assert f"classes {', '.join(SORTED)}" in text, text
    assert "inputs length, width" in text, text

    go_to(page, "Train")
    expect(page.get_by_text(f"Training on {m} examples")).to_be_visible()
    expect(errors(page)).to_have_count(0)
    page.get_by_role("button", name="Play").click()
    first = page.wait_for_function(_METRIC_JS, arg="Train E").json_value()
    page.wait_for_function(
        f"""first => {{
          const metric = {_METRIC_JS};
          return metric('Epoch') >= 100 && metric('Train E') < 0.8 * first;
        }}""",
        arg=first,
        timeout=2 * WAIT_MS,
    )
    pause = page.get_by_role("button", name="Pause")
    if pause.is_enabled():
        click(page, pause)
    wait_idle(page)
    assert metric(page, "Epoch") >= 100
    assert metric(page, "Train E") < 0.8 * first
    no_exception(page)

    # the boundary shows the data every page uses: the inputs standardized with the file's
    # mean and (population) standard deviation, each class's rows in its own trace
    Z = (X - mean) / std
    boundary = traces(page, "Decision boundary")
    assert len(boundary) == 3, list(boundary)
    for (trace_name, points), name in zip(boundary.items(), SORTED):
        assert same_points(points, Z[rows == name]), (trace_name, name)
    # the legend names each class by the file's own name, in the same (sorted) order
    legend = list(boundary)
    assert all(re.search(rf"\b{name}$", entry) for entry, name in zip(legend, SORTED)), legend
    shot(page, "data-train")


# ------------------------------------------------------------------ 2. a hostile CSV


def test_a_hostile_csv_gets_one_message_naming_its_cell(page, app_url, tmp_path):
    open_app(page, app_url)
    go_to(page, "Your data")
    before = caption(page).inner_text()
    assert "Network 2-2-2" in before, before  # the worked example: nothing loaded yet
    row, column = hostile_csv(tmp_path / "hostile.csv")
    upload(page, tmp_path / "hostile.csv")
    expect(errors(page)).to_have_count(1)
    message = errors(page).first.inner_text()
    assert f"Row {row}, column {column}" in message, message
    assert "formula" in message, message
    expect(page.get_by_role("button", name="Use this data")).to_have_count(0)
    expect(caption(page)).to_have_text(before)  # the network and the data are kept
    no_exception(page)
    shot(page, "data-hostile")
    go_to(page, "Home", heading="Backprop Visualizer")  # still the worked example elsewhere
    expect(caption(page)).to_have_text(before)


# ------------------------------------------------------------------ 3. draw points

# The plot area (plotly's drag layer) and the axis ranges, to turn data into pixels.
_PLANE_JS = """() => {
  const el = [...document.querySelectorAll('.js-plotly-plot')].find(e => e._fullLayout);
  const area = el.querySelector('.nsewdrag').getBoundingClientRect();
  return {left: area.left, top: area.top, width: area.width, height: area.height,
          x: el._fullLayout.xaxis.range, y: el._fullLayout.yaxis.range};
}"""

DRAWN = {  # class → points on the plane's grid of clickable places (step 0.15 on [−3, 3])
    "0": [(-1.5, -1.5), (-1.5, -0.9), (-0.9, -1.5)],
    "1": [(1.5, 1.5), (0.9, 1.5)],
}


def plane_pixel(page, x: float, y: float) -> tuple[float, float]:
    box = page.evaluate(_PLANE_JS)
    (x0, x1), (y0, y1) = box["x"], box["y"]
    px = box["left"] + (x - x0) / (x1 - x0) * box["width"]
    py = box["top"] + (y1 - y) / (y1 - y0) * box["height"]  # pixels grow downwards
    return px, py


def point_count(page):
    return page.get_by_text(re.compile(r"^\d+ point\(s\)\."))


def click_plane(page, x: float, y: float, count: int) -> None:
    """Click the plane at (x, y) until the page says `count` points (a click on a chart drawn
    a moment ago is sometimes not taken); the click adds a point or does nothing."""
    want = re.compile(rf"^{count} point\(s\)\.")
    for _attempt in range(3):
        wait_idle(page)
        page.mouse.click(*plane_pixel(page, x, y))
        try:
            expect(point_count(page)).to_have_text(want, timeout=8_000)
            break
        except AssertionError:
            continue
    expect(point_count(page)).to_have_text(want, timeout=1)
    wait_idle(page)


def test_draw_points_by_clicking_the_plane(page, app_url):
    open_app(page, app_url)
    go_to(page, "Your data")
    source(page, "Draw points")
    expect(point_count(page)).to_have_text(re.compile(r"^0 point\(s\)"))
    count = 0
    for c, places in DRAWN.items():
        if page.get_by_role("combobox", name="Class of a new point").input_value() != c:
            choose(page, "Class of a new point", c)
        for x, y in places:
            count += 1
            click_plane(page, x, y, count)
    drawn = traces(page, index=0)
    for c, places in DRAWN.items():
        assert same_points(drawn[c], np.array(places)), (c, drawn[c])
    shot(page, "data-draw")
    use_this_data(page)
    text = caption(page).inner_text()
    assert f"m = {count} examples" in text, text
    assert "drawn points" in text, text
    no_exception(page)


# ------------------------------------------------------------------ 4. a formula

FORMULA = "x1**2 + x2**2 < 1"
SIZE = 150


def test_data_from_a_formula_reaches_the_forward_page(page, app_url):
    open_app(page, app_url)
    go_to(page, "Your data")
    source(page, "From a formula")
    # Each change waits for its own outcome on screen (a wait for "a run after Enter" timed out
    # once in 5 CI runs: Enter pressed in a field that had not taken the typed value commits
    # nothing). So each step must show something the step before did not.
    set_number(page, "Examples m", SIZE, task_found(page).filter(has_text=f"m = {SIZE} examples"))
    label = "Target y as a formula of x1, x2, …"
    # another formula first (a number, not two classes): the one typed next is really used
    set_text(page, label, "x1 + x2", task_found(page).filter(has_text="a number (regression)"))
    set_text(page, label, FORMULA, task_found(page).filter(has_text="two classes"))
    expect(task_found(page)).to_contain_text(
        f"two classes (false, true), m = {SIZE} examples on [−2, 2]"
    )
    expect(errors(page)).to_have_count(0)
    shown = traces(page, index=0)
    inside = shown["true"]
    outside = shown["false"]
    assert len(inside) + len(outside) == SIZE
    assert (inside[:, 0] ** 2 + inside[:, 1] ** 2 < 1).all(), inside
    assert (outside[:, 0] ** 2 + outside[:, 1] ** 2 >= 1).all(), outside
    assert (np.abs(np.vstack([inside, outside])) <= 2).all()  # sampled on the stated range
    assert len(inside) > 0
    shot(page, "data-formula")
    use_this_data(page)
    go_to(page, "Forward", heading="Forward pass")
    text = caption(page).inner_text()
    assert f"m = {SIZE} examples" in text, text
    no_exception(page)
    # the caption quotes the formula as typed (Markdown would turn x1**2 + x2** into bold)
    assert f"formula y = {FORMULA}" in text, text


# ------------------------------------------------------------------ 5. a projector


def test_the_upload_section_on_a_projector(browser, app_url, tmp_path):
    context = new_session(browser, viewport=PROJECTOR)
    try:
        small = context.new_page()
        open_app(small, app_url)
        upload_spreadsheet(small, tmp_path)
        no_exception(small)
        expect(small.get_by_role("button", name="Use this data")).to_be_visible()
        overflow = small.evaluate(
            "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
            " return m.scrollWidth - m.clientWidth; }"
        )
        assert overflow <= 0, f"the page scrolls sideways by {overflow} px at 1024 × 768"
        shot(small, "data-upload-1024")
    finally:
        context.close()
