"""How the weights W[l] start, keyed by name. The biases b[l] always start at zero."""
import numpy as np


def zeros(n_out, n_in, rng):
    """All zeros. With sigmoid hidden units every unit of a layer computes the same
    thing and gets the same gradient, so they never become different (the symmetry
    problem). With tanh, ReLU or linear units, whose g(0) is 0, the hidden weights get
    no gradient at all and stay exactly 0."""
    return np.zeros((n_out, n_in))


def small_random(n_out, n_in, rng):
    """Standard normal draws times 0.01: breaks the symmetry, but deep nets start
    with tiny activations and tiny gradients."""
    return rng.standard_normal((n_out, n_in)) * 0.01


def xavier(n_out, n_in, rng):
    """Xavier/Glorot: variance 2 / (n_in + n_out), suited to tanh and sigmoid."""
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / (n_in + n_out))


def he(n_out, n_in, rng):
    """He: variance 2 / n_in, suited to ReLU, which zeroes half of its inputs."""
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in)


INITIALISERS = {"zeros": zeros, "small": small_random, "xavier": xavier, "he": he}

INITIALISER_LABELS = {
    "zeros": "zeros (symmetry, with sigmoid units)",
    "small": "small random (x 0.01)",
    "xavier": "Xavier / Glorot",
    "he": "He",
}
