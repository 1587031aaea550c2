"""The tiles of one PhaseRecord: what it read, what it wrote, what the update changed."""
import re

from engine.phases import UPDATE

from .array_tile import ArrayTile, ScalarTile
from .change_tile import ChangeTile

PER_EXAMPLE = re.compile(r"^(Y|d?[AZ]\[\d+\])$")


def is_per_example(name):
    """Arrays with one column per example of the batch: A, Z, dA, dZ and Y."""
    return bool(PER_EXAMPLE.match(name))


def make_tiles(record, column, zoom=1.0, width=1000):
    """[(section title, [tiles])] for a record; column: the followed example's column in
    its batch, or None; width: the pixels a row of tiles may take."""
    examples = record.examples

    def tile(name, values):
        if values.ndim == 0:
            note = (f"the mean loss over the m = {record.m} examples" if name == "J" else "")
            return ScalarTile(name, values, note)
        if is_per_example(name):
            return ArrayTile(name, values, column, examples, zoom, max_width=width)
        return ArrayTile(name, values, zoom=zoom, max_width=width)

    if record.kind == UPDATE:
        changed = [ChangeTile(name, record.reads[name], record.writes[name], zoom,
                              record.learning_rate, width)
                   for name in record.writes]
        used = [tile(name, v) for name, v in record.reads.items() if name not in record.writes]
        return [("Changed by the step (before → after)", changed),
                ("Read: the gradients of the backward phases", used)]
    return [("Read", [tile(name, v) for name, v in record.reads.items()]),
            ("Wrote", [tile(name, v) for name, v in record.writes.items()])]
