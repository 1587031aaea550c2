"""The headless commands: parse the command line and dispatch.

    backprop-lab train      train a model and report its cost and accuracy
    backprop-lab gradcheck  compare backprop's gradients with finite differences
    backprop-lab step       run one update phase by phase and print every value it touches

Every bad option ends as one line on stderr ("backprop-lab train: error: ...") and
exit status 2; a run whose cost diverges ends with exit status 1.
No Qt here: main.py imports this package only for the commands above.
"""
import argparse
import sys

from engine.config import ConfigError
from engine.errors import DatasetError
from engine.trainer import TrainingDiverged

from . import gradcheck, step, train
from .options import PROG, OneLineParser, UsageError, add_model_options


def build_parser():
    parser = OneLineParser(
        prog=PROG,
        description="Backprop Lab: watch a neural-network binary classifier learn by gradient "
                    "descent and backpropagation. Without a command it opens the window; the "
                    "commands below run without it.",
        epilog=f"Run '{PROG} COMMAND --help' for a command's options. The window itself "
               f"takes --screenshot FILE [--updates N] [--size WxH]: train N updates, save "
               f"a PNG of the whole window and exit.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (train, gradcheck, step):
        sub = commands.add_parser(
            module.NAME, help=module.SUMMARY, description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_options(sub)
        add_model_options(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv=None):
    """Run a command; returns the exit status (0 ok, 1 failed or diverged, 2 bad options)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    prog = PROG
    try:
        try:
            args, unknown = parser.parse_known_args(argv)
        except SystemExit as done:  # --help
            return done.code or 0
        prog = f"{PROG} {args.command}"
        if unknown:
            raise UsageError(f"unrecognized arguments: {' '.join(unknown)}")
        return args.run(args)
    except UsageError as error:
        message = error.args[0]
        prog = error.args[1] if len(error.args) > 1 else prog
    except (ConfigError, DatasetError) as error:
        message = str(error)
    except TrainingDiverged as error:
        print(f"{prog}: {_one_line(str(error))}", file=sys.stderr)
        return 1
    print(f"{prog}: error: {_one_line(message)}", file=sys.stderr)
    return 2


def _one_line(text):
    return " ".join(text.split())
