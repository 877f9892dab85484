"""Emergency and urgent numbers by country, and the default country from the browser's languages.
No Flask.

Each row says what to call in an emergency (checked against libphonenumber's short-number data in
tests/test_safety_countries.py), where to go, who to call for urgent advice and what to do when
they cannot see you today. Where we are not sure of a country's urgent-advice service, the row
keeps the generic wording rather than naming one. The phone keeps no copy of this table: every
page for a signed-in person carries that person's row (templates/base.html), which static/js/app.js
keeps for the public pages it stores for anyone.

Codes are ISO 3166-1, plus user-assigned ones: the UK's nations (their urgent services differ:
there is no NHS 111 in Northern Ireland), "EU" and "XX" (anywhere else).
"""
from dataclasses import dataclass

from ..translatable import N_

ED = N_("the emergency department")
OUT_OF_HOURS = N_("call your doctor's out-of-hours service or go to an urgent care centre")
CRISIS = N_("a crisis helpline")
SAMARITANS = "the Samaritans on 116 123"
LOCAL_NUMBER = N_("your local emergency number")
ANYWHERE = "112 works from mobiles in many countries."


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    numbers: tuple      # what to call in an emergency, most direct first ("144", "112")
    hospital: str = ED  # where to go: "A&E", "the emergency room"
    doctor: str = "doctor"        # who to call for urgent advice: "GP"
    after_hours: str = OUT_OF_HOURS   # when they can't see you today: a verb phrase
    short: str = ""     # the banner's few words before "now" (it must fit 2 lines): "A&E or 999"
    crisis: str = CRISIS  # in a mental-health crisis, after "call"
    hint: str = ""      # a line under the call button (anywhere else: 112 from mobiles)
    region: str = ""    # the ISO region for libphonenumber, when the code is not one

    @property
    def number(self):
        """What to call, as said: "999", "112 or 999", or "your local emergency number"."""
        return " or ".join(self.numbers) or LOCAL_NUMBER

    @property
    def dial(self):
        """What a tap dials ("" when we cannot know the number)."""
        return self.numbers[0] if self.numbers else ""

    def phone(self):
        """The words the pages fill in (templates' data-c names), for the phone to keep."""
        return {"code": self.code, "number": self.number, "dial": self.dial, "hospital": self.hospital,
                "doctor": self.doctor, "after_hours": self.after_hours, "short": self.short,
                "crisis": self.crisis, "hint": self.hint}


def _row(code, name, *numbers, **words):
    words.setdefault("short", f"call {numbers[0]}")
    return Country(code, name, numbers, **words)


UK = {"hospital": "A&E", "doctor": "GP", "short": "A&E or 999", "crisis": SAMARITANS, "region": "GB"}

_ROWS = (
    _row("GB", "United Kingdom: England", "999", **{**UK, "region": ""}, after_hours="call NHS 111"),
    _row("XS", "United Kingdom: Scotland", "999", **UK, after_hours="call NHS 24 on 111"),
    _row("XW", "United Kingdom: Wales", "999", **UK, after_hours="call NHS 111 Wales"),
    _row("XI", "United Kingdom: Northern Ireland", "999", **UK,
         after_hours="call your GP out-of-hours service"),
    _row("IE", "Ireland", "112", "999", hospital="A&E", doctor="GP", short="A&E or 112", crisis=SAMARITANS,
         after_hours="call your GP out-of-hours service"),
    _row("US", "United States", "911", hospital="the emergency room", short="ER or 911",
         after_hours="call your doctor's after-hours line or go to an urgent care center",
         crisis="988 (the Suicide and Crisis Lifeline)"),
    _row("CA", "Canada", "911", short="ER or 911", crisis="988 (the Suicide Crisis Helpline)",
         after_hours="call 811 to talk to a nurse (in most provinces and territories) or go to a "
                     "walk-in clinic"),
    _row("AU", "Australia", "000", doctor="GP", short="ED or 000", crisis="Lifeline on 13 11 14",
         after_hours="call a nurse advice line (healthdirect; 13 HEALTH in Queensland; NURSE-ON-CALL in "
                     "Victoria) or see an after-hours GP"),
    _row("NZ", "New Zealand", "111", doctor="GP", short="ED or 111", crisis="1737 (free call or text)",
         after_hours="call Healthline on 0800 611 116"),
    # The European Union: 112 everywhere, with the ambulance's own number first where there is one.
    _row("AT", "Austria", "144", "112", after_hours="call the health advice line on 1450"),
    _row("BE", "Belgium", "112"),
    _row("BG", "Bulgaria", "112"),
    _row("HR", "Croatia", "112"),
    _row("CY", "Cyprus", "112"),
    _row("CZ", "Czechia", "155", "112"),
    _row("DK", "Denmark", "112",
         after_hours="call your doctor's out-of-hours service (1813 in the Capital Region)"),
    _row("EE", "Estonia", "112"),
    _row("FI", "Finland", "112", after_hours="call the Medical Helpline on 116 117"),
    _row("FR", "France", "15", "112"),
    _row("DE", "Germany", "112", after_hours="call the out-of-hours doctor service on 116 117"),
    _row("GR", "Greece", "166", "112"),
    _row("HU", "Hungary", "112"),
    _row("IT", "Italy", "118", "112", after_hours="call the out-of-hours doctor (guardia medica)"),
    _row("LV", "Latvia", "113", "112"),
    _row("LT", "Lithuania", "112"),
    _row("LU", "Luxembourg", "112"),
    _row("MT", "Malta", "112"),
    _row("NL", "Netherlands", "112", after_hours="call the GP out-of-hours service (huisartsenpost)"),
    _row("PL", "Poland", "112", "999"),
    _row("PT", "Portugal", "112", after_hours="call SNS 24 on 808 24 24 24"),
    _row("RO", "Romania", "112"),
    _row("SK", "Slovakia", "155", "112"),
    _row("SI", "Slovenia", "112"),
    _row("ES", "Spain", "112"),
    _row("SE", "Sweden", "112", after_hours="call 1177 for health advice"),
    # Elsewhere in Europe.
    _row("AL", "Albania", "127", "112"),
    _row("BA", "Bosnia and Herzegovina", "124"),
    _row("GE", "Georgia", "112"),
    _row("IS", "Iceland", "112"),
    _row("MD", "Moldova", "112"),
    _row("ME", "Montenegro", "124", "112"),
    _row("MK", "North Macedonia", "194", "112"),
    _row("NO", "Norway", "113", "112", after_hours="call the out-of-hours clinic (legevakt) on 116 117"),
    _row("CH", "Switzerland", "144", "112"),
    _row("TR", "Turkey", "112"),
    _row("UA", "Ukraine", "103", "112"),
    # The Middle East and Africa.
    _row("EG", "Egypt", "123"),
    _row("IL", "Israel", "101"),
    _row("JO", "Jordan", "911"),
    _row("KE", "Kenya", "999", "112"),
    _row("KW", "Kuwait", "112"),
    _row("MA", "Morocco", "15"),
    _row("QA", "Qatar", "999"),
    _row("SA", "Saudi Arabia", "997", "911"),
    _row("ZA", "South Africa", "10177", "112"),
    _row("AE", "United Arab Emirates", "998", "999"),
    # Asia.
    _row("BD", "Bangladesh", "999"),
    _row("CN", "China", "120"),
    _row("HK", "Hong Kong", "999", hospital="A&E", short="A&E or 999"),
    _row("IN", "India", "112", "108"),
    _row("ID", "Indonesia", "112", "119"),
    _row("JP", "Japan", "119"),
    _row("MY", "Malaysia", "999"),
    _row("NP", "Nepal", "102"),
    _row("PK", "Pakistan", "1122", "115"),
    _row("PH", "Philippines", "911"),
    _row("SG", "Singapore", "995"),
    _row("KR", "South Korea", "119"),
    _row("TW", "Taiwan", "119"),
    _row("TH", "Thailand", "1669"),
    _row("VN", "Vietnam", "115"),
    # The Americas. A number libphonenumber does not know yet is listed, with its official source, in
    # tests/test_safety_countries.py (NOT_YET_IN_LIBPHONENUMBER).
    _row("AR", "Argentina", "107", "911"),
    # Bolivia: 110, the police's integrated line (BOL-110); 118, named for the ambulance or the
    # firefighters by different sources, an emergency line either way.
    _row("BO", "Bolivia", "110", "118"),
    _row("BR", "Brazil", "192"),
    _row("CL", "Chile", "131"),
    _row("CO", "Colombia", "123"),
    _row("CR", "Costa Rica", "911"),
    _row("CU", "Cuba", "104"),                      # 104: the ambulance (SIUM); 106 police, 105 fire
    # 9-1-1 (Ley 184-17), the national number: 94 % of people covered in February 2026 (Listín Diario).
    _row("DO", "Dominican Republic", "911"),
    _row("EC", "Ecuador", "911"),                   # ECU 911, the one national emergency service
    _row("SV", "El Salvador", "132", "911"),        # 132: the health ministry's ambulances; 911 police
    _row("GT", "Guatemala", "122", "123"),          # the volunteer (122) and municipal (123) firefighters
    _row("HN", "Honduras", "911"),                  # 911 replaced 199 (Decreto Legislativo 58-2015)
    _row("JM", "Jamaica", "110"),
    _row("MX", "Mexico", "911"),
    # Nicaragua: 128, the health ministry's Cruz Blanca ambulances (Ley 1155, 2023); 118, the police.
    _row("NI", "Nicaragua", "128", "118"),
    _row("PA", "Panama", "911"),                    # SUME 911
    # Paraguay: 911 from any phone; the ambulance line 141 (SEME) needs 021 first from some mobiles.
    _row("PY", "Paraguay", "911"),
    # Peru: the firefighters (116) answer medical emergencies across the country; the health
    # ministry's SAMU (106) in Lima and some regions (Andina, 2016-10-04; El Comercio, 2025-12-21).
    _row("PE", "Peru", "116", "106"),
    _row("PR", "Puerto Rico", "911", hospital="the emergency room", short="ER or 911",
         crisis="988 (the Suicide and Crisis Lifeline)"),
    _row("UY", "Uruguay", "911"),
    _row("VE", "Venezuela", "911"),                 # 911 replaced 171 (Gaceta Oficial 41.711, 2019)
)
# Kept for people who chose it before every EU country was listed; 112 works across Europe.
EUROPE = Country("EU", "Elsewhere in Europe", ("112",), short="call 112")
ELSEWHERE = Country("XX", "Somewhere else", (), short="get help", hint=ANYWHERE)

COUNTRIES = {c.code: c for c in sorted(_ROWS, key=lambda c: c.name) + [EUROPE, ELSEWHERE]}
DEFAULT = "XX"
NOT_REGIONS = frozenset({"EU", "XX", "XS", "XW", "XI"})   # never a browser's region subtag
REGION_ALIASES = {"UK": "GB"}
# A language with no region, spoken mostly in one country of the table ("ja" -> Japan). Welsh and
# Scottish Gaelic point to their nations, with or without "-GB".
LANGUAGES = {"ga": "IE", "cy": "XW", "gd": "XS", "ja": "JP", "ko": "KR", "th": "TH", "vi": "VN", "he": "IL",
             "iw": "IL", "fi": "FI", "is": "IS", "da": "DK", "nb": "NO", "nn": "NO", "no": "NO", "sv": "SE",
             "pl": "PL", "cs": "CZ", "sk": "SK", "sl": "SI", "hu": "HU", "et": "EE", "lv": "LV", "lt": "LT",
             "bg": "BG", "hr": "HR", "uk": "UA", "ka": "GE", "tr": "TR", "el": "GR", "mt": "MT", "id": "ID",
             "sq": "AL", "mk": "MK", "ne": "NP", "fil": "PH", "it": "IT"}
NATIONS = {"cy": "XW", "gd": "XS"}


def get(code):
    return COUNTRIES.get(code or "", COUNTRIES[DEFAULT])


def from_languages(tags):
    """The country a browser's languages point to ("en-GB" -> GB, "de-AT" -> AT, "ja" -> JP), else XX.
    `tags` are language tags, most preferred first (navigator.languages or Accept-Language)."""
    for tag in tags:
        parts = str(tag).replace("_", "-").split("-")
        language = parts[0].lower()
        region = parts[-1].upper() if len(parts) > 1 else ""
        region = REGION_ALIASES.get(region, region)
        if language in NATIONS and region in ("", "GB"):
            return NATIONS[language]
        if region in COUNTRIES and region not in NOT_REGIONS:
            return region
        if not region and language in LANGUAGES:
            return LANGUAGES[language]
    return DEFAULT


@dataclass(frozen=True)
class SpokenWords:
    """A country's words for a text in another language than English: the same numbers, in
    that language's general words (a translated text is written for them: content/es/README.md).
    Only the placeholders' words; what to dial never changes."""
    code: str
    number: str
    dial: str
    hospital: str
    doctor: str
    after_hours: str
    crisis: str


def spoken(country, say):
    """`country`'s placeholder words through `say` (gettext in the reader's language)."""
    numbers = [n for n in country.numbers]
    if not numbers:
        number = say(LOCAL_NUMBER)
    elif len(numbers) == 1:
        number = numbers[0]
    else:
        number = say(N_("%(first)s or %(second)s")) % {"first": ", ".join(numbers[:-1]), "second": numbers[-1]}
    return SpokenWords(code=country.code, number=number, dial=country.dial, hospital=say(ED),
                       doctor=say(N_("your doctor")), after_hours=say(OUT_OF_HOURS), crisis=say(CRISIS))
