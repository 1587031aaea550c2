"""Extra input features: rows added to X, the plane kept for pictures, and what they buy."""
import numpy as np
import pytest

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.errors import DatasetError
from engine.input_features import EXTRA_FEATURES, expand_inputs, with_extra_features
from engine.snapshot import make_session_info, take_snapshot
from engine.trainer import Trainer


def test_each_feature_is_computed_from_the_standardised_inputs():
    plain = load_dataset("circles", n=100, seed=3)
    rich = load_dataset("circles", n=100, seed=3, features=tuple(EXTRA_FEATURES))
    x1, x2 = plain.X_train
    np.testing.assert_array_equal(rich.X_train[:2], plain.X_train)
    expected = np.vstack([x1 ** 2, x2 ** 2, x1 * x2, np.sin(x1), np.sin(x2)])
    np.testing.assert_allclose(rich.X_train[2:], expected, rtol=0, atol=1e-15)
    assert rich.feature_names == ("x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2")
    assert rich.n_x == 7 and not rich.X_train.flags.writeable


def test_features_come_in_a_fixed_order_whatever_order_they_are_asked_in():
    a = load_dataset("xor", features=("sin_x2", "x1_squared"))
    assert a.extra_features == ("x1_squared", "sin_x2")
    assert a.feature_names[2:] == ("x1²", "sin x2")


@pytest.mark.parametrize("name, keys, words", [
    ("circles", ("x3_squared",), "unknown extra feature 'x3_squared'"),
    ("circles", ("x1_x2", "x1_x2"), "named twice"),
    ("breast_cancer", ("x1_squared",), "breast_cancer has 30"),
])
def test_bad_feature_choices_say_what_is_allowed(name, keys, words):
    with pytest.raises(DatasetError, match=words):
        load_dataset(name, features=keys)


def test_standardise_maps_raw_points_to_the_inputs_the_network_reads():
    data = load_dataset("circles", features=("x1_squared", "x1_x2"))
    raw = np.array([[0.5, -1.0], [2.0, 0.25]])
    z = (raw - data.mean) / data.std
    np.testing.assert_allclose(data.standardise(raw), expand_inputs(z, data.extra_features))


def test_the_boundary_is_drawn_in_the_plane_and_predicted_from_the_expanded_grid():
    data = load_dataset("circles", n=120, features=("x1_squared", "x2_squared"))
    trainer = Trainer(data, make_model_config((4, 1), ()), make_train_config(1.0, 0, 0))
    trainer.run(300)
    session = make_session_info(trainer, resolution=20)
    assert session.grid.shape == (2, 400) and session.grid_inputs.shape == (4, 400)
    np.testing.assert_array_equal(session.points_train, data.X_train[:2])
    assert not session.is_projection
    snap = take_snapshot(trainer, session, [], [])
    expected = trainer.network.predict_proba(session.grid_inputs).reshape(20, 20)
    np.testing.assert_allclose(snap.boundary, expected, atol=1e-6)


def test_with_x1_and_x2_squared_one_sigmoid_unit_separates_the_circles():
    plain = load_dataset("circles", n=300, noise=0.1, seed=0)
    rich = with_extra_features(plain, ("x1_squared", "x2_squared"))
    accuracy = {}
    for name, data in (("plain", plain), ("rich", rich)):
        trainer = Trainer(data, make_model_config((data.n_x, 1), ()),
                          make_train_config(1.0, 0, 0))
        trainer.run(2000)
        A = trainer.network.predict_proba(data.X_test)
        accuracy[name] = float(np.mean((A > 0.5) == (data.Y_test > 0.5)))
    assert accuracy["plain"] <= 0.75
    assert accuracy["rich"] >= 0.95
