"""A run of logistic regression on one feature (exactly two parameters, β0 = b[1] and
β1 = W[1]), made through engine.dataset, and its session and snapshot stream."""
import numpy as np

from engine.config import make_model_config, make_train_config
from engine.dataset import split_and_standardise
from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer
from gui.training_history import TrainingHistory


def two_parameter_run(m=200, batch_size=10, learning_rate=0.5, seed=0, start=(-2.0, 2.0)):
    """(trainer, session, stream, history) before any update, from W[1], b[1] = start."""
    rng = np.random.default_rng(seed)
    Y = (rng.random(m) < 0.5).astype(float)
    data = split_and_standardise(rng.normal(2 * Y - 1, 1.2)[None], Y[None], 0.25, seed,
                                 name="one feature")
    trainer = Trainer(data, make_model_config((1, 1), (), seed=seed),
                      make_train_config(learning_rate, 0.0, batch_size))
    trainer.start_from(np.array(start))
    session = make_session_info(trainer, resolution=4)
    return trainer, session, SnapshotStream(trainer, session), TrainingHistory(1)


def shown(view, trainer, stream, history):
    """Take a snapshot and show it on the view; returns the snapshot."""
    snap = stream.take(with_boundary=False)
    history.add(snap)
    view.show_snapshot(snap, history)
    return snap
