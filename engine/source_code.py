"""The code of the engine's own functions, as the window and the `step` command show it."""
import ast
import inspect
import textwrap
from functools import cache


@cache
def code_of(function):
    """The source of function from its file, dedented, with its docstring left out.

    Read from the running code itself, so what is shown is what runs."""
    text = textwrap.dedent(inspect.getsource(function))
    definition = ast.parse(text).body[0]
    first = definition.body[0]
    lines = text.splitlines()
    if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)):
        del lines[first.lineno - 1:first.end_lineno]
    return "\n".join(lines)


def file_of(function):
    """Where function is defined, as a path from the project's top: 'engine/backprop.py'."""
    return function.__module__.replace(".", "/") + ".py"
