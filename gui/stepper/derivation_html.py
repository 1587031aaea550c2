"""The output layer's per-example derivation as rich text, with the followed example's
numbers (the numbers come from output_derivation.py)."""
import numpy as np

from .equation_html import symbol_html
from .number_format import full_number
from .output_derivation import example_derivation


def _sub(i):
    return f"<sub>{i}</sub>"


def derivation_html(record, column, example):
    """For the backward phase of the output layer: dl/da, dl/dz, dl/dw_i, dl/db of
    example `example`, in column `column` of the record's batch."""
    L = record.layer
    d = example_derivation(record, column)
    n = full_number
    x_name = "x" if L == 1 else f"a<sup>[{L - 1}]</sup>"
    rows = [
        f"a = {n(d.a)}, &nbsp; y = {n(d.y)}",
        f"dl/da = −y/a + (1 − y)/(1 − a) = <b>{n(d.dl_da)}</b>",
        (f"dl/dz = (dl/da)(da/dz) = a − y = <b>{n(d.dl_dz)}</b>&nbsp; "
         "<span style='color:#555'>(da/dz = a(1 − a) cancels the denominators)</span>"),
    ]
    terms = []
    for i, (x, w) in enumerate(zip(d.x, d.dl_dw), start=1):
        terms.append(f"dl/dw{_sub(i)} = {x_name}{_sub(i)}·dz = {n(x)} × {n(d.dl_dz)} = "
                     f"<b>{n(w)}</b>")
    if len(terms) > 8:
        hidden = len(terms) - 8
        each = "input" if L == 1 else f"unit of layer {L - 1}"
        terms = terms[:8] + [f"… and {hidden} more, one per {each}"]
    rows.extend(terms)
    rows.append(f"dl/db = dz = <b>{n(d.dl_db)}</b>")
    dW, db = record.writes[f"dW[{L}]"], record.writes[f"db[{L}]"]
    dW_name, db_name = symbol_html(f"dW[{L}]"), symbol_html(f"db[{L}]")
    l2 = f" plus <sup>λ</sup>&frasl;<sub>m</sub> {symbol_html(f'W[{L}]')}" if record.l2 else ""
    shown = ", ".join(n(v) for v in np.ravel(dW)[:8]) + (" …" if dW.size > 8 else "")
    rows.append(f"{dW_name} is the mean of the dl/dw over the m = {record.m} examples of the "
                f"batch{l2}: {dW_name} = [{shown}]")
    no_l2 = " (λ is on the weights only: no λ term here)" if record.l2 else ""
    rows.append(f"{db_name} is the mean of the dl/db over them{no_l2}: "
                f"{db_name} = {n(float(db[0, 0]))}")
    title = (f"<b>For one example: #{example}</b> (column {column} of the batch), the "
             "seeds' derivation with its numbers")
    return title + "".join(f"<div style='margin-left:1em'>{r}</div>" for r in rows)
