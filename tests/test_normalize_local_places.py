"""Places the gazetteer lacks: a country from the text around them (normalize.local_places)."""

import pytest

from eventx.normalize import PlaceResolver, resolve_places
from eventx.normalize.local_places import article_country


def resolved(mention, text):
    return resolve_places([mention], text)[0]


def country(mention, text):
    return resolved(mention, text)[0]


# ------------------------------------------------------------------------------ 1. container
@pytest.mark.parametrize("mention, text, expected", [
    ("los tamarindos", "troops clashed with rebels at los tamarindos, usulutan department.", "SV"),
    ("la quebradita", "guerrillas burned the hamlet of la quebradita in antioquia department.",
     "CO"),
    ("Villa Rosita", "Rebels attacked a police post in Villa Rosita, Colombia, on Monday.", "CO"),
    ("Huaylla Chico", "A bomb exploded in Huaylla Chico (Peru) late on Friday.", "PE"),
    ("los tamarindos", ("prisoners were captured in the battle of los tamarindos, which is located "
                     "6 km west of the city of usulutan."), "SV"),
    ("oroya", "a truck overturned near oroya, a small copper town in the peruvian jungle.", "PE"),
    ("Williamsbridge", "He shot his wife in their home in the Williamsbridge section of the Bronx.",
     "US"),
])
def test_a_place_stated_inside_a_known_one_takes_its_country(mention, text, expected):
    assert resolved(mention, text) == (expected, None, None)  # no coordinates: not in gazetteer


def test_every_occurrence_of_the_name_is_read():
    text = ("25 soldiers were captured in los tamarindos.  the battle of los tamarindos, which is "
            "located west of the city of usulutan, went on for 5 hours.")
    assert resolve_places(["los tamarindos", "los tamarindos"], text) == [("SV", None, None)] * 2


def test_unknown_units_between_a_place_and_its_container_are_passed_over():
    text = ("the bus was attacked near las palmeras canton, piedra larga, tecoluca "
            "jurisdiction, san vicente department.")
    assert resolve_places(["las palmeras canton", "piedra larga"], text) == [
        ("SV", None, None), ("SV", None, None)]
    # but not a list of names ending in a town: siblings, not containers
    text = "fighting in soyapango, santa eduviges, el carmen neighborhood, and other areas."
    assert country("santa eduviges", text) is None


def test_a_stated_container_beats_a_homonym_elsewhere():
    # San Andres is a town of Honduras in the gazetteer, and the article is mostly about Honduras.
    text = ("honduran officials complained.  honduran patrols fired on the hamlet of san andres, "
            "san miguel department, in eastern el salvador, a spokesman said.")
    assert country("the hamlet of san andres", text) == "SV"


def test_a_place_in_a_foreign_country_takes_the_container_not_the_article():
    text = ("salvadoran troops clashed with rebels in san salvador and usulutan, el salvador.  "
            "the rebel leader was later seen at the las brisas farm, chiapas, mexico.")
    assert country("the las brisas farm", text) == "MX"


@pytest.mark.parametrize("mention, text", [
    # a list of countries, not "the frg" inside Spain
    ("the frg", "rallies took place in belgium, spain, the frg, austria and sweden."),
    # "an effort" is no place (Effort is a town in Pennsylvania)
    ("zacamil", "the army bombed zacamil in an effort to weaken the rebels."),
    # a clause after the comma, not a container
    ("la rica", "five rebels were killed in la rica, according to colombian officials."),
    # "santa ana" alone is El Salvador's or California's: no settled container
    ("the santa isabel neighborhood",
     ("the unit was camped at the santa isabel neighborhood in santa ana.")),
])
def test_what_is_not_a_container(mention, text):
    assert country(mention, text) is None


# ------------------------------------------------------------------ 2. local place, article country
SALVADORAN = ("salvadoran troops clashed with fmln rebels in san salvador, el salvador, the "
              "salvadoran army said.  ")


@pytest.mark.parametrize("mention, text", [
    ("el refugio farm", "the rebels burned the el refugio farm."),      # El Refugio: towns in MX
    ("tepeyac hamlet", "two soldiers died in tepeyac hamlet."),
    ("zacamil", "the bombs destroyed zacamil neighborhood."),
    ("quirigua", "a bomb exploded in the suburb of quirigua."),
    ("the town of yucuayquin", "rebels harassed the town of yucuayquin."),
    ("los alpes", ("troops fought rebels in ciudad delgado, los alpes, and san patricio "
                   "neighborhoods on sunday.")),
    ("san ramon", ("patrols searched the neighborhoods of ayutuxtepeque, san ramon, and "
                   "cuscatancingo overnight.")),
    ("sajandi", "a bomb damaged a bridge in sajandi, la fonda corregimiento."),
])
def test_a_local_place_takes_the_articles_one_country(mention, text):
    assert resolved(mention, SALVADORAN + text) == ("SV", None, None)


def test_a_local_place_is_not_a_small_homonymous_town_elsewhere():
    # The gazetteer's Santo Tomas are towns of the Philippines, Colombia, Nicaragua, Mexico...
    text = ('the guatemalan army denied that guerrillas attacked the "santo tomas" presidential '
            "farm, where president cerezo was staying.  a guatemalan army spokesman said in "
            "guatemala that the rebels had fled to mexico.")
    assert resolved("santo tomas", text) == ("GT", None, None)


def test_a_local_place_stays_null_without_one_country():
    text = ("guatemalan and venezuelan ministers met in caracas, venezuela, and in guatemala. "
            "rebels burned the el refugio farm.")
    assert country("el refugio farm", text) is None
    assert country("el refugio farm", "the rebels burned the el refugio farm.") is None


def test_a_bare_unknown_name_is_not_given_the_articles_country():
    assert country("la rica", SALVADORAN + "five rebels were killed in la rica.") is None


def test_article_country_needs_three_quarters_and_two_mentions():
    r = PlaceResolver()
    assert article_country(r.context(SALVADORAN), []) == "SV"
    assert article_country(r.context("a u.s. adviser spoke."), []) is None  # once is not enough
    mixed = "guatemalan officials and venezuelan officials met in venezuela."
    assert article_country(r.context(mixed), []) is None


# ------------------------------------------------------------------------- gazetteer refinements
def test_the_border_with_a_country_is_on_the_other_side():
    text = ("five venezuelan soldiers were killed at the border with colombia, the venezuelan "
            "army said.  venezuela blamed drug gangs.")
    assert resolved("the border with colombia", text) == ("VE", None, None)
    assert country("the border with colombia", "fighting at the border with colombia.") is None
    assert country("the Serbian border with Hungary", "Smugglers clashed at the Serbian border "
                                                      "with Hungary.") == "RS"


def test_a_tiny_homonym_of_a_world_city_needs_more_than_one_mention_of_its_country():
    assert country("bogota", "a bomb exploded in bogota, a u.s. official said.") == "CO"
    assert country("Bogota, N.J.", "Police in Bogota, N.J., said a man was shot.") == "US"


def test_possessive_names_meet_the_gazetteer_spelling():
    assert country("Tillman's Corner area", "He stayed in the Tillman's Corner area.") == "US"
