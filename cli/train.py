"""backprop-lab train: run N gradient-descent updates and report cost and accuracy."""
import json
import math
import sys
import time

from engine.metrics import compute_metrics
from engine.trainer import TrainingDiverged

from .options import describe, make_trainer, whole_number

NAME = "train"
SUMMARY = "train a model and report its cost and accuracy"
DESCRIPTION = """\
Train the network by gradient descent for a number of updates, then report the cost J
and the accuracy on the training and the test examples.

One update is: forward through every layer, the cost, backward through every layer,
then W = W - alpha dW and b = b - alpha db. With --batch-size 0 an update sees every
training example; with mini-batches it sees one batch, and an epoch is one pass over
all the batches.

A progress bar appears on stderr for runs longer than half a second when stderr is a
terminal; stdout only ever holds the result. Exit status: 0 trained, 1 the cost
diverged (try a smaller --lr), 2 bad options."""

MAX_ITERATIONS = 10**9


def add_options(parser):
    parser.add_argument("--iterations", type=whole_number(0, MAX_ITERATIONS), default=2000,
                        metavar="N", help="how many updates to run (default: 2000)")
    parser.add_argument("--json", action="store_true",
                        help="print exactly one JSON object on stdout instead of the summary: "
                             "train_cost, test_cost, train_accuracy, test_accuracy, iterations, "
                             "epochs, seconds, updates_per_second (test values are null when "
                             "there is no test set), and diverged: null, or the update that "
                             "made the cost blow up and the cost after it (the values are "
                             "then those of the weights before that update)")


def run(args):
    trainer = make_trainer(args)
    start = time.perf_counter()
    try:
        seconds = train(trainer, args.iterations, ProgressBar(args.iterations, sys.stderr))
    except TrainingDiverged as error:
        if args.json:
            diverged = {"update": error.update, "cost": _finite_or_none(error.cost)}
            print(json.dumps(results(trainer, time.perf_counter() - start, diverged)))
        raise
    result = results(trainer, seconds)
    if args.json:
        print(json.dumps(result))
    else:
        print(describe(trainer))
        print(summary(result))
    return 0


def results(trainer, seconds, diverged=None):
    """The JSON result: the trainer's cost and accuracy now, and how the run went."""
    metrics = compute_metrics(trainer)
    return {
        "train_cost": _finite_or_none(metrics.train_cost),
        "test_cost": _finite_or_none(metrics.test_cost),
        "train_accuracy": _finite_or_none(metrics.train_accuracy),
        "test_accuracy": _finite_or_none(metrics.test_accuracy),
        "iterations": trainer.update_count,
        "epochs": trainer.epoch_count,
        "seconds": seconds,
        "updates_per_second": trainer.update_count / seconds if seconds > 0 else None,
        "diverged": diverged,
    }


def train(trainer, n, progress=None, chunk_seconds=0.05):
    """Run n updates through Trainer.run in chunks of ~chunk_seconds; returns the seconds.

    The chunks start at one update and double while they are quick, so a short run costs
    nothing extra and a long one reports progress a few times a second.
    progress: an object with update(done, elapsed) and close(), or None.
    """
    done, chunk = 0, 1
    start = time.perf_counter()
    try:
        while done < n:
            k = min(chunk, n - done)
            t0 = time.perf_counter()
            trainer.run(k)
            now = time.perf_counter()
            done += k
            if progress is not None:
                progress.update(done, now - start)
            if now - t0 < chunk_seconds / 2:
                chunk *= 2
            elif now - t0 > 2 * chunk_seconds and chunk > 1:
                chunk //= 2
    finally:
        if progress is not None:
            progress.close()
    return time.perf_counter() - start


class ProgressBar:
    """A one-line bar redrawn with \\r on a terminal stream; silent on anything else.

    It first appears after `delay` seconds, so short runs print nothing, and is then
    redrawn at most every `interval` seconds. close() wipes the line.
    """

    def __init__(self, total, stream, delay=0.5, interval=0.2, width=30):
        self.total, self.stream = total, stream
        self.delay, self.interval, self.width = delay, interval, width
        self.enabled = bool(getattr(stream, "isatty", lambda: False)())
        self._last_draw = None
        self._drawn = 0

    def update(self, done, elapsed):
        if not self.enabled or elapsed < self.delay or self.total <= 0:
            return
        if self._last_draw is not None and elapsed - self._last_draw < self.interval:
            return
        self._last_draw = elapsed
        filled = int(self.width * done / self.total)
        rate = done / elapsed
        eta = (self.total - done) / rate if rate > 0 else float("inf")
        line = (f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total} updates"
                f"  {rate:,.0f}/s  {eta:.1f} s left")
        wipe = self._drawn
        # Before writing, so that close() wipes the line even if Ctrl+C lands mid-write.
        self._drawn = max(len(line), wipe)
        self.stream.write("\r" + line.ljust(wipe))
        self.stream.flush()
        self._drawn = len(line)

    def close(self):
        if self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self.stream.flush()
            self._drawn = 0


def summary(result):
    """A few lines a person reads: what ran, how fast, and the cost and accuracy."""
    rate = result["updates_per_second"]
    speed = f", {rate:,.0f} updates/s" if rate else ""
    ran = (f"trained  {result['iterations']} updates ({result['epochs']} epochs) in "
           f"{result['seconds']:.2f} s{speed}")
    lines = [ran, "", f"{'':8}{'cost J':>10}{'accuracy':>11}"]
    for split in ("train", "test"):
        J, acc = result[f"{split}_cost"], result[f"{split}_accuracy"]
        if J is None and acc is None:
            lines.append(f"{split:8}{'(no test set)':>21}")
        else:
            lines.append(f"{split:8}{_fmt(J, '.4f'):>10}{_fmt(acc, '.1%'):>11}")
    return "\n".join(lines)


def _fmt(value, spec):
    return "-" if value is None else format(value, spec)


def _finite_or_none(value):
    """JSON has no NaN: a missing value (no test set) becomes null."""
    value = float(value)
    return value if math.isfinite(value) else None
