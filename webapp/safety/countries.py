"""Emergency and urgent numbers by country, and the default country from the browser's languages.
No Flask. static/js/safety.js carries the same table for pages kept on the phone (a test checks
that the two agree)."""
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    number: str         # what to call in an emergency, as said: "999", "112 or 999"
    dial: str           # what a tap dials ("" when we cannot know the number)
    hospital: str       # where to go: "A&E"
    doctor: str         # who to call for urgent advice: "GP"
    after_hours: str    # when they can't see you today
    short: str          # the banner's few words before "now": "A&E or 999" (it must fit 2 lines)


LOCAL_NUMBER = "your local emergency number"
OUT_OF_HOURS = "call your doctor's out-of-hours service or go to an urgent care centre"

COUNTRIES = {c.code: c for c in (
    Country("GB", "United Kingdom", "999", "999", "A&E", "GP", "call NHS 111", "A&E or 999"),
    Country("IE", "Ireland", "112 or 999", "112", "A&E", "GP", "call your GP out-of-hours service",
            "A&E or 112"),
    Country("US", "United States", "911", "911", "the emergency room", "doctor", OUT_OF_HOURS,
            "ER or 911"),
    Country("CA", "Canada", "911", "911", "the emergency department", "doctor", OUT_OF_HOURS,
            "ER or 911"),
    Country("AU", "Australia", "000", "000", "the emergency department", "GP", OUT_OF_HOURS,
            "ED or 000"),
    Country("NZ", "New Zealand", "111", "111", "the emergency department", "GP", OUT_OF_HOURS,
            "ED or 111"),
    Country("EU", "Another country in the EU", "112", "112", "the emergency department", "doctor",
            OUT_OF_HOURS, "112"),
    Country("XX", "Somewhere else", LOCAL_NUMBER, "", "the emergency department", "doctor",
            OUT_OF_HOURS, "get help"),
)}
DEFAULT = "XX"
EU_REGIONS = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
REGION_ALIASES = {"UK": "GB"}


def get(code):
    return COUNTRIES.get(code or "", COUNTRIES[DEFAULT])


def from_languages(tags):
    """The country a browser's languages point to ("en-GB" -> GB, "de-AT" -> EU), else XX.
    `tags` are language tags, most preferred first (navigator.languages or Accept-Language)."""
    for tag in tags:
        parts = str(tag).replace("_", "-").split("-")
        region = REGION_ALIASES.get(parts[-1].upper(), parts[-1].upper()) if len(parts) > 1 else ""
        if region in COUNTRIES and region not in ("EU", DEFAULT):
            return region
        if region in EU_REGIONS:
            return "EU"
        if parts[0].lower() == "ga":      # Irish
            return "IE"
    return DEFAULT


def as_json():
    """The table for the phone (static/js/safety.js): {code: {field: value}}."""
    return {code: {k: v for k, v in asdict(c).items() if k != "code"} for code, c in COUNTRIES.items()}
