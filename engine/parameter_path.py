"""The path gradient descent takes through (β0, β1) = (b[1], W[1]) for a model with
exactly two parameters (one feature, one sigmoid unit): the start and every update's end.

Two floats an update, in memory that stays bounded: each coordinate is a FoldedHistory,
so the newest points (and every point a reader still holds) are exact and older ones
fold into blocks (engine/folded_history.py) that nothing reads back as points.
"""
import numpy as np

from .folded_history import FoldedHistory

EMPTY_PATH = np.zeros((0, 2))
EMPTY_PATH.flags.writeable = False


def has_two_parameters(network):
    """True for the one model whose parameters are exactly β0 = b[1] and β1 = W[1]."""
    return network.parameter_count() == 2


class ParameterPath:
    """Point 0 is the start; point k is (β0, β1) after update k, so len() is the update
    count plus one. theta: the network's flat parameters [W[1] b[1]] (read, never copied
    whole), as parameter_blocks.py lays them out."""

    def __init__(self, theta):
        if theta.size != 2:
            raise ValueError(f"a parameter path needs exactly 2 parameters, got {theta.size}")
        self._theta = theta
        self._b = FoldedHistory()
        self._w = FoldedHistory()
        self.record()

    def __len__(self):
        return len(self._b)

    def record(self):
        """Add the parameters as they are now (called at the end of every update)."""
        self._w.append(self._theta[0])
        self._b.append(self._theta[1])

    def pop(self):
        """Take back the newest point (an update stepped back)."""
        self._w.pop()
        self._b.pop()

    def hold_from(self, index):
        """Keep the points from `index` on exact until a reader has taken them."""
        self._b.hold_from(index)
        self._w.hold_from(index)

    def since(self, start):
        """The points from index `start` on, as a new read-only (k, 2) array [β0 β1]."""
        b, w = self._b.since(start), self._w.since(start)
        if not len(b):
            return EMPTY_PATH
        points = np.column_stack((b, w))
        points.flags.writeable = False
        return points

    @property
    def exact_start(self):
        """The index of the oldest point kept exactly."""
        return self._b.exact_start

    def exact_points(self):
        """Every point still kept exactly (all of a run of up to 2^15 updates)."""
        return self.since(self.exact_start)
