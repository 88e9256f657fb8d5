"""Counts: numerals, number words, hedges, vague quantities, people counted in phrases."""

import pytest

from eventx.normalize import casualty_count, parse_count, participant_count, people_count


@pytest.mark.parametrize("text, expected", [
    ("three", (3, False)),
    ("twenty-one", (21, False)),
    ("twenty - one", (21, False)),          # MUC-4 tokenization
    ("a dozen", (12, False)),
    ("two dozen", (24, False)),
    ("half a dozen", (6, False)),
    ("2", (2, False)),
    ("1,200", (1200, False)),
    ("one hundred and twenty", (120, False)),
    ("2.5 million", (2500000, False)),
])
def test_numbers_and_number_words(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("at least three", (3, True)),
    ("about 30", (30, True)),
    ("some 30 people", (30, True)),
    ("more than 20", (20, True)),          # the stated bound
    ("more than a dozen", (12, True)),
    ("nearly 40", (40, True)),
    ("two or three", (2, True)),           # a range gives its lower bound
    ("10 to 15 people", (10, True)),
    ("between 10 and 15", (10, True)),
])
def test_hedged_numbers_keep_the_stated_value(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["dozens of", "scores", "hundreds", "several", "tens of thousands",
                                  "a few", "a number of people", "up to 30", "fewer than ten"])
def test_vague_or_upper_bound_only_gives_no_value(text):
    assert parse_count(text) == (None, True)


def test_no_number_at_all():
    assert parse_count("the victims") == (None, False)


def test_ages_clock_times_and_years_are_not_counts():
    assert parse_count("a 42-year-old man") == (1, False)
    assert people_count("two 17-year-old boys") == (2, False)
    assert people_count("Ronald Munn, 28") == (1, False)
    assert parse_count("shot at 11:45 a.m.") == (None, False)
    assert parse_count("people killed in 1989") == (None, False)


@pytest.mark.parametrize("text, expected", [
    ("two ethnic Albanians", 2),
    ("two ethnic Albanians from Kosovo", 2),
    ("a man", 1),
    ("another man", 1),
    ("the mayor", 1),
    ("his brother", 1),
    ("the 36-year-old man", 1),
    ("Ronald Munn", 1),                     # a person's name in mixed-case text
    ("dozens of people", None),
    ("Serbian police", None),               # a force, not a number of people
    ("the FMLN", None),
    ("gunmen", None),
    ("the victims", None),
    ("no one", 0),
])
def test_participant_count(text, expected):
    assert participant_count(text) == expected


def test_lower_case_names_are_not_counted():
    # In MUC-4's lower-case text a name and a group look alike: never guess.
    assert participant_count("the fmln") is None


@pytest.mark.parametrize("text, expected", [
    ("two soldiers and three civilians", (5, False)),
    ("a man and two children", (3, False)),
    ("a man, a woman and a child", (3, False)),
    ("three policemen, two soldiers and a civilian", (6, False)),
])
def test_totals_add_up_listed_groups(text, expected):
    assert people_count(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("five, including two children", (5, False)),          # detail of the total
    ("five people: two soldiers and three civilians", (5, False)),
    ("two soldiers, Juan Perez and Pedro Gomez", (2, False)),  # the names restate the number
    ("Ronald Munn, the victim", (1, False)),                # an apposition, not a second person
])
def test_repeated_mentions_are_not_double_counted(text, expected):
    assert people_count(text) == expected


def test_casualty_count_follows_the_statement_for_its_outcome():
    assert casualty_count("three killed and five wounded", "killed") == (3, False)
    assert casualty_count("three killed and five wounded", "injured") == (5, False)
    assert casualty_count("at least three people", "killed") == (3, True)


@pytest.mark.parametrize("phrase,value", [
    ("40-year-old man", 1), ("Woman", 1), ("UNT student", 1), ("police officer", 1),
    ("6th", None), ("residents", None), ("Serbian police", None), ("gunmen", None),
])
def test_bare_singular_person_and_ordinals(phrase, value):
    assert people_count(phrase)[0] == value
