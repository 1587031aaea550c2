"""The graph window's words: what the step just taken computed, with its numbers, and at
the end the gradients beside the closed form and the engine. HTML, no Qt."""
import html

from engine.chain_graph import chain_closed_form
from engine.loss_graph import closed_form, engine_gradients

from .graph_position import BACKWARD, DONE, FORWARD, START
from .stepper.number_format import full_number

KEYS = ("Shift+\u2192 or . next node \u2002\u00b7\u2002 \u2192 whole sweep \u2002\u00b7\u2002 "
        "\u2190 back a node \u2002\u00b7\u2002 Shift+\u2190 back to the start")


def n(value):
    return full_number(value + 0.0)


def long(value):
    """12 significant digits, to compare the graph with the closed form by eye."""
    return f"{value + 0.0:.12g}".replace("-", "\u2212")


def explanation_html(position):
    """What the side panel says at `position` (a GraphPosition)."""
    phase = position.phase
    walkthrough = position.walkthrough
    out = walkthrough.graph.output
    if phase == START:
        inputs = ", ".join(f"{s.node.name} = {n(s.value)}" for s in walkthrough.forward
                           if s.node.is_input)
        body = (f"<b>Start.</b> The inputs are given: {inputs}. The forward sweep computes one "
                f"block at a time, left to right, and records each block's local derivatives "
                f"on the way; the backward sweep then goes right to left, multiplying them.")
    elif phase == FORWARD:
        body = _forward_html(position)
    else:
        body = _backward_html(position)
    if phase in (BACKWARD, DONE) or position.done == len(position.forward):
        body += f"<p>{out} = <b>{n(walkthrough.result)}</b></p>"
    if phase == DONE:
        body += summary_html(walkthrough)
    return f"{body}<p style='color:#5a5f66'>{KEYS}</p>"


def _forward_html(position):
    step = position.current
    node = step.node
    k, total = position.done, len(position.forward)
    values = position.walkthrough.values
    given = ", ".join(f"{name} = {n(values[name])}" for name in node.inputs)
    lines = [(f"<b>Forward, block {k} of {total}: {html.escape(node.name)}</b> "
             f"({html.escape(node.op)})"),
             (f"{html.escape(node.formula)}, from {given}: "
             f"<b>{html.escape(node.name)} = {n(step.value)}</b>"),
             "Local derivatives, recorded now for the way back: "
             + ", ".join(f"\u2202{node.name}/\u2202{name} = {n(d)}"
                         for name, d in zip(node.inputs, step.local))
             + f" &nbsp;<span style='color:#5a5f66'>({html.escape(node.derivative)})</span>"]
    if node.note:
        lines.append(f"<i>{html.escape(node.note)}</i>")
    return "<br>".join(lines)


def _backward_html(position):
    step = position.current
    node = step.node
    out = position.walkthrough.graph.output
    k, total = position.backward_done, len(position.backward)
    consumers = position.walkthrough.graph.consumers(node.name)
    source = ("it is the output" if not consumers else
              "the sum of what " + ", ".join(consumers) + " passed back")
    lines = [(f"<b>Backward, node {k} of {total}: {html.escape(node.name)}</b> "
             f"({html.escape(node.op)})"),
             f"upstream \u2202{out}/\u2202{node.name} = <b>{n(step.upstream)}</b> ({source})"]
    if node.is_input:
        lines.append(f"{node.name} is an input: its gradient is complete, "
                     f"\u2202{out}/\u2202{node.name} = <b>{n(step.upstream)}</b>.")
        return "<br>".join(lines)
    rows = "".join(
        f"<tr><td>\u2202{out}/\u2202{name} +=</td>"
        f"<td>\u2202{node.name}/\u2202{name} \u00d7 \u2202{out}/\u2202{node.name} =</td>"
        f"<td align='right'>{n(local)}</td><td>\u00d7</td><td align='right'>{n(step.upstream)}"
        f"</td><td>=</td><td align='right'><b>{n(product)}</b></td>"
        f"<td>&nbsp;&nbsp;now {n(step.after[name])}</td></tr>"
        for name, local, product in zip(node.inputs, step.local, step.products))
    lines.append("local \u00d7 upstream = product, for each input (the local derivative is the "
                 "one the forward sweep recorded):")
    header = ("<tr><th></th><th></th><th>local</th><th></th><th>upstream</th><th></th>"
              "<th>product</th><th></th></tr>")
    return "<br>".join(lines) + f"<table cellspacing='4'>{header}{rows}</table>"


def summary_html(walkthrough):
    """The graph's gradients beside the closed form (and, for the loss, the engine)."""
    values = {s.node.name: s.value for s in walkthrough.forward if s.node.is_input}
    grads = walkthrough.grads
    if walkthrough.graph.output == "l":
        closed, engine = closed_form(**values), engine_gradients(**values)
        rows = [("\u2202l/\u2202z", grads["z"], closed["dz"], engine["dz"], "a \u2212 y"),
                ("\u2202l/\u2202w", grads["w"], closed["w"], engine["w"], "x dz"),
                ("\u2202l/\u2202b", grads["b"], closed["b"], engine["b"], "dz")]
        head = "<th></th><th>closed form</th><th>engine (backprop.py)</th>"
        body = "".join(f"<tr><td>{name}</td><td align='right'><b>{long(g)}</b></td>"
                       f"<td>= {formula} =</td><td align='right'>{long(c)}</td>"
                       f"<td align='right'>{long(e)}</td></tr>"
                       for name, g, c, e, formula in rows)
    else:
        closed = chain_closed_form(**values)
        head = "<th>chain rule in one line</th>"
        body = "".join(f"<tr><td>\u2202f/\u2202{name}</td><td align='right'><b>"
                       f"{long(grads[name])}</b></td><td align='right'>{long(closed[name])}</td>"
                       f"</tr>"
                       for name in walkthrough.graph.parameters)
    return (f"<table cellspacing='6'><tr><th></th><th>graph</th>{head}</tr>{body}</table>")
