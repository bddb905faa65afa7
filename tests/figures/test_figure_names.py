"""The user's column and class names on the figures (issue 9): every named place shows the
name of the right index (column j ↔ inputs[j], output i ↔ classes[i]), hostile names are shown
literally, and without names each figure is exactly what it was.

Expected labels are written out here by hand; expected values come from the plain-numpy
reference (reference.py) or are computed here, so a swapped order or a shifted index fails.
"""

import html
import json

import numpy as np
import pytest
from reference import make

import figures
from ui.state import DataNames

INPUTS = ("age", "score")
CLASSES = ("fail", "pass", "retake")
NAMES = DataNames(INPUTS, CLASSES, CLASSES)
BINARY = DataNames(INPUTS, ("passed",), ("no", "yes"))
HOSTILE = DataNames(("<b>x</b>", "*x*"), ("$x$", "\\frac", "{"), ("$x$", "\\frac", "{"))
HOSTILE_BINARY = DataNames(("<b>x</b>", "%{x}"), ("&amp;",), ("<u>", "%{z}"))


@pytest.fixture(scope="module")
def three():
    """2-3-3 softmax + cross-entropy, 6 examples: inputs (age, score), classes fail/pass/retake."""
    return make([2, 3, 3], "tanh", "softmax", "cross_entropy", 6, seed=4)


@pytest.fixture(scope="module")
def binary():
    return make([2, 3, 1], "tanh", "sigmoid", "binary_cross_entropy", 6, seed=5)


def plane(ref, r=5):
    """A small grid over the plane and the network's outputs on it, from the reference maths."""
    xs, ys = np.linspace(-2, 2, r), np.linspace(-1, 1, r)
    gx, gy = np.meshgrid(xs, ys)  # rows follow ys
    a = np.c_[gx.ravel(), gy.ravel()]
    for k in range(1, ref.net.L + 1):
        z = a @ ref.theta[k].T + ref.net.biases[k]
        a = np.tanh(z) if k < ref.net.L else z  # the output's g is applied below
    if ref.net.activations[ref.net.L] == "softmax":
        e = np.exp(a - a.max(axis=1, keepdims=True))
        a = e / e.sum(axis=1, keepdims=True)
    else:
        a = 1 / (1 + np.exp(-a))
    return xs, ys, a.reshape(r, r, -1)


def labels_of(ref):
    return ref.Y.argmax(axis=1) if ref.Y.shape[1] > 1 else ref.Y[:, 0].astype(int)


def boundary(ref, names, **kw):
    xs, ys, out = plane(ref)
    return figures.decision_boundary(xs, ys, out, ref.X, labels_of(ref), names=names, **kw)


def by_name(fig, kind="scatter"):
    return {t.name: t for t in fig.data if t.type == kind}


# --- the decision boundary (Train) ------------------------------------------------------------


def test_boundary_legend_names_each_class_at_its_own_points(three):
    fig = boundary(three, NAMES)
    labels = labels_of(three)
    points = by_name(fig)
    for c, name in enumerate(CLASSES):
        if not (labels == c).any():
            continue
        trace = points[f"class {c}: {name}"]
        np.testing.assert_array_equal(trace.x, three.X[labels == c, 0])
        assert trace.hovertemplate.startswith("x₀ age = %{customdata[0]}, x₁ score = ")
        assert trace.hovertemplate.endswith(f"class {c}: {name}<extra></extra>")
    assert fig.layout.xaxis.title.text == "x₀ age"
    assert fig.layout.yaxis.title.text == "x₁ score"


def test_boundary_hover_names_the_winning_class_of_each_cell(three):
    xs, ys, out = plane(three)
    fig = boundary(three, NAMES)
    (heat,) = [t for t in fig.data if t.type == "heatmap"]
    assert heat.hovertemplate.endswith("winning %{customdata[2]}<extra></extra>")
    winner = out.argmax(axis=2)
    assert len({int(w) for w in winner.ravel()}) >= 2  # the grid shows at least two classes
    for r in range(len(ys)):
        for c in range(len(xs)):
            w = int(winner[r, c])
            assert heat.customdata[r][c][2] == f"class {w}: {CLASSES[w]}"


def test_boundary_with_one_output_names_class_one_as_a(binary):
    fig = boundary(binary, BINARY)
    (heat,) = [t for t in fig.data if t.type == "heatmap"]
    assert list(heat.colorbar.ticktext) == ["class 0: no", "0.5", "class 1: yes"]
    assert list(heat.colorbar.tickvals) == [0, 0.5, 1]
    assert "a⁽ᴸ⁾ (yes) = %{customdata[2]}" in heat.hovertemplate
    labels = labels_of(binary)
    for c, name in enumerate(("no", "yes")):
        np.testing.assert_array_equal(
            by_name(fig)[f"class {c}: {name}"].x, binary.X[labels == c, 0]
        )


def test_boundary_without_names_is_unchanged(three, binary):
    for ref in (three, binary):
        xs, ys, out = plane(ref)
        plain = figures.decision_boundary(xs, ys, out, ref.X, labels_of(ref))
        assert boundary(ref, None).to_dict() == plain.to_dict()
        assert plain.layout.xaxis.title.text == "x₀" and plain.layout.yaxis.title.text == "x₁"
        assert sorted(by_name(plain)) == [f"class {c}" for c in np.unique(labels_of(ref))]
    heat = next(t for t in boundary(three, None).data if t.type == "heatmap")
    assert heat.hovertemplate.endswith("winning class %{z}<extra></extra>")
    assert len(heat.customdata[0][0]) == 2


# --- the regression fit (Train) ----------------------------------------------------------------


def test_regression_fit_axes_name_the_input_and_the_target():
    X, Y = np.array([[1.0], [2.0]]), np.array([[3.0], [5.0]])
    xs = np.linspace(0, 3, 4)
    names = DataNames(("hours",), ("grade",), None)
    fig = figures.regression_fit(X, Y, xs, 2 * xs, names=names)
    assert fig.layout.xaxis.title.text == "x (hours)"
    assert fig.layout.yaxis.title.text == "y, a⁽ᴸ⁾ (grade)"
    plain = figures.regression_fit(X, Y, xs, 2 * xs)
    assert figures.regression_fit(X, Y, xs, 2 * xs, names=None).to_dict() == plain.to_dict()
    assert (plain.layout.xaxis.title.text, plain.layout.yaxis.title.text) == ("x", "y, a⁽ᴸ⁾")


# --- Forward: output summary, a⁽⁰⁾ = x, the output layer's columns --------------------------


def test_output_summary_names_each_target_and_output_at_its_values(three):
    fig = figures.output_summary(three.fwd, names=NAMES)
    traces = by_name(fig)
    for j, name in enumerate(CLASSES):
        target = traces[f"target y{'₀₁₂'[j]} ({name})"]
        np.testing.assert_array_equal(target.y, three.Y[:, j])
        output = traces[f"output a{'₀₁₂'[j]}⁽²⁾ ({name})"]
        np.testing.assert_allclose(output.y, three.a[2][:, j], rtol=6e-4)
        assert f"a{'₀₁₂'[j]}⁽²⁾ ({name}) = %{{text}}" in output.hovertemplate
        assert f"y{'₀₁₂'[j]} ({name}) = %{{text}}" in target.hovertemplate


def test_output_summary_without_names_is_unchanged(three):
    plain = figures.output_summary(three.fwd)
    assert figures.output_summary(three.fwd, names=None).to_dict() == plain.to_dict()
    assert "target y₀" in by_name(plain) and "output a₂⁽²⁾" in by_name(plain)


def ticks(axis):
    return list(axis.tickvals), None if axis.ticktext is None else list(axis.ticktext)


def test_forward_layer_ticks_inputs_at_k1_and_classes_at_L(three):
    first = figures.forward_layer(three.net, three.fwd, 1, names=NAMES)
    inputs = ([0, 1], ["x₀<br>age", "x₁<br>score"])  # columns: the name on a second line
    assert ticks(first.layout.xaxis) == inputs  # a⁽⁰⁾ (m × n⁽⁰⁾): column j is input j
    assert ticks(first.layout.xaxis2) == inputs  # θ⁽¹⁾: column j is input j
    np.testing.assert_allclose(first.data[0].z[:, 1], three.X[:, 1], rtol=6e-4)  # x₁ = score
    last = figures.forward_layer(three.net, three.fwd, 2, names=NAMES)
    rows = ([0, 1, 2], ["0: fail", "1: pass", "2: retake"])
    columns = ([0, 1, 2], ["0<br>fail", "1<br>pass", "2<br>retake"])
    assert ticks(last.layout.yaxis2) == rows  # θ⁽²⁾: row i is output i
    assert ticks(last.layout.xaxis3) == columns  # z⁽²⁾
    assert ticks(last.layout.xaxis4) == columns  # a⁽²⁾
    assert last.layout.xaxis4.automargin and last.layout.xaxis4.title.standoff == 4
    a_heat = [t for t in last.data if t.type == "heatmap"][3]
    np.testing.assert_allclose(a_heat.z[:, 2], three.a[2][:, 2], rtol=6e-4)  # column 2: retake
    assert last.layout.xaxis.ticktext is None  # a⁽¹⁾ is a hidden layer: no names


def test_forward_layer_and_input_heatmap_without_names_are_unchanged(three):
    for k in (1, 2):
        plain = figures.forward_layer(three.net, three.fwd, k)
        named_none = figures.forward_layer(three.net, three.fwd, k, names=None)
        assert named_none.to_dict() == plain.to_dict()
        assert plain.layout.xaxis.ticktext is None


def test_backward_layer_ticks_the_output_layer_with_classes(three):
    fig = figures.backward_layer(three.net, three.fwd, three.bwd, 2, names=NAMES)
    classes = ([0, 1, 2], ["0: fail", "1: pass", "2: retake"])
    assert ticks(fig.layout.xaxis) == ([0, 1, 2], ["0<br>fail", "1<br>pass", "2<br>retake"])
    assert ticks(fig.layout.yaxis2) == classes  # ∂E/∂θ⁽²⁾ rows
    assert ticks(fig.layout.yaxis3) == classes  # ∂E/∂b⁽²⁾ rows
    delta = next(t for t in fig.data if t.type == "heatmap")
    np.testing.assert_allclose(delta.z[:, 1], three.delta[2][:, 1], rtol=6e-4)  # "pass"
    first = figures.backward_layer(three.net, three.fwd, three.bwd, 1, names=NAMES)
    assert ticks(first.layout.xaxis2) == ([0, 1], ["x₀<br>age", "x₁<br>score"])  # ∂E/∂θ⁽¹⁾
    assert first.layout.xaxis.ticktext is None  # δ⁽¹⁾: hidden neurons


def test_backward_layer_and_animation_without_names_are_unchanged(three):
    for k in (1, 2):
        plain = figures.backward_layer(three.net, three.fwd, three.bwd, k)
        assert figures.backward_layer(three.net, three.fwd, three.bwd, k, names=None).to_dict() == (
            plain.to_dict()
        )
    plain = figures.backward_animation(three.net, three.fwd, three.bwd)
    none = figures.backward_animation(three.net, three.fwd, three.bwd, names=None)
    assert none.to_dict() == plain.to_dict()


def test_animation_frame_of_the_output_layer_names_the_classes(three):
    fig = figures.backward_animation(three.net, three.fwd, three.bwd, names=NAMES)
    frame = {f.name: f for f in fig.frames}["k=2"]
    assert list(frame.layout.xaxis2.ticktext) == ["0<br>fail", "1<br>pass", "2<br>retake"]


# --- the network diagram -------------------------------------------------------------------


def neuron_y(fig, k):
    """The y of each neuron of layer k, read from the neurons' trace (neuron 0 first)."""
    neurons = by_name(fig)["neurons"]
    return [y for x, y in zip(neurons.x, neurons.y) if x == k]


def test_diagram_writes_each_name_beside_its_own_neuron(three):
    fig = figures.network_diagram(three.net, names=NAMES)
    left, right = by_name(fig)["input names"], by_name(fig)["output names"]
    assert list(left.text) == ["x₀ age", "x₁ score"]
    assert list(left.y) == neuron_y(fig, 0)
    assert all(x < 0 for x in left.x) and left.textposition == "middle left"
    assert list(right.text) == ["a₀⁽²⁾ fail", "a₁⁽²⁾ pass", "a₂⁽²⁾ retake"]
    assert list(right.y) == neuron_y(fig, 2)
    assert all(x > 2 for x in right.x) and right.textposition == "middle right"
    hover = by_name(fig)["neurons"].hovertext
    assert hover[0] == "layer 0, neuron 0: x₀ age"
    assert hover[-1] == "layer 2, neuron 2: a₂⁽²⁾ retake"
    assert hover[2] == "layer 1, neuron 0"  # hidden neurons have no name
    lo, hi = fig.layout.xaxis.range
    assert lo < -0.5 and hi > 2.5  # room for the names


def test_diagram_cuts_a_long_name_on_the_figure_but_not_in_the_hover(three):
    long = "hours studied before the exam"
    fig = figures.network_diagram(three.net, names=DataNames((long, "b"), CLASSES, CLASSES))
    assert by_name(fig)["input names"].text[0] == "x₀ hours studied…"  # 14 characters with the "…"
    assert by_name(fig)["neurons"].hovertext[0] == f"layer 0, neuron 0: x₀ {long}"


def test_diagram_without_names_is_unchanged(three):
    plain = figures.network_diagram(three.net, highlight_layer=2)
    none = figures.network_diagram(three.net, highlight_layer=2, names=None)
    assert none.to_dict() == plain.to_dict()
    assert list(plain.layout.xaxis.range) == [-0.5, 2.5]
    assert "input names" not in by_name(plain)
    assert by_name(plain)["neurons"].hovertext[0] == "layer 0, neuron 0"


# --- Input gradient: the field and the ascent ------------------------------------------------


def test_gradient_field_and_ascent_path_name_inputs_classes_and_the_output(three):
    xs, ys, out = plane(three)
    grads = np.zeros((len(ys), len(xs), 2)) + [1.0, -1.0]
    field = figures.gradient_field(xs, ys, grads, three.X, labels_of(three), names=NAMES)
    assert field.layout.xaxis.title.text == "x₀ age"
    assert field.layout.yaxis.title.text == "x₁ score"
    labels = labels_of(three)
    for c in np.unique(labels):
        trace = by_name(field)[f"class {c}: {CLASSES[c]}"]
        np.testing.assert_array_equal(trace.y, three.X[labels == c, 1])
    path = np.array([[0.0, 0.0], [0.1, 0.2]])
    ascent = figures.ascent_path(xs, ys, out[:, :, 1], path, np.array([0.3, 0.4]), 1, names=NAMES)
    assert ascent.layout.title.text == "Gradient ascent on the input x to maximize a₁⁽ᴸ⁾ (pass)"
    assert ascent.data[0].colorbar.title.text == "a₁⁽ᴸ⁾ (pass)"
    assert ascent.layout.xaxis.title.text == "x₀ age"


def test_gradient_field_and_ascent_without_names_are_unchanged(three):
    xs, ys, out = plane(three)
    grads = np.zeros((len(ys), len(xs), 2)) + [1.0, -1.0]
    plain = figures.gradient_field(xs, ys, grads, three.X, labels_of(three))
    none = figures.gradient_field(xs, ys, grads, three.X, labels_of(three), names=None)
    assert none.to_dict() == plain.to_dict()
    path, values = np.array([[0.0, 0.0], [0.1, 0.2]]), np.array([0.3, 0.4])
    plain = figures.ascent_path(xs, ys, out[:, :, 1], path, values, 1)
    none = figures.ascent_path(xs, ys, out[:, :, 1], path, values, 1, names=None)
    assert none.to_dict() == plain.to_dict()
    assert plain.layout.title.text == "Gradient ascent on the input x to maximize a₁⁽ᴸ⁾"


# --- hostile names -------------------------------------------------------------------------


def strings(fig):
    """Every string in the figure's JSON (what the browser receives)."""
    out = []

    def walk(node):
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(fig.to_json()))
    return out


def hostile_figures(three, binary):
    xs, ys, out = plane(three)
    grads = np.zeros((len(ys), len(xs), 2)) + 1.0
    path, values = np.array([[0.0, 0.0], [0.1, 0.2]]), np.array([0.3, 0.4])
    bxs, bys, bout = plane(binary)
    return [
        boundary(three, HOSTILE),
        figures.decision_boundary(
            bxs, bys, bout, binary.X, labels_of(binary), names=HOSTILE_BINARY
        ),
        figures.output_summary(three.fwd, names=HOSTILE),
        figures.forward_layer(three.net, three.fwd, 1, names=HOSTILE),
        figures.forward_layer(three.net, three.fwd, 2, names=HOSTILE),
        figures.backward_layer(three.net, three.fwd, three.bwd, 2, names=HOSTILE),
        figures.network_diagram(three.net, names=HOSTILE),
        figures.gradient_field(xs, ys, grads, three.X, labels_of(three), names=HOSTILE),
        figures.ascent_path(xs, ys, out[:, :, 0], path, values, 0, names=HOSTILE),
    ]


def test_hostile_names_reach_the_browser_as_text_not_markup(three, binary):
    for fig in hostile_figures(three, binary):
        text = strings(fig)
        joined = "\n".join(text)
        assert "<b>x</b>" not in joined and "<u>" not in joined
        # a name must never become a hover template's field (%{x}, %{z} are plotly's own)
        assert "%{x}" not in joined.replace("%{x}<br>", "").replace(": %{x}", "")
        assert "%{z}" not in joined.replace("winning class %{z}", "")


def test_hostile_names_read_back_literally_where_they_are_shown(three, binary):
    """Decoding the entities (as plotly does) gives back exactly the user's text."""
    fig = boundary(three, HOSTILE)
    labels = labels_of(three)
    shown = {html.unescape(t.name) for t in fig.data if t.type == "scatter" and t.name}
    for c in np.unique(labels):
        assert f"class {c}: {HOSTILE.classes[c]}" in shown
    assert html.unescape(fig.layout.xaxis.title.text) == "x₀ <b>x</b>"
    assert fig.layout.xaxis.title.text == "x₀ &lt;b&gt;x&lt;/b&gt;"
    assert html.unescape(fig.layout.yaxis.title.text) == "x₁ *x*"
    diagram = figures.network_diagram(three.net, names=HOSTILE)
    right = [html.unescape(t) for t in by_name(diagram)["output names"].text]
    assert right == ["a₀⁽²⁾ $x$", "a₁⁽²⁾ \\frac", "a₂⁽²⁾ {"]
    bxs, bys, bout = plane(binary)
    odd = figures.decision_boundary(
        bxs, bys, bout, binary.X, labels_of(binary), names=HOSTILE_BINARY
    )
    heat = next(t for t in odd.data if t.type == "heatmap")
    assert heat.colorbar.ticktext[2] == "class 1: &#37;{z}"
    assert html.unescape(heat.colorbar.ticktext[2]) == "class 1: %{z}"
    assert html.unescape(odd.layout.yaxis.title.text) == "x₁ %{x}"
    assert "a⁽ᴸ⁾ (&#37;{z}) = %{customdata[2]}" in heat.hovertemplate
    summary = figures.output_summary(binary.fwd, names=HOSTILE_BINARY)
    assert html.unescape(by_name(summary)["target y₀ (&amp;amp;)"].name) == "target y₀ (&amp;)"
