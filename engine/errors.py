"""The project's own error type for data that cannot be used."""


class DatasetError(ValueError):
    """Bad or unusable data, with a one-line message a user can act on.

    The message says what is wrong, where (file, row, column when they apply)
    and what is allowed, e.g.
    ``data.csv, row 7, column 'age': 'abc' is not a number; features must be numeric``.
    """


class LoadCancelled(Exception):
    """Reading data stopped because the user cancelled it; nothing was changed."""
