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
SAMARITANS = N_("the Samaritans on 116 123")
LOCAL_NUMBER = N_("your local emergency number")
ANYWHERE = N_("112 works from mobiles in many countries.")


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
    _row("GB", N_("United Kingdom: England"), "999", **{**UK, "region": ""}, after_hours=N_("call NHS 111")),
    _row("XS", N_("United Kingdom: Scotland"), "999", **UK, after_hours=N_("call NHS 24 on 111")),
    _row("XW", N_("United Kingdom: Wales"), "999", **UK, after_hours=N_("call NHS 111 Wales")),
    _row("XI", N_("United Kingdom: Northern Ireland"), "999", **UK,
         after_hours=N_("call your GP out-of-hours service")),
    _row("IE", N_("Ireland"), "112", "999", hospital="A&E", doctor="GP", short="A&E or 112", crisis=SAMARITANS,
         after_hours=N_("call your GP out-of-hours service")),
    _row("US", N_("United States"), "911", hospital="the emergency room", short="ER or 911",
         after_hours=N_("call your doctor's after-hours line or go to an urgent care center"),
         crisis=N_("988 (the Suicide and Crisis Lifeline)")),
    _row("CA", N_("Canada"), "911", short="ER or 911", crisis=N_("988 (the Suicide Crisis Helpline)"),
         after_hours=N_("call 811 to talk to a nurse (in most provinces and territories) or go to a "
                        "walk-in clinic")),
    _row("AU", N_("Australia"), "000", doctor="GP", short="ED or 000", crisis=N_("Lifeline on 13 11 14"),
         after_hours=N_("call a nurse advice line (healthdirect; 13 HEALTH in Queensland; NURSE-ON-CALL in "
                        "Victoria) or see an after-hours GP")),
    _row("NZ", N_("New Zealand"), "111", doctor="GP", short="ED or 111", crisis=N_("1737 (free call or text)"),
         after_hours=N_("call Healthline on 0800 611 116")),
    # The European Union: 112 everywhere, with the ambulance's own number first where there is one.
    _row("AT", N_("Austria"), "144", "112", after_hours=N_("call the health advice line on 1450")),
    _row("BE", N_("Belgium"), "112"),
    _row("BG", N_("Bulgaria"), "112"),
    _row("HR", N_("Croatia"), "112"),
    _row("CY", N_("Cyprus"), "112"),
    _row("CZ", N_("Czechia"), "155", "112"),
    _row("DK", N_("Denmark"), "112",
         after_hours=N_("call your doctor's out-of-hours service (1813 in the Capital Region)")),
    _row("EE", N_("Estonia"), "112"),
    _row("FI", N_("Finland"), "112", after_hours=N_("call the Medical Helpline on 116 117")),
    _row("FR", N_("France"), "15", "112"),
    _row("DE", N_("Germany"), "112", after_hours=N_("call the out-of-hours doctor service on 116 117")),
    _row("GR", N_("Greece"), "166", "112"),
    _row("HU", N_("Hungary"), "112"),
    _row("IT", N_("Italy"), "118", "112", after_hours=N_("call the out-of-hours doctor (guardia medica)")),
    _row("LV", N_("Latvia"), "113", "112"),
    _row("LT", N_("Lithuania"), "112"),
    _row("LU", N_("Luxembourg"), "112"),
    _row("MT", N_("Malta"), "112"),
    _row("NL", N_("Netherlands"), "112", after_hours=N_("call the GP out-of-hours service (huisartsenpost)")),
    _row("PL", N_("Poland"), "112", "999"),
    _row("PT", N_("Portugal"), "112", after_hours=N_("call SNS 24 on 808 24 24 24")),
    _row("RO", N_("Romania"), "112"),
    _row("SK", N_("Slovakia"), "155", "112"),
    _row("SI", N_("Slovenia"), "112"),
    _row("ES", N_("Spain"), "112"),
    _row("SE", N_("Sweden"), "112", after_hours=N_("call 1177 for health advice")),
    # Elsewhere in Europe.
    _row("AL", N_("Albania"), "127", "112"),
    _row("BA", N_("Bosnia and Herzegovina"), "124"),
    _row("GE", N_("Georgia"), "112"),
    _row("IS", N_("Iceland"), "112"),
    _row("MD", N_("Moldova"), "112"),
    _row("ME", N_("Montenegro"), "124", "112"),
    _row("MK", N_("North Macedonia"), "194", "112"),
    _row("NO", N_("Norway"), "113", "112", after_hours=N_("call the out-of-hours clinic (legevakt) on 116 117")),
    _row("CH", N_("Switzerland"), "144", "112"),
    _row("TR", N_("Turkey"), "112"),
    _row("UA", N_("Ukraine"), "103", "112"),
    # The Middle East and Africa.
    _row("EG", N_("Egypt"), "123"),
    _row("IL", N_("Israel"), "101"),
    _row("JO", N_("Jordan"), "911"),
    _row("KE", N_("Kenya"), "999", "112"),
    _row("KW", N_("Kuwait"), "112"),
    _row("MA", N_("Morocco"), "15"),
    _row("QA", N_("Qatar"), "999"),
    _row("SA", N_("Saudi Arabia"), "997", "911"),
    _row("ZA", N_("South Africa"), "10177", "112"),
    _row("AE", N_("United Arab Emirates"), "998", "999"),
    # Asia.
    _row("BD", N_("Bangladesh"), "999"),
    _row("CN", N_("China"), "120"),
    _row("HK", N_("Hong Kong"), "999", hospital="A&E", short="A&E or 999"),
    _row("IN", N_("India"), "112", "108"),
    _row("ID", N_("Indonesia"), "112", "119"),
    _row("JP", N_("Japan"), "119"),
    _row("MY", N_("Malaysia"), "999"),
    _row("NP", N_("Nepal"), "102"),
    _row("PK", N_("Pakistan"), "1122", "115"),
    _row("PH", N_("Philippines"), "911"),
    _row("SG", N_("Singapore"), "995"),
    _row("KR", N_("South Korea"), "119"),
    _row("TW", N_("Taiwan"), "119"),
    _row("TH", N_("Thailand"), "1669"),
    _row("VN", N_("Vietnam"), "115"),
    # The Americas. A number libphonenumber does not know yet is listed, with its official source, in
    # tests/test_safety_countries.py (NOT_YET_IN_LIBPHONENUMBER).
    _row("AR", N_("Argentina"), "107", "911"),
    # Bolivia: 110, the police's integrated line (BOL-110); 118, named for the ambulance or the
    # firefighters by different sources, an emergency line either way.
    _row("BO", N_("Bolivia"), "110", "118"),
    _row("BR", N_("Brazil"), "192"),
    _row("CL", N_("Chile"), "131"),
    _row("CO", N_("Colombia"), "123"),
    _row("CR", N_("Costa Rica"), "911"),
    _row("CU", N_("Cuba"), "104"),                      # 104: the ambulance (SIUM); 106 police, 105 fire
    # 9-1-1 (Ley 184-17), the national number: 94 % of people covered in February 2026 (Listín Diario).
    _row("DO", N_("Dominican Republic"), "911"),
    _row("EC", N_("Ecuador"), "911"),                   # ECU 911, the one national emergency service
    _row("SV", N_("El Salvador"), "132", "911"),        # 132: the health ministry's ambulances; 911 police
    _row("GT", N_("Guatemala"), "122", "123"),          # the volunteer (122) and municipal (123) firefighters
    _row("HN", N_("Honduras"), "911"),                  # 911 replaced 199 (Decreto Legislativo 58-2015)
    _row("JM", N_("Jamaica"), "110"),
    _row("MX", N_("Mexico"), "911"),
    # Nicaragua: 128, the health ministry's Cruz Blanca ambulances (Ley 1155, 2023); 118, the police.
    _row("NI", N_("Nicaragua"), "128", "118"),
    _row("PA", N_("Panama"), "911"),                    # SUME 911
    # Paraguay: 911 from any phone; the ambulance line 141 (SEME) needs 021 first from some mobiles.
    _row("PY", N_("Paraguay"), "911"),
    # Peru: the firefighters (116) answer medical emergencies across the country; the health
    # ministry's SAMU (106) in Lima and some regions (Andina, 2016-10-04; El Comercio, 2025-12-21).
    _row("PE", N_("Peru"), "116", "106"),
    _row("PR", N_("Puerto Rico"), "911", hospital="the emergency room", short="ER or 911",
         crisis=N_("988 (the Suicide and Crisis Lifeline)")),
    _row("UY", N_("Uruguay"), "911"),
    _row("VE", N_("Venezuela"), "911"),                 # 911 replaced 171 (Gaceta Oficial 41.711, 2019)
)
# Kept for people who chose it before every EU country was listed; 112 works across Europe.
EUROPE = Country("EU", N_("Elsewhere in Europe"), ("112",), short="call 112")
ELSEWHERE = Country("XX", N_("Somewhere else"), (), short="get help", hint=ANYWHERE)

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
    """A country's words in another language than English, for the pages and for a text in that
    language (content/es/README.md): the same numbers, the country's name and services said in
    that language, where to go in its general words. What to dial never changes."""
    code: str
    name: str
    number: str
    dial: str
    hospital: str
    doctor: str
    after_hours: str
    crisis: str
    short: str
    hint: str

    def phone(self):
        return {"code": self.code, "number": self.number, "dial": self.dial, "hospital": self.hospital,
                "doctor": self.doctor, "after_hours": self.after_hours, "short": self.short,
                "crisis": self.crisis, "hint": self.hint}


def spoken(country, say):
    """`country`'s words through `say` (gettext in the reader's language); the numbers are its own."""
    numbers = list(country.numbers)
    if not numbers:
        number, short = say(LOCAL_NUMBER), say(N_("get help"))
    else:
        number = numbers[0] if len(numbers) == 1 else say(N_("%(first)s or %(second)s")) % {
            "first": ", ".join(numbers[:-1]), "second": numbers[-1]}
        # The banner's few words: the longer words of other languages leave room only for the
        # call ("llama al 999"), so the banner still fits two lines at 360 px.
        short = say(N_("call %(number)s")) % {"number": numbers[0]}
    return SpokenWords(code=country.code, name=say(country.name), number=number, dial=country.dial,
                       hospital=say(ED), doctor=say(N_("your doctor")), after_hours=say(country.after_hours),
                       crisis=say(country.crisis), short=short, hint=say(country.hint) if country.hint else "")
