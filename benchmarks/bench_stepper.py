"""How long the step-through view takes to show one phase, small and large models.

    python benchmarks/bench_stepper.py [--repeats 5]

For each setup it steps one whole update phase by phase and times StepView.show_snapshot
plus the layout and paint of the view at 1200x700 (grab), and prints the median and the
slowest phase in milliseconds. Runs offscreen unless DISPLAY is set.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer
from gui.stepper.step_view import StepView
from gui.training_history import TrainingHistory


def setups():
    xor = load_dataset("xor", n=60, noise=0.1, seed=3)
    digits = load_dataset("digits", seed=0)
    return [
        ("xor 2-4-3-1, full batch", xor, (2, 4, 3, 1)),
        (f"digits {digits.n_x}-64-32-1, full batch (m={digits.X_train.shape[1]})", digits,
         (digits.n_x, 64, 32, 1)),
    ]


def phase_times(app, name, data, sizes, repeats):
    trainer = Trainer(data, make_model_config(sizes, "tanh", "xavier", 0),
                      make_train_config(0.1, 0.0, 0))
    session = make_session_info(trainer, resolution=10)
    stream = SnapshotStream(trainer, session)
    view = StepView()
    view.set_session(session)
    view.resize(1200, 700)
    view.show()
    app.processEvents()
    times = []
    for _ in range(repeats):
        for _ in range(trainer.phases_per_update):
            snapshot = stream.take(last_phase=trainer.step_phase())
            start = time.perf_counter()
            view.show_snapshot(snapshot, TrainingHistory())
            app.processEvents()
            view.grab()
            times.append(1000 * (time.perf_counter() - start))
    view.close()
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    print(f"{'setup':<48} {'median ms':>10} {'slowest ms':>11}")
    for name, data, sizes in setups():
        times = phase_times(app, name, data, sizes, args.repeats)
        print(f"{name:<48} {statistics.median(times):>10.1f} {max(times):>11.1f}")


if __name__ == "__main__":
    main()
