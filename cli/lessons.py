"""backprop-lab lessons: list the lessons, or check each one's claim headlessly."""
from engine.lessons.claims import check_claim
from engine.lessons.library import bundled_lessons, lessons_from_files

NAME = "lessons"
SUMMARY = "list the lessons, or check each lesson's claim by training it (--check)"
USES_MODEL_OPTIONS = False
DESCRIPTION = """\
List the lessons shipped with the app, one line each: its id and its title.

With --check, train the runs of each lesson's claim without the window and print one
line per lesson: ok or FAILED, its id, and every figure its checks measured. The exit
status is 1 if any claim fails or any lesson file cannot be read (its line says why).

FILE...: lesson files of your own (JSON; see resources/lessons/FORMAT.md) to list or
check instead of the shipped ones."""


def add_options(parser):
    parser.add_argument("--check", action="store_true",
                        help="train each lesson's claim and say whether it holds")
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="lesson files to use instead of the shipped lessons")


def run(args):
    library = lessons_from_files(args.files) if args.files else bundled_lessons()
    width = max((len(lesson.id) for lesson in library.lessons), default=0)
    failed = bool(library.problems)
    for lesson in library.lessons:
        if not args.check:
            print(f"{lesson.id:<{width}}  {lesson.title}", flush=True)
            continue
        result = check_claim(lesson)
        failed = failed or not result.passed
        word = "ok" if result.passed else "FAILED"
        print(f"{word:<6}  {lesson.id:<{width}}  {result.summary()}", flush=True)
    for problem in library.problems:
        print(f"FAILED  {problem}" if args.check else f"skipped {problem}", flush=True)
    return 1 if failed else 0
