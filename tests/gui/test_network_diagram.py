"""NetworkDiagram with real trained models: nodes, edge colours and widths, hover text."""
import dataclasses

import numpy as np
import pytest
from on_screen import new_view
from pixels import Painted, close, over_white, rgb

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import make_session_info, take_snapshot
from engine.trainer import Trainer
from gui import theme
from gui.plots.boundary_plot import probability_colormap, shade_brushes, shade_index
from gui.plots.network_diagram import ALPHAS, MAX_EDGES, NetworkDiagram, activation_shade


def trained(name, sizes, activation="tanh", updates=200, example=0):
    """(trainer, session, snapshot) after `updates` full-batch updates."""
    data = load_dataset(name)
    trainer = Trainer(data, make_model_config(sizes, activation), make_train_config(0.5))
    session = make_session_info(trainer)
    trainer.run(updates)
    return trainer, session, take_snapshot(trainer, session, [], [], example_index=example)


def shown(qtbot, session, snapshot):
    diagram = new_view(qtbot, NetworkDiagram)   # styled as in the app: white background
    diagram.resize(900, 600)
    diagram.set_session(session)
    diagram.show_snapshot(snapshot, None)
    return diagram


def drawn_edges(diagram):
    """{((x0, y0), (x1, y1)): (sign, level)} for every edge segment drawn."""
    edges = {}
    for (sign, level), item in diagram.edge_items.items():
        x, y = item.getData()
        for k in range(0, len(x), 2):
            key = ((x[k], y[k]), (x[k + 1], y[k + 1]))
            assert key not in edges, "an edge is drawn twice"
            edges[key] = (sign, level)
    return edges


def node_positions(diagram):
    x, y = diagram.nodes.getData()
    return {nid: (x[k], y[k]) for k, nid in enumerate(diagram.node_ids)}


def node_colours(diagram, session, snapshot):
    """{(layer, unit): (r, g, b)} each drawn node's shade should have for the snapshot's
    selected example, on the scale of the boundary heatmap."""
    shades = shade_brushes(probability_colormap())
    kinds = ("input",) + session.activations
    colours = {}
    for l, unit in diagram.node_ids:
        t = activation_shade(snapshot.example_A[l], kinds[l])[unit]
        colours[(l, unit)] = rgb(shades[shade_index(np.array([t]))[0]].color())
    return colours


@pytest.fixture(scope="module")
def small():
    return trained("xor", (2, 3, 1), updates=300, example=4)


def test_nodes_per_layer_and_labels(qtbot):
    _trainer, session, snapshot = trained("moons", (2, 8, 8, 1), updates=10)
    diagram = shown(qtbot, session, snapshot)
    layers = [l for l, _ in diagram.node_ids]
    assert [layers.count(l) for l in range(4)] == [2, 8, 8, 1]
    assert diagram.layer_labels == ["input (2)", "tanh (8)", "tanh (8)", "sigmoid (1)"]


def test_wide_layers_are_sampled_with_a_marker(qtbot):
    _trainer, session, snapshot = trained("digits", (64, 16, 1), updates=5)
    diagram = shown(qtbot, session, snapshot)
    layers = [l for l, _ in diagram.node_ids]
    assert [layers.count(l) for l in range(3)] == [16, 16, 1]
    units = [u for l, u in diagram.node_ids if l == 0]
    assert units[0] == 0 and units[-1] == 63 and len(set(units)) == 16
    assert diagram.layer_labels[0] == "input (64)\n\u2026 +48 more"
    assert len(drawn_edges(diagram)) == 16 * 16 + 16


def test_every_edge_of_a_small_net_has_its_weights_colour(qtbot, small):
    _trainer, session, snapshot = small
    diagram = shown(qtbot, session, snapshot)
    edges = drawn_edges(diagram)
    assert len(edges) == 2 * 3 + 3 * 1
    pos = node_positions(diagram)
    top = max(np.max(np.abs(w)) for w in snapshot.W)
    for l, W in enumerate(snapshot.W, start=1):
        for j in range(W.shape[0]):
            for i in range(W.shape[1]):
                sign, level = edges[(pos[(l - 1, i)], pos[(l, j)])]
                assert sign == (1 if W[j, i] >= 0 else -1)
                assert level == min(int(abs(W[j, i]) / top * 4), 3)
                color = diagram.edge_items[(sign, level)].opts["pen"].color().name()
                assert color == (theme.POSITIVE_WEIGHT if W[j, i] >= 0 else theme.NEGATIVE_WEIGHT)
    assert sum(1 for s, lv in edges.values() if lv == 3) >= 1  # the largest |w| is widest


def test_nodes_are_shaded_by_the_examples_activations(qtbot, small):
    _trainer, session, snapshot = small
    diagram = shown(qtbot, session, snapshot)
    colours = node_colours(diagram, session, snapshot)
    spots = diagram.nodes.points()
    for spot, node in zip(spots, diagram.node_ids):
        assert spot.brush().color().alpha() == 255
        assert rgb(spot.brush().color()) == colours[node]
    # The output node shows P(y = 1) on the same scale as the boundary heatmap.
    shades = shade_brushes(probability_colormap())
    out = snapshot.example_A[-1][0]
    assert spots[-1].brush().color().getRgb() == \
        shades[shade_index(np.array([out]))[0]].color().getRgb()


def test_node_tooltip_gives_z_and_a_of_the_selected_example(qtbot, small):
    _trainer, session, snapshot = small
    diagram = shown(qtbot, session, snapshot)
    a = snapshot.example_A[1][2]
    z = snapshot.W[0][2] @ snapshot.example_A[0] + snapshot.b[0][2, 0]
    assert np.tanh(z) == pytest.approx(a)
    text = diagram.node_tooltip(1, 2)
    assert "hidden layer 1" in text and "unit 3 of 3" in text and "tanh" in text
    assert f"a = tanh(z) = {a:.4g}" in text and f"z = {z:.4g}" in text
    assert f"#{snapshot.example_index}" in text
    first = diagram.node_tooltip(0, 1)
    assert f"{snapshot.example_A[0][1]:.4g}" in first and "x2" in first


def test_tooltip_at_finds_nodes_then_edges(qtbot, small):
    _trainer, session, snapshot = small
    diagram = shown(qtbot, session, snapshot)
    pos = node_positions(diagram)
    px = (0.003, 0.003)  # view units per pixel
    x, y = pos[(2, 0)]
    assert diagram.tooltip_at(x + 0.01, y, *px) == diagram.node_tooltip(2, 0)
    (x0, y0), (x1, y1) = pos[(1, 1)], pos[(2, 0)]
    text = diagram.tooltip_at((x0 + x1) / 2, (y0 + y1) / 2, *px)
    assert text.startswith(f"W[2] row 1, column 2 = {snapshot.W[1][0, 1]:.4g}")
    assert diagram.tooltip_at(-0.4, -0.55, *px) == ""


def test_edges_are_capped_for_big_nets(qtbot):
    _trainer, session, snapshot = trained("digits", (64, 40, 40, 40, 1), updates=2)
    diagram = shown(qtbot, session, snapshot)
    edges = drawn_edges(diagram)
    assert len(edges) == MAX_EDGES
    # the strongest are the ones kept
    levels = [lv for _, lv in edges.values()]
    assert max(levels) == 3


def test_same_update_is_not_repainted_and_non_finite_is_grey(qtbot, small):
    _trainer, session, snapshot = small
    diagram = shown(qtbot, session, snapshot)
    calls = []
    original = diagram.nodes.setBrush
    diagram.nodes.setBrush = lambda *a, **k: (calls.append(1), original(*a, **k))
    diagram.show_snapshot(snapshot, None)
    assert calls == []
    A = list(snapshot.example_A)
    A[1] = np.array([np.nan, 0.0, 0.0])
    diagram.show_snapshot(dataclasses.replace(snapshot, update=snapshot.update + 1,
                                              example_A=tuple(A)), None)
    assert calls == [1]
    assert diagram.nodes.points()[2].brush().color().name() == "#a0a0a0"


def test_nodes_and_edges_are_painted_in_their_colours(qtbot, small):
    _trainer, session, snapshot = small
    diagram = shown(qtbot, session, snapshot)
    diagram.units_box.setChecked(False)   # the unit pictures would cover the hidden nodes
    diagram.show()
    qtbot.waitExposed(diagram)
    painted = Painted(diagram.nodes.getViewBox())
    colours = node_colours(diagram, session, snapshot)
    assert len(set(colours.values())) > 3   # a diagram left white could not pass
    for node, (x, y) in node_positions(diagram).items():
        assert painted.rgb(x, y) == colours[node], node
    for ((x0, y0), (x1, y1)), (sign, level) in drawn_edges(diagram).items():
        colour = theme.POSITIVE_WEIGHT if sign > 0 else theme.NEGATIVE_WEIGHT
        expected = over_white(colour, ALPHAS[level])
        # A quarter of the way in from either end: clear of the nodes and of the other
        # edges, which in this net cross only at their middles.
        for t in (0.25, 0.75):
            near = painted.colours_near(x0 + t * (x1 - x0), y0 + t * (y1 - y0))
            assert any(close(c, expected) for c in near), ((x0, y0), (x1, y1), t)


def test_a_snapshot_that_changes_nothing_drawn_says_so(qtbot, small):
    """Weights that move without crossing a width step or zero leave every edge item as
    it is, and the view answers False (it does not use up a frame); the tooltips still
    read the newest snapshot."""
    _trainer, session, snapshot = small
    diagram = shown(qtbot, session, snapshot)
    before = {key: item.getData()[0] for key, item in diagram.edge_items.items()}
    nudged = tuple(w * 1.0001 for w in snapshot.W)
    later = dataclasses.replace(snapshot, update=snapshot.update + 1, W=nudged)
    assert diagram.show_snapshot(later, None) is False
    assert all(item.getData()[0] is before[key] for key, item in diagram.edge_items.items())
    assert f"{nudged[0][0, 0]:.4g}" in diagram.edge_tooltip(0)
    # The largest weight made small: its edge moves to the thinnest item.
    W = [np.array(w) for w in snapshot.W]
    j, i = np.unravel_index(np.argmax(np.abs(W[0])), W[0].shape)
    W[0][j, i] *= 1e-3
    smaller = dataclasses.replace(later, update=later.update + 1, W=tuple(W))
    assert diagram.show_snapshot(smaller, None) is True
    assert drawn_edges(diagram) != {}
    assert any(item.getData()[0] is not before[key]
               for key, item in diagram.edge_items.items())


def test_inputs_are_named_beside_their_nodes_unless_too_close_together(qtbot):
    _trainer, session, snapshot = trained("xor", (2, 3, 1), updates=1)
    diagram = shown(qtbot, session, snapshot)
    diagram.show()
    qtbot.waitExposed(diagram)
    assert diagram.input_names == ["x1", "x2"]
    _trainer, session, snapshot = trained("xor", (2, 100, 1), updates=1)
    diagram.set_session(session)   # 16 drawn hidden units: the two inputs sit close
    diagram.resize(900, 200)
    qtbot.wait(50)
    assert diagram.input_names == []
