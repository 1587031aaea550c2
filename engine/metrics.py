"""What the views plot after an update: costs, accuracies, outputs, gradient sizes."""
from dataclasses import dataclass

import numpy as np

from . import backprop


@dataclass(frozen=True)
class Metrics:
    """A read-only summary of the model as it stands after `update` updates.

    Z_L, A_L: (1, m_train) output logits and sigmoid outputs of every training example.
    dW_norms, db_norms, mean_abs_dZ: (L,) arrays, index 0 is layer 1; from the most
    recent backward pass (before the first update: a full-batch pass at the start).
    Test values are nan when there is no test set.
    """

    update: int
    epoch: int
    train_cost: float
    test_cost: float
    train_accuracy: float
    test_accuracy: float
    Z_L: np.ndarray
    A_L: np.ndarray
    dW_norms: np.ndarray
    db_norms: np.ndarray
    mean_abs_dZ: np.ndarray


def _read_only(a):
    a = np.array(a, dtype=np.float64, copy=True)
    a.flags.writeable = False
    return a


def accuracy(A_L, Y):
    """Share of examples whose prediction (A > 0.5) matches the label; nan for none."""
    if Y.shape[1] == 0:
        return float("nan")
    return float(np.mean((A_L > 0.5) == (Y > 0.5)))


def _cost(cache, W, l2):
    """backprop.cost of a forward pass; nan for a set with no examples."""
    return backprop.cost(cache.Z[-1], cache.Y, W, l2) if cache.m else float("nan")


def compute_metrics(trainer):
    """Evaluate the trainer's network on its training and test sets."""
    net, data, l2 = trainer.network, trainer.dataset, trainer.l2
    with np.errstate(all="ignore"):
        train = net.forward(data.X_train, data.Y_train)
        test = net.forward(data.X_test, data.Y_test)
        L = net.L
        train_cost = _cost(train, net.W, l2)
        test_cost = _cost(test, net.W, l2)
        grads = trainer.last_gradients
        if grads is None:
            grads = net.gradients(data.X_train, data.Y_train, l2)
        layers = range(1, L + 1)
        dW_norms = [np.sqrt(np.vdot(grads.dW[l], grads.dW[l])) for l in layers]
        db_norms = [np.sqrt(np.vdot(grads.db[l], grads.db[l])) for l in layers]
        mean_abs_dZ = [np.mean(np.abs(grads.dZ[l])) for l in layers]
    return Metrics(
        update=trainer.update_count,
        epoch=trainer.epoch_count,
        train_cost=train_cost,
        test_cost=test_cost,
        train_accuracy=accuracy(train.A[L], data.Y_train),
        test_accuracy=accuracy(test.A[L], data.Y_test),
        Z_L=_read_only(train.Z[L]),
        A_L=_read_only(train.A[L]),
        dW_norms=_read_only(dW_norms),
        db_norms=_read_only(db_norms),
        mean_abs_dZ=_read_only(mean_abs_dZ),
    )
