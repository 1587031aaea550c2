"""Two arrangements of the window's docks: Train (every view at once; the loss surface as
a tab behind the decision boundary) and Step (the stepper large, the network beside it,
the other views and the controls as tabs).

Each remembers how the user left it: switching away saves the dock state, switching
back restores it. The first time, a default arrangement is built for the window's size.
"""
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer

TRAIN, STEP = "train", "step"
LAYOUTS = (TRAIN, STEP)

# Share of the window's width and height in each default arrangement.
TRAIN_COLUMNS = (0.30, 0.40, 0.30)     # the three view columns (boundary widest)
TRAIN_ROWS = (0.50, 0.50)              # the top and the bottom row of views
STEP_COLUMNS = (0.62, 0.38)            # the stepper, then the network and the tabs
STEP_ROWS = (0.45, 0.55)               # the network over the tabs (two-plot views need height)


class WindowLayouts:
    """Arranges `controls` (a dock) and the view docks of `window` in one of LAYOUTS.

    docks: dict title -> QDockWidget with the titles of main_window.VIEWS."""

    def __init__(self, window, controls, docks):
        self.window = window
        self.controls = controls
        self.docks = docks
        self.current = None
        self._saved = {}
        self._size_to_keep = None

    def switch_to(self, name):
        """Show layout `name`, as the user left it or, the first time, the default."""
        if name not in LAYOUTS:
            raise ValueError(f"unknown layout {name!r}; the layouts are {', '.join(LAYOUTS)}")
        if name == self.current:
            return
        if self.current is not None:
            self._saved[self.current] = self.window.saveState()
        self.current = name
        size = self.window.size()
        state = self._saved.get(name)
        if state is None or not self.window.restoreState(state):
            self._arrange_default(name)
            # The sizes once the window has its final size (the first time it is shown).
            QTimer.singleShot(0, self._size_default)
        # Docks moved into a new arrangement ask for their preferred sizes, which can
        # make a shown window grow past its screen: it keeps the size it had, once the
        # new arrangement has settled. (Before it is shown, the window is sized after.)
        if self.window.isVisible():
            self._size_to_keep = size
            self.window.resize(size)
            QTimer.singleShot(0, self._keep_size)

    def _keep_size(self):
        if self.window.size() != self._size_to_keep:
            self.window.resize(self._size_to_keep)
            self._size_default()

    def other(self):
        return STEP if self.current == TRAIN else TRAIN

    # --- the default arrangements ----------------------------------------------------

    def _arrange_default(self, name):
        w, d = self.window, self.docks
        for dock in (self.controls, *d.values()):
            dock.show()
        if name == TRAIN:
            w.addDockWidget(Qt.LeftDockWidgetArea, self.controls)
            top = [d["Cost"], d["Decision boundary"], d["Sigmoid outputs"]]
            bottom = [d["Gradient magnitudes"], d["Network"], d["Step through"]]
            w.addDockWidget(Qt.RightDockWidgetArea, top[0])
            for left, right in pairwise(top):
                w.splitDockWidget(left, right, Qt.Horizontal)
            for upper, lower in zip(top, bottom):
                w.splitDockWidget(upper, lower, Qt.Vertical)
            w.tabifyDockWidget(d["Decision boundary"], d["Loss surface"])
            d["Decision boundary"].raise_()
        else:
            stepper, network = d["Step through"], d["Network"]
            tabs = [d["Decision boundary"], d["Loss surface"], d["Sigmoid outputs"], d["Cost"],
                    d["Gradient magnitudes"], self.controls]
            w.addDockWidget(Qt.RightDockWidgetArea, stepper)
            w.splitDockWidget(stepper, network, Qt.Horizontal)
            w.splitDockWidget(network, tabs[0], Qt.Vertical)
            for dock in tabs[1:]:
                w.tabifyDockWidget(tabs[0], dock)
            tabs[0].raise_()

    def _size_default(self):
        """Share out the window's room as the default arrangement of the current layout
        says: the controls keep their own width, the views get the rest."""
        w, d = self.window, self.docks
        width, height = w.width(), w.height()
        if self.current == TRAIN:
            controls = self.controls.minimumSizeHint().width()
            rest = max(width - controls, 1)
            top = [d["Cost"], d["Decision boundary"], d["Sigmoid outputs"]]
            w.resizeDocks([self.controls], [controls], Qt.Horizontal)
            w.resizeDocks(top, [int(rest * share) for share in TRAIN_COLUMNS], Qt.Horizontal)
            for upper, lower in ((d["Cost"], d["Gradient magnitudes"]),
                                 (d["Decision boundary"], d["Network"]),
                                 (d["Sigmoid outputs"], d["Step through"])):
                w.resizeDocks([upper, lower], [int(height * s) for s in TRAIN_ROWS],
                              Qt.Vertical)
        else:
            w.resizeDocks([d["Step through"], d["Network"]],
                          [int(width * share) for share in STEP_COLUMNS], Qt.Horizontal)
            w.resizeDocks([d["Network"], d["Decision boundary"]],
                          [int(height * share) for share in STEP_ROWS], Qt.Vertical)
