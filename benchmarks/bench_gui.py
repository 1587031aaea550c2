"""Training speed with the whole window live, against the same training headless.

    python benchmarks/bench_gui.py [--seconds 4] [--repeats 3] [--memory-updates 1000000]
                                   [--poll] [--memory-only] [--forks N]
                                   [--unit-pictures on|off]

For two setups (the app's default net, and TensorFlow Playground's default: 2-4-2-1 tanh,
batch 10, 250 training examples) it alternates headless runs and runs with the window
showing every view, unthrottled, and prints medians side by side: updates/s, the share
of headless speed kept, painted frames/s, and the lateness of a 10 ms probe timer in the
GUI event loop (p50 / p99). Then it trains --memory-updates updates with the window live
and prints how much the resident memory grew (--memory-only: just that part). Runs
offscreen unless DISPLAY is set.

--forks N (1 to 3) runs N same-start comparisons beside the main run, each with another
learning rate (engine/run_group.py), headless and in the window alike: updates/s then
counts the main run's updates, each of which every fork makes too.

While the window is live the script waits in a Qt event loop, as the app itself does, so
the GUI thread wakes only for its timers and signals. --poll instead calls processEvents
every millisecond (how this script measured before): each poll takes the GIL from the
training thread, which costs training speed the app does not pay. --unit-pictures off
turns the network diagram's pictures of the units off (its check box), to compare.
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

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication
from resident_memory import resident_mb

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.fork_change import LEARNING_RATE, ForkChange
from engine.run_group import MAX_FORKS, RunGroup
from engine.trainer import Trainer
from gui.main_window import MainWindow
from gui.theme import configure_pyqtgraph

PLAYGROUND_UPDATES_PER_SECOND = 25 * 60  # one epoch of 25 batches per animation frame


def setups():
    moons = load_dataset("moons", n=200, noise=0.2, seed=0)
    circles = load_dataset("circles", n=500, noise=0.1, seed=0, test_ratio=0.5)
    return [
        ("default: moons 2-8-8-1 tanh, full batch (m=150)", moons,
         make_model_config((2, 8, 8, 1), "tanh", "xavier", 0), make_train_config(0.5, 0.0, 0)),
        ("playground: circles 2-4-2-1 tanh, batch 10 (m=250)", circles,
         make_model_config((2, 4, 2, 1), "tanh", "xavier", 0), make_train_config(0.03, 0.0, 10)),
    ]


def fork_changes(train, forks):
    """The learning rates of --forks N comparisons: a half, a quarter, ... of the main's."""
    return [ForkChange(LEARNING_RATE, train.learning_rate / 2 ** (i + 1)) for i in range(forks)]


def headless_rate(dataset, model, train, seconds, forks=0):
    """Updates/s of Trainer.run alone (and its forks kept in step), in the worker's slice
    sizes."""
    trainer = Trainer(dataset, model, train)
    group = RunGroup()
    for change in fork_changes(train, forks):
        group.add(trainer, change)
    trainer.run(200)
    group.keep_up(trainer)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        trainer.run(256)
        group.keep_up(trainer)
        done += 256
    return done / (time.perf_counter() - start)


POLL = {"on": False}   # --poll


def wait(app, seconds):
    """Let the GUI run for `seconds`: blocked in a Qt event loop, as the app is, or with
    --poll polling its events every millisecond, until the time is up."""
    if not POLL["on"]:
        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()
        return
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


class LatenessProbe:
    """A 10 ms timer in the GUI event loop; records how late each tick comes."""

    def __init__(self):
        self.late_ms = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.PreciseTimer)
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def start(self):
        self.late_ms.clear()
        self._clock.start()
        self._timer.start()

    def stop(self):
        self._timer.stop()

    def _tick(self):
        self.late_ms.append(max(0.0, self._clock.nsecsElapsed() / 1e6 - 10.0))
        self._clock.restart()


def gui_run(app, window, probe, dataset, model, train, seconds, forks=0):
    """Build the model in the window, play unthrottled for `seconds`, measure."""
    controller = window.controller
    window.worker.build(dataset, model, train)
    window.worker.set_speed(0.0)
    window.worker.clear_forks()
    for change in fork_changes(train, forks):
        window.worker.add_fork(change)
    wait(app, 0.5)
    window.worker.run_updates(200)
    wait(app, 0.5)
    first = controller.latest.update
    frames0 = controller.frames
    probe.start()
    window.worker.play()
    start = time.perf_counter()
    wait(app, seconds)
    window.worker.pause()
    elapsed = time.perf_counter() - start
    probe.stop()
    frames = controller.frames - frames0
    wait(app, 0.3)
    updates = controller.latest.update - first
    late = sorted(probe.late_ms)
    p99 = late[min(len(late) - 1, int(0.99 * len(late)))] if late else float("nan")
    return updates / elapsed, frames / elapsed, statistics.median(late), p99


def memory_growth(app, window, dataset, model, train, updates):
    controller = window.controller
    window.worker.build(dataset, model, train)
    window.worker.set_speed(0.0)
    window.worker.run_updates(1000)
    wait(app, 1.0)
    before = resident_mb()
    start = time.perf_counter()
    window.worker.play()
    # The resident memory each time another quarter of the updates is done: a history
    # that grows with the run shows as a steady climb, a bounded one levels off.
    quarters, marks = [], [updates * q // 4 for q in (1, 2, 3)]
    while controller.latest is None or controller.latest.update < updates:
        wait(app, 0.2)
        if marks and controller.latest is not None and controller.latest.update >= marks[0]:
            quarters.append((controller.latest.update, resident_mb()))
            marks.pop(0)
    window.worker.pause()
    wait(app, 0.5)
    return before, resident_mb(), controller.latest.update, time.perf_counter() - start, quarters


def speed_table(app, window, probe, options):
    """The speed part: headless against the window live, for each setup."""
    rows = []
    for name, dataset, model, train in setups():
        headless, live = [], []
        for _ in range(options.repeats):
            headless.append(headless_rate(dataset, model, train, options.seconds,
                                          options.forks))
            live.append(gui_run(app, window, probe, dataset, model, train, options.seconds,
                                options.forks))
        rows.append((name, statistics.median(headless),
                     *(statistics.median(column) for column in zip(*live))))

    print(f"{options.repeats} repeats of {options.seconds:g} s each, alternating; medians. "
          f"platform: {app.platformName()}; "
          f"{'polling events every 1 ms' if options.poll else 'Qt event loop'}; "
          f"{options.forks + 1} run(s) live")
    print(f"{'setup':52} {'headless/s':>11} {'GUI live/s':>11} {'kept':>6} "
          f"{'frames/s':>9} {'late p50':>9} {'late p99':>9}")
    for name, headless, live, fps, p50, p99 in rows:
        print(f"{name:52} {headless:11,.0f} {live:11,.0f} {live / headless:6.0%} "
              f"{fps:9.1f} {p50:7.1f}ms {p99:7.1f}ms")
    playground_live = rows[1][2]
    print(f"playground setup with the GUI live: {playground_live:,.0f} updates/s = "
          f"{playground_live / PLAYGROUND_UPDATES_PER_SECOND:.1f}x TensorFlow Playground's "
          f"ceiling of {PLAYGROUND_UPDATES_PER_SECOND:,} (goal >= 10x)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--memory-updates", type=int, default=1_000_000)
    parser.add_argument("--poll", action="store_true",
                        help="poll Qt's events every 1 ms instead of waiting in a Qt event "
                             "loop as the app does (slows training down; for comparison)")
    parser.add_argument("--memory-only", action="store_true",
                        help="skip the speed table; only the memory part")
    parser.add_argument("--forks", type=int, default=0, choices=range(MAX_FORKS + 1),
                        help="same-start comparisons trained beside the main run")
    parser.add_argument("--unit-pictures", choices=("on", "off"), default="on",
                        help="the unit pictures in the network diagram (default: on, as "
                             "the app starts)")
    options = parser.parse_args()
    POLL["on"] = options.poll

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_pyqtgraph()
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    window.views["Network"].units_box.setChecked(options.unit_pictures == "on")
    wait(app, 1.0)
    probe = LatenessProbe()
    print(f"unit pictures {options.unit_pictures}")

    if not options.memory_only:
        speed_table(app, window, probe, options)

    if options.memory_updates:
        _, dataset, model, train = setups()[0]
        before, after, reached, seconds, quarters = memory_growth(
            app, window, dataset, model, train, options.memory_updates)
        print(f"memory: {before:.0f} MB -> {after:.0f} MB (+{after - before:.0f} MB) over "
              f"{reached:,} updates with the window live ({seconds:.0f} s); goal < 50 MB")
        print("  on the way: " + ", ".join(f"{mb - before:+.0f} MB at {update:,}"
                                          for update, mb in quarters))
    window.shut_down()
    window.close()


if __name__ == "__main__":
    main()
