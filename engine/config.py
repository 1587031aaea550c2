"""The choices that define a model and its training, validated where they enter."""
import math
from dataclasses import dataclass, replace

from .activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATION
from .initialisers import INITIALISERS

MAX_UNITS = 1024
MAX_LAYERS = 12
MIN_LEARNING_RATE = 1e-5
MAX_LEARNING_RATE = 10.0
MAX_L2 = 100.0


class ConfigError(ValueError):
    """A model or training choice that is not allowed; the message says what is."""


@dataclass(frozen=True)
class ModelConfig:
    """layer_sizes = (n_x, n_1, ..., n_L) with n_L = 1; one activation per hidden layer."""

    layer_sizes: tuple
    hidden_activations: tuple
    init: str = "xavier"
    seed: int = 0

    @property
    def L(self):
        return len(self.layer_sizes) - 1

    @property
    def activations(self):
        """g[1], ..., g[L]: the hidden ones, then the sigmoid output."""
        return tuple(self.hidden_activations) + (OUTPUT_ACTIVATION,)

    def with_inputs(self, n_x):
        """The same model for data with n_x features."""
        return replace(self, layer_sizes=(n_x,) + tuple(self.layer_sizes[1:]))


@dataclass(frozen=True)
class TrainConfig:
    """Gradient descent settings. batch_size 0 means the whole training set."""

    learning_rate: float = 0.5
    l2: float = 0.0
    batch_size: int = 0


def make_model_config(layer_sizes, activations, init="xavier", seed=0):
    """Validate and build a ModelConfig.

    activations: one name for every hidden layer, or a sequence with one per hidden layer.
    """
    try:
        sizes = tuple(int(s) for s in layer_sizes)
    except (TypeError, ValueError):
        raise ConfigError(f"layer sizes must be whole numbers, got {layer_sizes!r}") from None
    if len(sizes) < 2:
        raise ConfigError("layers need at least an input size and the output size 1, e.g. 2,1")
    if len(sizes) - 1 > MAX_LAYERS:
        raise ConfigError(f"at most {MAX_LAYERS} layers are allowed, got {len(sizes) - 1}")
    if sizes[-1] != 1:
        raise ConfigError(f"the output layer must have 1 unit (one sigmoid), got {sizes[-1]}")
    for s in sizes:
        if not 1 <= s <= MAX_UNITS:
            raise ConfigError(f"every layer needs 1 to {MAX_UNITS} units, got {s}")
    n_hidden = len(sizes) - 2
    if isinstance(activations, str):
        activations = (activations,) * n_hidden if n_hidden else ()
    activations = tuple(activations)
    if len(activations) != n_hidden:
        raise ConfigError(
            f"{n_hidden} hidden layer(s) need {n_hidden} activation(s), got {len(activations)}")
    for a in activations:
        if a not in HIDDEN_ACTIVATIONS:
            raise ConfigError(
                f"unknown activation {a!r}; choose from {', '.join(HIDDEN_ACTIVATIONS)}")
    if init not in INITIALISERS:
        raise ConfigError(f"unknown initialisation {init!r}; choose from {', '.join(INITIALISERS)}")
    return ModelConfig(sizes, activations, init, check_seed(seed))


def make_train_config(learning_rate=0.5, l2=0.0, batch_size=0):
    """Validate and build a TrainConfig."""
    return TrainConfig(check_learning_rate(learning_rate), check_l2(l2),
                       check_batch_size(batch_size))


def check_learning_rate(value):
    value = _as_float(value, "learning rate")
    if not MIN_LEARNING_RATE <= value <= MAX_LEARNING_RATE:
        raise ConfigError(
            f"learning rate must be between {MIN_LEARNING_RATE:g} and {MAX_LEARNING_RATE:g}, "
            f"got {value:g}")
    return value


def check_l2(value):
    value = _as_float(value, "L2 lambda")
    if not 0.0 <= value <= MAX_L2:
        raise ConfigError(f"L2 lambda must be between 0 and {MAX_L2:g}, got {value:g}")
    return value


def check_batch_size(value):
    if isinstance(value, float) and not value.is_integer():
        raise ConfigError(f"batch size must be a whole number, got {value}")
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"batch size must be a whole number, got {value!r}") from None
    if value < 0:
        raise ConfigError(f"batch size must be 0 (full batch) or a positive number, got {value}")
    return value


def check_seed(value):
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"seed must be a whole number, got {value!r}") from None
    if not 0 <= value < 2**32:
        raise ConfigError(f"seed must be between 0 and {2**32 - 1}, got {value}")
    return value


def _as_float(value, what):
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{what} must be a number, got {value!r}") from None
    if math.isnan(value) or value in (float("inf"), float("-inf")):
        raise ConfigError(f"{what} must be a finite number, got {value}")
    return value
