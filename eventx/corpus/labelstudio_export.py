"""The model's events as Label Studio pre-annotations (``eventx corpus export-labelstudio``), so
that an annotator corrects them instead of starting from nothing.

Each document becomes a task, ``{"data": {"text", "id", "published"?, "source"?},
"predictions": [{"model_version", "score", "result"}]}``, whose result follows the set-up
:mod:`eventx.corpus.labelstudio` imports:

* a region labelled with the event type on each trigger (with the event's score);
* one region per argument span, labelled with its roles;
* a relation from each trigger to each of its arguments, labelled with the roles (one relation
  may carry two: "three villagers" is both ``target`` and ``killed``).

Only linked arguments (``Event.arguments``) are exported; a ``when`` that normalization found
elsewhere in the text is not (the annotator marks the event's time where the text gives it). The
model predicts no modality, event or entity ids: the labelling config has those per-region
controls, for the annotator to fill. Offsets are Python string offsets (code points), as Label
Studio stores them; the importer also reads UTF-16 offsets.

:func:`labeling_config` is the config (XML) for the project. After correcting, export the
project as JSON and run ``eventx corpus import-labelstudio``; a task submitted without edits
gives back the model's events.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from eventx.corpus.format import DEFAULT_ROLES, MODALITIES
from eventx.corpus.labelstudio import DEFAULT_TYPES
from eventx.errors import AnnotationError
from eventx.schema import Event

__all__ = ["export_labelstudio", "labeling_config", "to_task", "write_labelstudio"]


def labeling_config(types: Iterable[str] = DEFAULT_TYPES,
                    roles: Iterable[str] = DEFAULT_ROLES) -> str:
    """The Label Studio labelling config (XML) for these event types and roles.

    One ``<Labels>`` holds the types (for triggers) and the roles (for arguments);
    ``<Relations>`` carry the roles from a trigger to its arguments; per-region controls hold a
    trigger's ``modality`` and ``event`` id and a participant's ``entity`` id.
    """
    from eventx.viz.assets import ROLE_COLOURS, TYPE_COLOURS, colour_for

    types, roles = list(dict.fromkeys(types)), list(dict.fromkeys(roles))
    labels = [f'    <Label value={quoteattr(t)} background="{colour_for(t, TYPE_COLOURS)}"/>'
              for t in types]
    labels += [f'    <Label value={quoteattr(r)} background="{colour_for(r, ROLE_COLOURS)}"/>'
               for r in roles]
    relations = [f"    <Relation value={quoteattr(r)}/>" for r in roles]
    choices = [f'      <Choice value="{m}"/>' for m in MODALITIES]
    return "\n".join([
        "<View>",
        '  <Relations choice="multiple">', *relations, "  </Relations>",
        '  <Labels name="label" toName="text">', *labels, "  </Labels>",
        '  <Text name="text" value="$text"/>',
        '  <View visibleWhen="region-selected">',
        '    <Header value="Trigger: modality, and an event id shared by the mentions of one '
        'event"/>',
        '    <Choices name="modality" toName="text" perRegion="true" choice="single" '
        'showInline="true">', *choices, "    </Choices>",
        '    <TextArea name="event" toName="text" perRegion="true" maxSubmissions="1" '
        'rows="1" placeholder="event id (trigger)"/>',
        '    <Header value="Participant: an entity id shared by the mentions of one person or '
        'group"/>',
        '    <TextArea name="entity" toName="text" perRegion="true" maxSubmissions="1" '
        'rows="1" placeholder="entity id (participant)"/>',
        "  </View>",
        "</View>", ""])


def _region(rid: str, start: int, end: int, text: str, labels: list[str],
            score: float | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"id": rid, "from_name": "label", "to_name": "text",
                              "type": "labels", "origin": "prediction",
                              "value": {"start": start, "end": end, "text": text,
                                        "labels": labels}}
    if score is not None:
        region["score"] = score
    return region


def to_task(doc_id: str, text: str, events: Sequence[Event], *,
            published: str | dt.date | None = None, source: str | None = None,
            model_version: str = "eventx") -> dict[str, Any]:
    """One Label Studio task with ``events`` as its prediction.

    Raises:
        AnnotationError: a span whose text is not ``text[start:end]`` (the events are not of
            this text), naming the field (``events.2.arguments.0``).
    """
    for i, ev in enumerate(events):
        for where, s in [("trigger", ev.trigger),
                         *((f"arguments.{j}", a) for j, a in enumerate(ev.arguments))]:
            if text[s.start:s.end] != s.text:
                raise AnnotationError(
                    f"{s.text!r} is not the text at {s.start}:{s.end} "
                    f"({text[s.start:s.end]!r}): are these the events of this text?",
                    field=f"events.{i}.{where}")
    result: list[dict[str, Any]] = []
    arg_ids: dict[tuple[int, int], dict[str, Any]] = {}
    for ev in events:
        for a in ev.arguments:
            if (a.start, a.end) not in arg_ids:
                arg_ids[(a.start, a.end)] = _region(f"a{len(arg_ids)}", a.start, a.end, a.text, [])
            labels = arg_ids[(a.start, a.end)]["value"]["labels"]
            if a.role not in labels:
                labels.append(a.role)
    result += sorted(arg_ids.values(), key=lambda r: (r["value"]["start"], r["value"]["end"]))
    for n, ev in enumerate(events):
        t = ev.trigger
        result.append(_region(f"e{n}", t.start, t.end, t.text, [ev.type], round(ev.score, 4)))
        roles: dict[tuple[int, int], list[str]] = {}
        for a in ev.arguments:
            roles.setdefault((a.start, a.end), [])
            if a.role not in roles[(a.start, a.end)]:
                roles[(a.start, a.end)].append(a.role)
        result += [{"type": "relation", "from_id": f"e{n}", "to_id": arg_ids[span]["id"],
                    "direction": "right", "labels": labels} for span, labels in roles.items()]
    data: dict[str, Any] = {"text": text, "id": doc_id}
    if published:
        data["published"] = str(published)
    if source:
        data["source"] = source
    score = round(min((ev.score for ev in events), default=1.0), 4)
    return {"data": data, "predictions": [{"model_version": model_version, "score": score,
                                           "result": result}]}


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    if path.suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        for n, row in enumerate(pq.read_table(path).to_pylist(), 1):
            yield n, row
        return
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise AnnotationError(f"not valid JSON ({exc.msg})", path=str(path),
                                      line=n) from None
            if not isinstance(row, dict):
                raise AnnotationError("a line must hold one JSON object", path=str(path), line=n)
            yield n, row


def export_labelstudio(events_path: str | Path, texts: Mapping[str, Any] | None = None, *,
                       published: str | dt.date | None = None,
                       model_version: str = "eventx") -> tuple[list[dict[str, Any]], dict]:
    """Tasks for the documents of an ``eventx extract`` output (one row per document:
    ``{"id", "line", "events"}``; JSON lines or Parquet).

    Args:
        events_path: the output of ``eventx extract``.
        texts: ``id -> record`` of the input it read (records with ``text``, ``published`` and
            ``extra``, as :func:`eventx.batch.open_source` yields them); None when each row
            carries its own ``text`` (and ``published``).
        published: the date of documents that give none.
        model_version: the name Label Studio shows for the predictions.

    Returns:
        The tasks and a summary: documents, events, rows with an ``error`` (left out), and the
        event types and roles seen.

    Raises:
        AnnotationError: a row with no text to go with it, a flat (``--flat``) output, or events
            that are not of their text; naming the file, line and field.
    """
    from eventx.batch.documents import record_date

    tasks: list[dict[str, Any]] = []
    skipped = n_events = 0
    types, roles = dict.fromkeys(DEFAULT_TYPES), dict.fromkeys(DEFAULT_ROLES)
    for n, row in _rows(Path(events_path)):
        where = {"path": str(events_path), "line": n}
        if "event_index" in row:
            raise AnnotationError("one row per event (--flat): export the per-document output "
                                  "of 'eventx extract' (without --flat)", **where)
        if "events" not in row or row["events"] is None:
            skipped += 1
            continue
        doc_id = str(row.get("id", n))
        record = texts.get(doc_id) if texts is not None else None
        text = record.text if record is not None else row.get("text")
        if not isinstance(text, str):
            raise AnnotationError(
                f"no text for document {doc_id!r}: give the input 'eventx extract' read "
                "(--texts)" if texts is None else f"document {doc_id!r} is not in the texts",
                field="id", **where)
        try:
            events = [Event.model_validate(e) for e in row["events"]]
        except ValueError as exc:
            raise AnnotationError(str(exc).splitlines()[0], field="events", **where) from None
        date = record_date(record, published)[0] if record is not None else \
            (row.get("published") or published)
        source = (record.extra.get("source") if record is not None else row.get("source"))
        try:
            tasks.append(to_task(doc_id, text, events, published=date,
                                 source=source if isinstance(source, str) else None,
                                 model_version=model_version))
        except AnnotationError as exc:
            raise AnnotationError(exc.reason, field=exc.field, **where) from None
        n_events += len(events)
        types.update(dict.fromkeys(e.type for e in events))
        roles.update(dict.fromkeys(a.role for e in events for a in e.arguments))
    summary = {"documents": len(tasks), "events": n_events, "rows_with_error": skipped,
               "types": list(types), "roles": list(roles)}
    return tasks, summary


def write_labelstudio(events_path: str | Path, out: str | Path, config: str | Path, *,
                      texts: Mapping[str, Any] | None = None, **kwargs: Any) -> dict:
    """:func:`export_labelstudio`, written: the tasks (a JSON list, Label Studio's import
    format) to ``out`` and the labelling config to ``config``. Returns the summary."""
    tasks, summary = export_labelstudio(events_path, texts, **kwargs)
    Path(out).write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n",
                         encoding="utf-8")
    Path(config).write_text(labeling_config(summary["types"], summary["roles"]),
                            encoding="utf-8")
    return summary | {"out": str(out), "config": str(config)}
