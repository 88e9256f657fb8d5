"""The converters' shared rules: trigger guessing, count spans, date spans, span helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from eventx.corpus.casualties import count_phrases, find_count_span, is_countable, number_value
from eventx.corpus.textutil import clean_span, expand_np_left, find_near, sentences
from eventx.corpus.timex import date_spans, find_date_span, parse_date
from eventx.corpus.triggers import choose_trigger, in_lexicon, inflections


def _span(text: str, phrase: str) -> tuple[int, int]:
    k = text.index(phrase)
    return k, k + len(phrase)


# ---------------------------------------------------------------- trigger rule
def test_trigger_in_sentence_with_most_arguments() -> None:
    text = "Shots rang out downtown. Police said a man was shot and killed on Elm Street."
    args = [_span(text, "a man"), _span(text, "Elm Street")]
    c = choose_trigger(text, args, "shooting")
    assert (text[c.start:c.end], c.how) == ("shot", "lexicon")


def test_trigger_tiers_prefer_first_tier_over_text_order() -> None:
    text = "Three people were killed when a car bomb exploded in the market."
    c = choose_trigger(text, [_span(text, "Three people")], "bombing")
    assert text[c.start:c.end] == "bomb"
    c = choose_trigger(text, [_span(text, "Three people")], "attack")
    assert text[c.start:c.end] == "killed"


def test_trigger_lemma_ish_matching() -> None:
    assert {"kidnapped", "kidnapping", "kidnaps"} <= inflections("kidnap")
    assert {"seized", "seizing", "seizes"} <= inflections("seize")
    assert "shot" in inflections("shoot") and "found" in inflections("find")
    text = "Armed men abducted the mayor of Tarma."
    c = choose_trigger(text, [_span(text, "the mayor")], "kidnapping")
    assert text[c.start:c.end] == "abducted"


def test_trigger_skips_words_inside_arguments_and_negated_words() -> None:
    text = "No one was shot, but the shooting range owner was hit by a shot fired at the gate."
    args = [_span(text, "the shooting range owner")]
    c = choose_trigger(text, args, "shooting")
    assert (c.start, text[c.start:c.end]) == (text.index("shot fired"), "shot")


def test_trigger_adjacent_then_fallback() -> None:
    text = "The raid happened at dawn. Customs officers in Durban took 20 kilograms of cocaine."
    args = [_span(text, "Customs officers"), _span(text, "20 kilograms")]
    c = choose_trigger(text, args, [("raid",)])
    assert (text[c.start:c.end], c.how) == ("raid", "adjacent")
    c = choose_trigger(text, args, "seizure")
    assert c.how == "fallback" and text[c.start:c.end] == "took"
    text = "Customs officers weighed 20 kilograms of cocaine."
    c = choose_trigger(text, [_span(text, "20 kilograms")], "seizure")
    assert (text[c.start:c.end], c.how) == ("weighed", "fallback")


def test_in_lexicon() -> None:
    assert in_lexicon("Massacred", "attack") and in_lexicon("clashes", "clash")
    assert not in_lexicon("illness", "attack")


# ---------------------------------------------------------------- count spans
@pytest.mark.parametrize("text, value, kind, expected", [
    ("Gunmen opened fire, killing three and wounding two men.", 3, "killed", "three"),
    ("Gunmen opened fire, killing three and wounding two men.", 2, "injured", "two men"),
    ("A 25-year-old man was shot and killed on Tuesday.", 1, "killed", "A 25-year-old man"),
    ("Two men were shot and a woman police officer was killed.", 1, "killed",
     "a woman police officer"),
    ("The blast left two people dead and 3 injured.", 2, "killed", "two people"),
    ("Three people died and at least 12 others were wounded.", 12, "injured",
     "at least 12 others"),
    ("the guerrillas killed 3 national guard soldiers", 3, "killed", "3 national guard soldiers"),
    ("the attack caused the death of a civilian", 1, "killed", "a civilian"),
])
def test_count_span_found(text: str, value: int, kind: str, expected: str) -> None:
    c = find_count_span(text, value, kind)
    assert c is not None and text[c.start:c.end] == expected


@pytest.mark.parametrize("text, value, kind", [
    ("Two men were shot and killed on Main Street.", 1, "killed"),   # the number disagrees
    ("A 25-year-old man was shot and killed on Tuesday.", 1, "injured"),  # he died
    ("A man shot and killed his wife.", 1, "killed"),                # the shooter, not a victim
    ("He fired 12 shots at the house.", 12, "injured"),
    ("Police said people were killed.", 2, "killed"),
])
def test_count_span_never_wrong(text: str, value: int, kind: str) -> None:
    assert find_count_span(text, value, kind) is None


def test_count_span_region_and_exclude() -> None:
    text = "Two men were killed in Lima. Two men were killed in Cusco."
    second = (text.index("Two men were killed in Cusco"), len(text))
    c = find_count_span(text, 2, "killed", region=second)
    assert c.start == second[0]
    c = find_count_span(text, 2, "killed", exclude=[(0, 7)])
    assert c.start == second[0]


def test_number_values_and_countable_phrases() -> None:
    assert [number_value(w) for w in ("two", "An", "1,200", "twenty-one", "dozens of")] == \
        [2, 1, 1200, 21, None]
    assert [c.value for c in count_phrases("the victim and five young children")] == [1, 5]
    assert is_countable("three people") and is_countable("the mayor") and is_countable("Seth Rich")
    assert not is_countable("soldiers") and not is_countable("the victims")


# ---------------------------------------------------------------- dates
def test_date_spans() -> None:
    text = "He was shot Tuesday, Jan. 27, police said. Last night was quiet; today it rained."
    pub = dt.date(2015, 1, 28)
    assert [text[s:e] for s, e in date_spans(text, dt.date(2015, 1, 27), pub)] == \
        ["Tuesday", "Jan. 27", "Last night"]
    assert [text[s:e] for s, e in date_spans(text, dt.date(2015, 1, 28), pub)] == ["today"]
    # a weekday says nothing when the article is weeks later
    assert [text[s:e] for s, e in date_spans(text, dt.date(2015, 1, 27), dt.date(2015, 3, 1))] \
        == ["Jan. 27"]
    s, e = find_date_span("on 2 february and on 2 february", dt.date(1990, 2, 2), near=20)
    assert s == 21
    assert parse_date("30 DEC 89") == dt.date(1989, 12, 30) and parse_date("2015-8-3")
    assert parse_date("- 08 JAN 90") is None


# ---------------------------------------------------------------- span helpers
def test_sentences_keep_abbreviations() -> None:
    text = "Mr. Smith was shot on Jan. 5 in the U.S. capital. He died.\n\nNew paragraph"
    assert [text[s:e] for s, e in sentences(text)] == [
        "Mr. Smith was shot on Jan. 5 in the U.S. capital.", "He died.", "New paragraph"]


def test_find_near_and_clean_span() -> None:
    text = "a Man shot a man"
    assert find_near(text, "a man", hint=10) == (11, 16)
    assert find_near(text, "a  MAN") == (0, 5)
    text = "Los Angeles TimesGarry Harris was shot near the Oak Street park. It was nigh"
    s, e = clean_span(text, text.index("Garry"), text.index(" was"))
    assert text[s:e] == "Garry Harris"                      # no widening across run-in words
    s, e = clean_span(text, text.index("near"), text.index(". It"), strip_preposition=True)
    assert text[s:e] == "the Oak Street park"
    s, e = clean_span("at 2600 Main Ave. Then", 3, 17)
    assert (s, e) == (3, 17)                                # an abbreviation keeps its period


def test_expand_np_left() -> None:
    text = "Last week, more than three dozen Malian pro-army militiamen died in a landslide."
    s, e = expand_np_left(text, *_span(text, "militiamen"))
    assert text[s:e] == "more than three dozen Malian pro-army militiamen"
    text = "The IED killed Russian major general Ivanov."
    assert expand_np_left(text, *_span(text, "general")) == _span(text, "general")
