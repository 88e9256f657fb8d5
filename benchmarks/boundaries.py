"""What the span boundary convention changes in the built corpus (``training/DATA.md``, Counts).

Builds the corpus twice, with and without :func:`eventx.corpus.boundaries.normalize_document`,
and counts over every argument:

* participant, place and item spans with "the" / "a" / "an" just before them, outside the span;
* participant, place and item spans that start with a determiner;
* spans that start with a preposition (other than a quantifier such as "at least");
* spans that end on a preposition, conjunction, determiner or comma.

Usage::

    python benchmarks/boundaries.py [--data ../shared/data] [--annotations training/annotations]
"""

from __future__ import annotations

import argparse
import json
import re
from unittest import mock

from eventx.corpus import build
from eventx.corpus.format import DEFAULT_ROLES, Document

_LEAD = re.compile(r"(?:in|at|on|near|from|of|by|into|to) ", re.I)
_TRAIL = re.compile(r"(?: (?:in|at|on|of|and|or|the|a|an|to|from|with)|[,;:])$", re.I)


def counts(docs: list[Document]) -> dict[str, int]:
    out = {"np_spans": 0, "determiner_outside": 0, "determiner_inside": 0, "all_spans": 0,
           "leading_preposition": 0, "trailing_function_word": 0}
    for d in docs:
        for ev in d.events:
            for a in ev.arguments:
                span = d.text[a.start:a.end]
                out["all_spans"] += 1
                if DEFAULT_ROLES.get(a.role) in ("PARTICIPANT", "PLACE", "ITEM"):
                    out["np_spans"] += 1
                    before = d.text[max(0, a.start - 5):a.start].lower()
                    out["determiner_outside"] += bool(re.search(r"\b(?:the|a|an) $", before))
                    out["determiner_inside"] += bool(re.match(r"(?:the|a|an) ", span.lower()))
                out["leading_preposition"] += bool(_LEAD.match(span)) and not \
                    re.match(r"at (?:least|most) ", span.lower())
                out["trailing_function_word"] += bool(_TRAIL.search(span))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default="../shared/data")
    p.add_argument("--annotations", default="training/annotations")
    args = p.parse_args()
    with mock.patch.object(build, "normalize_document", lambda doc, **kw: doc):
        raw = build.build_corpus(args.data, args.annotations)
    conv = build.build_corpus(args.data, args.annotations)
    print(json.dumps({"without_convention": counts(raw.train + raw.tune + raw.dev),
                      "with_convention": counts(conv.train + conv.tune + conv.dev),
                      "changes": conv.manifest["boundary_changes"]}, indent=1))


if __name__ == "__main__":
    main()
