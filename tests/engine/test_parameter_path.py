"""The path of (β0, β1): one point per update after the start, dropped on step back,
carried by the snapshots without a gap; none for other models."""
import numpy as np
import pytest
from one_feature_data import two_parameter_trainer

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.parameter_path import ParameterPath
from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer


def current_point(trainer):
    return [trainer.network.b[1][0, 0], trainer.network.W[1][0, 0]]


def test_one_point_per_update_and_the_last_is_the_current_parameters():
    trainer = two_parameter_trainer(batch_size=7)
    start = current_point(trainer)
    trainer.run(40)
    trainer.step_update()
    trainer.step_phase()
    trainer.step_phase()      # an update half stepped adds no point yet
    points = trainer.path.exact_points()
    assert len(points) == trainer.update_count + 1 == 42
    np.testing.assert_array_equal(points[0], start)
    np.testing.assert_array_equal(points[-1], current_point(trainer))


def test_stepping_back_drops_the_points_of_undone_updates():
    trainer = two_parameter_trainer(batch_size=5)
    trainer.run(30)
    before = np.array(trainer.path.exact_points())
    for _ in range(6):
        trainer.step_back_update()
    assert len(trainer.path) == trainer.update_count + 1 == 25
    np.testing.assert_array_equal(trainer.path.exact_points(), before[:25])
    trainer.run(6)            # the same batches again: the same points
    np.testing.assert_array_equal(trainer.path.exact_points(), before)


def test_snapshots_carry_every_point_once_and_follow_a_step_back():
    trainer = two_parameter_trainer(batch_size=3)
    stream = SnapshotStream(trainer, make_session_info(trainer, resolution=4))
    shown = []

    def take():
        snap = stream.take(with_boundary=False)
        assert not snap.new_path.flags.writeable
        del shown[snap.update + 1 - len(snap.new_path):]
        shown.extend(map(tuple, snap.new_path))
        return snap

    take()
    assert len(shown) == 1
    for n in (5, 17, 1):
        trainer.run(n)
        take()
    trainer.step_back_update()
    trainer.step_back_update()
    take()
    trainer.run(4)
    snap = take()
    assert len(shown) == snap.update + 1 == 26
    np.testing.assert_array_equal(shown, trainer.path.exact_points())


def test_other_models_keep_no_path_and_send_an_empty_one():
    data = load_dataset("moons", n=60, seed=1)
    trainer = Trainer(data, make_model_config((2, 1), ()), make_train_config(0.5, 0, 8))
    stream = SnapshotStream(trainer, make_session_info(trainer, resolution=4))
    trainer.run(3)
    assert trainer.path is None
    assert stream.take(with_boundary=False).new_path.shape == (0, 2)


def test_a_long_run_keeps_the_path_in_bounded_memory():
    trainer = two_parameter_trainer(batch_size=1, learning_rate=0.05, m=40)
    trainer.run(100_000)
    assert len(trainer.path) == 100_001
    assert len(trainer.path.exact_points()) < 60_000


def test_only_two_parameters_make_a_path():
    with pytest.raises(ValueError, match="exactly 2"):
        ParameterPath(np.zeros(3))
