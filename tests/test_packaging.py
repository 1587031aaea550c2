"""What `pip install .` installs: every package, the bundled data and the LICENSE.

The sdist is built from a clean copy of the project and the wheel from that sdist, as
`python -m build` does, with the setuptools installed here, so no network is needed.
The wheel is then unpacked away from the project and the data read from there.
"""

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOT_INSTALLED = ("tests", "benchmarks", "scripts")
DATA = ("resources/breast_cancer.csv", "resources/digits.csv", "resources/ATTRIBUTION.md",
        "resources/lessons/FORMAT.md",
        *(f"resources/lessons/{path.name}"
          for path in (ROOT / "resources" / "lessons").glob("*.json")))
# A stale build/ or *.egg-info in the copy would slip old files into the new build.
LEFTOVERS = shutil.ignore_patterns(
    ".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", ".*cache", ".hypothesis"
)


def build(hook, source, out):
    """Run setuptools' PEP 517 hook ``hook`` ("build_sdist" or "build_wheel") in ``source``.

    Returns the path of the file it wrote into ``out``.
    """
    code = f"from setuptools import build_meta; build_meta.{hook}({str(out)!r})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=source,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"{hook} failed:\n{result.stderr}"
    suffix = ".tar.gz" if hook == "build_sdist" else ".whl"
    (built,) = out.glob(f"*{suffix}")
    return built


@pytest.fixture(scope="module")
def dists(tmp_path_factory):
    """(names in the sdist without its top folder, names in the wheel, the wheel's path)."""
    tmp = tmp_path_factory.mktemp("packaging")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=LEFTOVERS)
    sdist = build("build_sdist", source, tmp / "sdist")
    with tarfile.open(sdist) as archive:
        sdist_names = {name.partition("/")[2] for name in archive.getnames()}
        # The filter exists from Python 3.10.12 and 3.11.4; 3.12 warns without it.
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(tmp / "unpacked", **safe)
    (unpacked,) = (tmp / "unpacked").iterdir()
    wheel = build("build_wheel", unpacked, tmp / "wheel")
    with zipfile.ZipFile(wheel) as archive:
        wheel_names = set(archive.namelist())
    return sdist_names, wheel_names, wheel


def source_modules():
    """Every .py file the wheel must hold, as 'main.py' and 'gui/panels/x.py'."""
    packages = [
        init.parent for init in ROOT.glob("*/__init__.py") if init.parent.name not in NOT_INSTALLED
    ]
    files = [path for package in packages for path in package.rglob("*.py")]
    return {"main.py"} | {path.relative_to(ROOT).as_posix() for path in files}


def test_packages_are_found():
    """The check below is only as good as this list: it sees the app's packages."""
    modules = source_modules()
    assert {"main.py", "engine/bundled.py", "gui/app.py", "resources/__init__.py"} <= modules
    assert not any(name.startswith(NOT_INSTALLED) for name in modules)


def test_sdist_has_what_the_wheel_is_built_from(dists):
    sdist_names, _, _ = dists
    needed = {"pyproject.toml", "README.md", "LICENSE", *DATA} | source_modules()
    assert needed - sdist_names == set()


def test_wheel_has_every_module(dists):
    _, wheel_names, _ = dists
    assert source_modules() - wheel_names == set()


def test_wheel_has_data_and_license(dists):
    _, wheel_names, _ = dists
    assert set(DATA) <= wheel_names
    assert "backprop_lab-0.1.0.dist-info/licenses/LICENSE" in wheel_names


def test_wheel_leaves_out_tests_benchmarks_and_the_readme_picture(dists):
    _, wheel_names, _ = dists
    assert not [name for name in wheel_names if name.startswith(tuple(NOT_INSTALLED))]
    assert "resources/screenshot.png" not in wheel_names


def test_unpacked_wheel_trains_on_bundled_data_away_from_the_source(dists, tmp_path):
    """The user's path: the data comes from the installed files, whatever the folder."""
    _, _, wheel = dists
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    script = f"""
import sys
sys.path.insert(0, {str(site)!r})
import engine.bundled, main, resources
for module in (engine.bundled, main, resources):
    assert module.__file__.startswith({str(site)!r}), module.__file__
assert engine.bundled.load_breast_cancer().X.shape == (30, 569)
assert engine.bundled.load_digits(3).X.shape == (64, 1797)
assert "CC BY 4.0" in engine.bundled.attribution()
import engine.lessons.library
lessons = engine.lessons.library.bundled_lessons()
assert len(lessons.lessons) >= 10 and not lessons.problems, lessons.problems
sys.exit(main.main(["train", "--dataset", "breast_cancer", "--iterations", "5", "--json"]))
"""
    # -I: the project folder and PYTHONPATH stay off sys.path; tmp_path is the cwd.
    result = subprocess.run(
        [sys.executable, "-I", "-c", script],
        cwd=tmp_path,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert '"train_accuracy"' in result.stdout
