"""A one-feature data set of two overlapping classes, made through engine.dataset (the
`line` set of engine/synthetic.py is built elsewhere; these tests need only its shape)."""
import numpy as np

from engine.config import make_model_config, make_train_config
from engine.dataset import split_and_standardise
from engine.trainer import Trainer


def one_feature_data(m=200, seed=0, test_ratio=0.25):
    rng = np.random.default_rng(seed)
    Y = (rng.random(m) < 0.5).astype(float)
    X = rng.normal(2 * Y - 1, 1.2)
    return split_and_standardise(X[None], Y[None], test_ratio, seed, name="one feature")


def two_parameter_trainer(batch_size=10, learning_rate=0.5, l2=0.0, m=200, seed=0):
    """Logistic regression on one feature: exactly β0 = b[1] and β1 = W[1]."""
    return Trainer(one_feature_data(m, seed), make_model_config((1, 1), ()),
                   make_train_config(learning_rate, l2, batch_size))
