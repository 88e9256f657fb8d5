"""normalize_events: values filled on any model's spans, spans untouched, the `when` rule."""

import datetime as dt

import eventx.normalize
from eventx.normalize import normalize_events
from eventx.schema import Casualties, Count, Event, Participant, Place, Seizure, Span, When

PUBLISHED = dt.date(2023, 10, 31)  # a Tuesday

ARTICLE = (
    "Smugglers clash near Horgos\n\n"
    "At least three people were killed and five wounded in clashes between smugglers near "
    "Subotica, Serbia, on Friday night, police said on Monday. "
    "Officers arrested two ethnic Albanians and seized eight Kalashnikovs and $2.5 million "
    "in cash. "
    "Police said the gang had smuggled 40 kilograms of heroin last year."
)


def span(cls, text, after=0, **kw):
    start = ARTICLE.index(text, after)
    return cls(text=text, start=start, end=start + len(text), **kw)


def events():
    clash = Event(
        type="armed_clash", trigger=span(Span, "clashes"), score=0.9,
        who=(span(Participant, "smugglers", role="agent"),),
        where=(span(Place, "Subotica"), span(Place, "Serbia")),
        casualties=Casualties(killed=span(Count, "At least three people"),
                              injured=span(Count, "five")))
    arrest = Event(type="arrest", trigger=span(Span, "arrested"), score=0.8,
                   who=(span(Participant, "Officers", role="agent"),
                        span(Participant, "two ethnic Albanians", role="target")))
    seizure = Event(type="seizure", trigger=span(Span, "seized"), score=0.8, seizures=(
        Seizure(item=span(Span, "Kalashnikovs"), quantity=span(Count, "eight")),
        Seizure(item=span(Span, "cash"), quantity=span(Count, "$2.5 million"))))
    smuggling = Event(type="smuggling", trigger=span(Span, "smuggled"), score=0.7, seizures=(
        Seizure(item=span(Span, "heroin"), quantity=span(Count, "40 kilograms")),))
    return [clash, arrest, seizure, smuggling]


def test_public_names():
    assert set(eventx.normalize.__all__) >= {
        "normalize_events", "parse_count", "participant_count", "parse_quantity", "resolve_date",
        "find_time_expressions", "PlaceResolver", "resolve_places"}


def test_values_are_filled_and_spans_untouched():
    before = events()
    clash, arrest, seizure, smuggling = normalize_events(before, ARTICLE, PUBLISHED)
    assert clash.casualties.killed.value == 3 and clash.casualties.killed.approximate
    assert clash.casualties.injured.value == 5
    assert [(p.text, p.count) for p in arrest.who] == [("Officers", None),
                                                       ("two ethnic Albanians", 2)]
    assert [p.country for p in clash.where] == ["RS", "RS"]
    assert clash.where[0].latitude is not None and clash.where[1].latitude is None
    assert [(s.quantity.value, s.quantity.unit) for s in seizure.seizures] == [
        (8, "pieces"), (2500000, "USD")]
    assert (smuggling.seizures[0].quantity.value, smuggling.seizures[0].quantity.unit) == (40, "kg")
    for old, new in zip(before, [clash, arrest, seizure, smuggling], strict=True):
        assert [(s.text, s.start, s.end) for s in old.spans()] == [
            (s.text, s.start, s.end) for s in new.spans() if s is not new.when]
        for s in new.spans():
            assert ARTICLE[s.start:s.end] == s.text
    assert before[0].casualties.killed.value is None  # the inputs are not changed


def test_when_same_sentence_prefers_the_event_time_over_the_report_time():
    clash = normalize_events(events(), ARTICLE, PUBLISHED)[0]
    assert clash.when.text == "Friday night"
    assert (clash.when.date, clash.when.granularity) == (dt.date(2023, 10, 27), "day")


def test_when_carries_over_from_the_sentence_that_set_the_time():
    arrest = normalize_events(events(), ARTICLE, PUBLISHED)[1]
    assert arrest.when.text == "Friday night"  # still Friday: "said on Monday" dates the report


def test_when_in_own_sentence_even_if_coarse():
    smuggling = normalize_events(events(), ARTICLE, PUBLISHED)[3]
    assert (smuggling.when.text, smuggling.when.granularity) == ("last year", "year")
    assert smuggling.when.date == dt.date(2022, 1, 1)


def test_months_and_years_do_not_carry_over():
    text = "Last year the gang killed three people. Police arrested two men."
    ev = Event(type="arrest", trigger=Span(text="arrested", start=47, end=55), score=0.9)
    assert text[47:55] == "arrested"
    assert normalize_events([ev], text, PUBLISHED)[0].when is None


def test_dateline_dates_an_undated_story():
    text = "INDIANAPOLIS, Ind. (Dec. 2, 2015) -- Police are searching for a gunman. A man was shot."
    start = text.index("shot")
    ev = Event(type="attack", trigger=Span(text="shot", start=start, end=start + 4), score=0.9)
    when = normalize_events([ev], text, dt.date(2015, 12, 2))[0].when
    assert (when.text, when.date) == ("Dec. 2, 2015", dt.date(2015, 12, 2))


def test_no_time_expression_no_when():
    text = "Police arrested two men."
    ev = Event(type="arrest", trigger=Span(text="arrested", start=7, end=15), score=0.9)
    assert normalize_events([ev], text, PUBLISHED)[0].when is None


def test_without_publication_date_the_span_is_kept_but_not_dated():
    clash = normalize_events(events(), ARTICLE, None)[0]
    assert clash.when.text == "Friday night" and clash.when.date is None


def test_a_given_when_is_resolved_not_replaced():
    ev = events()[0].model_copy(update={"when": span(When, "Monday")})
    when = normalize_events([ev], ARTICLE, PUBLISHED)[0].when
    assert (when.text, when.date) == ("Monday", dt.date(2023, 10, 30))


def test_unknown_place_stays_null_and_empty_input():
    text = "Rebels attacked the Reska border crossing."
    start = text.index("the Reska")
    ev = Event(type="attack", trigger=Span(text="attacked", start=7, end=15), score=0.9,
               where=(Place(text="the Reska border crossing", start=start, end=start + 25),))
    place = normalize_events([ev], text, PUBLISHED)[0].where[0]
    assert (place.country, place.latitude, place.longitude) == (None, None, None)
    assert normalize_events([], text, PUBLISHED) == []


def test_publication_date_as_iso_string():
    clash = normalize_events(events(), ARTICLE, "2023-10-31")[0]
    assert clash.when.date == dt.date(2023, 10, 27)


def _event_at(text, word):
    start = text.index(word)
    return Event(type="attack", trigger=Span(text=word, start=start, end=start + len(word)),
                 score=0.9)


def test_a_lede_is_dated_by_the_next_sentence():
    text = "A judge was assassinated in Medellin.  The attack took place on Monday, police said."
    when = normalize_events([_event_at(text, "assassinated")], text, PUBLISHED)[0].when
    assert (when.text, when.date) == ("Monday", dt.date(2023, 10, 30))


def test_the_lede_rule_looks_one_sentence_ahead_only_and_not_past_an_earlier_time():
    text = "A judge was assassinated.  Police are investigating.  It happened on Monday."
    assert normalize_events([_event_at(text, "assassinated")], text, PUBLISHED)[0].when is None
    text = "Last year rebels attacked a post.  A judge was killed.  It happened on Monday."
    assert normalize_events([_event_at(text, "killed")], text, PUBLISHED)[0].when is None
    # a report date in the next sentence does not date the lede
    text = "A judge was assassinated.  Police said on Monday that they had no suspects."
    assert normalize_events([_event_at(text, "assassinated")], text, PUBLISHED)[0].when is None


def test_places_the_gazetteer_lacks_get_a_country_from_the_text():
    text = ("Salvadoran troops clashed with rebels in San Salvador, El Salvador.  The rebels "
            "burned the El Refugio farm.  Two died in Los Tamarindos, Usulutan department.")
    where = tuple(Place(text=m, start=text.index(m), end=text.index(m) + len(m))
                  for m in ("the El Refugio farm", "Los Tamarindos"))
    ev = _event_at(text, "burned").model_copy(update={"where": where})
    out = normalize_events([ev], text, PUBLISHED)[0].where
    assert [(p.country, p.latitude, p.longitude) for p in out] == [("SV", None, None)] * 2
