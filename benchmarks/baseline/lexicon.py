"""Word lists of the spaCy baseline's rules: trigger lemmas per event type, goods, people, places,
and the cue words of the filters (lemmas, lower case)."""

from __future__ import annotations

TRIGGERS: dict[str, tuple[str, ...]] = {
    "attack": ("attack", "shoot", "shooting", "kill", "killing", "murder", "assassinate",
               "assassination", "bomb", "bombing", "firebomb", "stab", "stabbing", "explode",
               "explosion", "blast", "detonate", "massacre", "ambush", "slay", "homicide",
               "assault", "airstrike", "shelling", "behead", "arson", "torch", "offensive",
               "machinegun", "machine-gun"),
    "armed_clash": ("clash", "fighting", "fought", "battle", "combat", "skirmish", "firefight",
                    "shootout", "shoot-out", "gunfight", "gunbattle", "confrontation"),
    "kidnapping": ("kidnap", "kidnapping", "abduct", "abduction", "hostage"),
    "arrest": ("arrest", "detain", "detention", "apprehend", "custody", "nab", "capture"),
    "seizure": ("seize", "seizure", "confiscate", "confiscation", "recover", "impound", "intercept",
                "haul", "find", "discover", "uncover"),
    "smuggling": ("smuggle", "smuggling", "traffic", "trafficking"),
    "protest": ("protest", "demonstrate", "demonstration", "rally", "strike", "riot", "march",
                "sit-in", "blockade"),
    "agreement": ("agree", "agreement", "accord", "pact", "treaty", "ceasefire", "cease-fire",
                  "truce", "sign", "deal", "armistice"),
}
_LEMMA_TYPE = {lemma: t for t, lemmas in TRIGGERS.items() for lemma in lemmas}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: seized or smuggled goods (lemmas)
ITEMS = _words("""
heroin cocaine cannabis marijuana marihuana hashish hash opium methamphetamine meth amphetamine
amphetamines ecstasy mdma drug narcotic pill tablet ganja khat tramadol codeine kush crack fentanyl
captagon ketamine morphine weed substance powder bhang charas yaba psychotropic coca paste
precursor chemical shabu ice crystal weapon arm rifle gun pistol revolver handgun firearm
ammunition ammo cartridge bullet explosive dynamite grenade mortar rocket launcher detonator
machinegun shotgun carbine kalashnikov ak-47 m-16 uzi cash money dollar currency naira rupee peso
cigarette fuel vehicle car truck boat vessel passport document ivory gold contraband goods
counterfeit consignment cargo shipment parcel package bag""")
_CONTRABAND = _words("""
heroin cocaine cannabis marijuana marihuana hashish opium methamphetamine meth amphetamine ecstasy
mdma drug narcotic ganja khat tramadol fentanyl carfentanil captagon ketamine weed weapon arm rifle
gun firearm ammunition explosive missile migrant refugee""")
_WEAPONS = _words("""
bomb explosive dynamite grenade device charge mine shot round bullet rifle gun pistol revolver
handgun firearm weapon ammunition machinegun shotgun rocket missile mortar knife machete""")
_BOMBS = _words("bomb explosive dynamite grenade device charge mine car-bomb")
#: heads of quantity phrases ("40 kilograms of", "a large amount of", "$2 million in")
_UNITS = _words("""
kilogram kilogramme kg kilo gram gramme g tonne ton t pound lb ounce oz litre liter l ml
bag packet sachet parcel bale block brick piece wrap bundle carton unit round box sack case
deck stick roll capsule vial bottle can container crate million billion thousand dollar naira
rupee peso euro amount quantity number shipment consignment load batch sum cache stash arsenal
lot haul total""")
_PEOPLE = _words("""
people person man woman child boy girl migrant refugee immigrant civilian soldier officer
policeman policewoman suspect member peasant student worker resident villager guerrilla rebel
militant gunman terrorist judge mayor journalist farmer driver victim teenager youth official
leader employee passenger tourist national citizen adult individual hostage trafficker smuggler
courier dealer trader police army troop force agent guard commando insurgent fighter demonstrator
protester protestor crowd group gang squad unit party government minister president priest
teacher others other businessman manager owner son daughter wife husband mother father brother
sister family prisoner""")
#: perpetrators whose "capture" is a kidnapping and whose "seizure" of arms is no seizure
_ARMED = _words("""
guerrilla rebel terrorist gunman militant insurgent gang kidnapper bandit criminal squad fmln
eln farc militia pirate subversive extremist jihadist armed""")
_AUTHORITY = _words("""
police authority army official agency force troop officer customs guard ministry department
agent soldier military detective investigator deputy spokesman unit patrol sheriff""")
_PRONOUNS = _words("""
i me my we us our you your he him his she her it its they them their who whom whose which that
this these those someone anyone everyone nobody something anything himself herself themselves
itself what whoever""")
_PLACE_NOUNS = _words("""
town city village base post hill area territory position garrison building barracks zone region
province capital""")
_PLACE_HEADS = _PLACE_NOUNS | _words("""
neighborhood neighbourhood street road avenue highway department district municipality suburb
outskirts country state county sector house home residence apartment office headquarters station
school university college church mosque temple market hospital embassy farm ranch hacienda club
bar restaurant hotel store shop mall port airport border crossing block park camp prison jail
bridge plant factory mine mountain river valley coast island hamlet community parking lot yard
campus square plaza center centre warehouse terminal checkpoint""")
_LOCATIVE = ("in", "at", "near", "inside", "outside", "on", "into", "around", "across", "along",
             "behind", "toward", "towards", "within", "from")

_MODALS = {"will", "would", "could", "may", "might", "should", "must", "shall", "can", "'ll", "wo"}
_IRREALIS_HEADS = _words("""
willing plan threaten vow intend want propose expect seek hope prepare promise call urge demand
ask refuse fail deny prevent avoid fear warn consider discuss negotiate able aim need wish order
decide stop halt end threat plot talk negotiation proposal ready likely possible""")
_IRREALIS_MODS = _words("planned proposed possible potential future new further any imminent "
                        "attempted failed no")
_WISHED = _words("""
want need seek propose discuss negotiate demand request call urge achieve secure hope expect
accept try attempt respect comply coordinate favor support oppose reject insist talk negotiation
dialogue proposal issue possibility""")
_WISH_MODS = _words("possible final future definite eventual new real any permanent proposed "
                    "potential")
_CHARGED = _words("""
arrest charge accuse suspect suspicion convict sentence jail detain try prosecute indict book
wanted want investigate commit accessory conspiracy count guilty crime attempt""")
_LIGHT_VERBS = _words("""
launch carry stage mount conduct claim make commit perpetrate hold sign reach declare announce
organize lead unleash execute effect order join begin start protest demonstrate strike march
call accept""")
_SAY = _words("say report announce state confirm add disclose tell inform explain indicate "
              "reveal note")
_AGREEMENT_WORDS = _words("agreement accord pact treaty ceasefire cease-fire truce deal memorandum "
                          "armistice protocol convention")
_KILLED = {"kill", "die", "dead", "slay", "murder", "death"}
_INJURED = {"wound", "injure", "hurt", "injury", "wounded", "injured"}
_LETHAL = _words("murder assassinate assassination kill killing massacre slay behead execute "
                 "execution homicide")
_TAKERS = {"seize", "capture", "detain", "nab", "apprehend", "arrest"}
_FINDERS = {"find", "discover", "uncover", "recover", "intercept"}
_CARRY = _words("transport ship fly carry hide conceal import bring move send courier traffic")
_WEAPON_VERBS = _words("place plant hurl throw detonate set leave activate")
_ATTACK_STRIKE = _words("air missile drone rocket military aerial artillery bomb")
#: triggers that count only where the sentence has no other attack / clash / kidnapping word
_WEAK = {"kill", "killing"}
_VIOLENT = {"attack", "armed_clash", "kidnapping"}
#: event types that casualties are attached to
_ATTACHES = ("attack", "armed_clash", "kidnapping", "protest")
_NOUNS = {"NOUN", "PROPN"}
_SIDE = {"agent", "target"}
