"""Activation functions g and their derivatives g', in a table keyed by name.

Activation.function(Z, out=None) and Activation.derivative(Z, A, out=None) take arrays
of shape (n_l, m); passing `out` reuses a buffer instead of allocating a new array.
The trainer instead builds each one's steps once and runs them on every update.
"""
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from .steps import constant, run_steps

LEAKY_SLOPE = 0.01
_ZERO, _HALF, _ONE = constant(0.0), constant(0.5), constant(1.0)
_SLOPE, _ONE_MINUS_SLOPE = constant(LEAKY_SLOPE), constant(1.0 - LEAKY_SLOPE)


# Each g is written as steps (see steps.py): g(Z, A) lists the NumPy calls that put
# g(Z) into A, and g'(Z, A, d) the calls that put g'(Z) into d, given A = g(Z).

def sigmoid(Z, A):
    """sigma(Z) = 1 / (1 + e^-Z), written as (1 + tanh(Z/2)) / 2.

    The two are the same function; the tanh form never evaluates e^-Z, so it cannot
    overflow for very negative Z.
    """
    return ((np.multiply, (Z, _HALF, A)), (np.tanh, (A, A)),
            (np.multiply, (A, _HALF, A)), (np.add, (A, _HALF, A)))


def sigmoid_derivative(Z, A, d):
    """sigma'(Z) = A (1 - A)."""
    return (np.subtract, (_ONE, A, d)), (np.multiply, (d, A, d))


def tanh(Z, A):
    return ((np.tanh, (Z, A)),)


def tanh_derivative(Z, A, d):
    """tanh'(Z) = 1 - A^2."""
    return (np.multiply, (A, A, d)), (np.subtract, (_ONE, d, d))


def relu(Z, A):
    """max(0, Z)."""
    return ((partial(np.maximum, out=A), (Z, _ZERO)),)  # np.maximum takes out only by name


def relu_derivative(Z, A, d):
    """1 where Z > 0, else 0 (the kink at 0 takes the left slope)."""
    return ((np.greater, (Z, _ZERO, d)),)


def leaky_relu(Z, A):
    """max(0.01 Z, Z): like ReLU, but negative inputs keep a small slope."""
    return (np.multiply, (Z, _SLOPE, A)), (partial(np.maximum, out=A), (Z, A))


def leaky_relu_derivative(Z, A, d):
    """1 where Z > 0, else 0.01."""
    return ((np.greater, (Z, _ZERO, d)), (np.multiply, (d, _ONE_MINUS_SLOPE, d)),
            (np.add, (d, _SLOPE, d)))


def linear(Z, A):
    """g(Z) = Z."""
    return ((np.copyto, (A, Z)),)


def linear_derivative(Z, A, d):
    """g'(Z) = 1."""
    return ((d.fill, (1.0,)),)


@dataclass(frozen=True)
class Activation:
    """One activation: its function, its derivative and how to write it down."""

    name: str
    label: str
    function_steps: Callable
    derivative_steps: Callable
    formula: str
    derivative_formula: str

    def function(self, Z, out=None):
        """g(Z), into out if given (same shape as Z), else into a new array."""
        A = np.empty_like(Z, dtype=np.float64) if out is None else out
        run_steps(self.function_steps(Z, A))
        return A

    def derivative(self, Z, A, out=None):
        """g'(Z) given A = g(Z), into out if given, else into a new array."""
        d = np.empty_like(Z, dtype=np.float64) if out is None else out
        run_steps(self.derivative_steps(Z, A, d))
        return d


ACTIVATIONS = {
    a.name: a
    for a in (
        Activation("sigmoid", "sigmoid (logistic)", sigmoid, sigmoid_derivative,
                   "1 / (1 + e^-z)", "a (1 - a)"),
        Activation("tanh", "tanh (hyperbolic tangent)", tanh, tanh_derivative,
                   "tanh(z)", "1 - a^2"),
        Activation("relu", "ReLU (rectified linear)", relu, relu_derivative,
                   "max(0, z)", "1 if z > 0 else 0"),
        Activation("leaky_relu", "leaky ReLU (slope 0.01 below 0)", leaky_relu,
                   leaky_relu_derivative, "max(0.01 z, z)", "1 if z > 0 else 0.01"),
        Activation("linear", "linear (identity)", linear, linear_derivative, "z", "1"),
    )
}

HIDDEN_ACTIVATIONS = tuple(ACTIVATIONS)
OUTPUT_ACTIVATION = "sigmoid"
