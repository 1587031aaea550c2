"""The CSV work the data loader does off the GUI thread, and the choice it remembers."""

from dataclasses import dataclass

from engine.csv_reader import CsvTable, read_table
from engine.dataset import dataset_from_table


@dataclass(frozen=True)
class CsvChoice:
    """A CSV file as the user set it up: its path, label column (index), positive label
    (None: the labels are two classes as they are) and the table read from it, kept so
    that a new split or a new positive label needs no second read of the file."""

    path: str
    label_column: int
    positive_label: str | None
    table: CsvTable


def read_job(path, label_column):
    """A loader job that reads the whole file into a CsvTable, with progress."""
    def job(progress, should_stop):
        return read_table(path, label_column, progress=progress, should_stop=should_stop)
    return job


def split_job(table, positive_label, test_ratio, seed):
    """A loader job that makes a Dataset from a CsvTable: labels 0/1, split, standardised."""
    def job(_progress, _should_stop):
        return dataset_from_table(table, positive_label, test_ratio, seed)
    return job
