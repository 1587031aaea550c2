"""Where the graph window's stepping is: how many steps of a Walkthrough are done.

The steps are the forward sweep's (input nodes excepted: their values are given, so they
are known from the start) and then every node of the backward sweep, inputs included
(their step shows the gradient they have collected). No Qt: the window asks this what
each node shows.
"""
from dataclasses import dataclass

START, FORWARD, BACKWARD, DONE = "start", "forward", "backward", "done"


@dataclass(frozen=True)
class NodeView:
    """What one node shows at the current position."""

    value: float | None   # None until the forward sweep reaches it
    grad: float | None    # None until the backward sweep has passed it
    current: bool         # the node of the step just taken


class GraphPosition:
    """Stepping through both sweeps of a Walkthrough, forward and back."""

    def __init__(self, walkthrough):
        self.walkthrough = walkthrough
        self.forward = tuple(s for s in walkthrough.forward if not s.node.is_input)
        self.backward = walkthrough.backward
        self.steps = self.forward + self.backward
        self.done = 0   # steps taken

    @property
    def end(self):
        return len(self.steps)

    @property
    def phase(self):
        if self.done == 0:
            return START
        if self.done <= len(self.forward):
            return FORWARD
        return BACKWARD if self.done < self.end else DONE

    @property
    def current(self):
        """The step just taken, or None at the start."""
        return self.steps[self.done - 1] if self.done else None

    @property
    def backward_done(self):
        return max(0, self.done - len(self.forward))

    def next(self):
        """One node on; returns whether it moved."""
        return self._go(min(self.done + 1, self.end))

    def back(self):
        """One node back; returns whether it moved."""
        return self._go(max(self.done - 1, 0))

    def run_sweep(self):
        """To the end of the sweep under way (the backward one once the forward is done)."""
        target = len(self.forward) if self.done < len(self.forward) else self.end
        return self._go(target)

    def to_start(self):
        return self._go(0)

    def _go(self, target):
        moved = target != self.done
        self.done = target
        return moved

    def node_view(self, node):
        """The NodeView of `node` (a Node of the walkthrough's graph) here."""
        reached = node.is_input or any(
            s.node is node for s in self.forward[:min(self.done, len(self.forward))])
        passed = any(s.node is node for s in self.backward[:self.backward_done])
        grads = self.walkthrough.grads
        current = self.current is not None and self.current.node is node
        return NodeView(self.walkthrough.values[node.name] if reached else None,
                        grads[node.name] if passed else None, current)
