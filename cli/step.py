"""backprop-lab step: one gradient-descent update, printed phase by phase."""
import numpy as np

from engine.phases import BACKWARD, FORWARD

from .options import UsageError, describe, make_trainer, whole_number

NAME = "step"
SUMMARY = "run one update phase by phase and print every value it reads and writes"
DESCRIPTION = """\
Run one gradient-descent update one phase at a time, the text version of the
window's step-through. An update of an L-layer network has 2L + 2 phases:
forward layer 1 .. L, the cost J, backward layer L .. 1, and the update.

Each phase prints its equations, the engine's code that computes them (read from the
functions that run), then every array it reads and writes with its shape and a few
of its values. The notation is the course's:
    X = A[0] is (n_x, m): one example per column; Y is (1, m)
    W[l] is (n_l, n_{l-1}), b[l] is (n_l, 1)
    Z[l] = W[l] A[l-1] + b[l],  A[l] = g(Z[l])   both (n_l, m)
    dZ[L] = A[L] - Y,  dW[l] = (1/m) dZ[l] A[l-1]^T
For (n_l, m) arrays the values shown are one example's column (--example);
for W, b, dW and db the first entries, row by row; J is one number."""

PER_PARAMETER = ("W", "b", "dW", "db")


def add_options(parser):
    parser.add_argument("--updates", type=whole_number(0), default=0, metavar="N",
                        help="run N whole updates first, then step through the next one "
                             "(default: 0)")
    parser.add_argument("--example", type=whole_number(0), default=0, metavar="I",
                        help="which example to follow: column I of the batch, counting from 0 "
                             "(default: 0)")
    parser.add_argument("--values", type=whole_number(1), default=4, metavar="K",
                        help="how many values to show per array (default: 4)")


def run(args):
    trainer = make_trainer(args)
    trainer.run(args.updates)
    m = next_batch_size(trainer)
    if args.example >= m:
        raise UsageError(f"--example must be below {m}, the number of examples in this "
                         f"update's batch; got {args.example}")
    print(describe(trainer))
    print(f"update   {trainer.update_count + 1} (after {trainer.update_count} updates), "
          f"batch of m = {m} examples; following example {args.example}")
    P = trainer.phases_per_update
    for _ in range(P):
        record = trainer.step_phase()
        print()
        print(format_record(record, P, args.example, args.values))
    return 0


def next_batch_size(trainer):
    """m of the batch the next update uses."""
    m_train = trainer.dataset.m_train
    size = trainer.batch_size
    if not 0 < size < m_train:
        return m_train
    return min(size, m_train - trainer.batch_index * size)


def format_record(record, phases, example, k):
    """A PhaseRecord as text: header, equations, then the arrays read and written."""
    spec = record.spec
    where = f", layer {spec.layer}" if spec.kind in (FORWARD, BACKWARD) else ""
    lines = [f"phase {spec.index + 1}/{phases}  {spec.kind}{where}"]
    lines += ["    " + line for line in spec.equation.splitlines()]
    if spec.kind in ("cost", BACKWARD):
        lines.append(f"    with m = {record.m}, lambda = {record.l2:g}")
    elif spec.kind == "update":
        lines.append(f"    with alpha = {record.learning_rate:g}")
    lines.append("  code that runs it")
    for path, source in spec.code:
        lines.append(f"    # {path}")
        lines += ["    " + line for line in source.splitlines()]
    width = max(len(name) for name in (*record.reads, *record.writes))
    for title, values in (("reads", record.reads), ("writes", record.writes)):
        lines.append(f"  {title}")
        for name, value in values.items():
            lines.append(f"    {name:<{width}}  {describe_values(name, value, example, k)}")
    return "\n".join(lines)


def describe_values(name, value, example, k):
    """'(8, 150)  example 0, rows 1-4 of 8: [...]' and the like, by the symbol's kind."""
    value = np.asarray(value)
    if value.ndim == 0:
        return f"= {float(value):.6g}"
    shape = "(" + ", ".join(str(s) for s in value.shape) + ")"
    symbol = name.split("[")[0]
    if symbol in PER_PARAMETER:
        flat = value.reshape(-1)
        shown = flat[:k]
        what = "all" if shown.size == flat.size else f"first {shown.size} of {flat.size}"
        order = "" if value.shape[1] == 1 or shown.size == flat.size else ", row by row"
        return f"{shape:<10} {what}{order}: {_numbers(shown)}"
    column = value[:, example]
    shown = column[:k]
    rows = f"rows 1-{shown.size}" if shown.size > 1 else "row 1"
    what = f"{rows} of {column.size}" if shown.size < column.size else (
        "all rows" if column.size > 1 else "")
    what = f"example {example}" + (f", {what}" if what else "")
    return f"{shape:<10} {what}: {_numbers(shown)}"


def _numbers(values):
    return "[" + ", ".join(f"{v: .4g}" for v in values) + "]"
