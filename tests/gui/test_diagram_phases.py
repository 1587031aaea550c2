"""The network diagram lit by the phase: stepped through the engine, each phase kind shows
the followed example's column of this update's arrays (also in mini-batch mode), the
layer being computed is framed, and nothing it writes is cut off."""
import itertools

import numpy as np
import pytest
from on_screen import new_view, show_at
from pixels import Painted, rgb
from PySide6.QtCore import QPointF

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import make_session_info, take_snapshot
from engine.trainer import Trainer
from gui.plots.boundary_plot import probability_colormap, shade_brushes, shade_index
from gui.plots.network_diagram import (
    GRADIENT_NEGATIVE,
    GRADIENT_POSITIVE,
    NEUTRAL_EDGE,
    NEUTRAL_NODE,
    NetworkDiagram,
    activation_shade,
)


def stepper(sizes=(2, 3, 1), activation="tanh", batch=0, init="xavier", data="xor"):
    trainer = Trainer(load_dataset(data), make_model_config(sizes, activation, init),
                      make_train_config(0.5, 0.0, batch))
    trainer.run(3)
    return trainer, make_session_info(trainer, resolution=10)


def step(trainer, session, phases, example):
    """A snapshot after `phases` more phases, following `example`."""
    record = None
    for _ in range(phases):
        record = trainer.step_phase()
    return take_snapshot(trainer, session, [], [], example_index=example, last_phase=record,
                         with_boundary=False)


def shown(qtbot, session, snapshot, size=(700, 500)):
    diagram = new_view(qtbot, NetworkDiagram)
    diagram.set_session(session)
    show_at(diagram, qtbot, *size)
    diagram.show_snapshot(snapshot, None)
    return diagram


def node_rgb(diagram):
    """{(layer, unit): (r, g, b)} of each node's brush."""
    return {node: rgb(spot.brush().color())
            for node, spot in zip(diagram.node_ids, diagram.nodes.points())}


def activation_rgb(value, kind):
    shades = shade_brushes(probability_colormap())
    t = activation_shade(np.array([value]), kind)
    return rgb(shades[shade_index(t)[0]].color())


def is_orange(colour):
    """Orange, however pale (a small value on the scale is near white)."""
    r, _g, b = colour
    return r > b + 3


def is_blue(colour):
    r, _g, b = colour
    return b > r + 3


def edges_by_layer(diagram):
    """{layer l: {(row j, column i): (sign, level)}} of the drawn edges into layer l."""
    out = {}
    for (sign, level), k in diagram._edges_of.items():
        for e in k:
            l = int(diagram._edge_layer[e])
            offset = int(diagram._layer_offsets[l - 1])
            j, i = divmod(int(diagram._edge_flat[e]) - offset,
                          diagram._session.layer_sizes[l - 1])
            out.setdefault(l, {})[(j, i)] = (sign, level)
    return out


def test_forward_phase_shades_the_computed_layers_by_the_examples_a(qtbot):
    trainer, session = stepper()
    snap = step(trainer, session, 1, example=7)          # forward, layer 1
    record = snap.last_phase
    column = record.column_of(7)
    assert column == 7                                   # full batch: column = index
    diagram = shown(qtbot, session, snap)
    colours = node_rgb(diagram)
    a0, a1 = record.reads["A[0]"][:, column], record.writes["A[1]"][:, column]
    for unit in range(2):
        assert colours[(0, unit)] == activation_rgb(a0[unit], "input")
    for unit in range(3):
        assert colours[(1, unit)] == activation_rgb(a1[unit], "tanh")
    assert colours[(2, 0)] == rgb(NEUTRAL_NODE)          # not computed yet in this update
    assert len({colours[(1, u)] for u in range(3)}) > 1  # a blank diagram could not pass
    assert "Forward, layer 1" in diagram.title and "#7" in diagram.title
    band = diagram._band.rect()
    assert diagram._band.isVisible() and band.left() < 1 < band.right()
    assert diagram._band_label.toPlainText() == "\u25b6 A[1]"
    # The next forward phase colours the output node by that example's A[2].
    snap = step(trainer, session, 1, example=7)
    diagram.show_snapshot(snap, None)
    a2 = snap.last_phase.writes["A[2]"][0, 7]
    assert node_rgb(diagram)[(2, 0)] == activation_rgb(a2, "sigmoid")


def test_backward_phase_colours_nodes_by_the_sign_of_dZ_and_edges_by_dW(qtbot):
    trainer, session = stepper(sizes=(2, 4, 3, 1))
    example = 11
    snap = step(trainer, session, 5, example)            # F1 F2 F3 cost B3
    assert snap.last_phase.kind == "backward" and snap.last_phase.layer == 3
    diagram = shown(qtbot, session, snap)
    colours = node_rgb(diagram)
    dZ3 = snap.last_phase.writes["dZ[3]"][0, example]
    assert (is_orange if dZ3 > 0 else is_blue)(colours[(3, 0)])
    for unit in range(3):
        assert colours[(2, unit)] == rgb(NEUTRAL_NODE)   # dZ[2] comes next
    assert any("dZ" in text for text in diagram.scale_texts)
    assert any("dW" in text for text in diagram.scale_texts)
    snap = step(trainer, session, 1, example)            # B2
    diagram.show_snapshot(snap, None)
    colours = node_rgb(diagram)
    dZ2 = snap.last_phase.writes["dZ[2]"][:, example]
    assert (dZ2 > 0).any() and (dZ2 < 0).any()           # both signs are tested
    for unit, value in enumerate(dZ2):
        assert (is_orange if value > 0 else is_blue)(colours[(2, unit)]), unit
    # Edges: into layers 2 and 3 by the sign of dW; into layer 1 not computed yet.
    by_layer = edges_by_layer(diagram)
    for l in (2, 3):
        dW = snap.phase_records[-1 if l == 2 else -2].writes[f"dW[{l}]"]
        for (j, i), (sign, _level) in by_layer[l].items():
            assert sign == np.sign(dW[j, i]), (l, j, i)
    assert {sign for sign, _ in by_layer[1].values()} == {0}
    assert diagram.edge_items[(1, 3)].opts["pen"].color().name() == GRADIENT_POSITIVE
    assert diagram.edge_items[(-1, 3)].opts["pen"].color().name() == GRADIENT_NEGATIVE
    # and on screen: an orange node is painted orange.
    painted = Painted(diagram.nodes.getViewBox())
    x, y = diagram.nodes.getData()
    k = diagram.node_ids.index((3, 0))
    assert (is_orange if dZ3 > 0 else is_blue)(painted.rgb(x[k], y[k]))


def test_update_phase_shows_the_step_minus_alpha_dW(qtbot):
    trainer, session = stepper()
    snap = step(trainer, session, 6, example=0)          # the whole update of a 2-3-1 net
    record = snap.last_phase
    assert record.kind == "update"
    diagram = shown(qtbot, session, snap)
    by_layer = edges_by_layer(diagram)
    for l in (1, 2):
        steps = -record.learning_rate * record.reads[f"dW[{l}]"]
        for (j, i), (sign, _level) in by_layer[l].items():
            assert sign == np.sign(steps[j, i])
    assert diagram.scale_texts and "\u2212\u03b1 dW" in diagram.scale_texts[0]
    assert diagram.title.startswith("Update")


def test_zero_weights_are_drawn_neutral(qtbot):
    trainer, session = stepper(init="zeros")
    trainer.reset()                                      # still all weights 0
    snap = take_snapshot(trainer, session, [], [], with_boundary=False)
    assert all(not w.any() for w in snap.W)
    diagram = shown(qtbot, session, snap)
    drawn = {key: len(item.getData()[0]) for key, item in diagram.edge_items.items()}
    assert drawn[(0, 0)] == 2 * (2 * 3 + 3)
    assert sum(n for key, n in drawn.items() if key != (0, 0)) == 0
    assert diagram.edge_items[(0, 0)].opts["pen"].color().name() == NEUTRAL_EDGE
    assert "grey w = 0" in diagram.caption


@pytest.mark.parametrize("batch", [0, 8])
def test_another_example_shades_its_own_column(qtbot, batch):
    trainer, session = stepper(batch=batch)
    examples = trainer.batch_examples()
    first, other = int(examples[0]), int(examples[3])
    snap = step(trainer, session, 1, first)
    diagram = shown(qtbot, session, snap)
    before = node_rgb(diagram)
    record = snap.last_phase
    # The worker sends the same record with the other example chosen.
    later = take_snapshot(trainer, session, [], [], example_index=other, last_phase=record,
                          with_boundary=False)
    assert diagram.show_snapshot(later, None)
    after = node_rgb(diagram)
    a1 = record.writes["A[1]"][:, record.column_of(other)]
    assert record.column_of(other) == 3
    for unit in range(3):
        assert after[(1, unit)] == activation_rgb(a1[unit], "tanh")
    assert after != before
    assert f"#{other}" in diagram.title


def test_an_example_outside_the_batch_leaves_the_nodes_grey_and_says_so(qtbot):
    trainer, session = stepper(batch=8)
    outside = int(np.setdiff1d(np.arange(150), trainer.batch_examples())[0])
    snap = step(trainer, session, 5, outside)            # backward, layer 1
    diagram = shown(qtbot, session, snap)
    assert set(node_rgb(diagram).values()) == {rgb(NEUTRAL_NODE)}
    assert f"#{outside} is not in this batch" in diagram.title
    assert "not in this update's batch" in diagram.caption
    by_layer = edges_by_layer(diagram)
    assert {sign for sign, _ in by_layer[1].values()} - {0}   # the edges keep their dW


def test_playing_shows_the_weights_again(qtbot):
    trainer, session = stepper()
    snap = step(trainer, session, 4, example=2)
    diagram = shown(qtbot, session, snap)
    assert diagram.picture.mode == "backward"
    trainer.step_update()
    playing = take_snapshot(trainer, session, [], [], example_index=2, playing=True,
                            last_phase=trainer.phase_records[-1], with_boundary=False)
    diagram.show_snapshot(playing, None)
    assert diagram.picture.mode == "weights" and not diagram._band.isVisible()
    assert diagram.scale_texts == []


def inside(item, view):
    rect = item.sceneBoundingRect()
    area = view.sceneBoundingRect()
    return (rect.left() >= area.left() - 0.5 and rect.right() <= area.right() + 0.5 and
            rect.top() >= area.top() - 0.5 and rect.bottom() <= area.bottom() + 0.5)


@pytest.mark.parametrize("size", [(360, 420), (520, 420), (900, 700)])
def test_no_label_is_cut_off_in_a_deep_net_or_a_wide_input(qtbot, size):
    for data, sizes in (("breast_cancer", (30, 8, 8, 8, 8, 8, 8, 1)),
                        ("xor", (2, 5, 5, 5, 5, 5, 5, 1))):
        trainer, session = stepper(sizes=sizes, activation="sigmoid", data=data)
        snap = step(trainer, session, 9, example=3)      # backward, layer 7
        diagram = shown(qtbot, session, snap, size)
        qtbot.wait(20)
        view = diagram._view
        labels = [label for label, _ in diagram._labels]
        assert len(labels) == 8
        for label in labels + [diagram._band_label]:
            assert inside(label, view), (data, size, label.toPlainText())
        # Neighbouring layer labels do not overlap.
        rects = [label.sceneBoundingRect() for label in labels]
        for a, b in itertools.pairwise(rects):
            assert a.right() <= b.left() + 1, (size, data)
        if data == "breast_cancer":
            assert "+14" in diagram.layer_labels[0]
        # Nodes of a column side by side, not piled on one another.
        x, y = diagram.nodes.getData()
        first = [k for k, (l, _) in enumerate(diagram.node_ids) if l == 1][:2]
        a, b = (view.mapViewToScene(QPointF(x[k], y[k])) for k in first)
        assert abs(b.y() - a.y()) >= diagram._node_size, size
        for bar in (diagram._node_scale, diagram._edge_scale):
            assert bar.width() >= bar.sizeHint().width()
            assert bar.height() >= bar.sizeHint().height()
        assert diagram.width() == size[0]    # the scales never widened it
