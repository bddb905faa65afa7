import numpy as np
from figure_checks import shows

import core
import figures
from figures.diagram import EDGE_HOVER_MAX, WIDTHS
from figures.diagram_layout import positions
from figures.style import NEGATIVE, POSITIVE


def line_traces(fig):
    return [t for t in fig.data if t.mode == "lines" and any(v is not None for v in t.x)]


def segments(trace):
    """(x0, y0, x1, y1) of every line in a trace drawn with None separators."""
    xs, ys = list(trace.x), list(trace.y)
    return [(xs[p], ys[p], xs[p + 1], ys[p + 1]) for p in range(0, len(xs), 3)]


def edge_of(net, seg):
    """(k, i, j) of a drawn line, from the neuron positions (independent of how it was drawn)."""
    _, y0, x1, y1 = seg
    k = int(x1)
    ys = positions(net.sizes)
    j = int(np.argmin(np.abs(ys[k - 1] - y0)))
    i = int(np.argmin(np.abs(ys[k] - y1)))
    return k, i, j


def test_colour_is_the_sign_and_width_the_magnitude():
    net = core.Network.from_layers(
        [[[1.0, -0.5], [0.1, -0.9]]], [[0.0, 0.0]], ["sigmoid"], "half_squared_error"
    )
    fig = figures.network_diagram(net)
    drawn = {}
    for t in line_traces(fig):
        for seg in segments(t):
            drawn[edge_of(net, seg)] = (t.line.color, t.line.width)
    assert drawn == {
        (1, 0, 0): (POSITIVE, WIDTHS[3]),
        (1, 0, 1): (NEGATIVE, WIDTHS[2]),
        (1, 1, 0): (POSITIVE, WIDTHS[0]),
        (1, 1, 1): (NEGATIVE, WIDTHS[3]),
    }


def test_every_connection_drawn_once_with_width_growing_with_abs_theta(small, medium):
    for case in (small, medium):
        net = case.net
        drawn = {}
        for t in line_traces(figures.network_diagram(net)):
            for seg in segments(t):
                edge = edge_of(net, seg)
                assert edge not in drawn
                drawn[edge] = (t.line.color, t.line.width)
        assert len(drawn) == sum(w.size for w in net.weights)
        pairs = sorted((abs(net.weights[k][i, j]), w) for (k, i, j), (_, w) in drawn.items())
        widths = [w for _, w in pairs]
        assert widths == sorted(widths)
        for (k, i, j), (colour, _) in drawn.items():
            assert colour == (POSITIVE if net.weights[k][i, j] >= 0 else NEGATIVE)


def test_traces_are_grouped_so_big_nets_stay_light(largest):
    fig = figures.network_diagram(largest.net)
    assert len(fig.data) <= 20
    assert len(fig.to_json()) < 300_000
    assert sum(w.size for w in largest.net.weights) > EDGE_HOVER_MAX
    assert not [t for t in fig.data if t.name == "θ"]  # no per-connection hover points


def test_hover_gives_theta_values(worked):
    """Each hover point sits on its connection (60 % of the way from neuron j of layer k − 1 to
    neuron i of layer k) and says θᵢⱼ⁽ᵏ⁾ as the cards write it."""
    net = worked.net
    fig = figures.network_diagram(net)
    (hover,) = [t for t in fig.data if t.name == "θ"]
    ys = positions(net.sizes)
    assert len(hover.customdata) == 8
    for x, y, (k, i, j, text) in zip(hover.x, hover.y, hover.customdata):
        assert shows(text, net.weights[k][i, j])
        assert np.isclose(x, k - 1 + 0.6)
        assert np.isclose(y, ys[k - 1][j] + 0.6 * (ys[k][i] - ys[k - 1][j]), atol=1e-3)
    assert "%{customdata[3]}<br>" in hover.hovertemplate


def test_column_labels(small):
    fig = figures.network_diagram(small.net)
    labels = list(fig.layout.xaxis.ticktext)
    assert "layer 0" in labels[0] and "(input)" in labels[0] and "n⁽⁰⁾ = 2" in labels[0]
    assert labels[1].startswith("layer 1") and "n⁽¹⁾ = 3" in labels[1]
    assert "(output)" in labels[3] and "n⁽³⁾ = 1" in labels[3]


def test_highlight_layer_fades_everything_else(small):
    fig = figures.network_diagram(small.net, highlight_layer=2)
    for t in line_traces(fig):
        layers = {edge_of(small.net, s)[0] for s in segments(t)}
        if t.opacity < 0.5:
            assert 2 not in layers
        else:
            assert layers == {2}
    (neurons,) = [t for t in fig.data if t.name == "neurons"]
    for x, opacity in zip(neurons.x, neurons.marker.opacity):
        assert (opacity == 1.0) == (x == 2)
    assert len(fig.layout.shapes) == 1


def test_highlight_edges_and_neurons(small):
    edges = [(3, 0, beta) for beta in range(3)]
    fig = figures.network_diagram(small.net, highlight_edges=edges, highlight_neurons=[(2, 1)])
    emphasised = [t for t in fig.data if t.name == "highlighted θ"]
    drawn = sorted(edge_of(small.net, s) for t in emphasised for s in segments(t))
    assert drawn == sorted(edges)
    (rings,) = [t for t in fig.data if t.name == "highlighted neurons"]
    assert list(rings.x) == [2] and list(rings.y) == [positions(small.net.sizes)[2][1]]


def test_neuron_values_colour_the_neurons(small):
    values = {0: small.fwd.a[0][0], 1: small.fwd.a[1][0]}
    fig = figures.network_diagram(small.net, neuron_values=values)
    (neurons,) = [t for t in fig.data if t.name == "neurons"]
    colours = np.array(neurons.marker.color, dtype=float)
    assert np.allclose(colours[:2], values[0], rtol=6e-4)
    assert np.allclose(colours[2:5], values[1], rtol=6e-4)
    assert neurons.marker.cmin == -neurons.marker.cmax and neurons.marker.cmid == 0
    assert neurons.text[0] != "" and neurons.text[0][0] in "+−0"  # small net: values written
    assert list(neurons.hovertext)[6] == "layer 2, neuron 1"  # no value given for layer 2
    values = {1: np.array([-0.0123456, 2.5e-9, 0.0])}
    (neurons,) = [
        t
        for t in figures.network_diagram(small.net, neuron_values=values).data
        if t.name == "neurons"
    ]
    for i, value in enumerate(values[1]):
        hover = neurons.hovertext[2 + i]
        assert hover.startswith(f"layer 1, neuron {i}<br>value = ")
        assert shows(hover.split("= ")[1], value)
    assert any(t.name == "neurons without a value" for t in fig.data)


def test_builds_for_the_example_architectures(worked, small, medium, largest):
    for case in (worked, small, medium, largest):
        fig = figures.network_diagram(case.net, highlight_layer=1, title="t")
        assert fig.layout.title.text == "t" and fig.layout.height <= 600


def test_legend_keys_only_the_signs_and_lines_never_hover(small):
    """The legend explains the two colours and nothing else (no "highlighted" entries), and no
    line hovers: plotly's default hover would show bare plot coordinates, not a θ."""
    edges = [(3, 0, beta) for beta in range(3)]
    fig = figures.network_diagram(
        small.net, highlight_layer=2, highlight_edges=edges, highlight_neurons=[(2, 1)]
    )
    assert [t.name for t in fig.data if t.showlegend is not False] == ["θ > 0", "θ < 0"]
    lines = line_traces(fig)
    assert len(lines) > 2  # the connections, the orange halo and the emphasised θ
    assert all(t.hoverinfo == "skip" for t in lines)


def test_highlight_band_covers_layer_k_and_its_incoming_connections(small):
    """Columns k − 1 and k (the connections into layer k) lie inside the band, the columns
    beyond them outside; the band spans the diagram's height on its own x axis."""
    for k in range(1, small.net.L + 1):
        (band,) = figures.network_diagram(small.net, highlight_layer=k).layout.shapes
        assert band.xref == "x" and (band.y0, band.y1) == (0, 1)
        assert band.yref == "paper"  # the whole height, whatever the y range
        assert k - 2 < band.x0 < k - 1 and k < band.x1 < k + 1


def test_positions_centred_and_spread_to_the_widest_layer():
    """Neuron 0 on top, each layer centred on 0; a smaller layer spreads over the widest layer's
    span (n − 1 units) but never more than 2 units between neighbours."""
    ys = positions([4, 2, 1, 3])
    expected = [[-1.5, -0.5, 0.5, 1.5], [-1.0, 1.0], [0.0], [-1.5, 0.0, 1.5]]
    assert [list(v) for v in ys] == expected
    assert [list(v) for v in positions([1, 1])] == [[0.0], [0.0]]
    assert list(positions([6, 3])[1]) == [-2.0, 0.0, 2.0]  # 2.5 apart would fill 5: capped at 2


def test_emphasised_edges_have_a_halo_and_the_colour_of_their_sign():
    net = core.Network.from_layers(
        [[[1.0, -0.5], [0.1, -0.9]]], [[0.0, 0.0]], ["sigmoid"], "half_squared_error"
    )
    edges = [(1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1)]
    fig = figures.network_diagram(net, highlight_edges=edges)
    (halo,) = [t for t in fig.data if t.name == "highlighted"]
    assert len(halo.x) == len(halo.y) == 12
    assert sorted(edge_of(net, s) for s in segments(halo)) == edges
    by_colour = {}
    for t in fig.data:
        if t.name == "highlighted θ":
            assert len(t.x) == len(t.y)
            by_colour[t.line.color] = sorted(edge_of(net, s) for s in segments(t))
    # θ = 1.0 and 0.1 are positive (0.1 < 1 too), −0.5 and −0.9 negative
    assert by_colour == {POSITIVE: [(1, 0, 0), (1, 1, 0)], NEGATIVE: [(1, 0, 1), (1, 1, 1)]}
