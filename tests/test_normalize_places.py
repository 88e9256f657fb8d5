"""Places: country and coordinates from the offline gazetteer, disambiguated by the article."""

import pytest

from eventx.normalize import PlaceResolver, resolve_places


@pytest.fixture(scope="module")
def resolver():
    return PlaceResolver()


def country(mention, text, others=()):
    return resolve_places([mention, *others], text)[0][0]


def test_city_gets_country_and_coordinates():
    (cc, lat, lon), = resolve_places(["Subotica"], "Police raided a hostel in Subotica.")
    assert cc == "RS"
    assert lat == pytest.approx(46.1, abs=0.1) and lon == pytest.approx(19.67, abs=0.1)


def test_the_longest_known_name_inside_a_mention():
    text = "Police arrested dozens of people at the Simke hostel in Subotica, Serbia."
    assert resolve_places(["the Simke hostel in Subotica"], text)[0][0] == "RS"


def test_demonym_gives_the_country_without_coordinates():
    text = "Smugglers clashed at the Serbian border with Hungary on Friday."
    assert resolve_places(["the Serbian border with Hungary"], text) == [("RS", None, None)]


def test_countries_and_regions_have_no_coordinates():
    text = "Rebels attacked a post in Antioquia department, Colombia."
    assert resolve_places(["Colombia", "Antioquia department"], text) == [
        ("CO", None, None), ("CO", None, None)]


def test_lower_and_upper_case_text():
    text = "guerrillas attacked a police post in san salvador and in usulutan, el salvador."
    assert country("san salvador", text) == "SV"
    assert country("SAN SALVADOR", text.upper()) == "SV"


def test_ambiguous_name_is_settled_by_the_articles_other_places():
    # Santa Ana: a city of El Salvador, of California and of several other countries.
    assert country("santa ana", "troops clashed with rebels near santa ana, el salvador.") == "SV"
    assert country("Santa Ana", "Police in Santa Ana, California, said a man was shot.") == "US"


def test_ambiguous_name_is_settled_by_a_qualifier_in_the_mention():
    text = "A man was shot in Springfield, Ill., on Monday."
    cc, lat, _ = resolve_places(["Springfield, Ill."], text)[0]
    assert cc == "US" and lat == pytest.approx(39.8, abs=0.1)


def test_dateline_and_postal_code_set_the_context():
    text = "LIMA, Ohio -- Officers were called to a shooting on Pine Street."
    assert country("Lima", text) == "US"            # not the capital of Peru
    assert country("York", "Shooting in York | FOX43 YORK, PA - A man was shot.") == "US"
    assert country("Lima", "A bomb exploded in Lima, the Peruvian capital.") == "PE"


def test_us_state_abbreviation_and_state_or_country_name():
    assert country("Ind.", "INDIANAPOLIS, Ind. -- police said") == "US"
    assert country("Georgia", "The shooting in Atlanta, Georgia, left two dead.") == "US"
    assert country("Georgia", "Tbilisi, Georgia: protesters marched on parliament.") == "GE"


def test_unknown_place_keeps_null_values():
    text = "Police raided a farm near the Reska border crossing."
    assert resolve_places(["the Reska border crossing"], text) == [(None, None, None)]
    assert resolve_places(["the 3300 block of North Butler Avenue"], "Indianapolis police") == [
        (None, None, None)]


def test_a_name_inside_an_unknown_longer_name_needs_the_context():
    # "Granada" alone is in Spain; "Granada Hills" is a part of Los Angeles the gazetteer lacks.
    assert country("Granada Hills", "Amanda, 24, died after being shot in Granada Hills.") is None
    # The text states its container: the country, still without coordinates.
    text = "Amanda, 24, died after being shot in Granada Hills, Los Angeles County, California."
    assert resolve_places(["Granada Hills"], text) == [("US", None, None)]


def test_a_small_foreign_town_the_article_does_not_back_is_not_taken():
    # The article is about El Salvador; Escalon is also a small town in California. The
    # neighbourhood is not that town: it takes the article's country, without coordinates.
    text = ("fighting in san salvador, el salvador: rebels attacked the escalon "
            "neighborhood and mejicanos, el salvador.")
    assert resolve_places(["the escalon neighborhood"], text) == [("SV", None, None)]
    text = "guatemalan and venezuelan troops clashed near the escalon neighborhood."
    assert country("the escalon neighborhood", text) is None  # no single country: not US


def test_resolver_context_counts_countries_and_states(resolver):
    ctx = resolver.context("AKRON, Ohio -- police in Ohio and Serbian officials said ...")
    assert ctx.countries["US"] >= 2 and ctx.countries["RS"] == 1
    assert ctx.states["OH"] >= 1
    assert resolver.resolve("Akron", ctx)[0] == "US"
