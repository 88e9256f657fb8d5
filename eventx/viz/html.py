"""Render events on their text as HTML: marks over the text, a table of the records beside it."""

from __future__ import annotations

import datetime as dt
import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventx.schema import Count, Event, Place, Span, When
from eventx.viz.assets import CSS, JS, PAGE_CSS, ROLE_COLOURS, TYPE_COLOURS, colour_for

__all__ = ["render_html", "write_html"]

_views = itertools.count(1)
# characters an HTML parser would drop or change: C0 controls (but tab and newline) and DEL are
# shown as their control pictures, one character each, so offsets stay those of the text
_CONTROLS = {c: chr(0x2400 + c) for c in range(32) if c not in (9, 10, 13)} | {127: "\u2421"}
_CONTROLS[13] = "&#13;"  # a literal CR would be folded into the next LF by the parser
_DOT = " \u00b7 "


@dataclass
class _Mark:
    """One span of the text with everything drawn on it: the trigger of some events, or an
    argument (one or more roles) of some events."""

    start: int
    end: int
    trigger: bool
    uses: list[tuple[int, str, str]] = field(default_factory=list)  # (event no., role, value)

    @property
    def events(self) -> list[int]:
        return sorted({n for n, _, _ in self.uses})

    @property
    def roles(self) -> list[str]:
        return list(dict.fromkeys(r for _, r, _ in self.uses))


def _esc(text: str) -> str:
    """Text content: ``& < >`` escaped, control characters shown one character each."""
    out = html.escape(text, quote=False)
    if any(ord(c) < 32 and c not in "\t\n" or c == "\x7f" for c in out):
        out = "".join(_CONTROLS.get(ord(c), c) for c in out)
    return out


def _attr(text: str) -> str:
    return html.escape(text, quote=True).replace("\r", "&#13;").replace("\n", "&#10;")


def _count(c: Count) -> str:
    if c.value is None:
        return "no number" + (" (approximate)" if c.approximate else "")
    unit = f" {c.unit}" if c.unit else ""
    return f"{'about ' if c.approximate else ''}{c.value:,}{unit}"


def _when(w: When) -> str:
    if w.date is None:
        return "date not resolved"
    value = w.date.isoformat()
    if w.end_date is not None:
        value += f" to {w.end_date.isoformat()}"
    return value + (f" ({w.granularity})" if w.granularity and w.granularity != "day" else "")


def _place(p: Place) -> str:
    if p.country is None:
        return "country not resolved"
    if p.latitude is not None and p.longitude is not None:
        return f"{p.country} ({p.latitude:.3f}, {p.longitude:.3f})"
    return p.country


def _arguments(event: Event) -> dict[tuple[int, int, str], tuple[str, str]]:
    """``(start, end, role) -> (text, normalized value)`` of every argument of ``event``: its
    linked ``arguments`` in order, then the typed fields' other spans (a ``when`` found by
    normalization)."""
    out: dict[tuple[int, int, str], tuple[str, str]] = {
        (a.start, a.end, a.role): (a.text, "") for a in event.arguments}

    def put(span: Span, role: str, value: str) -> None:
        out[(span.start, span.end, role)] = (span.text, value)

    for p in event.who:
        put(p, p.role, f"count {p.count}" if p.count is not None else "")
    for p in event.where:
        put(p, "place", _place(p))
    if event.when is not None:
        put(event.when, "time", _when(event.when))
    for role in ("killed", "injured"):
        if (c := getattr(event.casualties, role)) is not None:
            put(c, role, _count(c))
    for sz in event.seizures:
        if (sz.item.start, sz.item.end, "item") not in out:
            put(sz.item, "item", "")
        if sz.quantity is not None:
            put(sz.quantity, "quantity", _count(sz.quantity))
    return out


def _marks(events: Sequence[Event]) -> list[_Mark]:
    marks: dict[tuple[int, int, bool], _Mark] = {}
    for n, ev in enumerate(events, 1):
        key = (ev.trigger.start, ev.trigger.end, True)
        marks.setdefault(key, _Mark(key[0], key[1], True)).uses.append(
            (n, ev.type, f"score {ev.score:.2f}"))
        for (start, end, role), (_, value) in _arguments(ev).items():
            if end <= start:
                continue
            key = (start, end, False)
            marks.setdefault(key, _Mark(start, end, False)).uses.append((n, role, value))
    # outer marks first: earlier start, then longer; an argument holds a trigger of the same extent
    return sorted(marks.values(), key=lambda m: (m.start, -m.end, m.trigger))


def _title(mark: _Mark, text: str, events: Sequence[Event]) -> str:
    quoted = text[mark.start:mark.end]
    lines = []
    for n, role, value in mark.uses:
        if mark.trigger:
            lines.append(f"event {n}: {role} (trigger, {value})")
        else:
            lines.append(f"event {n} ({events[n - 1].type}): {role}" + (f": {value}" if value else ""))
    return f"\u201c{quoted}\u201d [{mark.start}:{mark.end}]\n" + "\n".join(lines)


def _open_tag(mark: _Mark, index: int, text: str, events: Sequence[Event], first: bool) -> str:
    roles = mark.roles
    classes = ["x-trig" if mark.trigger else "x-arg"]
    if not first:
        classes.append("x-cont")
    if mark.trigger:
        style = f"--tc:{colour_for(roles[0], TYPE_COLOURS)}"
        label = " ".join(f"{n}\u00a0{r}" for n, r, _ in mark.uses)
        extra = f' data-type="{_attr(" ".join(roles))}" data-label="{_attr(label)}"'
    else:
        colours = [colour_for(r, ROLE_COLOURS) for r in roles]
        style = f"--rc:{colours[0]}"
        if len(colours) > 1:  # a span with several roles is striped in their colours
            stops = ",".join(f"{c} {i * 100 // len(colours)}% {(i + 1) * 100 // len(colours)}%"
                             for i, c in enumerate(colours))
            style += f";background:linear-gradient(180deg,{stops})"
        extra = f' data-role="{_attr(" ".join(roles))}"'
    return (f'<mark class="{" ".join(classes)}" data-m="{index}" data-start="{mark.start}" '
            f'data-end="{mark.end}" data-ev="{" ".join(map(str, mark.events))}"{extra} '
            f'style="{style}" title="{_attr(_title(mark, text, events))}">')


def _text_html(text: str, events: Sequence[Event]) -> str:
    """The text with nested ``<mark>`` elements; a mark that crosses another one's end is cut
    in pieces (``x-cont``), each with the whole span's offsets and ``data-m``."""
    marks = [m for m in _marks(events) if m.start < m.end]
    points = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    stack: list[tuple[int, int]] = []  # (mark index, position of its open tag in out)
    opened: set[int] = set()
    starts = sorted(range(len(marks)), key=lambda i: (marks[i].start, -marks[i].end,
                                                      marks[i].trigger))
    for a, b in itertools.pairwise(points):
        active = [i for i in starts if marks[i].start <= a and marks[i].end >= b]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep][0] == active[keep]:
            keep += 1
        while len(stack) > keep:
            i, at = stack.pop()
            if marks[i].end == a:
                out[at] = out[at].replace('class="x-', 'class="x-end x-', 1)
            out.append("</mark>")
        for i in active[keep:]:
            stack.append((i, len(out)))
            out.append(_open_tag(marks[i], i, text, events, first=i not in opened))
            opened.add(i)
        out.append(_esc(text[a:b]))
    while stack:
        i, at = stack.pop()
        out[at] = out[at].replace('class="x-', 'class="x-end x-', 1)
        out.append("</mark>")
    return "".join(out)


def _span_cell(text: str, value: str = "") -> str:
    cell = f"<bdi>{_esc(text)}</bdi>"
    return cell + (f' <span class="x-val">{_esc(value)}</span>' if value else "")


def _row(n: int, ev: Event) -> str:
    when = ev.when
    lines = [f'<span class="x-role" style="--rc:{colour_for(role, ROLE_COLOURS)}">{_esc(role)}'
             f"</span> {_span_cell(text, value)}"
             for (start, end, role), (text, value) in _arguments(ev).items()
             if not (when is not None and (start, end, role) == (when.start, when.end, "time"))]
    when_cell = "" if when is None else (
        f"<b>{_esc(_when(when))}</b><br>{_span_cell(when.text)}" if when.date else
        _span_cell(when.text))
    cells = [f'<td class="x-n">{n}</td>',
             f'<td><span class="x-type" style="--tc:{colour_for(ev.type, TYPE_COLOURS)}">'
             f"{_esc(ev.type)}</span><br>{_span_cell(ev.trigger.text)}"
             f'<br><span class="x-val">score {ev.score:.2f}</span></td>',
             f"<td>{when_cell}</td>", f'<td class="x-args">{"<br>".join(lines)}</td>']
    return f'<tr data-ev="{n}" title="click: show event {n} in the text">{"".join(cells)}</tr>'


def _legend(events: Sequence[Event]) -> str:
    roles = list(ROLE_COLOURS)
    roles += sorted({a.role for ev in events for a in ev.arguments} - set(roles))
    chips = "".join(f'<span class="x-role" style="--rc:{colour_for(r, ROLE_COLOURS)}">'
                    f"{_esc(r)}</span>" for r in roles)
    return (f'<div class="x-legend"><span class="x-trig-key">trigger<sup>#\u00a0type</sup></span> '
            f"{chips}</div>")


def render_html(text: str, events: Sequence[Event], *, title: str | None = None,
                published: str | dt.date | None = None, model: str | None = None,
                standalone: bool = True) -> str:
    """The events of ``text`` drawn on it, beside a table of the records.

    Args:
        text: the source text the events' offsets point into.
        events: the records (any :class:`~eventx.Event`, the model's or hand-made).
        title: a heading (a document id, a file name).
        published: the article's date, shown in the heading.
        model: the model folder's name, shown in the heading.
        standalone: a whole HTML page (``<!DOCTYPE html>`` ...); False gives one ``<div>`` for
            a notebook cell (its style scoped to it, its script bound to its id).

    Returns:
        HTML that needs no network: inline CSS and JavaScript only.

    Raises:
        ValueError: an event's span is not the text at its offsets (events of another text).
    """
    for n, ev in enumerate(events, 1):
        for sp in (ev.trigger, *ev.arguments, *ev.spans()):
            if text[sp.start:sp.end] != sp.text:
                raise ValueError(f"event {n} ({ev.type}): {sp.text!r} is not the text at "
                                 f"{sp.start}:{sp.end} ({text[sp.start:sp.end]!r}); are these "
                                 "the events of this text?")
    view = f"eventx-view-{next(_views)}"
    info = [f"{len(events)} event{'s' if len(events) != 1 else ''}"]
    if published:
        info.append(f"published {published}")
    if model:
        info.append(f"model {model}")
    heading = (f"<h1>{_esc(title)}</h1>" if title else "") + \
        f'<p class="x-info">{_esc(_DOT.join(info))}</p>'
    rows = "".join(_row(n, ev) for n, ev in enumerate(events, 1))
    table = (f'<table class="x-table"><thead><tr><th>#</th><th>event</th><th>when</th>'
             f"<th>arguments and values</th></tr></thead>"
             f"<tbody>{rows}</tbody></table>" if events
             else '<p class="x-none">No events found in this text.</p>')
    body = (f'<div class="eventx-view" id="{view}">{heading}{_legend(events)}'
            f'<div class="x-cols"><div class="x-text" dir="auto">{_text_html(text, events)}</div>'
            f'<div class="x-side"><div class="x-panel" aria-live="polite">Hover over a marked '
            f"span for its event, role and value; click it, or a row, to select its event."
            f"</div>{table}</div></div>"
            f"<style>{CSS}</style><script>{JS.replace('VIEW_ID', view)}</script></div>")
    if not standalone:
        return body
    page_title = _esc(title or "eventx")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{page_title} \u2014 eventx</title><style>{PAGE_CSS}</style></head>"
            f"<body>{body}</body></html>\n")


def write_html(path: str | Path, text: str, events: Sequence[Event], **kwargs) -> Path:
    """Write :func:`render_html`'s page to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.write_text(render_html(text, events, **kwargs), encoding="utf-8", errors="replace")
    return path
