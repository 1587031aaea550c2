"""Shared by the panel tests: collect what a signal emits."""

SETTLE_MS = 700  # longer than the panels' 300 ms debounce


def record(signal):
    """A list that receives every payload `signal` emits from now on."""
    seen = []
    signal.connect(seen.append)
    return seen
