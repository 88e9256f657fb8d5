"""Parse the raw MUC-3/4 answer keys (``muc4/raw/*/key-*``): 25 numbered slots per template.

A key file is a run of templates, each starting at slot ``0.  MESSAGE: ID``::

    0.  MESSAGE: ID                     DEV-MUC3-0001 (NCCOSC)
    1.  MESSAGE: TEMPLATE               2 (OPTIONAL)
    2.  INCIDENT: DATE                  03 JAN 90
    4.  INCIDENT: TYPE                  ATTACK
    19. HUM TGT: DESCRIPTION            "PEASANTS"
                                        "SOLDIERS"
    21. HUM TGT: NUMBER                 50: "PEASANTS"
    23. HUM TGT: EFFECT OF INCIDENT     DEATH: "PEASANTS" / "FARMERS"

A slot's value may continue on indented lines (one filler a line); ``"A" / "B"`` are
alternative strings for one filler; ``LABEL: "A"`` ties a set value or a number to a filler;
``?`` marks uncertainty; ``*`` and ``-`` mean "not applicable" and "empty"; lines starting with
``;;;`` are comments. The parser is lenient about spacing and odd values; a line it cannot place
raises :class:`~eventx.errors.AnnotationError` with the file and line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventx.errors import AnnotationError

__all__ = ["KeyTemplate", "LabeledFiller", "parse_keys", "read_keys"]

_NAMES = ("MESSAGE: ID", "MESSAGE: TEMPLATE", "INCIDENT: DATE", "INCIDENT: LOCATION",
          "INCIDENT: TYPE", "INCIDENT: STAGE OF EXECUTION", "INCIDENT: INSTRUMENT ID",
          "INCIDENT: INSTRUMENT TYPE", "PERP: INCIDENT CATEGORY", "PERP: INDIVIDUAL ID",
          "PERP: ORGANIZATION ID", "PERP: ORGANIZATION CONFIDENCE", "PHYS TGT: ID",
          "PHYS TGT: TYPE", "PHYS TGT: NUMBER", "PHYS TGT: FOREIGN NATION",
          "PHYS TGT: EFFECT OF INCIDENT", "PHYS TGT: TOTAL NUMBER", "HUM TGT: NAME",
          "HUM TGT: DESCRIPTION", "HUM TGT: TYPE", "HUM TGT: NUMBER", "HUM TGT: FOREIGN NATION",
          "HUM TGT: EFFECT OF INCIDENT", "HUM TGT: TOTAL NUMBER")
_SLOT_NAMES = "|".join(re.escape(n) for n in sorted(_NAMES, key=len, reverse=True))
_SLOT_LINE = re.compile(rf"^(\d{{1,2}})\.\s+({_SLOT_NAMES})(?:\s+(.*))?$")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


@dataclass
class LabeledFiller:
    """One line of a labelled slot: ``DEATH: "A" / "B"`` -> label ``DEATH``, strings A and B."""

    label: str
    strings: list[str]
    uncertain: bool = False


@dataclass
class KeyTemplate:
    """The slots of one raw key template that the converter uses (strings are lower-cased)."""

    doc_id: str
    number: str = ""
    optional: bool = False
    incident_types: list[str] = field(default_factory=list)
    stage: str = ""
    date: str = ""
    location: str = ""
    perp_ind: list[list[str]] = field(default_factory=list)
    perp_org: list[list[str]] = field(default_factory=list)
    phys_tgt: list[list[str]] = field(default_factory=list)
    hum_name: list[list[str]] = field(default_factory=list)
    hum_desc: list[list[str]] = field(default_factory=list)
    hum_number: list[LabeledFiller] = field(default_factory=list)
    hum_effect: list[LabeledFiller] = field(default_factory=list)
    path: str = ""
    line: int = 0

    @property
    def empty(self) -> bool:
        """True for the ``*`` template of an irrelevant message."""
        return not self.incident_types

    def fillers(self) -> set[str]:
        """Every filler string of the perpetrator and target slots."""
        groups = self.perp_ind + self.perp_org + self.phys_tgt + self.hum_name + self.hum_desc
        return {s for g in groups for s in g}


def _strings(value: str) -> list[str]:
    return [s.replace('\\"', '"').strip().lower() for s in _QUOTED.findall(value) if s.strip()]


def _labeled(value: str) -> LabeledFiller | None:
    head = value.split('"', 1)[0]
    strings = _strings(value)
    label = head.strip().rstrip(":").strip()
    uncertain = label.startswith("?")
    label = label.lstrip("?").strip()
    if not label and not strings:
        return None
    return LabeledFiller(label.upper(), strings, uncertain)


def _fill(tpl: KeyTemplate, slot: int, values: list[str]) -> None:
    values = [v.strip() for v in values if v.strip() and v.strip() not in ("*", "-")]
    if slot == 1:
        tpl.number = values[0].split()[0] if values else ""
        tpl.optional = any("OPTIONAL" in v for v in values)
    elif slot == 2:
        tpl.date = " ".join(values)
    elif slot == 3:
        tpl.location = " ".join(values)
    elif slot == 4:
        tpl.incident_types = [t.strip().lower() for v in values for t in v.split("/") if t.strip()]
    elif slot == 5:
        tpl.stage = " ".join(values).lower()
    elif slot in (9, 10, 12, 18, 19):
        groups = [s for s in (_strings(v) for v in values) if s]
        target = {9: tpl.perp_ind, 10: tpl.perp_org, 12: tpl.phys_tgt, 18: tpl.hum_name,
                  19: tpl.hum_desc}[slot]
        target += groups
    elif slot in (21, 23):
        labeled = [lf for lf in (_labeled(v) for v in values) if lf is not None]
        (tpl.hum_number if slot == 21 else tpl.hum_effect).extend(labeled)


def parse_keys(lines: Iterable[str], path: str = "<keys>") -> list[KeyTemplate]:
    """Parse the lines of one key file into templates (in file order).

    Raises:
        AnnotationError: a value line outside any slot, or a template without ``MESSAGE: ID``.
    """
    out: list[KeyTemplate] = []
    tpl: KeyTemplate | None = None
    slot: int | None = None
    values: list[str] = []

    def flush() -> None:
        if tpl is not None and slot is not None:
            _fill(tpl, slot, values)

    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\n").rstrip("\r")
        if not line.strip() or line.lstrip().startswith(";"):
            continue
        m = _SLOT_LINE.match(line)
        if m and not line[0].isspace():
            flush()
            slot, values = int(m.group(1)), [m.group(3) or ""]
            if slot == 0:
                doc_id = (m.group(3) or "").split()
                if not doc_id:
                    raise AnnotationError("a template without a message id", path=path,
                                          line=lineno, field="MESSAGE: ID")
                tpl = KeyTemplate(doc_id=doc_id[0], path=path, line=lineno)
                out.append(tpl)
            elif tpl is None:
                raise AnnotationError(f"slot {slot} before any 'MESSAGE: ID'", path=path,
                                      line=lineno, field=m.group(2))
        elif line[0].isspace() and slot is not None:
            values.append(line.strip())
        else:
            raise AnnotationError(f"cannot read line {line.strip()[:40]!r}", path=path,
                                  line=lineno)
    flush()
    return out


def read_keys(data_dir: str | Path) -> dict[str, list[KeyTemplate]]:
    """Read every raw key file under ``muc4/raw/`` into ``{"muc4-<docid>": [templates]}``.

    Templates of irrelevant messages (all slots ``*``) are left out.
    """
    out: dict[str, list[KeyTemplate]] = defaultdict(list)
    for path in sorted(Path(data_dir, "muc4", "raw").glob("*/key-*")):
        with open(path, encoding="latin-1") as fh:
            for tpl in parse_keys(fh, str(path)):
                if not tpl.empty:
                    out["muc4-" + tpl.doc_id].append(tpl)
    return dict(out)
