"""What each unit has learned: thumbnails in the network diagram's nodes, painted in the
activation's colours; a click shows a unit large in the decision-boundary view."""
import dataclasses

import numpy as np
import pytest
from on_screen import new_view, show_at
from pixels import Painted
from PySide6.QtCore import QPointF, Qt

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import make_session_info, take_snapshot
from engine.trainer import Trainer
from engine.unit_pictures import coarse_step
from gui.plots.boundary_plot import BoundaryPlot, probability_colormap
from gui.plots.network_diagram import NetworkDiagram
from gui.plots.unit_levels import activation_colormap
from gui.plots.unit_view import upsample

WAIT_MS = 15_000


def trained(name, sizes, activations="tanh", updates=200):
    data = load_dataset(name)
    trainer = Trainer(data, make_model_config(sizes, activations, seed=1),
                      make_train_config(0.5))
    trainer.run(updates)
    session = make_session_info(trainer)
    return trainer, session, take_snapshot(trainer, session, [], [])


@pytest.fixture(scope="module")
def xor_net():
    return trained("xor", (2, 3, 1))


def diagram_for(qtbot, session, snapshot):
    diagram = new_view(qtbot, NetworkDiagram)
    show_at(diagram, qtbot, 900, 600)
    diagram.set_session(session)
    diagram.show_snapshot(snapshot, None)
    qtbot.wait(50)
    return diagram


def test_every_drawn_unit_has_its_picture_the_output_the_boundary(qtbot, xor_net):
    _trainer, session, snap = xor_net
    diagram = diagram_for(qtbot, session, snap)
    items = diagram.thumbnails.items
    assert sorted(items) == [(1, 0), (1, 1), (1, 2), (2, 0)]
    thumbnails = diagram.thumbnails
    for unit in range(3):
        np.testing.assert_array_equal(thumbnails.drawn(1, unit), snap.unit_pictures[0][unit])
        assert items[(1, unit)].image.shape == (34, 34, 4)
    assert thumbnails.levels(1) == (-1.0, 1.0) and thumbnails.levels(2) == (0.0, 1.0)
    k = coarse_step(session.grid_resolution)
    np.testing.assert_array_equal(thumbnails.drawn(2, 0), snap.boundary[::k, ::k])
    assert all(item.isVisible() for item in items.values())
    assert "its a over the (x1, x2) plane (click one: large)" in diagram.caption
    assert "unit pictures, a (tanh): -1 \u2026 0 \u2026 1" in diagram.scale_texts


def lut_colour(kind, value, levels):
    lut = activation_colormap(kind, probability_colormap()).getLookupTable(nPts=256)
    low, high = levels
    return tuple(int(c) for c in lut[int(np.clip((value - low) / (high - low), 0, 1) * 255)][:3])


def test_the_corners_are_painted_where_they_are_in_the_plane(qtbot, xor_net):
    """x1 to the right and x2 up, in the activation's colours: the thumbnail's top-left
    pixel is the unit at (x_min, y_max), its bottom-right one at (x_max, y_min)."""
    _trainer, session, snap = xor_net
    diagram = diagram_for(qtbot, session, snap)
    item = diagram.thumbnails.items[(1, 0)]
    painted = Painted(diagram.nodes.getViewBox())
    rect = item.mapRectToParent(item.boundingRect())
    px_w, px_h = diagram.nodes.getViewBox().viewPixelSize()
    picture = snap.unit_pictures[0][0]
    inset_x, inset_y = 3 * px_w, 3 * px_h
    corners = {(rect.left() + inset_x, rect.top() + inset_y): picture[-1, 0],
               (rect.right() - inset_x, rect.bottom() - inset_y): picture[0, -1]}
    assert abs(picture[-1, 0] - picture[0, -1]) > 0.5   # a unit whose corners differ
    for (x, y), value in corners.items():
        expected = lut_colour("tanh", value, (-1.0, 1.0))
        near = painted.colours_near(x, y, radius=2)
        assert any(max(abs(a - b) for a, b in zip(c, expected)) <= 24 for c in near), (
            value, expected, near)


def test_relu_pictures_run_from_white_at_0_to_red_at_the_layers_largest_a(qtbot):
    _trainer, session, snap = trained("moons", (2, 4, 1), "relu")
    diagram = diagram_for(qtbot, session, snap)
    top = float(np.max(snap.unit_pictures[0]))
    assert diagram.thumbnails.levels(1) == pytest.approx((0.0, top))
    assert any(text.startswith("unit pictures, a (relu): 0 \u2026")
               for text in diagram.scale_texts)


def test_the_box_hides_them_and_stepping_hides_them(qtbot, xor_net):
    trainer, session, snap = xor_net
    diagram = diagram_for(qtbot, session, snap)
    diagram.units_box.setChecked(False)
    assert not any(item.isVisible() for item in diagram.thumbnails.items.values())
    assert "over the (x1, x2) plane" not in diagram.caption
    diagram.units_box.setChecked(True)
    assert all(item.isVisible() for item in diagram.thumbnails.items.values())
    record_ = trainer.step_phase()
    stepping = take_snapshot(trainer, session, [], [], last_phase=record_)
    diagram.show_snapshot(stepping, None)
    assert diagram.picture.stepping
    assert not any(item.isVisible() for item in diagram.thumbnails.items.values())


@pytest.mark.parametrize("name, sizes, words, box, note", [
    ("moons", (2, 100, 100, 1), "up to 128 hidden units; this net has 200", True,
     "No unit pictures: they are drawn for up to 128 hidden units, and this net has 200."),
    ("breast_cancer", (30, 4, 1), "data drawn as a plane", False, ""),
    ("moons", (2, 1), "no hidden unit", False, ""),
])
def test_without_pictures_the_box_is_off_and_says_why(qtbot, name, sizes, words, box, note):
    _trainer, session, snap = trained(name, sizes, updates=1)
    diagram = diagram_for(qtbot, session, snap)
    assert diagram.thumbnails.items == {}
    assert not diagram.units_box.isEnabled()
    assert words in diagram.units_box.toolTip()
    assert diagram.units_box.isVisibleTo(diagram) == box
    assert diagram.caption.endswith(note)
    assert ("No unit pictures" in diagram.caption) == bool(note)


def click_node(qtbot, diagram, node):
    k = diagram.node_ids.index(node)
    x, y = diagram.nodes.getData()
    view = diagram.nodes.getViewBox()
    canvas = view.scene().views()[0]
    p = canvas.mapFromScene(view.mapViewToScene(QPointF(x[k], y[k])))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=p)


def test_a_click_on_a_unit_names_it_a_click_on_an_input_does_nothing(qtbot, xor_net):
    _trainer, session, snap = xor_net
    diagram = diagram_for(qtbot, session, snap)
    picked = []
    diagram.unit_picked.connect(lambda layer, unit: picked.append((layer, unit)))
    for node in ((1, 2), (2, 0), (0, 1)):
        click_node(qtbot, diagram, node)
    qtbot.wait(50)
    assert picked == [(1, 2), (2, 0)]


def boundary_for(qtbot, session, snap):
    plot = new_view(qtbot, BoundaryPlot)
    show_at(plot, qtbot, 700, 600)
    plot.set_session(session)
    plot.show_snapshot(snap, None)
    return plot


def test_the_boundary_view_shows_a_unit_large_and_goes_back(qtbot, xor_net):
    _trainer, session, snap = xor_net
    plot = boundary_for(qtbot, session, snap)
    plot.show_unit(1, 2)
    assert plot.shown_unit == (1, 2)
    r = session.grid_resolution
    image = plot.heatmap.image
    assert image.shape == (r, r)
    k = coarse_step(r)
    # At the coarse grid's points the large picture is the unit's own value.
    np.testing.assert_allclose(image[::k, ::k], snap.unit_pictures[0][2], atol=1e-6)
    assert tuple(plot.heatmap.levels) == (-1.0, 1.0)
    assert plot._plot.titleLabel.text == "Layer 1, unit 3: a = tanh(z)"
    assert plot._caption.text().startswith("layer 1, unit 3: a = tanh(z) over the plane")
    assert not plot.contour.isVisible()
    legend = [label.text for _, label in plot._legend.items]
    assert "decision boundary P = 0.5" not in legend and legend[-1] == "selected example"
    back = plot.findChild(type(plot._back), "back_to_output")
    assert back.isVisibleTo(plot)
    back.click()
    assert plot.shown_unit is None
    np.testing.assert_array_equal(plot.heatmap.image, snap.boundary)
    assert tuple(plot.heatmap.levels) == (0.0, 1.0)
    assert plot.contour.isVisible() and not back.isVisibleTo(plot)
    assert [label.text for _, label in plot._legend.items][-2:] == [
        "decision boundary P = 0.5", "selected example"]
    assert plot._plot.titleLabel.text == "P(y = 1) over the input plane"


def test_the_output_layer_and_a_new_session_mean_the_boundary(qtbot, xor_net):
    _trainer, session, snap = xor_net
    plot = boundary_for(qtbot, session, snap)
    plot.show_unit(1, 0)
    plot.show_unit(2, 0)
    assert plot.shown_unit is None
    plot.show_unit(1, 0)
    plot.set_session(session)
    assert plot.shown_unit is None


def test_upsampling_keeps_every_coarse_value_and_interpolates_between():
    picture = np.arange(16, dtype=np.float32).reshape(4, 4)
    big = upsample(picture, 10)
    np.testing.assert_allclose(big[::3, ::3], picture)
    assert big[1, 0] == pytest.approx(picture[0, 0] + (picture[1, 0] - picture[0, 0]) / 3)


def test_in_the_window_a_click_on_a_unit_shows_it_in_the_boundary_view(window, qtbot):
    diagram = window.views["Network"]
    boundary = window.views["Decision boundary"]
    qtbot.waitUntil(lambda: diagram.thumbnails.items != {}, timeout=WAIT_MS)
    click_node(qtbot, diagram, (1, 0))
    qtbot.waitUntil(lambda: boundary.shown_unit == (1, 0), timeout=WAIT_MS)
    assert not window.view_docks["Decision boundary"].visibleRegion().isEmpty()
    click_node(qtbot, diagram, (len(window.controller.session.layer_sizes) - 1, 0))
    qtbot.waitUntil(lambda: boundary.shown_unit is None, timeout=WAIT_MS)


def test_a_short_diagram_says_the_key_in_its_caption_instead_of_a_bar(qtbot, xor_net):
    _trainer, session, snap = xor_net
    diagram = diagram_for(qtbot, session, snap)
    assert "Colours:" not in diagram.caption
    show_at(diagram, qtbot, 900, 300)
    qtbot.wait(50)
    assert "Colours: tanh: -1 (blue) \u2026 0 (white) \u2026 +1 (orange)." in diagram.caption
    assert not any(text.startswith("unit pictures") for text in diagram.scale_texts)


def test_pictures_that_moved_less_than_a_shade_step_are_not_painted_again(qtbot, xor_net):
    _trainer, session, snap = xor_net
    diagram = diagram_for(qtbot, session, snap)
    item = diagram.thumbnails.items[(1, 0)]
    before = item.image
    nudged = tuple(p + np.float32(1e-4) for p in snap.unit_pictures)
    same = dataclasses.replace(snap, update=snap.update + 1, unit_pictures=nudged)
    assert diagram.thumbnails.show(same, True) is False
    assert item.image is before
    moved = tuple(-p for p in snap.unit_pictures)
    other = dataclasses.replace(snap, update=snap.update + 2, unit_pictures=moved)
    assert diagram.thumbnails.show(other, True) is True
    np.testing.assert_array_equal(diagram.thumbnails.drawn(1, 0), moved[0][0])
