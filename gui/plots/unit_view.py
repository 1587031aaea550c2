"""One hidden unit's picture, large, in the decision-boundary view: which unit, what the
view then says, and the picture itself made as large as the boundary's grid.

The worker computes each unit's a over a coarse grid of the plane (engine/unit_pictures.py,
every k-th point of the boundary's grid); here it is interpolated linearly to the fine
grid only so that the large picture is not drawn in blocks: every value at a coarse
point is exactly the unit's.
"""
import numpy as np

from engine.activations import ACTIVATIONS
from gui.plots.unit_levels import activation_colormap, activation_levels


def upsample(picture, resolution):
    """A (resolution, resolution) array bilinearly interpolated from picture (s, s), both
    spanning the same extent corner to corner."""
    picture = np.asarray(picture, dtype=np.float32)
    s = picture.shape[0]
    if s == resolution:
        return picture
    t = np.linspace(0.0, s - 1.0, resolution)
    i0 = np.minimum(np.floor(t).astype(int), s - 2)
    f = (t - i0).astype(np.float32)
    rows = picture[i0] * (1 - f)[:, None] + picture[i0 + 1] * f[:, None]
    return rows[:, i0] * (1 - f)[None, :] + rows[:, i0 + 1] * f[None, :]


def unit_title(layer, unit, kind):
    """The words over a unit's large picture (unit 0-based, shown 1-based)."""
    return f"Layer {layer}, unit {unit + 1}: a = {ACTIVATIONS[kind].formula}"


def short_label(kind):
    """'leaky ReLU' for 'leaky_relu': the activation's name as people write it."""
    return ACTIVATIONS[kind].label.split(" (")[0]


class UnitFocus:
    """The hidden unit whose picture the view shows, (layer, unit), or None for the
    output's P(y = 1), the decision boundary."""

    def __init__(self):
        self.unit = None

    def choose(self, session, layer, unit):
        """Show hidden unit `unit` of `layer`; the output layer (or any unit the session
        has no picture of) means the boundary. Returns whether the choice changed."""
        L = len(session.layer_sizes) - 1 if session is not None else 0
        valid = (session is not None and session.grid is not None and 1 <= layer < L and
                 0 <= unit < session.layer_sizes[layer])
        chosen = (layer, unit) if valid else None
        changed = chosen != self.unit
        self.unit = chosen
        return changed

    def kind(self, session):
        return session.activations[self.unit[0] - 1]

    def title(self, session):
        layer, unit = self.unit
        return unit_title(layer, unit, self.kind(session))

    def caption(self, session):
        layer, unit = self.unit
        kind = self.kind(session)
        return (f"layer {layer}, unit {unit + 1}: a = {ACTIVATIONS[kind].formula} over the "
                f"plane, on the scale of {short_label(kind)} (the key). Click the output unit in the network, or "
                "Back, for P(y = 1).")

    def colormap(self, session, full):
        """The colour map of the unit's activation, made from the probability map full."""
        return activation_colormap(self.kind(session), full)

    def picture(self, snapshot, session):
        """(image (r, r) float32, levels) of the unit in this snapshot, or None when
        the snapshot has no pictures of it."""
        pictures = snapshot.unit_pictures
        layer, unit = self.unit
        if len(pictures) < layer or unit >= pictures[layer - 1].shape[0]:
            return None
        kind = self.kind(session)
        levels = activation_levels(kind, pictures[layer - 1])
        image = upsample(pictures[layer - 1][unit], session.grid_resolution)
        return image, levels
