"""The drawing of a computational graph: labelled boxes in columns, arrows, part groups.

Made once per graph (set_graph); show_position() only changes each box's text and colours, from
the GraphPosition of the window's stepping.
"""
import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsPolygonItem,
    QGraphicsScene,
    QGraphicsTextItem,
    QGraphicsView,
)

from .graph_layout import groups, places
from .stepper.number_format import full_number

BOX_W, BOX_H = 142, 86
COLUMN_W, ROW_H = 166, 116
TEXT_POINTS = 10.5
GROUP_PAD, GROUP_TITLE = 10, 22
ARROW = 9
GROUP_TINTS = ("#e6effc", "#fcefe0", "#ececec", "#e4f3e4", "#f3e6f7")
NOT_REACHED, REACHED, PASSED = "#ffffff", "#fff6cc", "#d6e6f5"   # pale yellow, pale blue
CURRENT_PEN, EDGE, HOT_EDGE = "#d84315", "#8a8f98", "#d84315"


class GraphCanvas(QGraphicsView):
    """A QGraphicsView of one Graph, scaled to fit whatever room it has."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # the window's keys step, always
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.graph = None
        self.boxes, self.texts, self.edges = {}, {}, []

    def set_graph(self, graph):
        """Draw `graph` anew: groups, then arrows, then the boxes on top."""
        scene = self.scene()
        scene.clear()
        self.graph = graph
        self.boxes, self.texts, self.edges = {}, {}, []
        place = places(graph)
        centre = {name: QPointF(c * COLUMN_W + BOX_W / 2, r * ROW_H + BOX_H / 2)
                  for name, (c, r) in place.items()}
        for k, (title, names) in enumerate(groups(graph)):
            self._group(title, [centre[n] for n in names], GROUP_TINTS[k % len(GROUP_TINTS)])
        for node in graph.nodes:
            for name in node.inputs:
                self.edges.append((name, node.name, self._arrow(centre[name], centre[node.name])))
        for node in graph.nodes:
            rect = QRectF(centre[node.name].x() - BOX_W / 2, centre[node.name].y() - BOX_H / 2,
                          BOX_W, BOX_H)
            box = scene.addRect(rect, QPen(QColor("#5f6670"), 1.2), QBrush(QColor(NOT_REACHED)))
            box.setToolTip(f"{node.formula}\n{node.derivative}\n{node.note}".strip())
            text = QGraphicsTextItem(box)
            text.setTextWidth(BOX_W)
            text.setPos(rect.topLeft())
            text.setFont(QFont(self.font().family(), TEXT_POINTS))
            self.boxes[node.name], self.texts[node.name] = box, text
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-8, -8, 8, 8))
        self._fit()

    def show_position(self, position):
        """Each node's text and colour at `position` (a GraphPosition of this graph)."""
        if self.graph is None:
            return
        for node in self.graph.nodes:
            view = position.node_view(node)
            value = "\u00b7" if view.value is None else "= " + full_number(view.value + 0.0)
            grad = "" if view.grad is None else f"grad {full_number(view.grad + 0.0)}"
            self.texts[node.name].setHtml(
                f"<div align='center'><b>{node.name}</b><br>"
                f"<span style='color:#5a5f66'>{node.op}</span><br>{value}<br>"
                f"<span style='color:#003f66'>{grad}</span></div>")
            fill = PASSED if view.grad is not None else (
                REACHED if view.value is not None and not node.is_input else NOT_REACHED)
            box = self.boxes[node.name]
            box.setBrush(QBrush(QColor(fill)))
            box.setPen(QPen(QColor(CURRENT_PEN), 3.5) if view.current else
                       QPen(QColor("#5f6670"), 1.2))
        current = position.current.node.name if position.current else None
        for source, target, items in self.edges:
            hot = target == current
            colour = QColor(HOT_EDGE if hot else EDGE)
            for item in items:
                if isinstance(item, QGraphicsPolygonItem):
                    item.setBrush(QBrush(colour))
                item.setPen(QPen(colour, 2.4 if hot else 1.3))

    def _group(self, title, centres, tint):
        left = min(p.x() for p in centres) - BOX_W / 2 - GROUP_PAD
        right = max(p.x() for p in centres) + BOX_W / 2 + GROUP_PAD
        top = min(p.y() for p in centres) - BOX_H / 2 - GROUP_PAD - GROUP_TITLE
        bottom = max(p.y() for p in centres) + BOX_H / 2 + GROUP_PAD
        self.scene().addRect(QRectF(left, top, right - left, bottom - top),
                             QPen(QColor(tint).darker(125), 1), QBrush(QColor(tint)))
        # Made by the scene, which owns it: a Python-made item would die with its name.
        label = self.scene().addText(title, QFont(self.font().family(), 11, QFont.Weight.Bold))
        label.setPos(left + 4, top - 2)

    def _arrow(self, start, end):
        """A line from box to box, ending in a head at the target's edge."""
        a = _edge_point(start, end)
        b = _edge_point(end, start)
        shaft = self.scene().addLine(QLineF(a, b), QPen(QColor(EDGE), 1.3))
        angle = math.atan2(b.y() - a.y(), b.x() - a.x())
        head = QPolygonF([b, b - QPointF(math.cos(angle - 0.4), math.sin(angle - 0.4)) * ARROW,
                          b - QPointF(math.cos(angle + 0.4), math.sin(angle + 0.4)) * ARROW])
        tip = self.scene().addPolygon(head, QPen(QColor(EDGE)), QBrush(QColor(EDGE)))
        return (shaft, tip)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()

    def _fit(self):
        if self.scene().items():
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


def _edge_point(centre, toward):
    """Where the line from `centre` toward `toward` leaves a box centred at `centre`."""
    dx, dy = toward.x() - centre.x(), toward.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    scale = min((BOX_W / 2) / abs(dx) if dx else math.inf,
                (BOX_H / 2) / abs(dy) if dy else math.inf)
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)
