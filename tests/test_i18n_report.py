"""The report, its exports and the practitioner's pages in the reader's language (issue 27, item 5):
a Spanish person reads their report in Spanish; a practitioner reads it in their own language,
whoever's it is; a visitor with a share link in theirs; the FHIR export changes only its words,
never its codes; and the figures are the same in every language."""
import json
import re

from webapp.models import PsfsRating, ShareLink, User

from .helpers import Auth, crafted_history, link_up, make_link, onboard, practitioner_signup, psfs, text_of


def speaks(email, code):
    User.update(language=code).where(User.email == email).execute()


def person(app, code, email="ana@example.com"):
    """A person with a month of check-ins (crafted_history), speaking `code`, signed in."""
    client = app.test_client()
    user = onboard(client, Auth(client), email=email)
    crafted_history(user)
    speaks(email, code)
    return client, User.by_email(email)


def practitioner(app, code, email="jo@example.com"):
    client = app.test_client()
    assert practitioner_signup(client, email=email).status_code == 303
    speaks(email, code)
    return client


def figures(html):
    """The numbers of the report's tables (pain, extent, tolerance, exercises), row by row."""
    rows = re.findall(r"<tr><th scope=\"row\">[^<]*</th>((?:<td>[^<]*</td>)+)</tr>", html)
    return [re.findall(r"<td>([\d.—]*)</td>", row) for row in rows]


def test_a_spanish_person_reads_their_report_in_spanish_and_its_forms_answer_in_spanish(app):
    client, _ana = person(app, "es")
    page = client.get("/report/").get_data(as_text=True)
    assert '<html lang="es"' in page
    words = text_of(page)
    for spanish in ("Informe de ciática", "Resumen", "Dolor en la pierna", "Dolor de espalda",
                    "Hasta dónde baja por la pierna", "A lo largo del tiempo", "Cómo leer este informe",
                    "Imprimir / Guardar como PDF", "Cambiar las fechas", "Descargar todo en un solo archivo"):
        assert spanish in words, spanish
    assert "Sciatica report" not in words and "Leg pain" not in words
    assert re.search(r"\b(dom|lun|mar|mié|jue|vie|sáb)\b", words)      # weekdays as Spanish writes them
    # A weekly rating with no score: 422, the message next to the field, in Spanish; nothing saved.
    r = psfs(client, ("Calcetines", ""))
    assert r.status_code == 422
    assert re.search(r'id="score-1-error">Elige una puntuación de 0 a 10\.<', r.get_data(as_text=True))
    assert PsfsRating.select().count() == 0
    # A share link for too many days: 422 in Spanish, no link made; then one that works.
    r = client.post("/report/share", data={"days": "500"})
    assert r.status_code == 422 and 'id="days-error">Elige de 1 a 90 días.<' in r.get_data(as_text=True)
    assert ShareLink.select().count() == 0
    made, _token = make_link(client)
    assert "Tu enlace para compartir" in made.get_data(as_text=True) and ShareLink.select().count() == 1
    # Dates that cannot be read: 400, the page says why in Spanish.
    r = client.get("/report/?from=2026-01-10&to=2025-01-01")
    assert r.status_code == 400 and "El inicio debe ser el mismo día del final o antes." in r.get_data(as_text=True)


def test_a_spanish_person_and_an_english_practitioner_each_read_the_report_in_their_own_language(app):
    ana_client, _ana = person(app, "es")
    jo = practitioner(app, "en")
    link = link_up(ana_client, jo)
    mine = ana_client.get("/report/").get_data(as_text=True)
    theirs = jo.get(f"/practice/people/{link}/").get_data(as_text=True)
    assert '<html lang="es"' in mine and "Informe de ciática" in mine and "Dolor en la pierna" in mine
    assert '<html lang="en-GB"' in theirs and "Sciatica report" in theirs and "Leg pain" in theirs
    assert "Informe de ciática" not in theirs and "Dolor en la pierna" not in theirs
    assert figures(mine) == figures(theirs) and len(figures(mine)) > 20
    # The caseload is in the practitioner's language too.
    caseload = text_of(jo.get("/practice/").get_data(as_text=True))
    assert "Your caseload" in caseload and "Leg pain" in caseload


def test_an_english_person_and_a_spanish_practitioner_each_read_the_report_in_their_own_language(app):
    ana_client, _ana = person(app, "en")
    rosa = practitioner(app, "es", email="rosa@example.com")
    link = link_up(ana_client, rosa)
    mine = ana_client.get("/report/").get_data(as_text=True)
    theirs = rosa.get(f"/practice/people/{link}/").get_data(as_text=True)
    assert "Sciatica report" in mine and "Informe de ciática" not in mine
    assert '<html lang="es"' in theirs and "Informe de ciática" in theirs and "Sciatica report" not in theirs
    assert figures(mine) == figures(theirs)
    # Her program page, the caseload and a refused visit: in Spanish, whoever's they are.
    program = rosa.get(f"/practice/people/{link}/program/").get_data(as_text=True)
    assert "Su programa" in program and "Cambiar un límite" in program
    assert "Tus pacientes" in rosa.get("/practice/").get_data(as_text=True)
    r = rosa.post(f"/practice/people/{link}/visits", data={"visit_date": "", "note": ""})
    assert r.status_code == 422 and 'id="visit_date-error">' in r.get_data(as_text=True)
    assert "Escribe la fecha de la visita." in r.get_data(as_text=True)


def test_two_practitioners_of_one_person_see_the_caseload_each_in_their_own_language(app):
    """A person's caseload card is drawn once and kept: once per language, not once for everyone."""
    ana_client, _ana = person(app, "en")
    jo, rosa = practitioner(app, "en"), practitioner(app, "es", email="rosa@example.com")
    link_up(ana_client, jo)
    link_up(ana_client, rosa)
    for _ in range(2):                  # the second time from what was kept
        english = text_of(jo.get("/practice/").get_data(as_text=True))
        spanish = text_of(rosa.get("/practice/").get_data(as_text=True))
        assert "Leg pain" in english and "Dolor en la pierna" not in english
        assert "Dolor en la pierna" in spanish and "Leg pain" not in spanish


def test_a_visitor_reads_a_shared_report_in_their_own_language(app):
    ana_client, _ana = person(app, "en")
    _made, token = make_link(ana_client)
    spanish = app.test_client().get(f"/shared/{token}", headers={"Accept-Language": "es-MX,es;q=0.9"})
    english = app.test_client().get(f"/shared/{token}", headers={"Accept-Language": "en-GB"})
    assert '<html lang="es"' in spanish.get_data(as_text=True) and "Informe compartido" not in english.get_data(as_text=True)
    assert "Una copia de solo lectura" in spanish.get_data(as_text=True)
    assert "A read-only copy" in english.get_data(as_text=True)
    assert figures(spanish.get_data(as_text=True)) == figures(english.get_data(as_text=True))
    gone = app.test_client().get("/shared/no-such-link", headers={"Accept-Language": "es"})
    assert gone.status_code == 404 and "Este enlace no funciona" in gone.get_data(as_text=True)


def codes_of(value, out=None):
    """Every (system, code) and every resource id in a FHIR document, in order."""
    out = [] if out is None else out
    if isinstance(value, dict):
        if "code" in value and "system" in value:
            out.append((value["system"], value["code"]))
        if "id" in value and "resourceType" in value:
            out.append(("id", value["id"]))
        for item in value.values():
            codes_of(item, out)
    elif isinstance(value, list):
        for item in value:
            codes_of(item, out)
    return out


def test_the_fhir_export_has_the_same_codes_in_both_languages_and_only_its_words_change(app):
    ana_client, _ana = person(app, "en")
    rosa = practitioner(app, "es", email="rosa@example.com")
    link = link_up(ana_client, rosa)
    english = json.loads(ana_client.get("/report/fhir").data)
    spanish = json.loads(rosa.get(f"/practice/people/{link}/fhir").data)
    assert english["language"] == "en-GB" and spanish["language"] == "es"
    # Every code and resource id is the same; only the Bundle's own id is new with each export (it
    # is made from the export's second, and the two exports may fall either side of one).
    def codes(bundle):
        return [found for found in codes_of(bundle) if found != ("id", bundle["id"])]
    assert codes(english) and codes(english) == codes(spanish)
    text = json.dumps(spanish, ensure_ascii=False)
    assert "Dolor en la pierna (0-10)" in text and "Leg pain (0-10)" not in text
    assert "Leg pain (0-10)" in json.dumps(english)
    # A standard code keeps the display its terminology gives it; the app's own are translated.
    pain = next(e["resource"] for e in spanish["entry"] if e["resource"].get("code", {}).get("coding", [{}])[0]
                .get("code") == "72514-3")
    assert pain["code"]["coding"][0]["display"] == "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
    system = next(e["resource"] for e in spanish["entry"] if e["resource"]["resourceType"] == "CodeSystem")
    concepts = {c["code"]: c["display"] for c in system["concept"]}
    assert concepts["sitting-tolerance"] == "Tiempo en una silla" and concepts["tier-go-now"] == "Señal de alarma para ir ahora"
    # The CodeSystem at its canonical URL, for a Spanish reader, is the one in the Spanish export.
    served = app.test_client().get("/fhir/CodeSystem/sciatica-companion", headers={"Accept-Language": "es"})
    assert json.loads(served.data) == system and "Accept-Language" in served.headers["Vary"]


def test_the_spreadsheet_export_says_in_spanish_what_it_holds(app):
    import io
    import zipfile
    client, _ana = person(app, "es")
    archive = zipfile.ZipFile(io.BytesIO(client.get("/report/export.zip").data))
    readme = archive.read("README.txt").decode()
    assert readme.startswith("Exportación de Sciatica Companion") and "hojas de cálculo" in readme
    # The columns keep the fields' own names in every language, as in the JSON export.
    english_client, _jo = person(app, "en", email="jo@example.com")
    english = zipfile.ZipFile(io.BytesIO(english_client.get("/report/export.zip").data))
    header = archive.read("checkins.csv").decode().splitlines()[0]
    assert "local_date" in header and header == english.read("checkins.csv").decode().splitlines()[0]
    assert english.read("README.txt").decode().startswith("Sciatica Companion export")


def test_a_spanish_practitioner_links_and_is_answered_in_spanish(app):
    rosa = practitioner(app, "es", email="rosa@example.com")
    r = rosa.post("/practice/link", data={"code": "??"})
    assert r.status_code == 422 and "Escribe las 8 letras y números que te dio la persona" in r.get_data(as_text=True)
    r = rosa.post("/practice/link", data={"code": "AAAA-BBBB"})
    assert r.status_code == 404 and "No encontramos ese código." in r.get_data(as_text=True)
