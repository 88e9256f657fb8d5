"""A hand-written incident test set: 16 short invented reports of 4 incidents and 4 distractors.

Each report is written for this project (no real outlet's text), differently worded, with the
figures a real run of coverage would give ("at least 12 dead", "14 killed"). ``REPORTS`` holds the
text and the event record that extraction gives for it (written by hand, so the test needs no
model); ``GOLD`` says which incident each report belongs to. The distractors share the type and
the city of an incident but happened another week, or share the type, the country and the day but
not the place.
"""

from __future__ import annotations

from typing import Any


def _span(text: str) -> dict[str, Any]:
    return {"text": text, "start": 0, "end": len(text)}


def event(type_: str, trigger: str, *, who=(), where=(), date=None, killed=None, injured=None,
          granularity: str = "day") -> dict[str, Any]:
    """An event record as ``eventx extract`` writes it (offsets are not used by the merger)."""

    def count(value):
        if value is None:
            return None
        n, approx = value if isinstance(value, tuple) else (value, False)
        return {**_span(str(n)), "value": n, "approximate": approx, "unit": None}

    return {
        "type": type_, "trigger": _span(trigger),
        "who": [{**_span(t), "role": r, "count": None} for t, r in who],
        "where": [{**_span(t), "country": c, "latitude": None, "longitude": None} for t, c in where],
        "when": None if date is None else {**_span(date), "date": date, "granularity": granularity,
                                           "end_date": None},
        "casualties": {"killed": count(killed), "injured": count(injured)},
        "seizures": [], "score": 0.9, "arguments": [],
    }


# (document id, published, text, events, gold incident of each event)
REPORTS = [
    # A: a market bombing in Maiduguri, Nigeria, on 2 March 2024.
    ("a1", "2024-03-02", "At least 12 dead as a suicide bomber strikes a market in Maiduguri.",
     [event("attack", "strikes", who=[("a suicide bomber", "agent")],
            where=[("Maiduguri", "NG")], date="2024-03-02", killed=(12, True))], ["A"]),
    ("a2", "2024-03-03", "Fourteen people were killed on Saturday when a bomb exploded at the "
     "Monday Market in Maiduguri, Borno State.",
     [event("attack", "killed", who=[("Fourteen people", "target")],
            where=[("Monday Market", "NG"), ("Maiduguri", "NG")], date="2024-03-02",
            killed=14)], ["A"]),
    ("a3", "2024-03-03", "Borno police say 13 died and 30 were hurt in the Maiduguri market blast.",
     [event("attack", "blast", where=[("Maiduguri", "NG")], killed=13, injured=30)], ["A"]),
    ("a4", "2024-03-04", "The death toll of Saturday's bombing of a Maiduguri market rose to 19.",
     [event("attack", "bombing", where=[("Maiduguri", "NG")], date="2024-03-02", killed=19)],
     ["A"]),
    # B: two smugglers arrested near Subotica, Serbia, on 30 October 2023.
    ("b1", "2023-10-31", "Police arrested two men in Subotica on Monday.",
     [event("arrest", "arrested", who=[("Police", "agent"), ("two men", "target")],
            where=[("Subotica", "RS")], date="2023-10-30")], ["B"]),
    ("b2", "2023-10-31", "Serbian police detained two suspected migrant smugglers near Subotica.",
     [event("arrest", "detained", who=[("Serbian police", "agent"),
                                       ("two suspected migrant smugglers", "target")],
            where=[("Subotica", "RS")])], ["B"]),
    ("b3", "2023-11-01", "Two men held in Subotica on Monday were charged with people smuggling.",
     [event("arrest", "held", who=[("Two men", "target")], where=[("Subotica", "RS")],
            date="2023-10-30")], ["B"]),
    # C: protest in Nairobi, Kenya, on 25 June 2024.
    ("c1", "2024-06-25", "Thousands protested in Nairobi against the finance bill; 5 were shot dead.",
     [event("protest", "protested", who=[("Thousands", "agent")], where=[("Nairobi", "KE")],
            date="2024-06-25", killed=5)], ["C"]),
    ("c2", "2024-06-26", "Protesters stormed parliament in Nairobi on Tuesday; at least 8 died.",
     [event("protest", "stormed", who=[("Protesters", "agent")],
            where=[("parliament", "KE"), ("Nairobi", "KE")], date="2024-06-25",
            killed=(8, True))], ["C"]),
    ("c3", "2024-06-26", "Kenyan demonstrators marched on parliament in Nairobi, police said.",
     [event("protest", "marched", who=[("Kenyan demonstrators", "agent")],
            where=[("Nairobi", "KE")], date="2024-06-25")], ["C"]),
    # D: school kidnapping in Kuriga, Kaduna State, Nigeria, on 7 March 2024.
    ("d1", "2024-03-07", "Gunmen kidnapped 287 pupils from a school in Kuriga, Kaduna State.",
     [event("kidnapping", "kidnapped", who=[("Gunmen", "agent"), ("287 pupils", "target")],
            where=[("Kuriga", "NG"), ("Kaduna State", "NG")], date="2024-03-07")], ["D"]),
    ("d2", "2024-03-08", "More than 280 students were abducted from their school in Kuriga.",
     [event("kidnapping", "abducted", who=[("More than 280 students", "target")],
            where=[("Kuriga", "NG")])], ["D"]),
    ("d3", "2024-03-09", "Bandits who seized the Kuriga schoolchildren on Thursday demand a ransom.",
     [event("kidnapping", "seized", who=[("Bandits", "agent"), ("the Kuriga schoolchildren",
                                                                 "target")],
            where=[("Kuriga", "NG")], date="2024-03-07")], ["D"]),
    # Distractors: same type and city, another week; same type, country and day, another city.
    ("x1", "2024-03-11", "A gunman killed 3 people at a market in Maiduguri on Sunday.",
     [event("attack", "killed", who=[("A gunman", "agent"), ("3 people", "target")],
            where=[("Maiduguri", "NG")], date="2024-03-10", killed=3)], ["X1"]),
    ("x2", "2024-03-02", "Suicide bombers killed 18 people at a wedding in Gwoza on Saturday.",
     [event("attack", "killed", who=[("Suicide bombers", "agent"), ("18 people", "target")],
            where=[("Gwoza", "NG")], date="2024-03-02", killed=18)], ["X2"]),
    ("x3", "2023-11-08", "Police in Subotica arrested a woman for fraud.",
     [event("arrest", "arrested", who=[("Police", "agent"), ("a woman", "target")],
            where=[("Subotica", "RS")], date="2023-11-08")], ["X3"]),
    ("x4", "2024-03-21", "Gunmen kidnapped 15 pupils from a school in Kaduna State.",
     [event("kidnapping", "kidnapped", who=[("Gunmen", "agent"), ("15 pupils", "target")],
            where=[("Kaduna State", "NG")], date="2024-03-20")], ["X4"]),
]


def rows() -> list[dict[str, Any]]:
    """The reports as nested ``eventx extract`` rows, with ``published``."""
    return [{"id": d, "line": n, "published": p, "events": evs}
            for n, (d, p, _, evs, _) in enumerate(REPORTS, 1)]


GOLD = {(d, i): g for d, _, _, _, gs in REPORTS for i, g in enumerate(gs)}
