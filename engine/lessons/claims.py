"""The named checks a lesson's claim is made of, and checking a claim headlessly.

A claim trains its runs once each (engine/lessons/figures.py) and then applies its checks
to the figures measured on them. Each check says in one line what it measured.
"""
import math
from dataclasses import dataclass

from engine.config import ConfigError
from engine.errors import DatasetError
from engine.loss_graph import engine_gradients, walk_loss

from .figures import FIGURES, show_times, train_run


@dataclass(frozen=True)
class Outcome:
    passed: bool
    text: str


@dataclass(frozen=True)
class ClaimResult:
    """Whether every check held, and what each measured, in the claim's order."""

    outcomes: tuple

    @property
    def passed(self):
        return all(outcome.passed for outcome in self.outcomes)

    def summary(self):
        """Every check's measured figure, on one line."""
        return "; ".join(o.text if o.passed else f"FAILED {o.text}" for o in self.outcomes)


def _measure(results, params, key="run"):
    figure = FIGURES[params["figure"]]
    value = figure.measure(results[params[key]])
    return figure, value


def _bound(words, figure, value):
    """'at least 95.0%'; for a yes/no figure, 'expected yes'."""
    if figure.yes_no:
        return f"expected {figure.show(value)}"
    return f"{words} {figure.show(value)}"


def _at_least(results, p):
    figure, value = _measure(results, p)
    return Outcome(value >= p["value"], f"{p['run']}: {figure.label} {figure.show(value)} "
                                        f"({_bound('at least', figure, p['value'])})")


def _at_most(results, p):
    figure, value = _measure(results, p)
    return Outcome(value <= p["value"], f"{p['run']}: {figure.label} {figure.show(value)} "
                                        f"({_bound('at most', figure, p['value'])})")


def _between(results, p):
    figure, value = _measure(results, p)
    return Outcome(p["low"] <= value <= p["high"],
                   f"{p['run']}: {figure.label} {figure.show(value)} (between "
                   f"{figure.show(p['low'])} and {figure.show(p['high'])})")


def _compared(results, p, word):
    figure, value = _measure(results, p)
    _, other = _measure(results, p, "other")
    margin = f" by at least {figure.show(p['by'])}" if p["by"] else ""
    text = (f"{p['run']}: {figure.label} {figure.show(value)}, {word} "
            f"{p['other']} ({figure.show(other)}){margin}")
    return value, other, text


def _below(results, p):
    value, other, text = _compared(results, p, "below")
    return Outcome(value < other - p["by"], text)


def _above(results, p):
    value, other, text = _compared(results, p, "above")
    return Outcome(value > other + p["by"], text)


def _not_above(results, p):
    figure, value = _measure(results, p)
    _, other = _measure(results, p, "other")
    slack = f" + {figure.show(p['by'])}" if p["by"] else ""
    return Outcome(value <= other + p["by"],
                   f"{p['run']}: {figure.label} {figure.show(value)}, no more than "
                   f"{p['other']} ({figure.show(other)}){slack}")


def _times_above(results, p):
    figure, value = _measure(results, p)
    _, other = _measure(results, p, "other")
    ratio = value / other if other > 0 else (math.inf if value > 0 else 1.0)
    times = "above" if math.isinf(ratio) else show_times(ratio)
    # value > other as well: two zeros (or two equal figures) are never "times above".
    return Outcome(value >= p["factor"] * other and value > other,
                   f"{p['run']}: {figure.label} {figure.show(value)}, {times} "
                   f"{p['other']} ({figure.show(other)}; at least {p['factor']:g}x)")


def _graph_matches_engine(results, p):
    walkthrough = walk_loss(p["x"], p["w"], p["b"], p["y"])
    engine = engine_gradients(p["x"], p["w"], p["b"], p["y"])
    pairs = [(walkthrough.result, engine["loss"])] + [
        (walkthrough.grads[name], engine[name]) for name in ("w", "b")]
    worst = max(abs(a - b) / max(abs(b), 1e-300) for a, b in pairs)
    return Outcome(worst <= p["tolerance"],
                   f"graph at x = {p['x']:g}, w = {p['w']:g}, b = {p['b']:g}, y = {p['y']:g}: "
                   f"loss {walkthrough.result:.6g}, dl/dw {walkthrough.grads['w']:.6g}, "
                   f"dl/db {walkthrough.grads['b']:.6g}; backprop agrees to {worst:.1g} "
                   f"(relative; at most {p['tolerance']:g})")


@dataclass(frozen=True)
class CheckKind:
    """required: parameter -> what it is ("run", "figure", "number");
    optional: parameter -> default; check: (results by run name, params) -> Outcome."""

    required: dict
    optional: dict
    check: object
    needs_runs: bool = True


_BOUND = {"run": "run", "figure": "figure", "value": "number"}
_PAIR = {"run": "run", "figure": "figure", "other": "run"}

CHECKS = {
    "at_least": CheckKind(_BOUND, {}, _at_least),
    "at_most": CheckKind(_BOUND, {}, _at_most),
    "between": CheckKind({"run": "run", "figure": "figure", "low": "number", "high": "number"},
                         {}, _between),
    "below": CheckKind(_PAIR, {"by": 0.0}, _below),
    "above": CheckKind(_PAIR, {"by": 0.0}, _above),
    "not_above": CheckKind(_PAIR, {"by": 0.0}, _not_above),
    "times_above": CheckKind(dict(_PAIR, factor="number"), {}, _times_above),
    "graph_matches_engine": CheckKind(
        {"x": "number", "w": "number"}, {"b": 0.0, "y": 1.0, "tolerance": 1e-12},
        _graph_matches_engine, needs_runs=False),
}


def check_claim(lesson, keep_going=None):
    """Train the claim's runs from the lesson's settings and apply its checks.

    keep_going: optional callable asked before each update; returns None if it said stop."""
    results, outcomes = {}, []
    for run in lesson.claim.runs:
        try:
            results[run.name] = train_run(run, lesson.settings, keep_going)
            if keep_going is not None and not keep_going():
                return None
        except (ConfigError, DatasetError) as error:
            outcomes.append(Outcome(False, f"{run.name}: {error}"))
    if outcomes:
        return ClaimResult(tuple(outcomes))
    for check in lesson.claim.checks:
        outcomes.append(CHECKS[check.kind].check(results, check.params))
    return ClaimResult(tuple(outcomes))
