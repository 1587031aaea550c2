"""What the pictures of the hidden units add to a snapshot that predicts the boundary.

    python benchmarks/bench_unit_pictures.py [--repeats 200]

For each net: the median time of take_snapshot with the boundary (100 x 100 grid) and
without the unit pictures, with them, the pictures alone, and the ratio. Rows are timed
in rounds so a slow moment of the machine touches every row alike. Nothing is asserted.
"""
import argparse
import os
import statistics
import sys
import time
from functools import partial
from pathlib import Path

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import snapshot as snapshot_module
from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import make_session_info, take_snapshot
from engine.trainer import Trainer
from engine.unit_pictures import coarse_grid_inputs, unit_pictures

NETS = (("2-8-8-1 tanh", (8, 8)), ("2-32-32-1 tanh", (32, 32)),
        ("2-64-64-1 tanh", (64, 64)))


def never(_layer_sizes):
    return False


def timed(action, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args(argv)
    data = load_dataset("circles", n=200)
    rows = []
    for name, hidden in NETS:
        trainer = Trainer(data, make_model_config((2,) + hidden + (1,), "tanh"),
                          make_train_config(0.3, 0, 0))
        trainer.run(20)
        session = make_session_info(trainer)
        coarse = coarse_grid_inputs(session.grid_inputs, session.grid_resolution)
        rows.append((name, trainer, session, coarse))
    results = {name: {"off": [], "on": [], "alone": []} for name, *_ in rows}
    possible = snapshot_module.pictures_possible
    for _ in range(3):
        for name, trainer, session, coarse in rows:
            snapshot = partial(take_snapshot, trainer, session, [], [])
            snapshot_module.pictures_possible = never
            results[name]["off"].append(timed(snapshot, args.repeats // 3))
            snapshot_module.pictures_possible = possible
            results[name]["on"].append(timed(snapshot, args.repeats // 3))
            results[name]["alone"].append(timed(
                partial(unit_pictures, trainer.network, *coarse), args.repeats // 3))
    print(f"{'net':<16} {'snapshot, no pictures':>22} {'with pictures':>14} "
          f"{'pictures alone':>15} {'ratio':>6}")
    for name, *_ in rows:
        r = {key: statistics.median(values) * 1000 for key, values in results[name].items()}
        print(f"{name:<16} {r['off']:>19.3f} ms {r['on']:>11.3f} ms {r['alone']:>12.3f} ms "
              f"{r['on'] / r['off']:>6.2f}")


if __name__ == "__main__":
    main()
