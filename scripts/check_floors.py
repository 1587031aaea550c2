"""Check that the lowest versions pyproject.toml allows still work.

    python3 scripts/check_floors.py                          the declared floors
    python3 scripts/check_floors.py --with pyqtgraph==0.13.7 try another version of one
    python3 scripts/check_floors.py -- -x tests/engine       arguments after -- go to pytest

Makes a fresh virtual environment, installs the project (not editable) with its test
extra, every dependency pinned to its `>=` floor through a constraints file, starts the
window headless from another folder to save a screenshot, then runs the test suite on
this checkout. Exits non-zero if any step fails. Needs PyPI; takes a few minutes.
Runs on Python 3.11 or newer (tomllib); --python picks the interpreter under test.
A --with version must satisfy pyproject.toml: to try one below a floor, lower it there.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
# "name[extra] >=1.2, <2 ; marker" -> name, the specifiers, the marker.
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9._-]+)\s*(?:\[[^\]]*\])?\s*([^;]*?)\s*(;.*)?$")
FLOOR = re.compile(r">=\s*([^,\s]+)")
# Copied from the checkout without these: a stale build/ or *.egg-info leaks into the install.
LEFTOVERS = shutil.ignore_patterns(
    ".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", ".*cache", ".hypothesis"
)


def declared_requirements(pyproject):
    """The dependencies and the test extra of ``pyproject`` (a path), as written there."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return project["dependencies"] + project["optional-dependencies"]["test"]


def normalised(name):
    """A project name as pip compares it: "PySide6_Essentials" -> "pyside6-essentials"."""
    return re.sub(r"[-_.]+", "-", name).lower()


def floor_pins(requirements, overrides=()):
    """One constraint line per requirement, pinning it to its `>=` floor, marker kept.

    ``overrides`` are "name==version" lines that replace the pin of that name; one whose
    name is not declared is added. Raises SystemExit for a requirement with no `>=` floor.
    """
    replaced = {normalised(re.split(r"[=<>!~ ;]", line, maxsplit=1)[0]): line for line in overrides}
    declared, pins = set(), []
    for requirement in requirements:
        name, specifiers, marker = REQUIREMENT.match(requirement).groups()
        declared.add(normalised(name))
        floor = FLOOR.search(specifiers)
        if normalised(name) in replaced:
            pin = replaced[normalised(name)]
        elif floor:
            pin = f"{name}=={floor.group(1)}"
        else:
            raise SystemExit(f"{requirement!r} declares no >= floor to check")
        pins.append(pin + (f" {marker}" if marker else ""))
    return pins + [line for name, line in replaced.items() if name not in declared]


def run(step, command, **options):
    """Run ``command``, echoing it under the heading ``step``; True if it exited 0."""
    print(f"\n== {step}\n$ {' '.join(map(str, command))}", flush=True)
    try:
        return subprocess.run(command, check=False, **options).returncode == 0
    except subprocess.TimeoutExpired:
        print(f"timed out after {options['timeout']} s", file=sys.stderr)
        return False


def parse_args(argv):
    """This script's options, and the arguments after "--" that go to pytest."""
    own, pytest_args = (
        (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    )
    parser = argparse.ArgumentParser(
        description="Install the lowest declared dependency versions and test the app on them."
    )
    parser.add_argument(
        "--with",
        dest="overrides",
        action="append",
        default=[],
        metavar="NAME==VERSION",
        help="pin NAME to VERSION instead of its floor (repeatable); a name not declared is added",
    )
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter for the venv (default: this one)"
    )
    parser.add_argument(
        "--venv", type=Path, help="where to make the venv (default: a new folder in /tmp)"
    )
    return parser.parse_args(own), pytest_args


def main(argv=None):
    """Install the floors, start the app, run the suite; returns the exit status."""
    args, pytest_args = parse_args(sys.argv[1:] if argv is None else argv)
    work = Path(tempfile.mkdtemp(prefix="backprop-lab-floors-"))
    venv = args.venv or work / "venv"
    constraints = work / "floors.txt"
    pins = floor_pins(declared_requirements(ROOT / "pyproject.toml"), args.overrides)
    constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
    print("Pinned:\n  " + "\n  ".join(pins))
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=LEFTOVERS)

    python, pip = venv / "bin" / "python", [venv / "bin" / "python", "-m", "pip"]
    offscreen = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    offscreen.pop("PYTHONPATH", None)
    screenshot = work / "screenshot.png"
    steps = [
        ("make a venv", [args.python, "-m", "venv", "--upgrade-deps", venv], {}),
        ("install with the floors", [*pip, "install", "-c", constraints, f"{source}[test]"], {}),
        ("what got installed", [*pip, "list"], {}),
        (
            "start the window, from another folder",
            [venv / "bin" / "backprop-lab", "--screenshot", screenshot, "--updates", "50"],
            {"cwd": work, "env": offscreen, "timeout": 300},
        ),
        (
            "train on bundled data, from another folder",
            [venv / "bin" / "backprop-lab", "train", "--dataset", "digits", "--iterations", "50"],
            {"cwd": work},
        ),
        (
            "run the tests on this checkout",
            [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args],
            {"cwd": ROOT, "env": offscreen},
        ),
    ]
    for step, command, options in steps:
        if not run(step, command, **options):
            print(f"\nFAILED: {step}  (venv kept at {venv})", file=sys.stderr)
            return 1
        if step.startswith("start") and not screenshot.is_file():
            print(f"\nFAILED: the window saved no {screenshot}", file=sys.stderr)
            return 1
    print(f"\nThe floors work: {', '.join(pins)}  (venv kept at {venv})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
