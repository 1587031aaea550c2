"""What the computational graphs share about their inputs: checking a value, an input node."""
import math

from .comp_graph import INPUT, GraphInputError, Node


def finite(name, value):
    """value as a float; GraphInputError if it is not a finite number."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise GraphInputError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise GraphInputError(f"{name} must be a finite number, got {value}")
    return number


def input_node(name, value, meaning):
    """A leaf of the graph holding one given number."""
    return Node(name, "input", (), INPUT, f"{name} ({meaning})", lambda v: value)
