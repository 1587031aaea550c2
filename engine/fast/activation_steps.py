"""Each activation g of engine/activations.py, and its g', as steps into given buffers.

function_steps(Z, A) lists the NumPy calls that put g(Z) into A; derivative_steps(Z, A, d)
the calls that put g'(Z) into d, given A = g(Z). Each computes what the readable function
of the same name computes, in the same order of operations.
"""
from functools import partial

import numpy as np

from ..activations import LEAKY_SLOPE
from .steps import constant

_ZERO, _ONE = constant(0.0), constant(1.0)
_SLOPE, _ONE_MINUS_SLOPE = constant(LEAKY_SLOPE), constant(1.0 - LEAKY_SLOPE)


def sigmoid(Z, A):
    return ((np.negative, (Z, A)), (np.logaddexp, (_ZERO, A, A)), (np.negative, (A, A)),
            (np.exp, (A, A)))


def sigmoid_derivative(Z, A, d):
    return (np.subtract, (_ONE, A, d)), (np.multiply, (A, d, d))


def tanh(Z, A):
    return ((np.tanh, (Z, A)),)


def tanh_derivative(Z, A, d):
    return (np.multiply, (A, A, d)), (np.subtract, (_ONE, d, d))


def relu(Z, A):
    return ((partial(np.maximum, out=A), (_ZERO, Z)),)  # np.maximum takes out only by name


def relu_derivative(Z, A, d):
    return ((np.greater, (Z, _ZERO, d)),)


def leaky_relu(Z, A):
    return (np.multiply, (_SLOPE, Z, A)), (partial(np.maximum, out=A), (A, Z))


def leaky_relu_derivative(Z, A, d):
    # 1 where Z > 0, else the slope: (Z > 0) (1 - slope) + slope.
    return ((np.greater, (Z, _ZERO, d)), (np.multiply, (d, _ONE_MINUS_SLOPE, d)),
            (np.add, (d, _SLOPE, d)))


def linear(Z, A):
    return ((np.copyto, (A, Z)),)


def linear_derivative(Z, A, d):
    return ((d.fill, (1.0,)),)


ACTIVATION_STEPS = {
    name: (function, derivative)
    for name, function, derivative in (
        ("sigmoid", sigmoid, sigmoid_derivative),
        ("tanh", tanh, tanh_derivative),
        ("relu", relu, relu_derivative),
        ("leaky_relu", leaky_relu, leaky_relu_derivative),
        ("linear", linear, linear_derivative),
    )
}
