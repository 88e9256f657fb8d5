"""merge_mentions: one record per real event, with every trigger folded into it (invented text)."""

from __future__ import annotations

import datetime as dt

from eventx.merge import MERGE_SPAN, merge_mentions
from eventx.schema import Argument, Casualties, Count, Event, Place, Span, When


def span(text: str, sub: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Span(text=sub, start=start, end=start + len(sub))


def mention(text: str, trigger: str, typ: str = "attack", nth: int = 0, **kw) -> Event:
    return Event(type=typ, trigger=span(text, trigger, nth), score=0.9, **kw)


def dated(text: str, sub: str, date: dt.date, granularity: str = "day",
          stated: bool = True) -> dict:
    """``when`` fields for a mention; ``stated``: the date is one of its arguments (the model
    linked it), not a guess of the normalizer."""
    s = span(text, sub)
    when = When(text=s.text, start=s.start, end=s.end, date=date, granularity=granularity)
    args = (Argument(text=s.text, start=s.start, end=s.end, role="time"),) if stated else ()
    return {"when": when, "arguments": args}


def place(text: str, sub: str, country: str | None, lat: float | None = None,
          lon: float | None = None) -> tuple[Place, ...]:
    s = span(text, sub)
    return (Place(text=s.text, start=s.start, end=s.end, country=country, latitude=lat,
                  longitude=lon),)


def test_mentions_hold_every_folded_trigger_in_text_order():
    text = ("A gunman opened fire at a bakery on Monday. The shooting left two people hurt. "
            "Police said the gunman shot at the owner. Separately, police arrested a man.")
    ms = [mention(text, "shot"), mention(text, "opened fire"), mention(text, "shooting"),
          mention(text, "arrested", "arrest")]
    attack, arrest = merge_mentions(ms, text)
    assert attack.trigger.text == "opened fire"
    assert [m.text for m in attack.mentions] == ["opened fire", "shooting", "shot"]
    assert all(text[m.start:m.end] == m.text for m in attack.mentions)
    assert [m.text for m in arrest.mentions] == ["arrested"]  # a lone mention lists itself


def test_merging_records_again_keeps_their_mentions():
    text = "The clash began at dawn. The clash ended at noon. A second clash followed."
    once = merge_mentions([mention(text, "clash", "armed_clash", n) for n in range(3)], text)
    assert len(once) == 1 and len(once[0].mentions) == 3
    again = merge_mentions(once + [mention(text, "clash", "armed_clash", 1)], text)
    assert [m.start for m in again[0].mentions] == [m.start for m in once[0].mentions]


def test_same_type_mentions_merge_without_shared_arguments():
    text = ("Troops clashed with rebels near the river. The fighting lasted hours. "
            "Two arrests followed.")
    a = mention(text, "clashed", "armed_clash")
    b = mention(text, "fighting", "armed_clash")
    c = mention(text, "arrests", "arrest")
    assert [e.type for e in merge_mentions([a, b, c], text)] == ["armed_clash", "arrest"]


def test_stated_dates_that_differ_keep_two_events_guessed_ones_do_not():
    text = "A bomb exploded on Monday. Another bomb exploded on Friday."
    mon = dict(dated(text, "Monday", dt.date(2023, 10, 30)))
    fri = dict(dated(text, "Friday", dt.date(2023, 10, 27)))
    a, b = mention(text, "exploded", **mon), mention(text, "exploded", nth=1, **fri)
    assert len(merge_mentions([a, b], text)) == 2
    guessed = dated(text, "Friday", dt.date(2023, 10, 27), stated=False)
    b = mention(text, "exploded", nth=1, **guessed)
    assert len(merge_mentions([a, b], text)) == 1


def test_a_month_covers_its_days():
    text = "He was shot in March 2005. The shooting on March 11, 2005 shocked the city on April 2."
    month = dated(text, "March 2005", dt.date(2005, 3, 1), "month")
    day = dated(text, "March 11, 2005", dt.date(2005, 3, 11))
    later = dated(text, "April 2", dt.date(2005, 4, 2))
    a = mention(text, "shot", **month)
    assert len(merge_mentions([a, mention(text, "shooting", **day)], text)) == 1
    assert len(merge_mentions([a, mention(text, "shooting", **later)], text)) == 2


def test_places_that_resolve_apart_keep_two_events():
    text = ("Protesters marched in Belgrade. Protesters marched in Novi Sad. "
            "They marched at a house.")
    belgrade = place(text, "Belgrade", "RS", 44.804, 20.465)
    novi_sad = place(text, "Novi Sad", "RS", 45.251, 19.837)  # about 70 km away
    house = place(text, "a house", None)
    a = mention(text, "marched", "protest", where=belgrade)
    assert len(merge_mentions([a, mention(text, "marched", "protest", 1, where=novi_sad)],
                              text)) == 2
    near = place(text, "Novi Sad", "RS", 44.85, 20.41)  # within PLACE_KM of Belgrade
    assert len(merge_mentions([a, mention(text, "marched", "protest", 1, where=near)], text)) == 1
    # a place that resolves to nothing never tells two events apart
    assert len(merge_mentions([a, mention(text, "marched", "protest", 2, where=house)], text)) == 1


def test_places_in_other_countries_keep_two_events():
    text = "Militants attacked a base in Syria. Militants attacked a base in Iraq."
    a = mention(text, "attacked", where=place(text, "Syria", "SY"))
    b = mention(text, "attacked", nth=1, where=place(text, "Iraq", "IQ"))
    assert len(merge_mentions([a, b], text)) == 2
    b = mention(text, "attacked", nth=1, where=place(text, "Iraq", "SY"))
    assert len(merge_mentions([a, b], text)) == 1


def test_different_exact_tolls_keep_two_events_approximate_ones_merge():
    text = "Three people were killed in a blast. Five people were killed in a blast."

    def killed(sub: str, value: int, approximate: bool = False) -> Casualties:
        s = span(text, sub)
        return Casualties(killed=Count(text=s.text, start=s.start, end=s.end, value=value,
                                       approximate=approximate))

    a = mention(text, "blast", casualties=killed("Three people", 3))
    b = mention(text, "blast", nth=1, casualties=killed("Five people", 5))
    assert len(merge_mentions([a, b], text)) == 2
    b = mention(text, "blast", nth=1, casualties=killed("Five people", 5, approximate=True))
    (merged,) = merge_mentions([a, b], text)
    assert merged.casualties.killed.value == 5  # the largest stated toll, never a sum


def test_a_mention_too_far_from_the_first_starts_a_new_event():
    text = "A clash broke out." + " " * MERGE_SPAN + "The clash was the worst this year."
    a, b = mention(text, "clash", "armed_clash"), mention(text, "clash", "armed_clash", 1)
    assert len(merge_mentions([a, b], text)) == 2


def test_the_record_keeps_the_stated_and_most_precise_date():
    text = "Gunmen attacked a village in 2019. The attack on May 3, 2019 killed a farmer."
    guessed = dated(text, "2019", dt.date(2019, 1, 1), "year", stated=False)
    day = dated(text, "May 3, 2019", dt.date(2019, 5, 3))
    a, b = mention(text, "attacked", **guessed), mention(text, "attack", nth=1, **day)
    (ev,) = merge_mentions([a, b], text)
    assert ev.trigger.text == "attacked" and ev.when.text == "May 3, 2019"


def test_a_planned_mention_is_not_the_actual_event():
    text = "Farmers protested in the capital on Monday and plan to protest again next week."
    held = mention(text, "protested", "protest")
    planned = mention(text, "protest", "protest", nth=1, modality="planned")
    assert [e.modality for e in merge_mentions([held, planned], text)] == ["actual", "planned"]
