"""Activation functions g and their derivatives g', in a table keyed by name.

Every function takes Z (or A = g(Z)) of shape (n_l, m) and an optional `out` array of
the same shape. Passing `out` lets the trainer reuse its buffers instead of allocating
a new array on every update; leaving it out returns a fresh array, which is what the
views and the tests use.
"""
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

LEAKY_SLOPE = 0.01


def _ensure_out(Z, out):
    return np.empty_like(Z, dtype=np.float64) if out is None else out


def sigmoid(Z, out=None):
    """sigma(Z) = 1 / (1 + e^-Z), written as (1 + tanh(Z/2)) / 2.

    The two are the same function; the tanh form never evaluates e^-Z, so it cannot
    overflow for very negative Z.
    """
    A = _ensure_out(Z, out)
    np.multiply(Z, 0.5, out=A)
    np.tanh(A, out=A)
    A *= 0.5
    A += 0.5
    return A


def sigmoid_derivative(Z, A, out=None):
    """sigma'(Z) = A (1 - A)."""
    d = _ensure_out(Z, out)
    np.subtract(1.0, A, out=d)
    d *= A
    return d


def tanh(Z, out=None):
    """tanh(Z)."""
    return np.tanh(Z, out=_ensure_out(Z, out))


def tanh_derivative(Z, A, out=None):
    """tanh'(Z) = 1 - A^2."""
    d = _ensure_out(Z, out)
    np.multiply(A, A, out=d)
    np.subtract(1.0, d, out=d)
    return d


def relu(Z, out=None):
    """max(0, Z)."""
    return np.maximum(Z, 0.0, out=_ensure_out(Z, out))


def relu_derivative(Z, A, out=None):
    """1 where Z > 0, else 0 (the kink at 0 takes the left slope)."""
    return np.greater(Z, 0.0, out=_ensure_out(Z, out))


def leaky_relu(Z, out=None):
    """max(0.01 Z, Z): like ReLU, but negative inputs keep a small slope."""
    A = _ensure_out(Z, out)
    np.multiply(Z, LEAKY_SLOPE, out=A)
    np.maximum(Z, A, out=A)
    return A


def leaky_relu_derivative(Z, A, out=None):
    """1 where Z > 0, else 0.01."""
    d = _ensure_out(Z, out)
    np.greater(Z, 0.0, out=d)
    d *= 1.0 - LEAKY_SLOPE
    d += LEAKY_SLOPE
    return d


def linear(Z, out=None):
    """g(Z) = Z."""
    A = _ensure_out(Z, out)
    np.copyto(A, Z)
    return A


def linear_derivative(Z, A, out=None):
    """g'(Z) = 1."""
    d = _ensure_out(Z, out)
    d.fill(1.0)
    return d


@dataclass(frozen=True)
class Activation:
    """One activation: its function, its derivative and how to write it down."""

    name: str
    label: str
    function: Callable
    derivative: Callable
    formula: str
    derivative_formula: str


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
