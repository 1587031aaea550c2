"""Backprop Lab's entry point: the window with no command, a headless command with one.

    backprop-lab                          open the window
    backprop-lab --screenshot out.png     window options go to gui.app
    backprop-lab train --layers 2,8,8,1   train, gradcheck and step run without Qt

Qt is imported only on the window's path, so the commands work where it is not installed.
"""
import os
import sys


def main(argv=None):
    """Dispatch argv (default: sys.argv[1:]); returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # A first word that is no option is a command, or a mistyped one: the command
    # parser names the allowed commands. -h/--help alone lists the commands too.
    if argv and (not argv[0].startswith("-") or argv in (["-h"], ["--help"])):
        from cli.commands import main as run_command
        try:
            return run_command(argv)
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): stop quietly, not with a traceback.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    from gui.app import run_app
    return run_app(argv)


if __name__ == "__main__":
    sys.exit(main())
