"""Drawing points on the "Your data" page: clicks add points of the chosen class, a click on a
drawn point removes it, a box or lasso deletes the points inside, undo and clear.

Events are built the way Streamlit stores a plotly selection (see tests/ui/test_selection.py);
which points a box or lasso holds is computed here from the coordinates written here.
"""

import base64

import numpy as np
import pytest
from app_helpers import charts, data, network, no_errors, open_page

import core
from ui import state as ui_state

DRAW = "Draw points"
GRID = 0  # curve number of the clickable grid (the drawn points come after it)


def values(array):
    """A plotly JSON array: a list, or numpy's bytes as plotly writes them (dtype, bdata)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array)


def event(points=(), box=(), lasso=()) -> dict:
    return {
        "selection": {
            "points": list(points),
            "point_indices": [p.get("point_index", 0) for p in points],
            "box": list(box),
            "lasso": list(lasso),
        }
    }


def grid_click(x, y, index=7) -> dict:
    return {"curve_number": GRID, "point_number": index, "point_index": index, "x": x, "y": y}


def send(at, ev):
    """The event arrives on the chart on screen now: its key moves on after each event."""
    at.session_state[f"draw_plane_{_round(at)}"] = ev
    return at.run()


def _round(at) -> int:
    try:
        return at.session_state["draw_round"]
    except KeyError:
        return 0


def drawn(at) -> list[tuple]:
    return [tuple(p) for p in at.session_state["draw_points"].get("a class", [])]


def click_points(at, clicks):
    """Add (x, y, class) points one click each; returns the list the test expects."""
    for x, y, c in clicks:
        at.selectbox(key="draw_class").set_value(c).run()
        send(at, event([grid_click(x, y)]))
    return [(float(x), float(y), float(c)) for x, y, c in clicks]


CLICKS = [(-1.5, 0.75, 1), (1.2, -0.3, 0), (0.3, 0.6, 0), (-0.6, 0.15, 1), (2.4, 2.7, 1)]


def start() -> object:
    at = open_page("data")
    at.radio(key="data_source").set_value(DRAW).run()
    no_errors(at)
    return at


def test_clicks_add_points_of_the_chosen_class_and_use_makes_them_the_data():
    at = start()
    expected = click_points(at, CLICKS)
    no_errors(at)
    assert drawn(at) == expected
    # every click was on a grid place (steps of 6/40 = 0.15): that place leaves the clickable
    # grid (trace 0), so a second click there hits the drawn point
    grid = charts(at)[0]["data"][0]
    assert len(values(grid["x"])) == 41 * 41 - len(expected)
    at.button(key="use_data").click().run()
    no_errors(at)
    X, Y = data(at)
    np.testing.assert_array_equal(X, [[x, y] for x, y, _ in expected])
    np.testing.assert_array_equal(Y, [[c] for _, _, c in expected])  # class 1 is y = 1
    net = network(at)
    assert (net.sizes[0], net.sizes[-1]) == (2, 1)
    assert (net.activations[net.L], net.loss) == ("sigmoid", "binary_cross_entropy")
    names = at.session_state[ui_state.KEY].names
    assert names.inputs == ("x1", "x2") and names.classes == ("0", "1")
    for page in ["forward", "backward", "train", "input_gradient"]:
        at.switch_page(f"app_pages/{page}.py").run()
        no_errors(at)


def test_an_event_is_used_once():
    at = start()
    click_points(at, CLICKS[:2])
    at.selectbox(key="draw_class").set_value(0).run()  # any other rerun adds nothing
    at.run()
    assert len(drawn(at)) == 2


@pytest.mark.parametrize(
    "box", [{"x": [-2.0, 0.5], "y": [0.0, 1.0]}, {"x": [0.5, -2.0], "y": [1.0, 0.0]}]
)
def test_a_box_deletes_the_points_inside(box):
    at = start()
    expected = click_points(at, CLICKS)
    (a, b), (c, d) = sorted(box["x"]), sorted(box["y"])
    kept = [p for p in expected if not (a <= p[0] <= b and c <= p[1] <= d)]
    assert 0 < len(kept) < len(expected)  # the box holds some points, not all
    send(at, event(box=[{"xref": "x", "yref": "y", **box}]))
    assert drawn(at) == kept


def in_triangle(p, corners) -> bool:
    """Inside a triangle: the point is on the same side of all three edges (cross products)."""
    signs = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1]):
        signs.append((x1 - x0) * (p[1] - y0) - (y1 - y0) * (p[0] - x0) > 0)
    return all(signs) or not any(signs)


def test_a_lasso_deletes_the_points_inside():
    at = start()
    expected = click_points(at, CLICKS)
    corners = [(-2.5, -1.0), (0.5, 0.4), (-2.5, 2.0)]
    kept = [p for p in expected if not in_triangle(p, corners)]
    assert 0 < len(kept) < len(expected) - 1  # two points or more inside, some outside
    lasso = {"x": [c[0] for c in corners], "y": [c[1] for c in corners]}
    send(at, event(lasso=[lasso]))
    assert drawn(at) == kept


def test_a_click_on_a_drawn_point_removes_it_and_undo_brings_it_back():
    at = start()
    expected = click_points(at, CLICKS[:3])
    hit = {"curve_number": 2, "point_index": 0, "x": 0.3, "y": 0.6, "customdata": ["drawn", 2]}
    send(at, event([hit]))
    assert drawn(at) == expected[:2]
    at.button(key="draw_undo_button").click().run()
    assert drawn(at) == expected
    at.button(key="draw_clear").click().run()
    assert drawn(at) == []
    assert "use_data" not in {b.key for b in at.button}  # nothing to use yet


def test_start_from_the_current_classes():
    p = core.preset("xor")
    at = open_page("data", state={"network": p.network, "X": p.X, "Y": p.Y})
    at.radio(key="data_source").set_value(DRAW).run()
    at.button(key="draw_load").click().run()
    no_errors(at)
    assert drawn(at) == [(float(x0), float(x1), float(y)) for (x0, x1), (y,) in zip(p.X, p.Y)]


def test_start_from_data_with_two_numeric_targets_is_refused():
    at = start()
    at.button(key="draw_load").click().run()
    assert not at.exception
    assert len(at.error) == 1
    # the worked example's one example (0.05, 0.1) with targets (0.01, 0.99): numbers, and two
    # targets cannot be drawn on one value
    assert any("several" in e.value for e in at.error)
