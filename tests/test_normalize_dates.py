"""Time expressions: finding them, and resolving them against the publication date."""

import datetime as dt

import pytest

from eventx.normalize import find_time_expressions, resolve_date

TUESDAY = dt.date(2023, 10, 31)
WEDNESDAY = dt.date(2015, 12, 2)


def found(text):
    return [text[a:b] for a, b in find_time_expressions(text)]


def test_finds_dates_without_their_preposition():
    text = "Police said on Monday that two men were shot on October 27 near the border."
    assert found(text) == ["Monday", "October 27"]


def test_finds_relative_and_ranged_expressions():
    text = ("The raid came two days ago, after clashes last week and a march between 1 and 3 May; "
            "in June 2022 the group was formed. Friday night a bomb went off.")
    assert found(text) == ["two days ago", "last week", "between 1 and 3 May", "June 2022",
                           "Friday night"]


def test_finds_weekday_with_date_and_lower_case_text():
    assert found("On Wednesday, Nov. 25, a man was shot.") == ["Wednesday, Nov. 25"]
    assert found("the shooting took place saturday evening, december 12th.") == [
        "saturday evening, december 12th"]
    assert found("guerrillas attacked the post on 16 june, the army said today.") == [
        "16 june", "today"]


def test_clock_times_words_and_durations_are_not_dates():
    assert found("It happened around 11:45 a.m., police said.") == []
    assert found("Protesters may march for five days.") == []
    assert found("He has lived there since 2 years.") == []


@pytest.mark.parametrize("text, expected", [
    ("Monday", (dt.date(2023, 10, 30), "day", None)),
    ("Tuesday", (TUESDAY, "day", None)),                    # the publication day itself
    ("last Tuesday", (dt.date(2023, 10, 24), "day", None)),
    ("Friday night", (dt.date(2023, 10, 27), "day", None)),
    ("late Friday", (dt.date(2023, 10, 27), "day", None)),
    ("yesterday", (dt.date(2023, 10, 30), "day", None)),
    ("last night", (dt.date(2023, 10, 30), "day", None)),
    ("early this morning", (TUESDAY, "day", None)),
    ("today", (TUESDAY, "day", None)),
    ("two days ago", (dt.date(2023, 10, 29), "day", None)),
    ("October 27", (dt.date(2023, 10, 27), "day", None)),
    ("on 27 October", (dt.date(2023, 10, 27), "day", None)),
])
def test_relative_dates_resolve_against_publication(text, expected):
    assert resolve_date(text, TUESDAY) == expected


def test_month_and_day_without_year_take_the_closest_year_before_publication():
    assert resolve_date("Dec. 30", dt.date(2016, 1, 3)) == (dt.date(2015, 12, 30), "day", None)
    # a few days after publication is still this year (URL dates can trail the event)
    assert resolve_date("Dec. 4", WEDNESDAY) == (dt.date(2015, 12, 4), "day", None)


@pytest.mark.parametrize("text, expected", [
    ("last week", (dt.date(2023, 10, 23), "day", dt.date(2023, 10, 29))),
    ("this week", (dt.date(2023, 10, 30), "day", TUESDAY)),
    ("over the weekend", (dt.date(2023, 10, 28), "day", dt.date(2023, 10, 29))),
    ("earlier this month", (dt.date(2023, 10, 1), "month", None)),
    ("last month", (dt.date(2023, 9, 1), "month", None)),
    ("last year", (dt.date(2022, 1, 1), "year", None)),
])
def test_vague_periods_are_ranges_or_coarse(text, expected):
    assert resolve_date(text, TUESDAY) == expected


@pytest.mark.parametrize("text, expected", [
    ("in June 2022", (dt.date(2022, 6, 1), "month", None)),
    ("in 1989", (dt.date(1989, 1, 1), "year", None)),
    ("30 December 1989", (dt.date(1989, 12, 30), "day", None)),
    ("between 1 and 3 May 2023", (dt.date(2023, 5, 1), "day", dt.date(2023, 5, 3))),
    ("June 3-5, 2015", (dt.date(2015, 6, 3), "day", dt.date(2015, 6, 5))),
    ("from March to April 1990", (dt.date(1990, 3, 1), "month", dt.date(1990, 4, 30))),
])
def test_absolute_dates_granularity_and_ranges(text, expected):
    assert resolve_date(text, None) == expected
    assert resolve_date(text, TUESDAY) == expected


def test_range_without_year_takes_it_from_publication():
    assert resolve_date("between 1 and 3 May", TUESDAY) == (
        dt.date(2023, 5, 1), "day", dt.date(2023, 5, 3))


@pytest.mark.parametrize("text", ["Monday", "October 27", "yesterday", "last week",
                                  "two days ago", "earlier this month", "between 1 and 3 May"])
def test_without_publication_date_only_absolute_dates_resolve(text):
    assert resolve_date(text, None) is None


@pytest.mark.parametrize("text", ["11:45 a.m.", "a short time later", "recently", ""])
def test_non_dates_do_not_resolve(text):
    assert resolve_date(text, TUESDAY) is None


def test_finds_hours_and_holidays_but_not_a_holiday_as_a_modifier():
    text = ("Two were killed in the past few hours; he called a few hours ago.  A man was found "
            "on the morning after Christmas, and another on Thanksgiving Day at a Christmas party.")
    assert found(text) == ["the past few hours", "a few hours ago", "the morning after Christmas",
                           "Thanksgiving Day"]


@pytest.mark.parametrize("text, expected", [
    ("a few hours ago", (TUESDAY, "day", None)),
    ("in the past few hours", (TUESDAY, "day", None)),
    ("the last 24 hours", (TUESDAY, "day", None)),
    ("the past 48 hours", (dt.date(2023, 10, 29), "day", TUESDAY)),
])
def test_hours_date_the_day_of_publication(text, expected):
    assert resolve_date(text, TUESDAY) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("the morning after Christmas", dt.date(2016, 2, 16), dt.date(2015, 12, 26)),
    ("Christmas Eve", dt.date(2015, 12, 27), dt.date(2015, 12, 24)),
    ("on Thanksgiving", dt.date(2015, 11, 30), dt.date(2015, 11, 26)),  # 4th Thursday
    ("New Year's Eve", dt.date(2016, 1, 2), dt.date(2015, 12, 31)),
    ("New Year’s Day", dt.date(2015, 12, 30), dt.date(2016, 1, 1)),   # up to a week after
    ("Halloween night", dt.date(2015, 11, 2), dt.date(2015, 10, 31)),
])
def test_holidays_take_the_latest_such_day(text, published, expected):
    assert resolve_date(text, published) == (expected, "day", None)
    assert resolve_date(text, None) is None


@pytest.mark.parametrize("text, expected", [
    ("5:41 p.m. Thursday", dt.date(2023, 10, 26)),
    ("1400 yesterday", dt.date(2023, 10, 30)),
    ("today at noon", TUESDAY),
    ("noon today", TUESDAY),
    ("0630 (1230 gmt) today", TUESDAY),
])
def test_a_clock_time_beside_a_day_word_is_dated_by_the_day(text, expected):
    assert resolve_date(text, TUESDAY) == (expected, "day", None)


def test_a_clock_time_alone_or_a_year_is_not_read_as_a_clock_time():
    assert resolve_date("1400", TUESDAY) is None
    assert resolve_date("in 2000", TUESDAY) == (dt.date(2000, 1, 1), "year", None)
