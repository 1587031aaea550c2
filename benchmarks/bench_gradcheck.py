"""How long the window's gradient check takes (engine/trainer_gradcheck.py), against the
time its size was chosen for, on nets from XOR's 2-3-1 to a few that need sampling.

    python benchmarks/bench_gradcheck.py [--repeats 3]

Prints per net: the examples and entries it checks, the estimate check_size fitted to
its budget, and the median measured seconds of check_trainer. The goal: every median
within "a couple of seconds" (at most 2 s) on the target machine.

OpenBLAS's threads matter: on a busy two-core machine (load 4 to 4.7) digits 64-32-16-1
took 1.5 to 14 s with its default two threads and 0.46 to 0.75 s with
OPENBLAS_NUM_THREADS=1, in runs side by side; run both.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.trainer import Trainer
from engine.trainer_gradcheck import (
    BUDGET_SECONDS,
    check_size,
    check_trainer,
    estimated_seconds,
)

NETS = (
    ("xor", {}, (2, 3, 1), "tanh"),
    ("moons", {}, (2, 4, 3, 1), "tanh"),
    ("digits", {}, (64, 32, 16, 1), "tanh"),
    ("digits", {}, (64, 128, 128, 128, 1), "relu"),
    ("digits", {}, (64, 512, 512, 1), "relu"),
    ("moons", {"n": 4000}, (2,) + (64,) * 10 + (1,), "tanh"),
    ("digits", {}, (64, 1024, 1024, 1024, 1), "relu"),
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    blas = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(f"budget {BUDGET_SECONDS} s; median of {args.repeats} runs; "
          f"OPENBLAS_NUM_THREADS={blas}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'data':<8}{'net':<24}{'examples':>9}{'per array':>10}{'entries':>9}"
          f"{'estimate s':>11}{'measured s':>11}")
    for name, options, sizes, activation in NETS:
        data = load_dataset(name, **options)
        trainer = Trainer(data, make_model_config(sizes, activation),
                          make_train_config(0.1, 0.0, 0))
        size = check_size(sizes, data.m_train)
        entries, expected = estimated_seconds(sizes, size)
        seconds = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            report = check_trainer(trainer)
            seconds.append(time.perf_counter() - start)
        assert report.entries_checked <= entries
        net = "-".join(map(str, sizes)) if len(sizes) < 8 else f"{sizes[0]}-64x10-1"
        print(f"{name:<8}{net:<24}{size.examples:>9}{size.max_per_array or 'all':>10}"
              f"{report.entries_checked:>9}{expected:>11.2f}{statistics.median(seconds):>11.2f}",
              flush=True)


if __name__ == "__main__":
    main()
