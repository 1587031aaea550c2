"""Hover text of the network diagram: a node's z and a for the selected example (and its
dZ while stepping backward), an edge's weight (and its dW or step while stepping)."""
import numpy as np
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip

HOVER_NODE_PX = 14
HOVER_EDGE_PX = 5


class DiagramHover:
    """Mixed into NetworkDiagram, whose laid-out nodes and edges it reads."""

    def node_tooltip(self, l, unit):
        """Text about unit `unit` (0-based) of layer l for the selected example."""
        s, snap = self._session, self._snapshot
        n = s.layer_sizes[l]
        kind = self._kinds[l]
        if l == 0:
            name = s.feature_names[unit] if unit < len(s.feature_names) else f"x{unit + 1}"
            head = f"input layer, feature {unit + 1} of {n}: {name}"
        else:
            role = "output layer" if l == len(s.layer_sizes) - 1 else f"hidden layer {l}"
            head = f"{role}, unit {unit + 1} of {n}, activation {kind}"
        lines = [head]
        if snap is None:
            return head
        a = float(snap.example_A[l][unit])
        lines.append(f"training example #{snap.example_index}")
        if l > 0:
            W, b = snap.W[l - 1], snap.b[l - 1]
            with np.errstate(all="ignore"):
                z = float(W[unit] @ snap.example_A[l - 1] + b[unit, 0])
            lines.append(f"z = {z:.4g}")
            lines.append(f"a = {kind}(z) = {a:.4g}")
        else:
            lines.append(f"a = x = {a:.4g} (standardised)")
        picture = self._picture
        if picture is not None and picture.signed_nodes and picture.nodes[l] is not None:
            lines.append(f"dZ[{l}] in this update (column {picture.column + 1} of the batch)"
                         f" = {float(picture.nodes[l][unit]):.4g}")
        lines.append(f"colour: {self.scale_text(kind)}")
        return "\n".join(lines)

    def edge_tooltip(self, k):
        """Text about edge k (an index into the laid-out edges) in the last snapshot."""
        s, snap = self._session, self._snapshot
        l = int(self._edge_layer[k])
        flat = int(self._edge_flat[k])
        j, i = divmod(flat - int(self._layer_offsets[l - 1]), s.layer_sizes[l - 1])
        w = float(snap.W[l - 1][j, i])
        text = (f"W[{l}] row {j + 1}, column {i + 1} = {w:.4g}\n"
                f"from {self._kinds[l - 1]} unit {i + 1} of layer {l - 1} "
                f"to {self._kinds[l]} unit {j + 1} of layer {l}")
        picture = self._picture
        if picture is not None and picture.edge_symbol != "w" and picture.edges[l - 1] is not None:
            value = float(np.asarray(picture.edges[l - 1])[j, i])
            text += f"\n{picture.edge_symbol} = {value:.4g}"
        return text

    def node_at(self, x, y, px_w, px_h):
        """(layer, unit) of the node at view point (x, y), or None."""
        nx = (np.concatenate(self._node_x) - x) / px_w
        ny = (np.concatenate(self._node_y) - y) / px_h
        d = np.hypot(nx, ny)
        k = int(np.argmin(d))
        if d[k] <= max(HOVER_NODE_PX, self._node_size / 2):
            return self._node_ids[k]
        return None

    def tooltip_at(self, x, y, px_w, px_h):
        """Tooltip for view point (x, y), given one pixel's size in view units; "" if none."""
        if self._session is None:
            return ""
        node = self.node_at(x, y, px_w, px_h)
        if node is not None:
            return self.node_tooltip(*node)
        if self._snapshot is None or self._drawn_edges.size == 0:
            return ""
        e = self._edge_ends[self._drawn_edges]
        ax, ay = (e[:, 0] - x) / px_w, (e[:, 1] - y) / px_h
        bx, by = (e[:, 2] - x) / px_w, (e[:, 3] - y) / px_h
        dx, dy = bx - ax, by - ay
        # Distance in pixels from the mouse (the origin here) to each segment a-b.
        t = np.clip(-(ax * dx + ay * dy) / np.maximum(dx * dx + dy * dy, 1e-12), 0.0, 1.0)
        dist = np.hypot(ax + t * dx, ay + t * dy)
        k = int(np.argmin(dist))
        if dist[k] <= HOVER_EDGE_PX:
            return self.edge_tooltip(int(self._drawn_edges[k]))
        return ""

    def _on_mouse_moved(self, scene_pos):
        if self._session is None or not self._view.sceneBoundingRect().contains(scene_pos):
            QToolTip.hideText()
            return
        p = self._view.mapSceneToView(scene_pos)
        px_w, px_h = self._view.viewPixelSize()
        text = self.tooltip_at(p.x(), p.y(), px_w, px_h)
        if text:
            QToolTip.showText(QCursor.pos(), text, self._canvas)
        else:
            QToolTip.hideText()
