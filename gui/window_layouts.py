"""Two arrangements of the window's docks: Train (every view at once; the loss surface as
a tab behind the decision boundary; on a small screen fewer cells with more tabs) and Step
(the stepper large, the network beside it, the other views and the controls as tabs).

Each remembers how the user left it: switching away saves the dock state, switching
back restores it. The first time, a default arrangement is built for the window's size.
"""
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer

from . import theme

TRAIN, STEP = "train", "step"
LAYOUTS = (TRAIN, STEP)

# The Train layout's view columns, each a list of cells from top to bottom, each cell
# the views tabbed in it (the first one in front). Every view at once on a screen of
# 1366x768 or more; on a smaller one (what 1920x1080 gives under QT_SCALE_FACTOR 1.5 or
# 2) fewer cells with more tabs, so that no view is squeezed below what it needs.
TRAIN_CELLS = (
    (("Cost",), ("Gradient magnitudes",)),
    (("Decision boundary", "Loss surface"), ("Network",)),
    (("Sigmoid outputs",), ("Step through",)),
)
COMPACT_TRAIN_CELLS = (
    (("Cost", "Gradient magnitudes", "Sigmoid outputs"), ("Network",)),
    (("Decision boundary", "Loss surface"), ("Step through",)),
)
TINY_TRAIN_CELLS = (
    (("Decision boundary", "Loss surface", "Cost", "Gradient magnitudes"),),
    (("Network", "Step through", "Sigmoid outputs"),),
)
# A window smaller than this (width, height) gets the compact, then the tiny cells.
COMPACT_BELOW = (1340, 730)
TINY_BELOW = (1100, 640)
# Share of the window's width and height in each default arrangement.
TRAIN_COLUMNS = (0.30, 0.40, 0.30)     # the three view columns (boundary widest)
STEP_COLUMNS = (0.62, 0.38)            # the stepper, then the network and the tabs
STEP_ROWS = (0.45, 0.55)               # the network over the tabs (two-plot views need height)
# The compact cells' upper row holds the tabs with two plots each (gradient magnitudes,
# sigmoid outputs): it gets the larger share of the height.
COMPACT_ROWS = (0.6, 0.4)


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
        self._train_cells = None      # the cells the default Train layout was built with

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

    def arrange_default(self):
        """The current layout's default arrangement, for the window's size and zoom now
        (presenter mode; leaving it restores the arrangement from before)."""
        self._arrange_default(self.current)
        self._size_default()

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
            w.removeDockWidget(dock)   # out of any tabs of an earlier arrangement
            dock.show()
        if name == TRAIN:
            cells = self._train_cells = train_cells(w.size())
            w.addDockWidget(Qt.LeftDockWidgetArea, self.controls)
            tops = [d[column[0][0]] for column in cells]
            w.addDockWidget(Qt.RightDockWidgetArea, tops[0])
            for left, right in pairwise(tops):
                w.splitDockWidget(left, right, Qt.Horizontal)
            for column in cells:
                for upper, lower in pairwise(column):
                    w.splitDockWidget(d[upper[0]], d[lower[0]], Qt.Vertical)
                for cell in column:
                    for title in cell[1:]:
                        w.tabifyDockWidget(d[cell[0]], d[title])
                    d[cell[0]].raise_()
        else:
            stepper, network = d["Step through"], d["Network"]
            tabs = [d["Decision boundary"], d["Loss surface"], d["Sigmoid outputs"], d["Cost"],
                    d["Gradient magnitudes"], self.controls]
            w.addDockWidget(Qt.RightDockWidgetArea, stepper)
            w.splitDockWidget(stepper, network, Qt.Horizontal)
            if train_cells(w.size()) == TINY_TRAIN_CELLS:
                tabs.insert(0, network)   # no height for it over the tabs: the first tab
            else:
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
            if train_cells(w.size()) != self._train_cells:
                # Built before the window had its size, for another size of screen.
                self._arrange_default(TRAIN)
            cells = self._train_cells
            controls = self.controls.minimumSizeHint().width()
            rest = max(width - controls, 1)
            tops = [d[column[0][0]] for column in cells]
            shares = TRAIN_COLUMNS if len(cells) == 3 else [1 / len(cells)] * len(cells)
            w.resizeDocks([self.controls], [controls], Qt.Horizontal)
            w.resizeDocks(tops, [int(rest * share) for share in shares], Qt.Horizontal)
            for column in cells:
                if len(column) > 1:
                    rows = (COMPACT_ROWS if cells == COMPACT_TRAIN_CELLS
                            else [1 / len(column)] * len(column))
                    w.resizeDocks([d[cell[0]] for cell in column],
                                  [int(height * share) for share in rows], Qt.Vertical)
        else:
            if (train_cells(w.size()) == TINY_TRAIN_CELLS) != self._network_tabbed():
                self._arrange_default(STEP)   # built for another size of screen
            w.resizeDocks([d["Step through"], d["Network"]],
                          [int(width * share) for share in STEP_COLUMNS], Qt.Horizontal)
            w.resizeDocks([d["Network"], d["Decision boundary"]],
                          [int(height * share) for share in STEP_ROWS], Qt.Vertical)

    def _network_tabbed(self):
        return self.docks["Network"] in self.window.tabifiedDockWidgets(self.docks["Cost"])


def train_cells(size):
    """The Train layout's cells for a window of QSize `size`, at the zoom there is (text
    twice as large needs the room of a screen twice as large)."""
    zoom = theme.zoom_level()
    width, height = size.width() / zoom, size.height() / zoom
    if width < TINY_BELOW[0] or height < TINY_BELOW[1]:
        return TINY_TRAIN_CELLS
    if width < COMPACT_BELOW[0] or height < COMPACT_BELOW[1]:
        return COMPACT_TRAIN_CELLS
    return TRAIN_CELLS
