"""Safety in another language: a Spanish warning-sign text carries the reader's own country's
numbers (the country comes from the person's setting or the browser's region, never from the
language chosen), in Spanish words, and keeps its 'new or worsening' meaning."""
import re
import unicodedata
import uuid as uuidlib

from babel.dates import format_skeleton
from babel.messages.pofile import read_po

from webapp.models import RedFlagCheck, User, utcnow
from webapp.safety import countries, redflags

from .helpers import london_today, onboard, text_of
from .i18n_helpers import ROOT, extract
from .test_content_es import MUST_MATCH, RULED_OUT

ARTICLE = "/library/red-flags-and-cauda-equina"


def words(page, name):
    return {m for m in re.findall(rf'<span data-c="{name}">([^<]*)</span>', page)}


def test_a_spanish_reader_gets_their_countrys_number_not_the_languages(client, app):
    for browser, country in (("es-MX,es;q=0.9", "MX"), ("es-ES", "ES"), ("es-AR", "AR"), ("es-CO", "CO")):
        page = client.get(ARTICLE, headers={"Accept-Language": browser}).get_data(as_text=True)
        assert '<html lang="es"' in page
        wanted = countries.get(country).numbers
        assert words(page, "number") == {wanted[0] if len(wanted) == 1 else f"{wanted[0]} o {wanted[1]}"}, browser
        assert words(page, "hospital") == {"el servicio de urgencias"}
    # Spanish chosen on a phone set up in the UK: the UK's number, in Spanish words.
    visitor = app.test_client()
    visitor.set_cookie("sc_lang", "es")
    page = visitor.get(ARTICLE, headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert '<html lang="es"' in page and words(page, "number") == {"999"}
    body = page.split('<div class="article-body">')[1].split("</div>")[0]
    assert "the emergency department" not in body and "A&amp;E" not in body and "el servicio de urgencias" in body


def test_a_persons_country_setting_wins_over_the_language(auth, client):
    auth.signup("ana@example.com")
    User.update(country="AR", language="es").where(User.email == "ana@example.com").execute()
    page = client.get(ARTICLE, headers={"Accept-Language": "es-ES"}).get_data(as_text=True)
    assert words(page, "number") == {"107 o 911"}


def test_an_english_text_keeps_the_english_words_on_a_spanish_page(client, tmp_path):
    # The words follow the text's language: an English fallback is filled in English.
    page = client.get(ARTICLE, headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert words(page, "number") == {"911"} and words(page, "hospital") == {"the emergency room"}


def test_the_spanish_warning_signs_keep_new_or_worsening(content):
    article = content.articles_in("es")["red-flags-and-cauda-equina"]
    assert article.lang == "es"
    go_now = [line for line in article.text.splitlines() if "Ve ahora a" in line]     # the go-now paragraphs
    assert go_now and all(re.search(r"nuev[oa]s? o (que )?empeora", s) for s in go_now), go_now
    assert "síndrome de la cola de caballo" in article.text
    assert "nuevos o que empeoran en las dos piernas" in article.text


# ---- the warning-sign screens in Spanish (templates/safety, webapp/safety) ----

def spanish_person(client, auth, country):
    """Onboarded in English (the welcome's answers), then Spanish chosen and `country` set."""
    user = onboard(client, auth)
    User.update(language="es", country=country).where(User.id == user.id).execute()
    return User.get_by_id(user.id)


def text(page):
    """The page's words as read (text_of, without the space it leaves before punctuation)."""
    return re.sub(r"\s+([.,:;)])", r"\1", text_of(page))


def banner(page):
    return text_of(page.split('class="redflag-banner"', 1)[1].split("</aside>", 1)[0].split(">", 1)[1])


def test_a_spanish_person_who_ticks_a_go_now_sign_without_javascript_gets_the_spanish_emergency_screen(client, auth):
    ana = spanish_person(client, auth, "MX")
    today = client.get("/").get_data(as_text=True)
    assert '<html lang="es"' in today and "Control de seguridad" in today
    assert "¿Alguna de estas señales es nueva o empeora?" in text(today)
    form = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"',
                           today[today.index('id="safety-check"'):].split("</form>")[0]))
    # The quick check-in's Save, with the box ticked: the form posts, as without JavaScript.
    r = client.post("/log/", data={**form, "go_now": "saddle", "leg_pain": "6", "leg_side": "left"})
    assert r.headers["Location"] == "/emergency?signs=saddle"
    stored = RedFlagCheck.get(RedFlagCheck.tier == "now")
    assert stored.go_now == "saddle" and stored.uuid == form["redflag_uuid"] and RedFlagCheck.program_paused(ana)
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    said = text(page)
    assert '<html lang="es"' in page
    assert "Ve ahora a que te atiendan en el servicio de urgencias o marca 911" in said
    assert '<li data-sign="saddle">Adormecimiento nuevo entre las piernas o alrededor del ano</li>' in page
    assert "(síndrome de la cola de caballo)" in said and 'href="tel:911"' in page
    assert "Tus ejercicios" in said or "Tu programa de ejercicios está en pausa" in said
    assert banner(page) == ("Adormecimiento nuevo entre las piernas, al orinar o hacer caca, o piernas débiles: "
                            "llama al 911 ya ›")
    for english in ("Go to", "A&amp;E", "999", "call ", "You ticked", "emergency department"):
        assert english not in page.split("<main", 1)[1], english
    # Today is paused, in Spanish, with the person's number.
    paused = text(client.get("/").get_data(as_text=True))
    assert "Tus ejercicios están en pausa" in paused
    assert "Hoy respondiste que sí a una señal de alarma de urgencia." in paused
    assert "ve ahora a que te atiendan en el servicio de urgencias o marca 911." in paused


def test_the_language_never_chooses_the_number_on_the_spanish_screens(client, auth):
    spanish_person(client, auth, "GB")
    page = client.get("/emergency?signs=chest").get_data(as_text=True)
    said = text(page)
    assert "Marca 999 ahora y pide una ambulancia" in said and 'href="tel:999"' in page
    assert banner(page).endswith(": llama al 999 ya ›")
    urgent = text(client.get("/urgent?signs=fever").get_data(as_text=True))
    assert "Llama hoy a tu médico y di que es urgente. Si no te pueden atender hoy, llama al NHS 111." in urgent
    User.update(country="XI").execute()           # Northern Ireland: no NHS 111 there
    urgent = text(client.get("/urgent?signs=fever").get_data(as_text=True))
    assert "Si no te pueden atender hoy, llama al servicio de guardia de tu médico de familia." in urgent
    assert "111" not in urgent
    User.update(country="XX").execute()           # somewhere else: no number we can know
    page = client.get("/emergency").get_data(as_text=True)
    assert "marca el número de urgencias de tu zona" in text(page)
    assert "El 112 funciona desde el móvil en muchos países." in text(page)
    assert banner(page).endswith(": pide ayuda ya ›")


def test_a_spanish_visitor_reads_the_warning_signs_with_their_countrys_numbers(client):
    page = client.get("/red-flags", headers={"Accept-Language": "es-AR,es"}).get_data(as_text=True)
    said = text(page)
    assert '<html lang="es"' in page
    assert "Ve ahora a que te atiendan en el servicio de urgencias o marca 107 o 911" in said
    assert "Si alguna de estas señales es nueva o empeora, ve ahora." in said
    assert "síndrome de la cola de caballo" in said and "Habla hoy con un médico" in said
    assert "Debilidad nueva o que empeora en una pierna o un pie." in said
    # The list is drawn once per language: English after Spanish is still English.
    english = text(client.get("/red-flags", headers={"Accept-Language": "en-US"}).get_data(as_text=True))
    assert "New numbness between your legs or around your bottom." in english
    assert "Adormecimiento" not in english and "Go to the emergency room or call 911 now" in english


def test_the_spanish_safety_form_answers_wrong_input_next_to_each_field_and_keeps_the_setting(client, auth):
    ana = spanish_person(client, auth, "MX")
    form = client.get("/account/safety").get_data(as_text=True)
    assert "¿Dónde vives?" in form and ">México (911)</option>" in form
    options = re.findall(r'<option value="(\w+)"[^>]*>([^<]*)</option>', form)
    names = [name for code, name in options if code not in ("EU", "XX")]
    assert names == sorted(names, key=lambda n: unicodedata.normalize("NFKD", n).casefold())   # Spanish order
    assert names.index("España (112)") < names.index("Estados Unidos (911)") < names.index("México (911)")
    assert [code for code, _ in options[-2:]] == ["EU", "XX"] and len(options) == len(countries.COUNTRIES)
    assert ("GB", "Reino Unido: Inglaterra (999)") in options and ("AR", "Argentina (107 o 911)") in options
    r = client.post("/account/safety", data={"country": "ZZ", "pregnant": "yes", "pregnant_weeks": "50"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "Revisa las respuestas marcadas abajo." in page
    assert 'id="background-error">Marca las que te pasan, o &#34;Ninguna de estas&#34;.</p>' in page
    assert 'id="pregnant_weeks-error">Escribe el número de semanas, de 1 a 42.' in page
    assert 'id="country-error">Elige dónde vives, o &#34;En otro lugar&#34;.</p>' in page
    assert User.get_by_id(ana.id).country == "MX"
    r = client.post("/account/safety", data={"country": "CO", "pregnant": "no", "background_none": "yes"},
                    follow_redirects=True)
    assert "Guardado. Los números de urgencias ahora son los de Colombia." in r.get_data(as_text=True)
    assert User.get_by_id(ana.id).country == "CO"


def test_a_refused_change_to_a_warning_sign_answer_is_explained_in_spanish(client, auth):
    spanish_person(client, auth, "ES")
    record = {"kind": "redflag", "op": "upsert", "uuid": str(uuidlib.uuid4()), "local_date": london_today().isoformat(),
              "local_time": "08:00", "tz_offset_minutes": 0, "client_updated_at": utcnow().isoformat() + "Z",
              "data": {"go_now": ["bowel"], "contact_today": []}}
    assert client.post("/api/sync", json={"records": [record]}).json["results"][0]["status"] == "stored"
    later = {**record, "client_updated_at": utcnow().isoformat() + "Z", "data": {"go_now": [], "contact_today": []}}
    [result] = client.post("/api/sync", json={"records": [later]}).json["results"]
    assert result["status"] == "rejected"
    assert result["errors"]["answer"].startswith("Una respuesta a una señal de alarma no se puede retirar ni borrar")
    odd = {**record, "uuid": str(uuidlib.uuid4()), "data": {"go_now": ["made_up"], "contact_today": []}}
    [result] = client.post("/api/sync", json={"records": [odd]}).json["results"]
    assert result["errors"] == {"go_now": "Respuesta desconocida: made_up."}
    assert RedFlagCheck.get(RedFlagCheck.uuid == record["uuid"]).go_now == "bowel"


def test_the_assessed_and_mistake_pages_speak_spanish(client, auth):
    spanish_person(client, auth, "US")
    client.post("/log/", data={"go_now": "bladder", "contact_today": "weak_leg"})
    assessed = client.get("/log/assessed").get_data(as_text=True)
    day = format_skeleton("MMMMd", london_today(), locale="es")           # "6 de diciembre"
    assert f"{day} a las" in text(assessed) and "Problemas nuevos para empezar a orinar" in text(assessed)
    r = client.post("/log/assessed", data={"note": "x" * 2001})
    assert r.status_code == 422 and 'id="note-error">Escribe menos de 2000 caracteres (ahora hay 2001).' in r.get_data(as_text=True)
    assert RedFlagCheck.get(RedFlagCheck.tier == "now").assessed_at is None
    mistake = text(client.get("/log/mistake").get_data(as_text=True))
    assert "Si de verdad tienes esto ahora, no uses este botón: ve ahora a que te atiendan en el servicio de " \
           "urgencias o marca 911." in mistake
    assert "Sí, lo marqué por error" in mistake and "Marcaste: Problemas nuevos para empezar a orinar" in mistake


# ---- the Spanish wording keeps the glossary and "new or worsening" ----

SAFETY_SOURCES = ("webapp/safety/", "templates/safety/", "templates/program/welcome_safety", "templates/program/_paused",
                  "templates/program/_offline_pause", "templates/program/_contact_card", "templates/program/_both_legs",
                  "templates/program/welcome_both", "templates/program/both_legs", "templates/program/_warnings",
                  "templates/log/_redflag_check", "templates/log/_followups", "static/js/safety.js")


def safety_entries():
    """(English, Spanish) for every catalogue message the warning-sign code marks."""
    out = []
    for domain in ("messages", "js"):
        with open(ROOT / "translations" / "es" / "LC_MESSAGES" / f"{domain}.po", "rb") as handle:
            po = read_po(handle, locale="es")
        for message, places in extract(domain).items():
            if any(place.startswith(SAFETY_SOURCES) for place in places):
                out.append((message, po.get(message).string))
    return out


def test_every_spanish_safety_text_follows_the_glossary():
    entries = safety_entries()
    assert len(entries) > 200
    problems = [(en, f"uses {name}") for en, es in entries for name, rx in RULED_OUT.items() if re.search(rx, es, re.IGNORECASE)]
    problems += [(en, f"needs {es_rx!r}") for en, es in entries for en_rx, es_rx in MUST_MATCH
                 if re.search(en_rx, en, re.IGNORECASE) and not re.search(es_rx, es, re.IGNORECASE)]
    assert problems == []


def test_every_spanish_go_now_sign_keeps_new_or_worsening():
    said = dict(safety_entries())
    for flag in redflags.GO_NOW + redflags.ONBOARDING:
        english, spanish = flag.headline, said[flag.headline]
        if re.search(r"\bnew\b", english, re.IGNORECASE):
            assert re.search(r"\bnuev[oa]s?\b", spanish), spanish
        if re.search(r"worse|worsening", english, re.IGNORECASE):
            assert "empeora" in spanish, spanish
    for english in ("Is any of these new or getting worse? <strong>If so, go to %(hospital)s or call %(number)s now.</strong>",
                    "Is the weakness new or getting worse?"):
        assert "nueva o empeora" in said[english]
    assert "síntomas nuevos o que empeoran en las dos piernas" in said[
        "<strong>If you have any emergency sign now</strong> (new numbness between your legs or around your bottom, "
        "new bladder or bowel problems, or new or worsening symptoms in both legs), <strong>go to %(hospital)s or call "
        "%(number)s now.</strong>"]
