"""Starting the window: options, the QApplication, and the --screenshot mode."""
import argparse
import os
import sys

from cli.options import UsageError, add_model_options
from engine.config import ConfigError
from engine.errors import DatasetError

from .start_options import StartError, start_settings
from .window_layouts import LAYOUTS, TRAIN

APP_POINT_SIZE = 11
SCREENSHOT_SIZE = "1600x1000"


def parse_options(argv):
    parser = argparse.ArgumentParser(
        prog="backprop-lab",
        description="Opens the Backprop Lab window. Headless commands: train, gradcheck, step "
                    "(see 'python main.py train --help'). The data, network and gradient "
                    "descent options set what the window starts with (CSV files are opened "
                    "in the window).")
    parser.add_argument("--screenshot", metavar="FILE",
                        help="train --updates updates without showing the window, save a PNG "
                             "of the whole window to FILE and exit (for slides)")
    parser.add_argument("--updates", type=int, metavar="N",
                        help="with --screenshot: how many updates to train first (default "
                             "500, or 0 with --phases: the phases of the first update)")
    parser.add_argument("--phases", type=int, default=0, metavar="K",
                        help="with --screenshot: then step K phases one at a time (default 0), "
                             "so that the stepper shows the K-th phase: one slide per phase")
    parser.add_argument("--layout", choices=LAYOUTS, default=TRAIN,
                        help="the layout to open in: train (every view) or step (the "
                             "stepper large); L switches in the window (default train)")
    parser.add_argument("--size", metavar="WxH",
                        help="window size in pixels (default: most of the screen; "
                             f"{SCREENSHOT_SIZE} with --screenshot)")
    add_model_options(parser)
    options = parser.parse_args(argv)
    options.width = options.height = None
    if options.size is not None or options.screenshot:
        size = options.size or SCREENSHOT_SIZE
        try:
            w, h = (int(v) for v in size.lower().split("x"))
            if not (400 <= w <= 8000 and 300 <= h <= 8000):
                raise ValueError
        except ValueError:
            parser.error(f"--size must look like 1600x1000 (400..8000 wide, 300..8000 high), "
                         f"got {options.size!r}")
        options.width, options.height = w, h
    if options.updates is None:
        options.updates = 0 if options.phases else 500
    if options.updates < 0:
        parser.error(f"--updates must be 0 or more, got {options.updates}")
    if options.phases < 0:
        parser.error(f"--phases must be 0 or more, got {options.phases}")
    try:
        options.start = start_settings(options)
    except (StartError, UsageError, ConfigError, DatasetError) as error:
        parser.error(str(error.args[0]) if error.args else str(error))
    return options


def run_app(argv=None):
    """Open the window (or take a screenshot); returns the exit status.

    Every way out ends here with the worker stopped: Ctrl+Q and the close button (the
    window's closeEvent), SIGINT and SIGTERM (QuitOnSignals), and the X11 window being
    destroyed by another program (X11WindowWatch)."""
    options = parse_options(sys.argv[1:] if argv is None else argv)
    if options.screenshot and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtWidgets import QApplication

    from .gui_thread_gc import collect_on_gui_thread
    from .main_window import MainWindow
    from .quit_signals import QuitOnSignals
    from .screen_fit import fitted_geometry
    from .screenshot import ScreenshotTaker
    from .theme import configure_pyqtgraph
    from .x11_window_watch import X11WindowWatch

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Backprop Lab")
    font = app.font()
    font.setPointSize(APP_POINT_SIZE)
    app.setFont(font)
    configure_pyqtgraph()
    collect_on_gui_thread()   # never on the training thread, with Qt objects in the garbage
    windows = []

    def quit_now(*_):
        # Close the window as Ctrl+Q does, then end every event loop, a modal dialog's too.
        for window in windows:
            window.close()
        app.quit()

    # Before the window is built, so that Ctrl+C while it is being built quits too.
    signals = QuitOnSignals(quit_now)
    window = MainWindow(options.start)
    windows.append(window)
    app.aboutToQuit.connect(window.shut_down)
    window.show_layout(options.layout)
    if options.width is None:
        window.open_at(fitted_geometry(window.screen().availableGeometry()))
    else:
        window.open_at(QRect(window.pos(), QSize(options.width, options.height)))
    watch = None
    if app.platformName() == "xcb":
        watch = X11WindowWatch(window, quit_now)
        app.installNativeEventFilter(watch)
    if options.screenshot:
        taker = ScreenshotTaker(window, options.screenshot, options.updates, options.phases)
        taker.start()
    status = app.exec()
    if options.screenshot:
        status = status or taker.status
    # Still with the signal handlers in place: a second Ctrl+C must not interrupt this.
    if not window.shut_down():
        # The worker is still inside one NumPy call that cannot be interrupted (a whole
        # update or a snapshot of a very large model; it stops between updates). Nothing
        # of it needs keeping, and letting Python destroy a QThread that still runs
        # aborts the process, so end it here, now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    if watch is not None:
        app.removeNativeEventFilter(watch)
    signals.uninstall()
    return status
