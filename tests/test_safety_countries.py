"""Emergency and urgent numbers by country (issue 21 item 3): the table, checked against
libphonenumber's short-number data; the default from the browser's languages; and a US, an English,
a Northern Irish and an Australian person seeing their own numbers on the emergency and urgent
screens, in an article, in an exercise and in the stage engine's weakness card, signed in and as a
visitor. The offline copies are tested in tests/browser/test_safety.py."""
import json
import re

import pytest
from phonenumbers import shortnumberinfo
from phonenumbers.phonemetadata import PhoneMetadata

from webapp import PROJECT_ROOT
from webapp.content import placeholders
from webapp.models import User
from webapp.safety import countries

from .helpers import add_checkin, london_today, onboard, text_of

AU_AFTER_HOURS = ("call a nurse advice line (healthdirect; 13 HEALTH in Queensland; NURSE-ON-CALL in "
                  "Victoria) or see an after-hours GP")
# code: (browser language, number, where to go, who to call, when they can't see you today)
PEOPLE = {
    "US": ("en-US", "911", "the emergency room", "doctor",
           "call your doctor's after-hours line or go to an urgent care center"),
    "GB": ("en-GB", "999", "A&E", "GP", "call NHS 111"),
    "XI": (None, "999", "A&E", "GP", "call your GP out-of-hours service"),
    "AU": ("en-AU", "000", "the emergency department", "GP", AU_AFTER_HOURS),
}
OTHERS = {"US": ("999", "A&E", "000"), "GB": ("911", "emergency room", "000"),
          "XI": ("911", "NHS 111", "000"), "AU": ("999", "911", "A&E")}
EU_MEMBERS = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]
# Where Spanish is the main language (issue 27), with each one's numbers, most direct first.
SPANISH_SPEAKING = {
    "ES": ("112",), "MX": ("911",), "AR": ("107", "911"), "CO": ("123",), "CL": ("131",),
    "PE": ("116", "106"), "VE": ("911",), "EC": ("911",), "GT": ("122", "123"), "CU": ("104",), "BO": ("110", "118"),
    "DO": ("911",), "HN": ("911",), "PY": ("911",), "SV": ("132", "911"), "NI": ("128", "118"),
    "CR": ("911",), "PA": ("911",), "UY": ("911",), "PR": ("911",),
}
# Emergency numbers libphonenumber's short-number data does not know yet, each with its official
# source. Once the data knows one, test_the_numbers_libphonenumber_does_not_know_yet fails: drop it.
NOT_YET_IN_LIBPHONENUMBER = {
    ("HN", "911"): "Sistema Nacional de Emergencias 911, Decreto Legislativo 58-2015 (it replaced 199)",
    ("PE", "106"): "SAMU, Ministerio de Salud: Línea 106, free from any phone",
    ("GT", "122"): "Cuerpo Voluntario de Bomberos 122 (CONRED, nota de prensa 181-2024)",
    ("SV", "132"): "Sistema de Emergencias Médicas 132 (Ministerio de Salud; presidencia.gob.sv)",
}


def said(html):
    """The words shown: hidden elements left out, and the filled-in words kept inside their sentence."""
    html = re.sub(r"<(li|div|ol|span|p|a|section)\b[^>]*\shidden[^>]*>.*?</\1>", " ", html, flags=re.DOTALL)
    return text_of(re.sub(r"</?span\b[^>]*>", "", html))


# ---- the table ----

REAL = [c for c in countries.COUNTRIES.values() if c.code not in ("EU", "XX")]


def test_the_table_has_at_least_60_countries_sorted_by_name():
    assert len(REAL) >= 60
    names = [c.name for c in REAL]
    assert names == sorted(names) and len(set(names)) == len(names)
    assert list(countries.COUNTRIES)[-2:] == ["EU", "XX"]          # the catch-alls come last


@pytest.mark.parametrize("country", REAL, ids=lambda c: c.code)
def test_every_emergency_number_is_one_for_its_region(country):
    """libphonenumber's short-number data: each number is an emergency number where it is offered."""
    region = country.region or country.code
    assert country.numbers, country.code
    for number in country.numbers:
        if (country.code, number) not in NOT_YET_IN_LIBPHONENUMBER:
            assert shortnumberinfo.is_emergency_number(number, region), (country.code, number, region)
    assert country.dial == country.numbers[0] and country.number == " or ".join(country.numbers)


def test_112_is_an_emergency_number_across_the_eu_for_elsewhere_in_europe():
    assert countries.get("EU").numbers == ("112",)
    for region in EU_MEMBERS:
        assert shortnumberinfo.is_emergency_number("112", region), region
        assert region in countries.COUNTRIES, region                  # and each is listed itself


def test_the_numbers_libphonenumber_does_not_know_yet_are_in_the_table_and_still_unknown_to_it():
    for (code, number), source in NOT_YET_IN_LIBPHONENUMBER.items():
        assert number in countries.get(code).numbers and source, (code, number)
        assert not shortnumberinfo.is_emergency_number(number, code), f"{code} {number}: now known, drop it"


@pytest.mark.parametrize("code", SPANISH_SPEAKING)
def test_every_spanish_speaking_country_has_its_emergency_numbers(code):
    """Listed, chosen by a browser in that country's Spanish, and each number an emergency number
    there (or, where libphonenumber lags, listed above with its official source)."""
    country = countries.COUNTRIES[code]
    assert country.numbers == SPANISH_SPEAKING[code] and country.dial == SPANISH_SPEAKING[code][0]
    assert countries.from_languages([f"es-{code}", "es"]) == code
    for number in country.numbers:
        assert (shortnumberinfo.is_emergency_number(number, code)
                or (code, number) in NOT_YET_IN_LIBPHONENUMBER), (code, number)


def test_equatorial_guinea_gets_the_local_number_wording_until_libphonenumber_has_its_numbers():
    """No short-number data for GQ in libphonenumber and no official list found: rather than guess
    a number, a browser in es-GQ gets "Somewhere else". When the data arrives, this fails: add GQ."""
    assert PhoneMetadata.short_metadata_for_region("GQ") is None
    assert "GQ" not in countries.COUNTRIES and countries.from_languages(["es-GQ", "es"]) == "XX"


def test_the_checker_would_catch_a_wrong_number():
    assert not shortnumberinfo.is_emergency_number("999", "US")
    assert not shortnumberinfo.is_emergency_number("911", "AU")
    assert not shortnumberinfo.is_emergency_number("111", "GB")       # NHS 111 is not an emergency number


@pytest.mark.parametrize("country", list(countries.COUNTRIES.values()), ids=lambda c: c.code)
def test_every_row_says_where_to_go_who_to_call_and_what_to_do_out_of_hours(country):
    for words in (country.name, country.hospital, country.doctor, country.after_hours, country.crisis,
                  country.short):
        assert words.strip() == words and words, country.code
    assert country.after_hours.split()[0] in ("call", "see"), country.after_hours   # follows "If ..., "
    assert country.hospital[0].islower() or country.hospital.isupper() or "&" in country.hospital
    assert len(country.short) <= 14, country.short                    # the banner stays at 2 lines
    assert all(re.fullmatch(r"\d{2,5}", n) for n in country.numbers)
    if "111" in country.after_hours:
        assert country.code in ("GB", "XS", "XW", "NZ"), country.code
    assert set(country.phone()) == {"code", "dial"} | set(placeholders.NAMES) | {"short", "hint"}


def test_northern_ireland_has_no_nhs_111_and_each_uk_nation_its_own_route():
    ni = countries.get("XI")
    assert (ni.number, ni.hospital, ni.doctor) == ("999", "A&E", "GP") and "111" not in ni.after_hours
    assert ni.after_hours == "call your GP out-of-hours service"
    assert countries.get("GB").after_hours == "call NHS 111"
    assert countries.get("XS").after_hours == "call NHS 24 on 111"
    assert countries.get("XW").after_hours == "call NHS 111 Wales"
    assert {countries.get(c).region for c in ("XI", "XS", "XW")} == {"GB"}


def test_anywhere_else_names_the_local_number_and_112_from_mobiles():
    elsewhere = countries.get("XX")
    assert elsewhere.number == "your local emergency number" and elsewhere.dial == ""
    assert elsewhere.hint == "112 works from mobiles in many countries."
    assert countries.get(None) is elsewhere and countries.get("ZZ") is elsewhere


def test_every_placeholder_is_a_field_of_every_country():
    for country in countries.COUNTRIES.values():
        for name in placeholders.NAMES:
            assert isinstance(getattr(country, name), str) and getattr(country, name), (country.code, name)


@pytest.mark.parametrize("tags, code", [
    (["en-GB", "en"], "GB"), (["en-US"], "US"), (["fr-CA", "fr"], "CA"), (["en-AU"], "AU"),
    (["en-NZ"], "NZ"), (["en-IE"], "IE"), (["ga"], "IE"), (["de-AT", "de"], "AT"), (["es-ES"], "ES"),
    (["en"], "XX"), (["ja-JP"], "JP"), (["ja"], "JP"), ([], "XX"), (["en_gb"], "GB"), (["en-UK"], "GB"),
    (["cy-GB", "en-GB"], "XW"), (["gd"], "XS"), (["en", "de-CH"], "CH"), (["es-419", "es"], "XX"),
    (["en-NG", "en-ZA"], "ZA"), (["zh-Hant-HK"], "HK"), (["sw-TZ"], "XX"), (["x-XX", "x-EU"], "XX"),
])
def test_default_country_from_the_browsers_languages(tags, code):
    assert countries.from_languages(tags) == code


def test_the_phone_keeps_no_copy_of_the_table():
    """static/js/safety.js carried a hand-kept copy; now each page says the person's own row."""
    scripts = "".join(p.read_text() for p in (PROJECT_ROOT / "static" / "js").glob("*.js"))
    for words in ("999", "911", "NHS 111", "A&E", "emergency room"):
        assert words not in scripts, words


# ---- what each person sees ----

def as_person(client, auth, code):
    user = onboard(client, auth, country=code)
    assert User.get_by_id(user.id).country == code
    return user


def screens(client, headers=None):
    """The emergency screen, the urgent screen, an article and an exercise, as words."""
    get = lambda url: client.get(url, headers=headers or {}).get_data(as_text=True)
    return {"emergency": get("/emergency?signs=saddle"), "urgent": get("/urgent?signs=fever"),
            "article": get("/library/sex-and-sciatica"), "exercise": get("/exercises/positions-of-ease"),
            "red_flags": get("/library/red-flags-and-cauda-equina")}


def assert_own_numbers(pages, code):
    _language, number, hospital, doctor, after_hours = PEOPLE[code]
    emergency, urgent = said(pages["emergency"]), said(pages["urgent"])
    assert f"Go to {hospital} or call {number} now" in emergency
    assert f'href="tel:{number}"' in pages["emergency"]
    assert (f"Call your {doctor} today and say it is urgent. If you can't be seen today, {after_hours}. "
            f"Fever with new weakness or numbness, or feeling very unwell: go to {hospital}.") in urgent
    article = said(pages["article"])
    assert f"Go to {hospital} or call {number} now if you notice any of these, and they are new:" in article
    assert f"Go to {hospital} or call {number} now." in said(pages["red_flags"])
    assert f"Call your {doctor} today and say it is urgent if you have:" in said(pages["red_flags"])
    assert f"If you can't be seen today, {after_hours}." in said(pages["red_flags"])
    exercise = said(pages["exercise"])
    assert f"is an emergency. Go to {hospital} or call {number} now." in exercise
    assert f"contact your {doctor} today. If you can't be seen today, {after_hours}." in exercise
    for page in pages.values():
        body = said(page.split("<main", 1)[1])
        shown = [o for o in OTHERS[code] if re.search(rf"(?<![\d,.]){re.escape(o)}(?![\d,])", body)]
        assert not shown, (code, shown)
        assert "{{" not in page and not placeholders.SPAN.search(page)      # every placeholder filled


@pytest.mark.parametrize("code", list(PEOPLE))
def test_a_signed_in_person_sees_their_own_numbers_everywhere(client, auth, db, code):
    user = as_person(client, auth, code)
    # A browser in another country changes nothing: the person's choice wins.
    assert_own_numbers(screens(client, {"Accept-Language": "de-DE"}), code)
    add_checkin(user, london_today(), 3, weakness=True)            # known, stable weakness: no alarm
    _language, number, hospital, doctor, _after = PEOPLE[code]
    today = client.get("/").get_data(as_text=True)
    card = said(today.split('class="card warning-card"')[1].split("</section>")[0])
    assert (f"You noted weakness in your leg today. If it is new or getting worse, contact your {doctor} "
            f"today; in both legs, go to {hospital} or call {number} now.") in card
    assert f'data-country="{code}"' in today
    kept = json.loads(re.search(r"data-country-words='([^']*)'", today)[1])
    assert kept == countries.get(code).phone()                       # what the phone keeps for offline


@pytest.mark.parametrize("code", [c for c, p in PEOPLE.items() if p[0]])
def test_a_visitor_sees_the_numbers_of_their_browsers_language(client, code):
    pages = screens(client, {"Accept-Language": f"{PEOPLE[code][0]},en;q=0.8"})
    assert_own_numbers(pages, code)
    assert "data-country-words" not in pages["article"]              # nobody's row to keep


def test_the_both_legs_note_at_the_start_uses_the_browsers_country(client, auth, db):
    auth.signup()
    assert client.post("/welcome/safety", data={"redflag": "none"}).status_code == 303
    html = client.get("/welcome", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    note = said(html.split('class="both-warning"')[1].split("</div>")[0])
    assert "go to the emergency room or call 911 now." in note and "999" not in note


def test_northern_ireland_can_be_chosen_on_the_account_page(client, auth, db):
    user = onboard(client, auth)
    account = client.get("/account/safety").get_data(as_text=True)
    assert '<option value="XI">United Kingdom: Northern Ireland (999)</option>' in account
    choices = re.search(r'<select[^>]*name="country".*?</select>', account, re.DOTALL).group(0)   # not the language's
    assert choices.count("<option ") == len(countries.COUNTRIES) >= 62
    r = client.post("/account/safety", data={"country": "XI", "background_none": "yes", "pregnant": "no"})
    assert r.status_code == 303 and User.get_by_id(user.id).country == "XI"
    urgent = said(client.get("/urgent?signs=fever").get_data(as_text=True))
    assert "call your GP out-of-hours service" in urgent
    assert "111" not in urgent.split("The contact-a-doctor")[0]
