"""What recording the (β0, β1) path costs training a two-parameter model.

    python benchmarks/bench_parameter_path.py [--repeats 5]

Logistic regression on one feature (layers 1,1) on the fast route, with the path
recorded after every update (as the trainer does) and with recording switched off
(trainer.path = None, what every other model does), timed alternately; medians of the
repeats in updates per second, the nanoseconds each update spends on the path, and
the bytes the path holds after a long run.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.config import make_model_config, make_train_config
from engine.dataset import split_and_standardise
from engine.trainer import Trainer

SECONDS = 1.0
SETUPS = (("200 examples, stochastic (1)", 1), ("200 examples, batch 10", 10),
          ("200 examples, full batch", 0))


def one_feature_data(m=200):
    rng = np.random.default_rng(0)
    Y = (rng.random(m) < 0.5).astype(float)
    return split_and_standardise(rng.normal(2 * Y - 1, 1.2)[None], Y[None], 0.0, 0)


def rate(batch_size, record):
    trainer = Trainer(one_feature_data(), make_model_config((1, 1), ()),
                      make_train_config(0.05, 0.0, batch_size))
    if not record:
        trainer.path = None
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        done += trainer.run(200)
    return done / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    print(f"{'setup':32} {'with path /s':>13} {'without /s':>12} {'ns per update':>14}")
    for name, batch_size in SETUPS:
        with_path, without = [], []
        for _ in range(repeats):
            with_path.append(rate(batch_size, True))
            without.append(rate(batch_size, False))
        a, b = statistics.median(with_path), statistics.median(without)
        print(f"{name:32} {a:13,.0f} {b:12,.0f} {1e9 / a - 1e9 / b:14.0f}")
    trainer = Trainer(one_feature_data(), make_model_config((1, 1), ()),
                      make_train_config(0.05, 0.0, 1))
    trainer.run(1_000_000)
    nbytes = trainer.path._b.nbytes + trainer.path._w.nbytes
    print(f"path after 1,000,000 updates: {len(trainer.path):,} points, {nbytes / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
