"""Updates per second of the Trainer's two routes, a straight-line NumPy loop and PyTorch CPU.

    python benchmarks/bench_engine.py [--repeats 5] [--quick]

Every column runs the same math on the same batches in float64: forward through every
layer, the cost on every update, backward, and a plain gradient-descent update. "fast" is
Trainer.run on its fast route (engine/fast/), "readable" the same Trainer with fast=False,
running the functions of engine/backprop.py.
The rows are timed in rounds (row 1..5, then again), so a slow moment of the machine
touches every row alike; each cell is the median of the repeats. Nothing is asserted:
the goal column only says how the numbers compare with the goals of the issue.
"""
import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path


def _threads_wanted(argv):
    """--threads, read before NumPy and PyTorch start their thread pools."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--threads", type=int, default=1)
    return max(1, early.parse_known_args(argv)[0].threads)


THREADS = _threads_wanted(sys.argv[1:])
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, str(THREADS))

import numpy as np  # only now: the thread settings above must come first

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.trainer import Trainer

try:
    import torch
except ImportError:
    torch = None
else:
    torch.set_num_threads(THREADS)

LEARNING_RATE = 0.1
READABLE_GOAL = 0.9  # the readable route keeps at least this share of the loop's speed


@dataclass(frozen=True)
class Row:
    label: str
    dataset: dict  # keyword arguments of load_dataset
    hidden: tuple  # hidden layer sizes; the input size comes from the data, the output is 1
    activation: str
    init: str
    batch_size: int  # 0 = full batch
    torch_goal: float  # trainer updates/s >= this times PyTorch's


ROWS = (
    Row("logistic regression 2-1, m=200, full batch",
        {"name": "moons", "n": 200, "test_ratio": 0.0}, (), "tanh", "xavier", 0, 30.0),
    Row("2-8-8-1 tanh, m=200, full batch",
        {"name": "moons", "n": 200, "test_ratio": 0.0}, (8, 8), "tanh", "xavier", 0, 5.0),
    Row("2-8-8-1 tanh, batch 10 of m=500",
        {"name": "moons", "n": 500, "test_ratio": 0.0}, (8, 8), "tanh", "xavier", 10, 15.0),
    Row("2-64-64-64-1 relu, m=1000, full batch",
        {"name": "moons", "n": 1000, "test_ratio": 0.0}, (64, 64, 64), "relu", "he", 0, 1.0),
    Row("64-32-1 tanh, digits 0 vs rest (train)",
        {"name": "digits", "digit": 0}, (32,), "tanh", "xavier", 0, 1.0),
)


# --- the straight-line NumPy loop, written as a course would write it -----------------

def sigmoid(Z):
    return 1.0 / (1.0 + np.exp(-Z))


HIDDEN = {
    # name: (g(Z), g'(Z) from Z and A)
    "tanh": (np.tanh, lambda Z, A: 1.0 - A ** 2),
    "relu": (lambda Z: np.maximum(Z, 0.0), lambda Z, A: (Z > 0).astype(float)),
}


def numpy_loop(X, Y, W, b, activation, batch_size, n_updates, rng, lr=LEARNING_RATE):
    """n_updates of gradient descent; W, b are lists [None, W1, ..., WL] updated in place."""
    g, g_prime = HIDDEN[activation]
    L = len(W) - 1
    m_all = X.shape[1]
    size = batch_size if 0 < batch_size < m_all else m_all
    costs = np.empty(n_updates)
    start = m_all
    for t in range(n_updates):
        if start >= m_all:  # a new epoch: shuffle (mini-batches only)
            start = 0
            if size < m_all:
                order = rng.permutation(m_all)
                X_epoch, Y_epoch = X[:, order], Y[:, order]
            else:
                X_epoch, Y_epoch = X, Y
        A_prev = X_epoch[:, start:start + size]
        Y_b = Y_epoch[:, start:start + size]
        start += size
        m = A_prev.shape[1]

        # forward
        A, Z = [A_prev], [None]
        for l in range(1, L + 1):
            Z.append(W[l] @ A[l - 1] + b[l])
            A.append(sigmoid(Z[l]) if l == L else g(Z[l]))

        # cost, from Z[L]: (1/m) sum[ log(1 + e^Z) - Y Z ]
        ZL = Z[L]
        costs[t] = np.mean(np.maximum(ZL, 0) - ZL * Y_b + np.log1p(np.exp(-np.abs(ZL))))

        # backward
        dZ = A[L] - Y_b
        dW, db = [None] * (L + 1), [None] * (L + 1)
        for l in range(L, 0, -1):
            dW[l] = dZ @ A[l - 1].T / m
            db[l] = np.sum(dZ, axis=1, keepdims=True) / m
            if l > 1:
                dA = W[l].T @ dZ
                dZ = dA * g_prime(Z[l - 1], A[l - 1])

        # update
        for l in range(1, L + 1):
            W[l] -= lr * dW[l]
            b[l] -= lr * db[l]
    return costs


# --- PyTorch: the usual nn.Sequential, BCEWithLogitsLoss and SGD, in float64 -----------

def torch_loop(model, X, Y, batch_size, n_updates, generator, lr=LEARNING_RATE):
    loss_fn = torch.nn.BCEWithLogitsLoss()
    optimiser = torch.optim.SGD(model.parameters(), lr=lr)
    m_all = X.shape[0]
    size = batch_size if 0 < batch_size < m_all else m_all
    costs = []
    start = m_all
    for _ in range(n_updates):
        if start >= m_all:
            start = 0
            if size < m_all:
                order = torch.randperm(m_all, generator=generator)
                X_epoch, Y_epoch = X[order], Y[order]
            else:
                X_epoch, Y_epoch = X, Y
        X_b, Y_b = X_epoch[start:start + size], Y_epoch[start:start + size]
        start += size
        optimiser.zero_grad()
        loss = loss_fn(model(X_b), Y_b)
        loss.backward()
        optimiser.step()
        costs.append(loss.item())
    return costs


# --- one row, three ways -------------------------------------------------------------

class Contenders:
    """The three ways of training one row, each as make() -> run(n)."""

    def __init__(self, row):
        kwargs = dict(row.dataset)
        self.data = load_dataset(kwargs.pop("name"), **kwargs)
        self.row = row
        self.sizes = (self.data.n_x,) + tuple(row.hidden) + (1,)
        self.model = make_model_config(self.sizes, row.activation, init=row.init, seed=0)
        self.train = make_train_config(LEARNING_RATE, 0.0, row.batch_size)

    def fast(self):
        return Trainer(self.data, self.model, self.train, fast=True).run

    def readable(self):
        return Trainer(self.data, self.model, self.train, fast=False).run

    def loop(self):
        net = Trainer(self.data, self.model, self.train).network  # the same initial weights
        W = [None] + [w.copy() for w in net.W[1:]]
        b = [None] + [v.copy() for v in net.b[1:]]
        X = np.array(self.data.X_train)
        Y = np.array(self.data.Y_train)
        rng = np.random.default_rng(0)

        def run(n):
            with np.errstate(over="ignore"):  # e^-Z may overflow to inf: sigma is then 0
                numpy_loop(X, Y, W, b, self.row.activation, self.row.batch_size, n, rng)
        return run

    def torch(self):
        net = Trainer(self.data, self.model, self.train).network
        layers = []
        for l in range(1, net.L + 1):
            linear = torch.nn.Linear(self.sizes[l - 1], self.sizes[l], dtype=torch.float64)
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(net.W[l]))
                linear.bias.copy_(torch.from_numpy(net.b[l].ravel()))
            layers.append(linear)
            if l < net.L:
                layers.append(torch.nn.Tanh() if self.row.activation == "tanh"
                              else torch.nn.ReLU())
        model = torch.nn.Sequential(*layers)
        # torch puts the examples in rows: X is (m, n_x)
        X = torch.from_numpy(np.ascontiguousarray(self.data.X_train.T))
        Y = torch.from_numpy(np.ascontiguousarray(self.data.Y_train.T))
        generator = torch.Generator().manual_seed(0)

        def run(n):
            torch_loop(model, X, Y, self.row.batch_size, n, generator)
        return run


def updates_for(make, target_seconds):
    """How many updates take about target_seconds (timed on a throw-away instance)."""
    run, n = make(), 1
    while True:
        t0 = time.perf_counter()
        run(n)
        elapsed = time.perf_counter() - t0
        if elapsed >= target_seconds / 8 or n >= 1 << 22:
            return max(1, int(n * target_seconds / elapsed))
        n *= 2


def time_once(make, n):
    """Updates per second of n updates on a fresh instance (building it is not timed)."""
    run = make()
    t0 = time.perf_counter()
    run(n)
    return n / (time.perf_counter() - t0)


# --- the table -------------------------------------------------------------------

def fmt_rate(value):
    return "n/a" if value is None else f"{value:,.0f}"


def fmt_ratio(value):
    return "n/a" if value is None else f"{value:.2f}x"


def goal_text(row, fast, readable, loop, torch_rate):
    met_loop = readable >= READABLE_GOAL * loop
    parts = [f"readable>={READABLE_GOAL:g}x loop {'ok' if met_loop else 'MISS'}"]
    if torch_rate is not None:
        met = fast >= row.torch_goal * torch_rate
        parts.append(f"fast>={row.torch_goal:g}x torch {'ok' if met else 'MISS'}")
    return ", ".join(parts)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5,
                        help="timed runs per cell; the table shows their median (default: 5)")
    parser.add_argument("--quick", action="store_true",
                        help="a quick look: 3 repeats of ~0.05 s each (not for the record)")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads for NumPy's BLAS and for PyTorch (default: 1; these nets "
                             "are too small for threads to help, and idle OpenMP threads "
                             "spinning on a busy machine can slow PyTorch down many times)")
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else max(1, args.repeats)
    target = 0.05 if args.quick else 0.3

    print(f"numpy {np.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    blas = os.environ["OPENBLAS_NUM_THREADS"]
    if torch is None:
        print(f"NumPy BLAS threads: {blas}; PyTorch: not installed, its column shows n/a")
    else:
        print(f"NumPy BLAS threads: {blas}; PyTorch {torch.__version__} CPU, float64, "
              f"{torch.get_num_threads()} thread(s), nn.Sequential + BCEWithLogitsLoss + SGD")
    print(f"float64; learning rate {LEARNING_RATE}; the cost is computed on every update; "
          f"median of {repeats} timed runs of ~{target:g} s per cell, rows interleaved")
    print()

    columns = ["fast", "readable", "loop"] + (["torch"] if torch is not None else [])
    cells = []
    for row in ROWS:
        contenders = Contenders(row)
        makers = {"fast": contenders.fast, "readable": contenders.readable,
                  "loop": contenders.loop}
        if torch is not None:
            makers["torch"] = contenders.torch
        counts = {c: updates_for(makers[c], target) for c in columns}
        cells.append((row, makers, counts, {c: [] for c in columns}))

    for r in range(-1, repeats):  # round -1 warms up BLAS threads and caches, untimed
        print(f"\rround {r + 1}/{repeats}", end="", file=sys.stderr, flush=True)
        for row, makers, counts, rates in cells:
            for c in columns:
                rate = time_once(makers[c], counts[c])
                if r >= 0:
                    rates[c].append(rate)
    print("\r" + " " * 20 + "\r", end="", file=sys.stderr, flush=True)

    header = (f"{'row':<40}{'fast/s':>9}{'readable/s':>12}{'numpy loop/s':>14}{'torch/s':>9}"
              f"{'readable/loop':>15}{'fast/loop':>11}{'fast/torch':>12}  goals")
    print(header)
    print("-" * (len(header) + 40))
    for row, _, _, rates in cells:
        median = {c: statistics.median(v) for c, v in rates.items()}
        fast, readable, loop = median["fast"], median["readable"], median["loop"]
        torch_rate = median.get("torch")
        print(f"{row.label:<40}{fmt_rate(fast):>9}{fmt_rate(readable):>12}{fmt_rate(loop):>14}"
              f"{fmt_rate(torch_rate):>9}{fmt_ratio(readable / loop):>15}"
              f"{fmt_ratio(fast / loop):>11}"
              f"{fmt_ratio(None if torch_rate is None else fast / torch_rate):>12}  "
              f"{goal_text(row, fast, readable, loop, torch_rate)}")
    print()
    print(f"goals: readable/loop >= {READABLE_GOAL:g}x on every row; fast/torch >= 30x, 5x, "
          "15x on rows 1-3 and >= 1x elsewhere")
    return 0


if __name__ == "__main__":
    sys.exit(main())
