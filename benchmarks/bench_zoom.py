"""What zooming costs the GUI thread: one look over the whole window by ZoomStyler.

    python benchmarks/bench_zoom.py [--repeats 30]

While zoomed (or in presenter mode) gui/zoom_styler.py looks at every plot item of the
window every RESTYLE_MS, to catch items a view made or set again, and at every widget
too when the level changes; it prints the median and slowest of each, and of a change
of zoom level (1x <-> 2x, with the window laid out again), in milliseconds. Runs offscreen unless DISPLAY is set.
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("BACKPROP_LAB_SETTINGS",
                      os.path.join(tempfile.mkdtemp(prefix="bench-zoom-"), "settings.ini"))

from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow
from gui.theme import configure_pyqtgraph
from gui.zoom_styler import RESTYLE_MS


def wait(app, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def timed(action, repeats, app):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
        app.processEvents()
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    repeats = parser.parse_args().repeats
    app = QApplication([sys.argv[0]])
    configure_pyqtgraph()
    window = MainWindow()
    window.resize(1920, 1080)
    window.show()
    wait(app, 3)
    window.worker.play()
    wait(app, 2)
    styler = window.zoom_styler
    print(f"plot items looked at every {RESTYLE_MS} ms while zoomed; ms (median, slowest)")
    for level in (1.0, 2.0):
        window.zoom.set_level(level)
        wait(app, 0.5)
        median, slowest = timed(styler._restyle_items, repeats, app)
        print(f"  the timer's look at {level:g}x:            {median:6.2f}  {slowest:6.2f}")
        median, slowest = timed(styler.restyle, repeats, app)
        print(f"  a whole look (widgets too) at {level:g}x:  {median:6.2f}  {slowest:6.2f}")
    levels = iter([1.0, 2.0] * repeats)
    median, slowest = timed(lambda: window.zoom.set_level(next(levels)), repeats, app)
    print(f"  change 1x <-> 2x (and its re-layout): {median:6.2f}  {slowest:6.2f}")
    window.zoom.reset()
    window.close()
    wait(app, 0.3)


if __name__ == "__main__":
    main()
