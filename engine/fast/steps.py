"""Steps: NumPy calls bound to their arrays ahead of time.

A step is a pair (function, args), run as function(*args). A phase of an update is a
short list of steps whose arguments are a workspace's buffers, built once and run on
every update. With layers of a few units, each NumPy call costs about a microsecond
whatever it computes, so what remains between the calls (looking up attributes,
calling methods, parsing out= keywords) is worth removing from the loop. For the same
reason, numbers in steps are constant() arrays: as an operand, a 0-d array costs NumPy
about 0.3 us less than a Python float, which it must convert on every call.
"""
import numpy as np


def constant(value):
    """value as a read-only 0-d float64 array."""
    c = np.array(float(value))
    c.flags.writeable = False
    return c


def run_steps(steps):
    for function, args in steps:
        function(*args)
