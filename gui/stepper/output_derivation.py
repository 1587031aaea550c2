"""The output layer's backward pass for one example, as the seeds derive it.

For the sigmoid output a and the label y of one example:
    dl/da = -y/a + (1 - y)/(1 - a)      dl/dz = a - y
    dl/dw_i = x_i dz                    dl/db = dz
where x = a[L-1] is that example's column of A[L-1]. dW[L] and db[L] are the means of
these over the m examples of the batch; dW[L] also gets (lambda/m) W[L] when lambda > 0,
db[L] never.
"""
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ExampleDerivation:
    """One example's numbers in the output layer's backward phase."""

    column: int
    a: float
    y: float
    dl_da: float
    dl_dz: float
    x: np.ndarray        # (n_{L-1},) that example's inputs to layer L
    dl_dw: np.ndarray    # (n_{L-1},)
    dl_db: float


def loss_slope(a, y):
    """dl/da = -y/a + (1 - y)/(1 - a); with y 0 or 1 only one term is there, so a that
    rounded to exactly 0 or 1 gives the infinite slope only when it is the wrong end."""
    with np.errstate(all="ignore"):
        a, y = np.asarray(a, float), np.asarray(y, float)
        return np.where(y == 1, -1 / a, np.where(y == 0, 1 / (1 - a),
                                                 -y / a + (1 - y) / (1 - a)))


def example_derivation(record, column):
    """The numbers of the derivation for the example in `column` of the record's batch."""
    L = record.layer
    a = float(record.reads[f"A[{L}]"][0, column])
    y = float(record.reads["Y"][0, column])
    x = np.array(record.reads[f"A[{L - 1}]"][:, column])
    dz = a - y
    return ExampleDerivation(column, a, y, float(loss_slope(a, y)), dz, x, x * dz, dz)
