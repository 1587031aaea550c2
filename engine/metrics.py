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


# Examples per forward pass when evaluating: keeps the memory of a big data set's pass
# (every layer's Z and A for every example) to a few tens of MB, with the same results.
CHUNK = 65_536


def _chunks(m):
    return [slice(start, min(start + CHUNK, m)) for start in range(0, m, CHUNK)]


def outputs(net, X):
    """Z[L] and A[L] (1, m) of every column of X, evaluated chunk by chunk."""
    Z_L, A_L = np.empty((1, X.shape[1])), np.empty((1, X.shape[1]))
    for part in _chunks(X.shape[1]):
        cache = net.forward(X[:, part])
        Z_L[:, part], A_L[:, part] = cache.Z[net.L], cache.A[net.L]
    return Z_L, A_L


def gradient_sizes(net, X, Y, l2):
    """(||dW[l]||, ||db[l]||, mean |dZ[l]|) for l = 1..L of a full backward pass on (X, Y),
    summed chunk by chunk: dW = (1/m) sum over chunks of dZ A^T, + (lambda/m) W once."""
    m, L = X.shape[1], net.L
    dW = [np.zeros_like(w) for w in net.W[1:]]
    db = [np.zeros_like(v) for v in net.b[1:]]
    abs_dZ = np.zeros(L)
    for part in _chunks(m):
        share = (part.stop - part.start) / m
        cache = net.gradients(X[:, part], Y[:, part], 0.0)
        for l in range(1, L + 1):
            dW[l - 1] += share * cache.dW[l]
            db[l - 1] += share * cache.db[l]
            abs_dZ[l - 1] += np.abs(cache.dZ[l]).sum()
    for l in range(1, L + 1):
        dW[l - 1] += (l2 / m) * net.W[l]
    entries = m * np.array(net.layer_sizes[1:], dtype=float)  # of each dZ[l], (n_l, m)
    return ([np.linalg.norm(d) for d in dW], [np.linalg.norm(d) for d in db],
            abs_dZ / entries if m else abs_dZ)


def _cost(Z_L, Y, W, l2):
    """backprop.cost; nan for a set with no examples."""
    return backprop.cost(Z_L, Y, W, l2) if Y.shape[1] else float("nan")


def compute_metrics(trainer):
    """Evaluate the trainer's network on its training and test sets."""
    net, data, l2 = trainer.network, trainer.dataset, trainer.l2
    with np.errstate(all="ignore"):
        train_Z, train_A = outputs(net, data.X_train)
        test_Z, test_A = outputs(net, data.X_test)
        grads = trainer.last_gradients
        if grads is None:  # before the first update: a full-batch pass at the start
            dW_norms, db_norms, mean_abs_dZ = gradient_sizes(net, data.X_train,
                                                             data.Y_train, l2)
        else:
            layers = range(1, net.L + 1)
            dW_norms = [np.linalg.norm(grads.dW[l]) for l in layers]
            db_norms = [np.linalg.norm(grads.db[l]) for l in layers]
            mean_abs_dZ = [np.mean(np.abs(grads.dZ[l])) for l in layers]
    return Metrics(
        update=trainer.update_count,
        epoch=trainer.epoch_count,
        train_cost=_cost(train_Z, data.Y_train, net.W, l2),
        test_cost=_cost(test_Z, data.Y_test, net.W, l2),
        train_accuracy=accuracy(train_A, data.Y_train),
        test_accuracy=accuracy(test_A, data.Y_test),
        Z_L=_read_only(train_Z),
        A_L=_read_only(train_A),
        dW_norms=_read_only(dW_norms),
        db_norms=_read_only(db_norms),
        mean_abs_dZ=_read_only(mean_abs_dZ),
    )
