"""The activation functions g and their derivatives g', in a table keyed by name.

Each g takes Z of shape (n_l, m) and returns A = g(Z) of the same shape. Each g' takes
Z and A = g(Z) (some derivatives are cheapest written with A) and returns g'(Z).
These are the functions that run: the window shows their code.
"""
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

LEAKY_SLOPE = 0.01


def sigmoid(Z):
    # 1 / (1 + e^-Z) = e^(-log(1 + e^-Z)), and np.logaddexp(0, -Z) = log(e^0 + e^-Z) never
    # forms e^-Z, which overflows for Z below about -709. This form stays within about
    # 1e-14 of the true value, relative, for every Z, and is 0 only below about -745.
    A = np.exp(-np.logaddexp(0, -Z))
    return A


def sigmoid_derivative(Z, A):
    return A * (1 - A)


def tanh(Z):
    A = np.tanh(Z)
    return A


def tanh_derivative(Z, A):
    return 1 - A ** 2


def relu(Z):
    A = np.maximum(0, Z)
    return A


def relu_derivative(Z, A):
    return (Z > 0).astype(float)  # 1 where Z > 0, else 0 (at the kink Z = 0 the left slope)


def leaky_relu(Z):
    A = np.maximum(LEAKY_SLOPE * Z, Z)
    return A


def leaky_relu_derivative(Z, A):
    return np.where(Z > 0, 1.0, LEAKY_SLOPE)


def linear(Z):
    A = Z
    return A


def linear_derivative(Z, A):
    return np.ones_like(Z)


@dataclass(frozen=True)
class Activation:
    """One activation: its function g, its derivative g' and how to write them down."""

    name: str
    label: str
    function: Callable
    derivative: Callable
    formula: str
    derivative_formula: str
    computed_as: str = ""  # the form the code evaluates, where it is not the formula


ACTIVATIONS = {
    a.name: a
    for a in (
        Activation("sigmoid", "sigmoid (logistic)", sigmoid, sigmoid_derivative,
                   "1 / (1 + e^-z)", "a (1 - a)",
                   "e^(-log(1 + e^-z)), the same value, never overflowing"),
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
