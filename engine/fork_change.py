"""The one setting a same-start comparison changes, read from what a user typed, checked,
and named the way a legend should name it ("α = 0.05", "ReLU", "batch 10")."""
from dataclasses import dataclass

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS
from .config import ConfigError, check_batch_size, check_l2, check_learning_rate
from .initialisers import INITIALISERS

LEARNING_RATE, BATCH_SIZE, ACTIVATION, INIT, L2 = (
    "learning_rate", "batch_size", "activation", "init", "l2")

# Engine keys and the words a user reads for them, in the order a menu shows them.
SETTING_LABELS = {
    LEARNING_RATE: "learning rate α",
    BATCH_SIZE: "examples per update (batch size)",
    ACTIVATION: "hidden activation",
    INIT: "initialisation",
    L2: "L2 λ",
}

ACTIVATION_SHORT = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU",
                    "leaky_relu": "leaky ReLU", "linear": "linear"}
INIT_SHORT = {"zeros": "zeros init", "small": "small init", "xavier": "Xavier init",
              "he": "He init"}


@dataclass(frozen=True)
class ForkChange:
    """setting: one of SETTING_LABELS; value: its new value, already checked."""

    setting: str
    value: object

    @property
    def label(self):
        """How the legend names the difference from the main run."""
        return change_label(self.setting, self.value)


def change_label(setting, value):
    if setting == LEARNING_RATE:
        return f"α = {value:g}"
    if setting == L2:
        return f"λ = {value:g}"
    if setting == BATCH_SIZE:
        return "full batch" if value == 0 else "stochastic (batch 1)" if value == 1 \
            else f"batch {value}"
    if setting == ACTIVATION:
        return ACTIVATION_SHORT.get(value, value)
    return INIT_SHORT.get(value, value)


def choices(setting):
    """The allowed values of a setting that takes a name (engine keys), else ()."""
    if setting == ACTIVATION:
        return HIDDEN_ACTIVATIONS
    if setting == INIT:
        return tuple(INITIALISERS)
    return ()


def parse_change(setting, text, m_train=None):
    """A ForkChange from the text a user typed for `setting`; raises ConfigError with a
    message that says what is allowed. m_train: the number of training examples, the
    largest batch size that means something (0 = the whole set is allowed too)."""
    if setting not in SETTING_LABELS:
        raise ConfigError(f"unknown setting {setting!r}; choose from "
                          f"{', '.join(SETTING_LABELS)}")
    text = str(text).strip()
    if not text:
        raise ConfigError(f"type a value for the {SETTING_LABELS[setting]}")
    if setting == LEARNING_RATE:
        return ForkChange(setting, check_learning_rate(text))
    if setting == L2:
        return ForkChange(setting, check_l2(text))
    if setting == BATCH_SIZE:
        size = check_batch_size(_whole(text))
        if m_train is not None and size > m_train:
            raise ConfigError(f"batch size must be at most the {m_train} training examples "
                              f"(or 0 for all of them), got {size}")
        return ForkChange(setting, size)
    names = choices(setting)
    key = _name_key(text, setting)
    if key not in names:
        raise ConfigError(f"unknown {SETTING_LABELS[setting]} {text!r}; choose from "
                          f"{', '.join(names)}")
    return ForkChange(setting, key)


def _whole(text):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            raise ConfigError(f"batch size must be a whole number, got {text!r}") from None


def _name_key(text, setting):
    """The engine key for a typed name: the key itself, its short or long label, any case."""
    typed = text.lower().replace("-", " ").replace("_", " ")
    labels = ACTIVATION_SHORT if setting == ACTIVATION else INIT_SHORT
    for key in choices(setting):
        words = {key.replace("_", " "), labels.get(key, key).lower()}
        if setting == ACTIVATION:
            words.add(ACTIVATIONS[key].label.lower())
        if typed in {w.replace("-", " ") for w in words}:
            return key
    return text
