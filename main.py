"""Backprop Lab's entry point: the window with no command, a headless command with one.

    backprop-lab                          open the window
    backprop-lab --screenshot out.png     window options go to gui.app
    backprop-lab train --layers 2,8,8,1   train, gradcheck and step run without Qt

Qt is imported only on the window's path, so the commands work where it is not installed.
"""
import sys


def main(argv=None):
    """Dispatch argv (default: sys.argv[1:]); returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # A first word that is no option is a command, or a mistyped one: the command
    # parser names the allowed commands. -h/--help alone lists the commands too.
    if argv and (not argv[0].startswith("-") or argv in (["-h"], ["--help"])):
        try:
            from cli.commands import main as run_command
        except KeyboardInterrupt:
            # Ctrl+C while NumPy was still loading; after that the command handles it.
            print("backprop-lab: stopped by Ctrl+C", file=sys.stderr)
            return 130
        return run_command(argv)
    from gui.app import run_app
    try:
        return run_app(argv)
    except KeyboardInterrupt:
        # Ctrl+C while Qt and the window were still loading, before gui/app.py takes
        # over SIGINT: there is nothing to save yet.
        return 130


if __name__ == "__main__":
    sys.exit(main())
