"""Steps: NumPy calls bound to their arrays ahead of time.

A step is a pair (function, args), run as function(*args). A phase of an update is a
short list of steps whose arguments are a workspace's buffers, built once and run on
every update. With layers of a few units, each NumPy call costs about a microsecond
whatever it computes, so what remains between the calls (looking up attributes,
calling methods, parsing out= keywords) is worth removing from the loop.
"""


def run_steps(steps):
    for function, args in steps:
        function(*args)
