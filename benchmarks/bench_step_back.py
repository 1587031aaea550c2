"""What stepping back costs: the ring of update starts while training, and one step back.

    python benchmarks/bench_step_back.py [--repeats 5]

Column 1 and 2: updates per second of Trainer.run on the fast route as it is, and with
the ring's save replaced by nothing (what training cost before steps back were kept),
timed alternately, medians of the repeats; their ratio is what keeping the starts costs.
Column 3 and 4: milliseconds for one step back by a phase (to the middle of the
previous update: restore its start and run 2L + 1 phases again) and by an update.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.trainer import Trainer

SETUPS = (
    ("moons 2-8-8-1 full batch", "moons", (2, 8, 8, 1), 0),
    ("playground 2-4-2-1 batch 10", "circles", (2, 4, 2, 1), 10),
    ("digits 64-32-16-1 full batch", "digits", (64, 32, 16, 1), 0),
)
SECONDS = 1.0


def rate(trainer, keep_starts):
    if not keep_starts:
        trainer._save_start = lambda: None   # the run as it was before the ring
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        done += trainer.run(50)
    return done / (time.perf_counter() - start)


def step_back_ms(trainer, by_phase):
    trainer.run(20)
    trainer.step_phase()          # at phase 1: back by a phase stays in this update,
    trainer.step_update()         # so go to an update's start first
    start = time.perf_counter()
    if by_phase:
        trainer.step_back_phase()
    else:
        trainer.step_back_update()
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    print(f"{repeats} repeats, alternating; medians")
    print(f"{'setup':32} {'with ring/s':>12} {'without/s':>10} {'ratio':>6} "
          f"{'back phase':>11} {'back update':>12}")
    for title, name, sizes, batch in SETUPS:
        data = load_dataset(name)

        def make(batch=batch, sizes=sizes, data=data):
            return Trainer(data, make_model_config(sizes, "tanh"), make_train_config(0.1, 0,
                                                                                   batch))
        with_ring, without, phase_ms, update_ms = [], [], [], []
        for _ in range(repeats):
            with_ring.append(rate(make(), True))
            without.append(rate(make(), False))
            phase_ms.append(step_back_ms(make(), True))
            update_ms.append(step_back_ms(make(), False))
        a, b = statistics.median(with_ring), statistics.median(without)
        print(f"{title:32} {a:12,.0f} {b:10,.0f} {a / b:6.2f} "
              f"{statistics.median(phase_ms):9.2f}ms {statistics.median(update_ms):10.2f}ms")


if __name__ == "__main__":
    main()
