"""What the paint scheduler (gui/controller.py) may ask of a view, and what it is told back."""


class View:
    """A widget the TrainingController paints. Inherit it beside the Qt class
    (``class CostPlot(QWidget, View)``) and override both methods.

    The controller calls them on the GUI thread: set_session whenever the worker starts a
    new model (or resets), then show_snapshot on a timer with the newest snapshot.
    """

    def set_session(self, session):
        """Forget everything shown; prepare for this SessionInfo. The next show_snapshot
        draws, whatever it was shown before."""
        raise NotImplementedError(f"{type(self).__name__} does not override set_session")

    def show_snapshot(self, snapshot, history) -> bool:
        """Show this Snapshot; history is the TrainingHistory the controller keeps.

        Returns True if it changed anything drawn, False (never None) if nothing it shows
        is new, for example the very snapshot it showed last. The scheduler counts only
        True as a painted frame, and a view that said False leaves the frame to another.
        """
        raise NotImplementedError(f"{type(self).__name__} does not override show_snapshot")
