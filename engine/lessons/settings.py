"""A lesson's settings (data, network, gradient descent), the partial changes a step or a
claim's run makes to them, and the engine objects they build."""
from dataclasses import dataclass, fields, replace

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset


@dataclass(frozen=True)
class DataPart:
    """What load_dataset needs (no CSV files: a lesson's data must travel with it)."""

    name: str
    n: int = 200
    noise: float = 0.1
    seed: int = 0
    test_ratio: float = 0.25
    digit: int = 0
    features: tuple = ()


@dataclass(frozen=True)
class ModelPart:
    """hidden_sizes (n_1, ..., n_{L-1}); activations: one name for every hidden layer, or
    one per hidden layer."""

    hidden_sizes: tuple
    activations: object = "tanh"
    init: str = "xavier"
    seed: int = 0

    def activation_list(self):
        """One activation name per hidden layer."""
        if isinstance(self.activations, str):
            return (self.activations,) * len(self.hidden_sizes)
        return tuple(self.activations)


@dataclass(frozen=True)
class TrainingPart:
    learning_rate: float
    l2: float = 0.0
    batch_size: int = 0


@dataclass(frozen=True)
class Settings:
    data: DataPart
    model: ModelPart
    training: TrainingPart

    def changed(self, changes):
        """These settings with `changes` ({"data": {...}, "model": {...}, ...}) applied."""
        parts = {name: replace(getattr(self, name), **values)
                 for name, values in changes.items()}
        return replace(self, **parts)

    def dataset(self):
        """The Dataset (raises DatasetError)."""
        d = self.data
        return load_dataset(d.name, n=d.n, noise=d.noise, seed=d.seed,
                            test_ratio=d.test_ratio, digit=d.digit, features=d.features)

    def model_config(self, n_x):
        """The ModelConfig for data with n_x features (raises ConfigError)."""
        m = self.model
        return make_model_config((n_x,) + tuple(m.hidden_sizes) + (1,), m.activation_list(),
                                 m.init, m.seed)

    def train_config(self):
        t = self.training
        return make_train_config(t.learning_rate, t.l2, t.batch_size)


PARTS = {"data": DataPart, "model": ModelPart, "training": TrainingPart}


def field_names(part):
    """The field names of a part class, in order."""
    return tuple(f.name for f in fields(part))


def required_names(part):
    """The fields of a part class without a default."""
    return tuple(f.name for f in fields(part) if f.default is f.default_factory)
