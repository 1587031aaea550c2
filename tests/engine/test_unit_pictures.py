"""Each hidden unit's activation over the plane: the coarse grid, the values, the limits."""
import numpy as np
import pytest

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.projection import grid_points
from engine.snapshot import make_session_info, take_snapshot
from engine.trainer import Trainer
from engine.unit_pictures import (
    MAX_PICTURED_UNITS,
    coarse_grid_inputs,
    coarse_step,
    pictures_possible,
)


def trained(data, sizes, activations="tanh", updates=50):
    trainer = Trainer(data, make_model_config(sizes, activations, seed=2),
                      make_train_config(0.5, 0, 0))
    trainer.run(updates)
    return trainer


@pytest.mark.parametrize("resolution, step, side", [(100, 3, 34), (20, 1, 20), (49, 2, 25),
                                                    (10, 1, 10)])
def test_the_coarse_step_ends_on_the_last_point(resolution, step, side):
    assert coarse_step(resolution) == step
    assert (resolution - 1) // step + 1 == side


def test_the_coarse_grid_is_the_grid_of_its_own_side_over_the_same_extent():
    extent = (-2.0, 3.0, -1.5, 0.5)
    fine = grid_points(extent, 100)
    coarse, side = coarse_grid_inputs(fine, 100)
    assert side == 34
    np.testing.assert_allclose(coarse, grid_points(extent, 34), atol=1e-12)


def test_each_picture_is_the_units_activation_at_each_point_of_the_plane():
    data = load_dataset("moons", n=120, seed=1)
    trainer = trained(data, (2, 5, 3, 1), ("tanh", "relu"))
    session = make_session_info(trainer, resolution=100)
    snap = take_snapshot(trainer, session, [], [])
    assert [p.shape for p in snap.unit_pictures] == [(5, 34, 34), (3, 34, 34)]
    assert all(p.dtype == np.float32 and not p.flags.writeable for p in snap.unit_pictures)
    points = grid_points(session.extent, 34)
    W, b = trainer.network.W, trainer.network.b
    A1 = np.tanh(W[1] @ points + b[1])
    A2 = np.maximum(W[2] @ A1 + b[2], 0.0)
    np.testing.assert_allclose(snap.unit_pictures[0], A1.reshape(5, 34, 34), atol=1e-5)
    np.testing.assert_allclose(snap.unit_pictures[1], A2.reshape(3, 34, 34), atol=1e-5)
    # Row 0 at y_min, column 0 at x_min: unit 2 of layer 1 at the corner (x_max, y_min).
    corner = np.tanh(W[1][2] @ np.array([session.extent[1], session.extent[2]]) + b[1][2, 0])
    assert snap.unit_pictures[0][2, 0, -1] == pytest.approx(corner, abs=1e-5)


def test_with_extra_features_a_unit_reads_them_at_each_point():
    data = load_dataset("circles", n=120, features=("x1_squared", "x2_squared"))
    trainer = trained(data, (4, 3, 1), "sigmoid")
    session = make_session_info(trainer, resolution=100)
    snap = take_snapshot(trainer, session, [], [])
    x1, x2 = grid_points(session.extent, 34)
    inputs = np.vstack([x1, x2, x1 * x1, x2 * x2])
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))
    W, b = trainer.network.W, trainer.network.b
    expected = sigmoid(W[1] @ inputs + b[1]).reshape(3, 34, 34)
    np.testing.assert_allclose(snap.unit_pictures[0], expected, atol=1e-5)


@pytest.mark.parametrize("name, sizes", [
    ("moons", (2, 1)),                           # logistic regression: no hidden unit
    ("moons", (2, MAX_PICTURED_UNITS + 1, 1)),   # too many to draw
    ("breast_cancer", (30, 4, 1)),               # not a plane
])
def test_no_pictures_without_a_plane_or_with_no_or_too_many_hidden_units(name, sizes):
    data = load_dataset(name)
    trainer = trained(data, sizes, updates=1)
    snap = take_snapshot(trainer, make_session_info(trainer, resolution=30), [], [])
    assert snap.unit_pictures == ()


def test_pictures_are_possible_up_to_the_limit():
    assert pictures_possible((2, MAX_PICTURED_UNITS // 2, MAX_PICTURED_UNITS // 2, 1))
    assert not pictures_possible((2, MAX_PICTURED_UNITS // 2, MAX_PICTURED_UNITS // 2 + 1, 1))
    assert not pictures_possible((2, 1))


def test_a_reused_boundary_reuses_its_pictures_too():
    data = load_dataset("xor", n=80)
    trainer = trained(data, (2, 4, 1))
    session = make_session_info(trainer, resolution=40)
    first = take_snapshot(trainer, session, [], [])
    trainer.run(5)
    again = take_snapshot(trainer, session, [], [], previous=first)
    assert again.unit_pictures is first.unit_pictures
    fresh = take_snapshot(trainer, session, [], [])
    assert not np.array_equal(fresh.unit_pictures[0], first.unit_pictures[0])
