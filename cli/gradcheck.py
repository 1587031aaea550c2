"""backprop-lab gradcheck: backprop's gradients against central finite differences."""
import sys

from engine.gradcheck import DEFAULT_EPS, PASS_THRESHOLD, gradient_check

from .options import describe, make_trainer, real_number, whole_number

NAME = "gradcheck"
SUMMARY = "check backprop's gradients against finite differences"
DESCRIPTION = f"""\
Check that backpropagation computes the true gradient of the cost J.

For each parameter entry p (an entry of W[l] or b[l]) the numerical slope
    (J(p + eps) - J(p - eps)) / (2 eps)
is compared with backprop's dW[l] or db[l], on all training examples, in float64.
For each array the table gives the largest absolute difference and the relative error
    ||numerical - backprop|| / (||numerical|| + ||backprop||),
which passes below {PASS_THRESHOLD:g}.

Exit status: 0 every array passes, 1 some array fails (or the cost diverged while
training first), 2 bad options."""

SAMPLE_ALL_UP_TO = 5000
DEFAULT_SAMPLE = 200
LONG_CHECK = 200_000  # entries x examples above which a note says the check takes a while


def add_options(parser):
    parser.add_argument("--updates", type=whole_number(0), default=0, metavar="N",
                        help="train N updates first, to check a net that has moved away from "
                             "its initial weights (default: 0)")
    parser.add_argument("--eps", type=real_number(0.0, 1.0, low_open=True), default=DEFAULT_EPS,
                        help=f"the finite-difference step (default: {DEFAULT_EPS:.3g}, the cube "
                             "root of float64's precision, where rounding and truncation "
                             "errors balance)")
    parser.add_argument("--sample", type=whole_number(1), default=None, metavar="K",
                        help=f"check at most K randomly chosen entries per array, seeded by "
                             f"--seed (default: every entry when the net has at most "
                             f"{SAMPLE_ALL_UP_TO} parameters, else {DEFAULT_SAMPLE})")


def run(args):
    trainer = make_trainer(args)
    trainer.run(args.updates)
    net, data = trainer.network, trainer.dataset
    sample = args.sample
    if sample is None and net.parameter_count() > SAMPLE_ALL_UP_TO:
        sample = DEFAULT_SAMPLE
    entries = sum(min(a.size, sample or a.size) for l in range(1, net.L + 1)
                  for a in (net.W[l], net.b[l]))
    if sys.stderr.isatty() and entries * data.m_train > LONG_CHECK:
        print(f"checking {entries} entries, two forward passes over {data.m_train} examples "
              f"each; --sample K checks fewer...", file=sys.stderr, flush=True)
    checks = gradient_check(net, data.X_train, data.Y_train, l2=trainer.l2, eps=args.eps,
                            max_per_array=sample, seed=args.seed)
    print(describe(trainer))
    print(f"checked  after {trainer.update_count} updates, on {data.m_train} training "
          f"examples, eps = {args.eps:.3g}")
    print()
    print(report(checks))
    return 0 if all(c.passed for c in checks) else 1


def report(checks):
    """The table of ArrayChecks, a note on kink skips if there were any, and a verdict."""
    show_kinks = any(c.skipped_kinks for c in checks)
    header = (f"{'array':<7}{'shape':>10}{'checked':>9}{'max |diff|':>12}"
              f"{'rel. error':>12}  result" + ("  kink skips" if show_kinks else ""))
    lines = [header, "-" * len(header)]
    for c in checks:
        shape = "(" + ", ".join(str(s) for s in c.shape) + ")"
        line = (f"{c.name:<7}{shape:>10}{c.checked:>9}{c.max_abs_diff:>12.2e}"
                f"{c.relative_error:>12.2e}  {'PASS' if c.passed else 'FAIL':<6}")
        if show_kinks:
            line += f"  {c.skipped_kinks:>10}"
        lines.append(line.rstrip())
    lines.append("")
    if show_kinks:
        lines.append("kink skips: entries left out because p + eps and p - eps put some Z on "
                     "opposite sides of a ReLU's corner at 0, where a finite difference is "
                     "no derivative.")
    failed = [c.name for c in checks if not c.passed]
    if failed:
        lines.append(f"FAIL: {', '.join(failed)} relative error >= {PASS_THRESHOLD:g}; "
                     "backprop does not match the numerical gradient.")
    else:
        lines.append(f"PASS: all {len(checks)} arrays have relative error < {PASS_THRESHOLD:g}.")
    return "\n".join(lines)
