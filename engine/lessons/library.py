"""Finding lesson files: the ones shipped in resources/lessons/ and any a lecturer names.
A file that cannot be used becomes one line naming it and its problem; the others load."""
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .lesson import LessonError
from .reading import lesson_from_text

SUFFIX = ".json"
# A lesson is a page of text; anything far larger is not one (and is not read whole).
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Library:
    """lessons: in file-name order; problems: one line per file that was skipped."""

    lessons: tuple
    problems: tuple

    def find(self, lesson_id):
        """The lesson with this id, or None."""
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)


def read_lesson(name, read_bytes):
    """A Lesson from the file called `name` whose bytes read_bytes() returns; raises
    LessonError with a one-line message that starts with the file's name."""
    try:
        data = read_bytes()
    except OSError as error:
        raise LessonError(f"{name}: cannot be read ({error.strerror or error})") from None
    try:
        if len(data) > MAX_BYTES:
            raise LessonError(f"is {len(data):,} bytes; a lesson file may have at most "
                              f"{MAX_BYTES:,}")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise LessonError("is not UTF-8 text") from None
        return lesson_from_text(text, name)
    except LessonError as error:
        raise LessonError(f"{name}: {_one_line(str(error))}") from None


def _one_line(text):
    return " ".join(text.split())


def _collect(entries):
    """entries: (name, read_bytes) pairs -> Library; a repeated id is a problem too."""
    lessons, problems, seen = [], [], {}
    for name, read_bytes in entries:
        try:
            lesson = read_lesson(name, read_bytes)
        except LessonError as error:
            problems.append(str(error))
            continue
        if lesson.id in seen:
            problems.append(f"{name}: id {lesson.id!r} is already used by {seen[lesson.id]}")
            continue
        seen[lesson.id] = name
        lessons.append(lesson)
    return Library(tuple(lessons), tuple(problems))


def bundled_lessons():
    """The lessons in resources/lessons/, wherever the package is installed."""
    folder = files("resources") / "lessons"
    entries = sorted((entry for entry in folder.iterdir() if entry.name.endswith(SUFFIX)),
                     key=lambda entry: entry.name)
    return _collect((entry.name, entry.read_bytes) for entry in entries)


def lessons_from_files(paths):
    """The lessons in the files `paths` (each a str or Path), in the order given."""
    return _collect((Path(path).name, Path(path).read_bytes) for path in paths)
