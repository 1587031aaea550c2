"""backprop-lab graph: the computational graph of one example's loss, node by node."""
import argparse
import json

from engine.chain_graph import CHAIN_EXAMPLE, chain_closed_form, walk_chain
from engine.comp_graph import GraphInputError
from engine.loss_graph import SEED_EXAMPLE, Z_LIMIT, closed_form, engine_gradients, walk_loss

from .options import UsageError, real_number

NAME = "graph"
SUMMARY = "print the computational graph of one example's loss, forward and backward"
USES_MODEL_OPTIONS = False
DESCRIPTION = f"""\
Print the computational graph of one example's cross-entropy loss, the first seed's
    l = -[y log p + (1 - y) log(1 - p)],  p = sigmoid(w x + b)
split into part A = -y log p and part B = -(1 - y) log(1 - p), each broken into
elementary blocks (multiply, add, negate, exp, add one, reciprocal, log, ...).

The table lists the nodes in forward order: the operation, the value the forward sweep
computes, each local derivative d node/d input, and the gradient dl/d node that the
backward sweep (the same nodes in reverse order, upstream x local added into each
input) leaves there. Below it: the loss, and dl/dw, dl/db next to the closed form
dl/dz = a - y, dl/dw = x dz, dl/db = dz and next to what the engine's backprop
computes for the same one-example model.

1 - p is computed as 1/(1 + e^z) and log p as -log1p(e^-z) (the same numbers), so
nothing rounds to log 0; |w x + b| must be at most {Z_LIMIT:g}.

--chain prints instead the seed's chain of three neurons f(g(h(x))):
    h = sigmoid(w1 x),  g = sigmoid(w2 h),  f = (g - t)^2
with its own options --x --w1 --w2 --t; the forward sweep records dh/dx and dg/dh,
the backward sweep multiplies them: df/dh = df/dg dg/dh, df/dx = df/dh dh/dx.
With --json it prints {{"nodes": [...], "f": f, "grads": {{"x", "w1", "w2"}}}}.

--json prints one JSON object instead of the table:
    {{"nodes": [{{"name", "op", "value", "grad"}}, ...], "loss": l, "grads": {{"w", "b"}}}}"""

LOSS_OPTIONS = ("w", "b", "y")
CHAIN_OPTIONS = ("w1", "w2", "t")


def zero_or_one(text):
    value = real_number()(text)
    if value not in (0.0, 1.0):
        raise argparse.ArgumentTypeError(f"must be 0 or 1 (the example's class), got {text}")
    return value


def add_options(parser):
    number = real_number()
    parser.add_argument("--x", type=number, metavar="X",
                        help="the example's feature (default: 3, the seed's X)")
    parser.add_argument("--w", type=number, metavar="W",
                        help="the weight w = beta1 (default: 3, the seed's W)")
    parser.add_argument("--b", type=number, metavar="B",
                        help="the bias b = beta0 (default: 0)")
    parser.add_argument("--y", type=zero_or_one, metavar="Y",
                        help="the example's class, 0 or 1 (default: 1)")
    chain = parser.add_argument_group("the chain of three neurons (--chain)")
    chain.add_argument("--chain", action="store_true",
                       help="the seed's chain f(g(h(x))) instead of the loss graph")
    chain.add_argument("--w1", type=number, metavar="W1",
                       help=f"neuron 1's weight (default: {CHAIN_EXAMPLE['w1']:g})")
    chain.add_argument("--w2", type=number, metavar="W2",
                       help=f"neuron 2's weight (default: {CHAIN_EXAMPLE['w2']:g})")
    chain.add_argument("--t", type=number, metavar="T",
                       help=f"the target f compares g with (default: {CHAIN_EXAMPLE['t']:g}); "
                            f"--x defaults to {CHAIN_EXAMPLE['x']:g}")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object instead of the table")


def run(args):
    own, other = (CHAIN_OPTIONS, LOSS_OPTIONS) if args.chain else (LOSS_OPTIONS, CHAIN_OPTIONS)
    given = [f"--{name}" for name in other if getattr(args, name) is not None]
    if given:
        which = "the loss graph (without --chain)" if args.chain else "--chain"
        raise UsageError(f"{', '.join(given)} {'is' if len(given) == 1 else 'are'} only for "
                         f"{which}")
    preset = CHAIN_EXAMPLE if args.chain else SEED_EXAMPLE
    values = {name: preset[name] if getattr(args, name) is None else getattr(args, name)
              for name in ("x", *own)}
    try:
        walkthrough = walk_chain(**values) if args.chain else walk_loss(**values)
    except GraphInputError as error:
        raise UsageError(str(error)) from None
    if args.json:
        print(json.dumps(as_json(walkthrough, args.chain)))
    else:
        print(as_table(walkthrough, values, args.chain))
    return 0


def as_json(walkthrough, chain):
    nodes = [{"name": step.node.name, "op": step.node.op, "value": step.value,
              "grad": walkthrough.grads[step.node.name]} for step in walkthrough.forward]
    grads = {name: walkthrough.grads[name] for name in walkthrough.graph.parameters}
    return {"nodes": nodes, "f" if chain else "loss": walkthrough.result, "grads": grads}


def as_table(walkthrough, values, chain):
    """The nodes in forward order, then the result and the gradients beside the checks."""
    graph = walkthrough.graph
    out = graph.output
    given = ", ".join(f"{name} = {value:g}" for name, value in values.items())
    lines = [f"{graph.title}: {given}", ""]
    rows = [("node", "operation", "part", "value", "local derivative", f"d{out}/d node")]
    for step in walkthrough.forward:
        node = step.node
        local = ", ".join(f"d/d{name} {_g(d)}" for name, d in zip(node.inputs, step.local))
        rows.append((node.name, node.op, node.part, _g(step.value), local or "-",
                     _g(walkthrough.grads[node.name])))
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    notes = [f"  {step.node.name}: {step.node.note}" for step in walkthrough.forward
             if step.node.note]
    if notes:
        lines += ["", "computed so that nothing rounds to log 0:", *notes]
    lines.append("")
    if chain:
        closed = chain_closed_form(**values)
        lines.append(f"f = {walkthrough.result:.12g}")
        lines.append(f"{'':8}{'graph':>22}{'chain rule in one line':>26}")
        for name in graph.parameters:
            lines.append(f"df/d{name:<4}{walkthrough.grads[name]:>22.12g}{closed[name]:>26.12g}")
        return "\n".join(lines)
    closed, engine = closed_form(**values), engine_gradients(**values)
    lines.append(f"loss l = {walkthrough.result:.12g}   (engine: {engine['loss']:.12g})")
    lines.append(f"{'':8}{'graph':>22}{'closed form':>22}{'engine backprop':>22}")
    lines.append(f"{'dl/dz':<8}{walkthrough.grads['z']:>22.12g}{closed['dz']:>22.12g}"
                 f"{engine['dz']:>22.12g}   closed form: a - y")
    for name, formula in (("w", "x dz"), ("b", "dz")):
        lines.append(f"dl/d{name:<4}{walkthrough.grads[name]:>22.12g}{closed[name]:>22.12g}"
                     f"{engine[name]:>22.12g}   closed form: {formula}")
    return "\n".join(lines)


def _g(number):
    """Six significant digits; -0.0 (a product with a 0) shown as 0."""
    return f"{number + 0.0:.6g}"
