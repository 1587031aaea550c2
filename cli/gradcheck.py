"""backprop-lab gradcheck: backprop's gradients against central finite differences."""
import sys

from engine.gradcheck import (
    COURSE_THRESHOLD,
    DEFAULT_EPS,
    NOISE_FACTOR,
    NOT_CHECKED,
    RELATIVE_TOLERANCE,
    gradient_check,
)

from .options import describe, make_trainer, real_number, whole_number

NAME = "gradcheck"
SUMMARY = "check backprop's gradients against finite differences"
DESCRIPTION = f"""\
Check that backpropagation computes the true gradient of the cost J.

For each parameter entry p (an entry of W[l] or b[l]) the numerical slope
    (J(p + eps) - J(p - eps)) / (2 eps)
is compared with backprop's dW[l] or db[l], on all training examples, in float64.

An entry passes when |numerical - backprop| is within what the finite difference can
resolve: {NOISE_FACTOR:g} x machine epsilon x |J| / eps for rounding (the "allowed" column),
plus {RELATIVE_TOLERANCE:g} x |backprop|. "worst" is the largest ratio of an entry's
difference to what it is allowed: an array passes when it is at most 1. The course's
whole-array relative error ||numerical - backprop|| / (||numerical|| + ||backprop||) is
shown too (below {COURSE_THRESHOLD:g} is the usual rule of thumb), but it is not the
verdict: for an array whose gradient is nearly 0 it measures rounding noise.

Exit status: 0 no array fails, 1 some array fails (or the cost diverged while
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
    return 1 if any(c.failed for c in checks) else 0


def report(checks):
    """The table of ArrayChecks, notes on skipped entries, and a verdict."""
    show_kinks = any(c.skipped_kinks for c in checks)
    header = (f"{'array':<7}{'shape':>10}{'checked':>9}{'max |diff|':>12}{'allowed':>10}"
              f"{'worst':>9}{'rel. error':>12}  result" + ("  kink skips" if show_kinks else ""))
    lines = [header, "-" * len(header)]
    for c in checks:
        shape = "(" + ", ".join(str(s) for s in c.shape) + ")"
        if c.checked:
            numbers = (f"{c.max_abs_diff:>12.2e}{c.tolerance:>10.1e}{c.worst_ratio:>9.2g}"
                       f"{c.relative_error:>12.2e}")
        else:
            numbers = f"{'-':>12}{'-':>10}{'-':>9}{'-':>12}"
        line = f"{c.name:<7}{shape:>10}{c.checked:>9}{numbers}  {c.status:<11}"
        if show_kinks:
            line += f"  {c.skipped_kinks:>5}"
        lines.append(line.rstrip())
    lines.append("")
    if show_kinks:
        lines.append("kink skips: entries left out because p + eps and p - eps put some Z on "
                     "opposite sides of a ReLU's corner at 0, where a finite difference is "
                     "no derivative.")
    failed = [c.name for c in checks if c.failed]
    unchecked = [c.name for c in checks if c.status == NOT_CHECKED]
    if unchecked:
        lines.append(f"not checked: {', '.join(unchecked)} (every entry was skipped at a "
                     "kink); try another --seed or --updates.")
    if failed:
        lines.append(f"FAIL: {', '.join(failed)} differ from the numerical gradient by more "
                     "than rounding allows; backprop is wrong there.")
    else:
        passed = sum(c.passed for c in checks)
        lines.append(f"PASS: every checked array ({passed} of {len(checks)}) agrees with the "
                     "numerical gradient within rounding.")
    return "\n".join(lines)
