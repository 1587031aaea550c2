"""The headless commands: parse the command line and dispatch.

    backprop-lab train      train a model and report its cost and accuracy
    backprop-lab gradcheck  compare backprop's gradients with finite differences
    backprop-lab step       run one update phase by phase and print every value it touches
    backprop-lab graph      the computational graph of one example's loss, node by node
    backprop-lab lessons    list the lessons; --check trains each one's claim

Every bad option ends as one line on stderr ("backprop-lab train: error: ...") and
exit status 2; a run whose cost diverges ends with exit status 1. So does everything
else that can end a command early, never with a traceback: Ctrl+C (130), SIGTERM (143),
an output that is full or closed, and running out of memory (1).
No Qt here: main.py imports this package only for the commands above.
"""
import argparse
import errno
import os
import signal
import sys
from contextlib import contextmanager

from engine.config import ConfigError
from engine.errors import DatasetError
from engine.trainer import TrainingDiverged

from . import gradcheck, graph, lessons, step, train
from .options import PROG, OneLineParser, UsageError, add_model_options

INTERRUPTED = 128 + signal.SIGINT    # what a shell reports for a program ended by Ctrl+C
TERMINATED = 128 + signal.SIGTERM


class Terminated(BaseException):
    """SIGTERM, raised where the command is, like KeyboardInterrupt for SIGINT, so that
    it unwinds (the progress bar wipes itself) and ends as one line. A BaseException,
    so that no `except Exception` on the way turns it into an ordinary error."""


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
    for module in (train, gradcheck, step, graph, lessons):
        sub = commands.add_parser(
            module.NAME, help=module.SUMMARY, description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_options(sub)
        if getattr(module, "USES_MODEL_OPTIONS", True):
            add_model_options(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv=None):
    """Run a command; returns the exit status (0 ok, 1 failed, diverged, out of memory or
    output lost, 2 bad options, 130 Ctrl+C, 143 SIGTERM)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    prog = PROG
    try:
        with _sigterm_raises():
            try:
                args, unknown = parser.parse_known_args(argv)
            except SystemExit as done:  # --help
                _flush_output()
                return done.code or 0
            prog = f"{PROG} {args.command}"
            if unknown:
                raise UsageError(f"unrecognized arguments: {' '.join(unknown)}")
            status = args.run(args)
            _flush_output()
            return status
    except UsageError as error:
        message = error.args[0]
        prog = error.args[1] if len(error.args) > 1 else prog
    except (ConfigError, DatasetError) as error:
        message = str(error)
    except TrainingDiverged as error:
        return _say(prog, str(error), 1)
    except KeyboardInterrupt:
        return _say(prog, "stopped by Ctrl+C", INTERRUPTED)
    except Terminated:
        return _say(prog, "stopped by SIGTERM", TERMINATED)
    except MemoryError as error:
        detail = f" ({error})" if str(error) else ""
        return _say(prog, f"out of memory{detail}; try fewer examples or smaller layers", 1)
    except OSError as error:
        if not _is_output_error(error):
            raise
        _discard_output()
        reason = ("the output was closed before all of it was written"
                  if error.errno == errno.EPIPE else
                  f"could not write the output: {error.strerror or error}")
        return _say(prog, reason, 1)
    return _say(prog, f"error: {message}", 2)


def _say(prog, message, status):
    """One line on stderr; returns status. A stderr that cannot be written to is let be."""
    try:
        print(f"{prog}: {_one_line(message)}", file=sys.stderr, flush=True)
    except OSError:
        pass
    return status


def _one_line(text):
    return " ".join(text.split())


@contextmanager
def _sigterm_raises():
    """SIGTERM raises Terminated while the command runs (only the main thread can set
    a handler; anywhere else the default, ending the process at once, stays)."""
    def terminated(signum, frame):
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, terminated)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _flush_output():
    """Write what is still buffered now, so that a full disk or a closed pipe is met
    here, as an OSError, rather than at interpreter exit as a traceback."""
    sys.stdout.flush()


def _is_output_error(error):
    return isinstance(error, BrokenPipeError) or error.errno in (
        errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE)


def _discard_output():
    """Point stdout at /dev/null, so that the buffered text that could not be written
    is not tried (and failed) again when Python exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
