"""The daily log in Spanish: the check-in's field errors next to their fields (4xx, nothing lost),
the history and edit pages with Babel's days, the sync answers the phone's outbox shows, and the
error pages; English answers stay as they were."""
import re
import uuid

import pytest

from webapp.models import CheckIn, User

from .helpers import CHECKIN_FORM, add_checkin, ago, text_of


@pytest.fixture
def ana_es(ana):
    User.update(language="es").where(User.id == ana.id).execute()
    return User.get_by_id(ana.id)


def error_of(html, field):
    found = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', html)
    return found.group(1) if found else None


def test_a_spanish_check_in_with_bad_values_answers_in_spanish_beside_each_field_and_keeps_everything(client, ana_es, db):
    typed = {**CHECKIN_FORM, "leg_pain": "11", "sitting_minutes": "mucho", "notes": "Mala noche, " + "a" * 2000,
             "medication": "ibuprofeno"}
    answer = client.post("/log/", data=typed)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert '<html lang="es"' in html
    assert error_of(html, "leg_pain") == "Elige un número de 0 a 10."
    assert error_of(html, "sitting_minutes") == "Escribe minutos enteros, de 0 a 1440."
    assert error_of(html, "notes") == "Escribe menos de 2000 caracteres (ahora tiene 2012)."
    assert "Revisa las respuestas marcadas abajo. No se ha perdido nada." in html
    assert "Choose a number" not in html and "Keep this under" not in html
    # Nothing lost: what was typed is in the form again, and nothing half-stored.
    assert "ibuprofeno" in html and "Mala noche, aaaa" in html and 'value="mucho"' in html
    assert CheckIn.select().count() == 0
    # Corrected, it is kept as typed, and the history says so in Spanish.
    answer = client.post("/log/", data={**typed, "leg_pain": "7", "sitting_minutes": "15", "notes": "Mala noche"})
    assert answer.status_code == 302
    kept = CheckIn.get(CheckIn.user == ana_es)
    assert (kept.leg_pain, kept.sitting_minutes, kept.medication, kept.notes) == (7, 15, "ibuprofeno", "Mala noche")
    history = text_of(client.get("/log/history?saved=1").get_data(as_text=True))
    assert "Guardado." in history and "Pierna 7 /10" in history and "Sentado 15 min." in history
    assert "Medicamentos: ibuprofeno." in history and "viernes, 20 de noviembre de 2026" in history


def test_one_wrong_answer_is_said_in_the_singular(client, ana_es, db):
    html = client.post("/log/", data={"leg_pain": "4", "extent": "knee"}).get_data(as_text=True)
    assert "Revisa la respuesta marcada abajo. No se ha perdido nada." in html
    assert error_of(html, "extent") == "Elige hasta dónde baja por la pierna."


def test_the_history_trend_and_edit_page_speak_spanish_with_babels_days(client, ana_es, db):
    add_checkin(ana_es, ago(2), 6, back=3, extent="thigh", leg_side="both", weakness=True, weakness_new=True,
                weakness_side="one", sleep_disturbed=True)
    add_checkin(ana_es, ago(1), 4, leg_side="left")
    history = client.get("/log/history").get_data(as_text=True)
    words = text_of(history)
    first, last = ago(2), ago(1)
    for day in (first, last):
        assert day.strftime("%A") not in words and day.strftime("%B") not in words     # no English names
    assert "Muslo" in words and "Las dos piernas" in words and "Pierna izquierda" in words
    assert "Debilidad nueva o que empeora (una pierna)." in words and "Dormiste mal por el dolor." in words
    title = re.search(r'<title id="trend-title">([^<]*)</title>', history).group(1)
    assert title.startswith("Dolor medio de cada día, del ") and "en la pierna, de 6.0 a 4.0 sobre 10." in title
    uuid_ = CheckIn.get(CheckIn.local_date == last).uuid
    edit = text_of(client.get(f"/log/{uuid_}/edit").get_data(as_text=True))
    assert "Cambia tu registro" in edit and "a las 09:00." in edit and "Borrar este registro" in edit
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
    assert f"{last.day} de {months[last.month - 1]}" in edit
    # An edit with a bad value: 422, the message in Spanish, the stored check-in unchanged.
    answer = client.post(f"/log/{uuid_}/edit", data={"leg_pain": "4", "walking_minutes": "-3"})
    assert answer.status_code == 422
    assert error_of(answer.get_data(as_text=True), "walking_minutes") == "Escribe minutos enteros, de 0 a 1440."
    assert CheckIn.get(CheckIn.uuid == uuid_).walking_minutes is None


def record(**data):
    return {"kind": "checkin", "op": "upsert", "uuid": str(uuid.uuid4()), "client_updated_at": "2026-11-20T08:00:00Z",
            "local_date": "2026-11-20", "local_time": "08:00", "tz_offset_minutes": 0, "data": data}


def test_the_sync_answers_a_spanish_phone_in_spanish_and_stores_the_good_record(client, ana_es, db):
    good, bad = record(leg_pain=5, notes="bien"), record(leg_pain=12, medication="m" * 501, extent="knee")
    late = {**record(leg_pain=3), "local_date": "2099-01-01"}
    answer = client.post("/api/sync", json={"records": [good, bad, late, "nada", {**record(), "kind": "x"}]})
    assert answer.status_code == 200
    results = answer.get_json()["results"]
    assert [r["status"] for r in results] == ["stored", "rejected", "rejected", "rejected", "rejected"]
    assert results[1]["errors"] == {"leg_pain": "Elige un número de 0 a 10.",
                                    "medication": "Escribe menos de 500 caracteres (ahora tiene 501).",
                                    "extent": "Elige hasta dónde baja por la pierna."}
    assert results[2]["errors"] == {"local_date": "Esa fecha es del futuro."}
    assert results[3]["errors"] == {"record": "Cada registro debe ser un objeto."}
    assert results[4]["errors"] == {"kind": "Tipo de registro desconocido."}
    assert [c.notes for c in CheckIn.select()] == ["bien"]
    too_many = client.post("/api/sync", json={"records": [record(leg_pain=1)] * 201})
    assert too_many.status_code == 413
    assert too_many.get_json()["message"] == "Envía como máximo 200 registros cada vez."
    assert CheckIn.select().count() == 1


def test_english_answers_are_unchanged(client, ana, db):
    results = client.post("/api/sync", json={"records": [record(leg_pain=12, notes="n" * 2001)]}).get_json()["results"]
    assert results[0]["errors"] == {"leg_pain": "Choose a number from 0 to 10.",
                                    "notes": "Keep this under 2000 characters (it has 2001)."}
    html = client.post("/log/", data={"leg_pain": "4", "sitting_minutes": "2000"}).get_data(as_text=True)
    assert error_of(html, "sitting_minutes") == "Enter whole minutes from 0 to 1440."


def test_the_error_pages_speak_the_readers_language(client, ana_es, db):
    page = client.get("/log/nowhere")
    assert page.status_code == 404
    assert "No encontramos la página" in page.get_data(as_text=True)
    assert "Page not found" not in page.get_data(as_text=True)
    api = client.get("/log/00000000-0000-4000-8000-000000000000/edit", headers={"Accept": "application/json"})
    assert api.status_code == 404 and api.get_json()["message"].startswith("No encontramos esa página.")
    assert api.get_json()["error"] == "Page not found"          # a word for programs, not for people


def test_the_throttles_wait_is_a_plural_in_the_readers_language(app):
    from webapp.security import too_many
    for wait, spanish, english in ((30, "Espera 1 minuto y vuelve", "wait 1 minute, then"),
                                   (150, "Espera 3 minutos y vuelve", "wait 3 minutes, then")):
        with app.test_request_context("/", headers={"Accept-Language": "es"}):
            body, status, headers = too_many(wait)
            assert status == 429 and spanish in body and headers["Retry-After"] == str(wait)
        with app.test_request_context("/"):
            assert english in too_many(wait)[0]
