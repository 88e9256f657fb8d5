"""Seizure quantities: value, hedge and a unit from the small normalized set."""

import pytest

from eventx.normalize import parse_quantity


@pytest.mark.parametrize("text, expected", [
    ("40 kilograms", (40, False, "kg")),
    ("2,175 kg", (2175, False, "kg")),
    ("17 kilos", (17, False, "kg")),
    ("1.38kg", (1380, False, "g")),             # fractional kg -> grams
    ("1.5 kg", (1500, False, "g")),
    ("255 grams", (255, False, "g")),
    ("1.49 grams", (1490, False, "mg")),        # fractional g -> milligrams
    ("seven tonnes", (7000, False, "kg")),      # tonnes are reported in kg
    ("1.2 tonnes", (1200, False, "kg")),
    ("over a metric tonne", (1000, True, "kg")),
    ("half a tonne", (500, False, "kg")),
    ("almost half a kilogram", (500, True, "g")),
    ("a kilo", (1, False, "kg")),
])
def test_mass(text, expected):
    assert parse_quantity(text) == expected


def test_imperial_units_become_grams():
    assert parse_quantity("about 200 pounds") == (90718, True, "g")
    assert parse_quantity("2 pounds") == (907, False, "g")


def test_volume():
    assert parse_quantity("2.5 litres") == (2500, False, "ml")
    assert parse_quantity("3 gallons") == (11356, False, "ml")


@pytest.mark.parametrize("text, expected", [
    ("eight", (8, False, "pieces")),             # "eight Kalashnikovs": the number alone
    ("160,800", (160800, False, "pieces")),
    ("twenty-six bales", (26, False, "pieces")),
    ("40 packets", (40, False, "pieces")),
    ("200 rounds", (200, False, "rounds")),
    ("500 cartridges", (500, False, "rounds")),
])
def test_counted_items_and_ammunition(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("$2.5 million", (2500000, False, "USD")),
    ("US$3m", (3000000, False, "USD")),
    ("$1.2bn", (1200000000, False, "USD")),
    ("\u20ac40,000", (40000, False, "EUR")),
    ("50,000 dollars", (50000, False, "USD")),
    ("5 million Colombian pesos", (5000000, False, "COP")),
    ("Rs 5 crore", (50000000, False, "INR")),
    ("USD 400,000", (400000, False, "USD")),
])
def test_money(text, expected):
    assert parse_quantity(text) == expected


def test_currency_the_text_does_not_settle_has_no_unit():
    assert parse_quantity("10 million pesos") == (10000000, False, None)


def test_several_quantities_add_up_in_the_smallest_unit():
    assert parse_quantity("21 kilos and 114 grams") == (21114, False, "g")
    assert parse_quantity("653 grams and 1,114 grams") == (1767, False, "g")


@pytest.mark.parametrize("text, expected", [
    ("multiple kilos", (None, True, "kg")),
    ("several tons", (None, True, "kg")),
    ("small quantities", (None, True, None)),
    ("a large amount", (None, True, None)),
    ("some wraps", (None, True, "pieces")),
    ("heroin", (None, False, None)),
])
def test_no_number_no_value(text, expected):
    assert parse_quantity(text) == expected
