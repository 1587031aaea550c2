"""BoundaryPlot with real trained models: what its items hold after show_snapshot."""
import dataclasses

import numpy as np
import pytest
from on_screen import new_view, show_at
from pixels import Painted, close, over_white, rgb
from PySide6.QtCore import Qt

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import make_session_info, take_snapshot
from engine.trainer import Trainer
from gui import theme
from gui.plots.boundary_plot import (
    MAX_POINTS_DRAWN,
    BoundaryPlot,
    contour_segments,
    probability_colormap,
    shade_brushes,
    shade_index,
)
from gui.training_history import TrainingHistory


def trained(name, sizes, activation="tanh", updates=200, test_ratio=0.25, example=0):
    """(trainer, session, snapshot) after `updates` full-batch updates."""
    data = load_dataset(name, test_ratio=test_ratio)
    trainer = Trainer(data, make_model_config(sizes, activation), make_train_config(0.5))
    session = make_session_info(trainer)
    trainer.run(updates)
    return trainer, session, take_snapshot(trainer, session, [], [], example_index=example)


def shown(qtbot, session, snapshot):
    plot = new_view(qtbot, BoundaryPlot)   # styled as in the app: white background
    plot.resize(900, 600)
    plot.set_session(session)
    plot.show_snapshot(snapshot, TrainingHistory(len(session.layer_sizes) - 1))
    return plot


def bilinear(values, extent, x, y):
    """values (r_y, r_x) on the grid of extent, interpolated at points (x, y)."""
    r_y, r_x = values.shape
    x_min, x_max, y_min, y_max = extent
    fx = (x - x_min) / (x_max - x_min) * (r_x - 1)
    fy = (y - y_min) / (y_max - y_min) * (r_y - 1)
    j = np.clip(np.floor(fx).astype(int), 0, r_x - 2)
    i = np.clip(np.floor(fy).astype(int), 0, r_y - 2)
    tx, ty = fx - j, fy - i
    v = values.astype(np.float64)
    return ((1 - ty) * ((1 - tx) * v[i, j] + tx * v[i, j + 1])
            + ty * ((1 - tx) * v[i + 1, j] + tx * v[i + 1, j + 1]))


def brush_rgba(spot_brush):
    return spot_brush.color().getRgb()


# --- the contour on its own -----------------------------------------------------------

def test_contour_of_a_circle_lies_on_the_circle():
    r = 81
    xs = np.linspace(-2, 2, r)
    gx, gy = np.meshgrid(xs, xs)
    values = np.hypot(gx, gy)
    x, y = contour_segments(values, 1.0, (-2.0, 2.0, -2.0, 2.0))
    assert x.size > 0 and x.size % 2 == 0
    step = 4 / (r - 1)
    assert np.all(np.abs(np.hypot(x, y) - 1.0) < step / 4)
    # the whole circle is covered, not just a piece of it
    angles = np.arctan2(y, x)
    assert np.histogram(angles, bins=12, range=(-np.pi, np.pi))[0].min() > 0


def test_contour_handles_saddles_and_flat_fields():
    checker = np.array([[1.0, 0.0], [0.0, 1.0]])
    x, y = contour_segments(checker, 0.5, (0.0, 1.0, 0.0, 1.0))
    assert x.size == 4  # two segments, one around each low corner or each high one
    assert np.allclose(bilinear(checker, (0.0, 1.0, 0.0, 1.0), x, y), 0.5)
    flat = np.full((5, 5), 0.2)
    x, y = contour_segments(flat, 0.5, (0.0, 1.0, 0.0, 1.0))
    assert x.size == 0 and y.size == 0


def test_shade_index_clips_and_flags_non_finite():
    idx = shade_index(np.array([0.0, 0.5, 1.0, 1.7, -3.0, np.nan, np.inf]), n=65)
    assert idx.tolist() == [0, 32, 64, 64, 0, -1, -1]
    brushes = shade_brushes(probability_colormap(), n=65)
    assert brushes[32].color().getRgb()[:3] == (255, 255, 255)


# --- two features ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def moons():
    return trained("moons", (2, 8, 8, 1), updates=500, example=5)


def test_heatmap_holds_the_boundary_with_fixed_levels(qtbot, moons):
    _trainer, session, snapshot = moons
    plot = shown(qtbot, session, snapshot)
    image = plot.heatmap
    np.testing.assert_array_equal(image.image, snapshot.boundary)
    assert tuple(image.getLevels()) == (0.0, 1.0)
    rect = image.mapRectToParent(image.boundingRect())
    x_min, x_max, y_min, y_max = session.extent
    assert rect.left() < x_min < rect.left() + (x_max - x_min) / 50
    assert rect.bottom() > y_max > rect.bottom() - (y_max - y_min) / 50


def test_heatmap_follows_training_and_keeps_its_levels(qtbot):
    trainer, session, first = trained("moons", (2, 8, 1), updates=1)
    plot = shown(qtbot, session, first)
    trainer.run(300)
    later = take_snapshot(trainer, session, [], [])
    plot.show_snapshot(later, None)
    assert not np.array_equal(first.boundary, later.boundary)
    np.testing.assert_array_equal(plot.heatmap.image, later.boundary)
    assert tuple(plot.heatmap.getLevels()) == (0.0, 1.0)


def test_contour_lies_where_the_probability_is_one_half(qtbot, moons):
    _trainer, session, snapshot = moons
    plot = shown(qtbot, session, snapshot)
    x, y = plot.contour.getData()
    assert x.size > 20
    p = bilinear(snapshot.boundary, session.extent, x, y)
    assert np.all(np.abs(p - 0.5) < 0.02)
    # and it separates the classes: no sign mix-up between the colours and the curve
    assert snapshot.metrics.train_accuracy > 0.95


def test_training_points_filled_test_points_hollow(qtbot, moons):
    _trainer, session, snapshot = moons
    plot = shown(qtbot, session, snapshot)
    n_train = sum(len(item.data) for item in plot.train_points)
    n_test = sum(len(item.data) for item in plot.test_points)
    assert (n_train, n_test) == (session.Y_train.shape[1], session.Y_test.shape[1])
    for label, item in enumerate(plot.test_points):
        for spot in item.points():
            assert spot.brush().style() == Qt.BrushStyle.NoBrush
            assert spot.pen().color().name() == theme.CLASS_COLORS[label]
            assert spot.symbol() == theme.CLASS_SYMBOLS[label]   # not told by colour alone
    for label, item in enumerate(plot.train_points):
        assert item.points()[0].brush().color().name() == theme.CLASS_COLORS[label]
        assert item.points()[0].symbol() == theme.CLASS_SYMBOLS[label]


def test_show_test_toggles_test_points(qtbot, moons):
    _trainer, session, snapshot = moons
    plot = shown(qtbot, session, snapshot)
    plot.set_show_test(False)
    assert not any(item.isVisible() for item in plot.test_points)
    plot.set_session(session)  # the choice survives a new session
    assert not any(item.isVisible() for item in plot.test_points)
    plot.set_show_test(True)
    assert all(item.isVisible() for item in plot.test_points)


def test_same_update_is_not_painted_twice(qtbot, moons):
    _trainer, session, snapshot = moons
    plot = shown(qtbot, session, snapshot)
    calls = []
    original = plot.heatmap.setImage
    plot.heatmap.setImage = lambda *a, **k: (calls.append(1), original(*a, **k))
    assert plot.show_snapshot(snapshot, None) is False
    assert calls == []
    # Another example moves the ring only: the grid is the same array, so no new heatmap.
    assert plot.show_snapshot(dataclasses.replace(snapshot, example_index=7), None) is True
    assert calls == []
    x, y = plot.selected_mark.ring.getData()
    assert (x[0], y[0]) == tuple(session.points_train[:, 7])
    # A later update that reuses the grid (the worker predicts it a few times a second)
    # has nothing new for this view, and says so.
    later = dataclasses.replace(snapshot, update=snapshot.update + 5, example_index=7)
    assert plot.show_snapshot(later, None) is False
    assert calls == []
    # A newly predicted grid is painted.
    new_grid = dataclasses.replace(later, update=later.update + 5,
                                   boundary=np.array(snapshot.boundary))
    assert plot.show_snapshot(new_grid, None) is True
    assert calls == [1]


def test_non_finite_boundary_is_not_painted(qtbot, moons):
    _trainer, session, snapshot = moons
    plot = shown(qtbot, session, snapshot)
    bad = np.array(snapshot.boundary)
    bad[3, 4] = np.nan
    plot.show_snapshot(dataclasses.replace(snapshot, update=snapshot.update + 1, boundary=bad),
                       None)
    np.testing.assert_array_equal(plot.heatmap.image, snapshot.boundary)
    assert np.all(np.isfinite(plot.contour.getData()[0]))


def test_no_test_set(qtbot):
    _trainer, session, snapshot = trained("moons", (2, 4, 1), updates=20, test_ratio=0.0)
    assert session.X_test.shape == (2, 0)
    plot = shown(qtbot, session, snapshot)
    assert sum(len(item.data) for item in plot.train_points) == session.X_train.shape[1]
    assert sum(len(item.data) for item in plot.test_points) == 0
    _trainer, session, snapshot = trained("breast_cancer", (30, 1), updates=5, test_ratio=0.0)
    plot = shown(qtbot, session, snapshot)
    assert sum(len(item.data) for item in plot.train_points) == session.X_train.shape[1]
    assert sum(len(item.data) for item in plot.test_points) == 0


# --- more features: the PCA view -------------------------------------------------------

def projection_matches(plot, session, snapshot):
    """Assert each point is where PCA put it, filled by its prediction, shaped by its label."""
    items = plot.train_points + plot.test_points
    total = sum(len(item.data) for item in items)
    assert total == session.X_train.shape[1] + session.X_test.shape[1]
    shades = shade_brushes(probability_colormap())
    for points, Y, A, pair in ((session.points_train, session.Y_train, snapshot.metrics.A_L,
                                plot.train_points),
                               (session.points_test, session.Y_test, snapshot.test_A,
                                plot.test_points)):
        for label, item in enumerate(pair):
            mask = Y[0] == label
            x, y = item.getData()
            np.testing.assert_array_equal(x, points[0, mask])
            np.testing.assert_array_equal(y, points[1, mask])
            expected = [shades[k].color().getRgb() for k in shade_index(A[0, mask])]
            assert [brush_rgba(s.brush()) for s in item.points()] == expected
            assert {s.symbol() for s in item.points()} == {("o", "s")[label]}


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_projection_colours_points_by_prediction_and_shapes_by_label(qtbot, activation):
    trainer, session, snapshot = trained("breast_cancer", (30, 8, 1), activation, updates=1)
    plot = shown(qtbot, session, snapshot)
    assert plot.heatmap is None and plot.contour is None
    projection_matches(plot, session, snapshot)
    assert "principal component 1" in plot._plot.getAxis("bottom").labelText
    # Later frames restyle only the points whose shade changed; all must still match.
    for _ in range(3):
        trainer.run(15)
        later = take_snapshot(trainer, session, [], [])
        plot.show_snapshot(later, None)
        projection_matches(plot, session, later)
    changed = shade_index(later.metrics.A_L) != shade_index(snapshot.metrics.A_L)
    assert changed.any()


# --- images: the digits ---------------------------------------------------------------

@pytest.mark.parametrize("sizes, n_tiles", [((64, 16, 1), 16), ((64, 1), 1), ((64, 40, 1), 32)])
def test_digits_weights_shown_as_images(qtbot, sizes, n_tiles):
    _trainer, session, snapshot = trained("digits", sizes, updates=20)
    plot = shown(qtbot, session, snapshot)
    assert plot.weights.isVisibleTo(plot)
    tiles = plot.weights.tiles()
    assert tiles.shape == (n_tiles, 8, 8)
    W1 = snapshot.W[0]
    scale = np.max(np.abs(W1[:n_tiles]))
    assert plot.weights.scale == pytest.approx(scale)
    for k in range(n_tiles):
        np.testing.assert_allclose(tiles[k] * scale, W1[k].reshape(8, 8), rtol=1e-6, atol=1e-7)
    assert tuple(plot.weights._image.getLevels()) == (-1.0, 1.0)


def test_weights_hidden_without_images(qtbot, moons):
    _trainer, session, snapshot = moons
    plot = shown(qtbot, session, snapshot)
    assert not plot.weights.isVisibleTo(plot)


# --- what is painted ------------------------------------------------------------------

def painted(qtbot, plot):
    """The plot's input plane as it is on screen."""
    plot.show()
    qtbot.waitExposed(plot)
    return Painted(plot.heatmap.getViewBox())


def number_box(plot, plane):
    """Whether a canvas pixel (column, row) is under the followed example's number."""
    rect = plane.canvas.mapFromScene(plot.selected_mark.label.sceneBoundingRect())
    box = rect.boundingRect().adjusted(-2, -2, 2, 2)
    return lambda column, row: box.contains(int(column), int(row))


def test_the_heatmap_is_painted_in_the_colour_of_p_at_every_grid_point(qtbot, moons):
    _trainer, session, snapshot = moons
    plot = shown(qtbot, session, snapshot)
    for item in (plot.contour, *plot.train_points, *plot.test_points):
        item.setVisible(False)   # so that only the heatmap is under the grid points
    plane = painted(qtbot, plot)
    x_min, x_max, y_min, y_max = session.extent
    r_y, r_x = snapshot.boundary.shape
    xs, ys = np.linspace(x_min, x_max, r_x), np.linspace(y_min, y_max, r_y)
    left, top = plane.pixel(x_min, y_max)
    right, bottom = plane.pixel(x_max, y_min)
    ring = np.array(plane.pixel(*session.points_train[:, snapshot.example_index]))
    under_number = number_box(plot, plane)
    expected = probability_colormap(pale=True).map(snapshot.boundary.ravel(), mode="byte")
    expected = expected.reshape(r_y, r_x, 4)[..., :3]
    sure = {0: [], 1: []}
    for i in range(0, r_y, 3):
        for j in range(0, r_x, 3):
            column, row = plane.pixel(xs[j], ys[i])
            # The axes' ticks reach into the plot; the selected example's ring is on top.
            if (min(column - left, right - column, row - top, bottom - row) < 7
                    or np.hypot(*(ring - (column, row))) < 16 or under_number(column, row)):
                continue
            p = snapshot.boundary[i, j]
            colour = plane.rgb(xs[j], ys[i])
            assert close(colour, expected[i, j]), (i, j, p, colour)
            if p > 0.99 or p < 0.01:
                sure[int(p > 0.5)].append(colour)
    # Where the model is sure, the plane has the (pale) colour of that class.
    for label, colours in sure.items():
        assert len(colours) > 50
        pale = over_white(theme.CLASS_COLORS[label], 0.55 * 255)
        assert all(close(colour, pale, tolerance=5) for colour in colours)


def test_points_and_the_boundary_line_are_painted_where_they_are(qtbot, moons):
    _trainer, session, snapshot = moons
    plot = shown(qtbot, session, snapshot)
    plane = painted(qtbot, plot)
    points = np.concatenate([session.points_train, session.points_test], axis=1)
    pixels = plane.pixels(*points).T
    ring = pixels[snapshot.example_index]
    under_number = number_box(plot, plane)

    def clearance(pixel):
        """Pixels from `pixel` to the nearest data point, and to the selected one's ring."""
        return np.hypot(*(pixels - pixel).T), np.hypot(*(ring - pixel))

    # A training point clear of the others and of the ring shows its class's fill.
    checked = 0
    for k, label in enumerate(session.Y_train[0].astype(int)):
        to_points, to_ring = clearance(pixels[k])
        if np.partition(to_points, 1)[1] < 12 or to_ring < 16 or under_number(*pixels[k]):
            continue
        assert plane.rgb(*session.points_train[:, k]) == rgb(theme.CLASS_COLORS[label]), k
        checked += 1
    assert checked >= 20
    # The middle of each piece of the 0.5 line clear of the points is black, darker than
    # any shade of the heatmap.
    x, y = plot.contour.getData()
    checked = 0
    for middle in zip((x[0::2] + x[1::2]) / 2, (y[0::2] + y[1::2]) / 2):
        pixel = np.array(plane.pixel(*middle))
        to_points, to_ring = clearance(pixel)
        if to_points.min() < 9 or to_ring < 16 or under_number(*pixel):
            continue
        assert max(plane.rgb(*middle)) < 100, middle
        checked += 1
    assert checked >= 50


def test_a_narrow_dock_keeps_the_colour_bar_in_view(qtbot, moons):
    """The legend takes as many columns as fit, so it does not widen the canvas and push
    the colour bar (and its label) past the dock's edge. (Below about 500 px the plot's
    title is what sets the canvas's least width.)"""
    _trainer, session, snapshot = moons
    plot = shown(qtbot, session, snapshot)
    plot.show()
    qtbot.waitExposed(plot)
    for width, columns in ((1100, 3), (520, 2), (1100, 3)):
        plot.resize(width, 500)
        qtbot.waitUntil(lambda width=width: plot._canvas.width() == width)
        qtbot.wait(50)
        bar = plot._bar.mapRectToScene(plot._bar.boundingRect())
        assert bar.right() <= width
        assert plot._legend.columnCount == columns


def test_a_big_data_set_draws_a_fixed_sample_and_says_so(qtbot):
    """30,000 points: each class draws 5,000 of its training points, the same ones each
    time, and the legend gives the share."""
    _, session, snapshot = trained("blobs", (2, 1), updates=5)
    big = 30_000
    rng = np.random.default_rng(1)
    points = rng.standard_normal((2, big))
    Y = (rng.random((1, big)) < 0.5).astype(float)
    session = dataclasses.replace(session, points_train=points, Y_train=Y,
                                  X_train=points)
    plot = shown(qtbot, session, snapshot)
    drawn = [item for item, _ in plot._train]
    assert [len(item.data) for item in drawn] == [MAX_POINTS_DRAWN, MAX_POINTS_DRAWN]
    counts = [int(np.count_nonzero(Y[0] == label)) for label in (0, 1)]
    names = [plot._legend.getLabel(item).text for item in drawn]
    assert names == [f"train y = {label} ({MAX_POINTS_DRAWN:,} of {n:,} shown)"
                     for label, n in zip((0, 1), counts)]
    # The drawn points are real training points of their class.
    x = drawn[1].getData()[0]
    assert np.isin(x, points[0, Y[0] == 1]).all()
    again = shown(qtbot, session, snapshot)
    assert np.array_equal(again._train[1][0].getData()[0], x)


@pytest.mark.parametrize("name, sizes", [("moons", (2, 3, 1)), ("breast_cancer", (30, 4, 1))])
def test_a_legend_that_would_squeeze_the_plot_is_left_out_and_said_in_words(qtbot, name,
                                                                               sizes):
    _, session, snapshot = trained(name, sizes, updates=5)
    plot = new_view(qtbot, BoundaryPlot)
    plot.set_session(session)
    plot.show_snapshot(snapshot, TrainingHistory(len(sizes) - 1))
    for width, height, legend in ((900, 700, True), (300, 330, False), (900, 700, True)):
        show_at(plot, qtbot, width, height)
        qtbot.wait(20)
        assert plot.legend_shown() == legend
        box = plot._plot.getViewBox().sceneBoundingRect()
        assert box.height() >= 0.35 * plot._canvas.height()
        words = "Blue circles: y = 0" if name == "moons" else "Circles: y = 0"
        assert (words in plot._caption.text()) != legend


def test_a_shown_legend_is_never_cut_off_at_the_right(qtbot):
    _, session, snapshot = trained("xor", (2, 4, 3, 1), updates=5)
    plot = new_view(qtbot, BoundaryPlot)
    plot.set_session(session)
    plot.show_snapshot(snapshot, TrainingHistory(3))
    for width in range(380, 700, 10):
        show_at(plot, qtbot, width, 500)
        qtbot.wait(5)
        if plot.legend_shown():
            assert plot._legend.sceneBoundingRect().right() <= plot._canvas.width(), width
