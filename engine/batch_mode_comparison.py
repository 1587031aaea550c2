"""Full batch, mini-batch and stochastic gradient descent run from one start with one
learning rate for the same number of examples seen, for the loss surface to overlay:
the basic (full batch) path is smooth, the stochastic one noisy and many times longer.
"""
from dataclasses import dataclass

import numpy as np

from .config import ModelConfig, TrainConfig
from .loss_surface import costs_at
from .trainer import Trainer, TrainingDiverged

MINI_BATCH = 10
MAX_UPDATES = 30_000   # the stochastic run's updates at most, so its path stays exact


@dataclass(frozen=True)
class ModePath:
    """One run: its name, batch size (0 = full batch), the updates made and the path
    (updates + 1, 2) of [β0 β1] from the start, read-only; note is '' or why it stopped."""

    name: str
    batch_size: int
    updates: int
    path: np.ndarray
    costs: np.ndarray
    note: str = ""


def batch_modes(m):
    """(name, batch size) of the three runs for m training examples."""
    return (("full batch", 0), (f"mini-batch of {min(MINI_BATCH, m)}", min(MINI_BATCH, m)),
            ("stochastic (1)", 1))


def compare_batch_modes(dataset, start, learning_rate, examples_seen, l2=0.0,
                        keep_going=None):
    """A ModePath for each of batch_modes(m), each run seeing examples_seen examples
    (rounded to whole updates) from the parameters start = [W[1] b[1]].

    dataset: a Dataset with one feature. keep_going: asked between updates (all runs
    stop early when it returns False)."""
    m = dataset.m_train
    if dataset.n_x != 1:
        raise ValueError(f"the comparison needs a data set with one feature, got {dataset.n_x}")
    if examples_seen < m:
        raise ValueError(f"see at least one epoch ({m} examples), got {examples_seen}")
    if examples_seen > MAX_UPDATES:
        raise ValueError(f"see at most {MAX_UPDATES} examples, got {examples_seen}")
    model = ModelConfig((1, 1), ())
    runs = []
    for name, size in batch_modes(m):
        per_update = size or m
        trainer = Trainer(dataset, model, TrainConfig(learning_rate, l2, size))
        trainer.start_from(start)
        note = ""
        try:
            trainer.run(examples_seen // per_update, keep_going)
        except TrainingDiverged as error:
            note = str(error)
        path = trainer.path.exact_points()
        costs = np.array(trainer.costs.exact_values())
        costs.flags.writeable = False
        runs.append(ModePath(name, size, trainer.update_count, path, costs, note))
    return tuple(runs)


def uphill_share(path, X, Y, l2=0.0):
    """The share of a path's steps that raised the cost J over all of (X, Y): about none
    for full batch with a small enough learning rate, many for stochastic steps, each of
    which lowers the cost of its one example only."""
    J = costs_at(X, Y, path, l2)
    if len(J) < 2:
        return 0.0
    return float(np.mean(np.diff(J) > 0))
