"""Save how a screenshot looks with each common colour vision deficiency.

    python scripts/simulate_colour_vision.py SHOT.png [OUT_FOLDER]

writes SHOT-protanopia.png, SHOT-deuteranopia.png and SHOT-tritanopia.png (Machado et
al. 2009, gui/colour_vision.py) beside SHOT.png or into OUT_FOLDER, and prints, for the
colour pairs that carry meaning in the app, their smallest difference (CIE76) and the
vision it is smallest for."""
import sys
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gui import theme
from gui.colour_vision import KINDS, simulate, worst_delta_e

PAIRS = (("class 0 / class 1", *theme.CLASS_COLORS),
         ("negative / positive weight", theme.NEGATIVE_WEIGHT, theme.POSITIVE_WEIGHT),
         ("pass / fail", theme.PASS_TINT, theme.FAIL_TINT),
         ("train / test", theme.TRAIN_COLOR, theme.TEST_COLOR))


def read_rgb(path):
    image = QImage(str(path))
    if image.isNull():
        raise SystemExit(f"cannot read {path} as an image")
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(height, stride)
    return rows[:, : width * 3].reshape(height, width, 3).copy()


def write_rgb(rgb, path):
    rgb = np.ascontiguousarray(rgb)
    height, width, _ = rgb.shape
    image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    if not image.save(str(path)):
        raise SystemExit(f"cannot write {path}")


def main(argv):
    if not argv or len(argv) > 2:
        raise SystemExit(__doc__)
    shot = Path(argv[0])
    folder = Path(argv[1]) if len(argv) > 1 else shot.parent
    folder.mkdir(parents=True, exist_ok=True)
    rgb = read_rgb(shot)
    for kind in KINDS:
        out = folder / f"{shot.stem}-{kind}.png"
        write_rgb(simulate(rgb, kind), out)
        print(f"saved {out}")
    for name, a, b in PAIRS:
        difference, vision = worst_delta_e(a, b)
        print(f"{name:28s} {a} {b}  smallest difference {difference:5.1f} ({vision})")


if __name__ == "__main__":
    main(sys.argv[1:])
