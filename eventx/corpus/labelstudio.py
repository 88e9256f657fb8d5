"""Import a Label Studio JSON export into the annotation format (``eventx corpus
import-labelstudio EXPORT.json --out docs.jsonl``).

The labelling set-up this expects (one ``<Text>`` with ``<Labels>`` and ``<Relations>``):

* a span labelled with an **event type** (``attack``, ``arrest``, ... or one named with
  ``types``) is a trigger;
* a span labelled with a **role** (``agent``, ``target``, ``killed``, ...) or a **span kind**
  (``PARTICIPANT``, ``PLACE``, ``TIME``, ``ITEM``, ``QUANTITY``) is an argument;
* a **relation** from a trigger to an argument makes it an argument of that event; the relation's
  labels give the role, else the argument's role labels, else its kind where one role has that
  kind (``PLACE`` -> ``place``). ``PARTICIPANT`` alone is ambiguous and an error;
* arguments with no relation belong to the event where the document has exactly one;
* per-region controls (corpus v2), attached to a span by Label Studio's region ``id``: a
  ``<Choices name="modality" perRegion="true">`` on a trigger (``actual``, ``planned``,
  ``negated``, ``hypothetical``), a ``<TextArea name="event" perRegion="true">`` on a trigger
  (the id shared by the mentions of one event) and a ``<TextArea name="entity"
  perRegion="true">`` on a participant argument (the id shared by the mentions of one person or
  group).

Each task gives one document: ``data.text`` (or ``text_key``), ``data.id`` / ``data.doc_id``
(else ``labelstudio-<task id>``), ``data.published``, ``data.source``. Of a task's annotations the
last one not cancelled is used. Offsets are checked against ``value.text``; Label Studio counts
UTF-16 code units, so offsets after an emoji are converted to Python string offsets.

Every problem raises :class:`~eventx.errors.AnnotationError` naming the file and the field
(``tasks.3.annotations.0.result.5.value.labels``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from eventx.corpus.format import (
    DEFAULT_ROLES,
    Argument,
    Document,
    EventAnnotation,
    SpanAnnotation,
    validate_document,
)
from eventx.errors import AnnotationError

__all__ = ["DEFAULT_TYPES", "import_labelstudio", "read_labelstudio"]

DEFAULT_TYPES = ("attack", "armed_clash", "kidnapping", "arrest", "seizure", "smuggling",
                 "protest", "agreement")
_KIND_ROLE = {kind: [r for r, k in DEFAULT_ROLES.items() if k == kind]
              for kind in set(DEFAULT_ROLES.values())}


class _Task:
    def __init__(self, path: str, index: int, task: Any, types: set[str], text_key: str) -> None:
        self.path, self.where = path, f"tasks.{index}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            self.fail("a task must be an object with a 'data' object", "")
        self.data = task["data"]
        self.text = self.data.get(text_key)
        if not isinstance(self.text, str):
            self.fail(f"no text under data.{text_key}", f"data.{text_key}")
        self.doc_id = str(self.data.get("id") or self.data.get("doc_id")
                          or f"labelstudio-{task.get('id', index)}")
        self.types = types
        self._utf16: list[int] | None = None

    def fail(self, message: str, field: str) -> NoReturn:
        raise AnnotationError(message, path=self.path,
                              field=f"{self.where}.{field}".rstrip("."))

    def offsets(self, value: dict, where: str) -> tuple[int, int]:
        start, end = value.get("start"), value.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            self.fail(f"bad offsets start={start!r} end={end!r}", f"{where}.value")
        stored = value.get("text")
        if stored is None or self.text[start:end] == stored:
            if end > len(self.text):
                self.fail(f"offset {end} is outside the text ({len(self.text)} characters)",
                          f"{where}.value.end")
            return start, end
        s, e = self.from_utf16(start), self.from_utf16(end)
        if self.text[s:e] != stored:
            self.fail(f"value.text {stored!r} disagrees with the text at {start}:{end} "
                      f"({self.text[start:end]!r})", f"{where}.value.text")
        return s, e

    def from_utf16(self, unit: int) -> int:
        if self._utf16 is None:
            self._utf16 = []
            for i, ch in enumerate(self.text):
                self._utf16 += [i] * (2 if ord(ch) > 0xFFFF else 1)
            self._utf16.append(len(self.text))
        return self._utf16[min(unit, len(self._utf16) - 1)]


def _label_kind(task: _Task, labels: list[str], where: str) -> tuple[str | None, list[str]]:
    """Split a span's labels into an event type (trigger) and argument roles/kinds."""
    trig = [lab for lab in labels if lab in task.types]
    args = [lab for lab in labels if lab not in task.types]
    for lab in args:
        if lab not in DEFAULT_ROLES and lab.upper() not in _KIND_ROLE:
            task.fail(f"unknown label {lab!r} (event types: {', '.join(sorted(task.types))}; "
                      f"roles: {', '.join(DEFAULT_ROLES)}; kinds: {', '.join(sorted(_KIND_ROLE))})",
                      f"{where}.value.labels")
    if len(trig) > 1 or (trig and args):
        task.fail(f"a span is a trigger of one type or an argument, not {labels}",
                  f"{where}.value.labels")
    return (trig[0] if trig else None), args


def _roles(task: _Task, labels: list[str], where: str) -> list[str]:
    roles = [lab for lab in labels if lab in DEFAULT_ROLES]
    if roles:
        return roles
    for lab in labels:
        candidates = _KIND_ROLE.get(lab.upper(), [])
        if len(candidates) == 1:
            return candidates
    task.fail(f"cannot tell the role of an argument labelled {labels}: label the relation or "
              "the span with a role", where)


def _convert_task(task: _Task, annotation: dict, where: str) -> Document:
    results = annotation.get("result") or []
    spans: dict[str, tuple[str | None, list[str], tuple[int, int], str]] = {}
    relations = []
    per_region: dict[tuple[str, str], tuple[str, str]] = {}
    for i, res in enumerate(results):
        rw = f"{where}.result.{i}"
        name = res.get("from_name")
        if res.get("type") in ("choices", "textarea") and name in ("modality", "event", "entity"):
            value = res.get("value") or {}
            items = value.get("choices") if res["type"] == "choices" else value.get("text")
            if not isinstance(items, list) or len(items) != 1 or not isinstance(items[0], str):
                task.fail(f"{name} must hold exactly one value, not {items!r}",
                          f"{rw}.value.{'choices' if res['type'] == 'choices' else 'text'}")
            per_region[(str(res.get("id", i)), name)] = (items[0].strip(), rw)
        elif res.get("type") == "relation":
            relations.append((rw, res))
        elif res.get("type") in ("labels", "hypertextlabels") or \
                "labels" in (res.get("value") or {}):
            value = res.get("value") or {}
            labels = value.get("labels") or value.get("hypertextlabels") or []
            if not labels:
                task.fail("a span with no label", f"{rw}.value.labels")
            etype, args = _label_kind(task, labels, rw)
            spans[str(res.get("id", i))] = (etype, args, task.offsets(value, rw), rw)
    for (rid, name), (_, rw) in per_region.items():
        if rid not in spans:
            task.fail(f"{name} on unknown region {rid!r}", rw)
        if name in ("modality", "event") and not spans[rid][0]:
            task.fail(f"{name} belongs on a trigger, not on an argument", rw)
        if name == "entity" and spans[rid][0]:
            task.fail("entity belongs on a participant argument, not on a trigger", rw)

    def _region(rid: str, name: str) -> str | None:
        return per_region.get((rid, name), (None, ""))[0]

    events: dict[str, tuple[str, tuple[int, int], list[Argument]]] = {
        rid: (etype, off, []) for rid, (etype, _, off, _) in spans.items() if etype}
    region_of_arg: dict[int, str] = {}
    linked: set[str] = set()
    for rw, rel in relations:
        a, b = str(rel.get("from_id")), str(rel.get("to_id"))
        if a not in spans or b not in spans:
            task.fail(f"relation between unknown results {a!r} and {b!r}", rw)
        trig, arg = (b, a) if rel.get("direction") == "left" or (a not in events and b in events) \
            else (a, b)
        if trig not in events or arg in events:
            task.fail("a relation must go from a trigger to an argument", rw)
        _, arg_labels, (s, e), aw = spans[arg]
        roles = rel.get("labels") or []
        bad = [r for r in roles if r not in DEFAULT_ROLES]
        if bad:
            task.fail(f"unknown role {bad[0]!r} on a relation (roles: {', '.join(DEFAULT_ROLES)})",
                      f"{rw}.labels")
        for role in roles or _roles(task, arg_labels, aw):
            events[trig][2].append(Argument(role=role, start=s, end=e, text=task.text[s:e]))
            region_of_arg[id(events[trig][2][-1])] = arg
        linked.add(arg)
    loose = [rid for rid, sp in spans.items() if not sp[0] and rid not in linked]
    if loose and len(events) != 1:
        task.fail(f"argument without a relation to a trigger (the document has {len(events)} "
                  "events)", spans[loose[0]][3])
    for rid in loose:
        _, arg_labels, (s, e), aw = spans[rid]
        for role in _roles(task, arg_labels, aw):
            next(iter(events.values()))[2].append(
                Argument(role=role, start=s, end=e, text=task.text[s:e]))
            region_of_arg[id(next(iter(events.values()))[2][-1])] = rid
    try:
        evs = [EventAnnotation(
            type=t, trigger=SpanAnnotation(start=s, end=e, text=task.text[s:e]),
            arguments=[Argument(role=a.role, start=a.start, end=a.end, text=a.text,
                                entity=_region(region_of_arg[id(a)], "entity")) for a in args],
            event=_region(rid, "event"), modality=_region(rid, "modality") or "actual")
            for rid, (t, (s, e), args) in sorted(events.items(), key=lambda x: x[1][1])]
    except ValueError as exc:
        errors = exc.errors() if hasattr(exc, "errors") else []
        field = ".".join(str(x) for x in errors[0]["loc"]) if errors else ""
        task.fail(errors[0]["msg"] if errors else str(exc), f"{where}.result.{field}".rstrip("."))
    try:
        doc = Document(id=task.doc_id, text=task.text, published=task.data.get("published"),
                       source=task.data.get("source"), events=evs)
        return validate_document(doc)
    except ValueError as exc:
        task.fail(str(exc).splitlines()[0], "data")
    except AnnotationError as exc:
        task.fail(exc.reason, f"{where}.{exc.field}")


def import_labelstudio(tasks: Iterable[Any], path: str = "<export>",
                       types: Iterable[str] = DEFAULT_TYPES, text_key: str = "text"
                       ) -> tuple[list[Document], dict]:
    """Convert Label Studio tasks (the parsed JSON export) into documents.

    Args:
        tasks: the export's list of tasks.
        path: the export's file name, for error messages.
        types: labels that mark triggers (event types).
        text_key: the ``data`` key of the text.

    Returns:
        The documents (tasks with no usable annotation left out) and a summary of counts.
    """
    docs, skipped, several = [], 0, 0
    type_set = set(types)
    seen: set[str] = set()
    for i, raw in enumerate(tasks):
        task = _Task(path, i, raw, type_set, text_key)
        anns = [a for a in raw.get("annotations") or [] if not a.get("was_cancelled")]
        if not anns:
            skipped += 1
            continue
        several += len(anns) > 1
        j = raw["annotations"].index(anns[-1])
        doc = _convert_task(task, anns[-1], f"annotations.{j}")
        if doc.id in seen:
            task.fail(f"document id {doc.id!r} appears in two tasks", "data.id")
        seen.add(doc.id)
        docs.append(doc)
    return docs, {"documents": len(docs), "events": sum(len(d.events) for d in docs),
                  "tasks_without_annotation": skipped, "tasks_with_several_annotations": several}


def read_labelstudio(path: str | Path, **kwargs: Any) -> tuple[list[Document], dict]:
    """Read a Label Studio JSON export file and convert it (see :func:`import_labelstudio`).

    Raises:
        AnnotationError: the file is not JSON, not a list of tasks, or a task is broken.
    """
    try:
        with open(path, encoding="utf-8") as fh:
            tasks = json.load(fh)
    except json.JSONDecodeError as exc:
        raise AnnotationError(f"not valid JSON ({exc.msg})", path=str(path), line=exc.lineno
                              ) from None
    if not isinstance(tasks, list):
        raise AnnotationError("a Label Studio JSON export is a list of tasks", path=str(path))
    return import_labelstudio(tasks, str(path), **kwargs)
