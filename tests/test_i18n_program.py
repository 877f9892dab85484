"""The program in Spanish: Today, an exercise, the week's plan, the welcome questions and reminders
for a Spanish reader (real Spanish words on the page and the outcome in the database), the
calendar and the Web Push reminders in the person's own language, Today's kept pages never shared
across languages, and the program's own words in program.yaml all marked for the catalogue."""
import datetime as dt
import re

import pytest

from webapp.content.plans import PATTERN_HINTS, PATTERN_NAMES, SESSION_NAMES
from webapp.models import CalendarFeed, Completion, User
from webapp.push import finding, tasks

from .helpers import add_checkins, backdate_stage, eventually, onboard, text_of
from .test_push_reminders import person_with_phone, run_at, service, utc  # noqa: F401 (a fixture)


def spanish(client, auth, **kwargs):
    user = onboard(client, auth, **kwargs)
    User.update(language="es").where(User.id == user.id).execute()
    return User.get_by_id(user.id)


def test_today_in_spanish_with_a_suggestion_and_a_done(client, auth):
    user = spanish(client, auth, stage=1)
    add_checkins(user, [4, 3, 3, 3, 2, 3])
    backdate_stage(user, 15)
    html = client.get("/").get_data(as_text=True)
    page = text_of(html)
    assert '<html lang="es"' in html
    assert "Siguiente ejercicio" in page and "Etapa 1 de 3: Calmar" in page
    assert "¿Listo para subir a la etapa 2?" in page and "Por qué lo sugerimos" in page
    assert "El dolor en la pierna fue de 3 de media en 6 días con registro de los últimos 7." in page
    assert "Balanceo de rodillas" in page and "Knees rocking" not in page      # content/es/exercises
    assert "Mañana" in page and "Hecho" in page and "Todavía no hecho hoy" in page
    assert "Next exercise" not in page and "Not done yet today" not in page
    # A Done on Today, without JavaScript: kept, and said in Spanish.
    done = re.search(r'name="done"\s+value="(knees-rocking [a-z]* [0-9a-f-]+)"', html).group(1)
    r = client.post("/today/done", data={"done": done})
    assert r.status_code == 303
    assert Completion.select().where(Completion.user == user, Completion.exercise == "knees-rocking").count() == 1
    page = text_of(client.get(r.headers["Location"]).get_data(as_text=True))
    assert "Balanceo de rodillas: Guardado." in page and "1 de 3 hoy" in page
    # Accepting the suggestion: the stage moves, and the message is Spanish.
    r = client.post("/suggestion/accept", data={"direction": "up", "to_stage": "2"}, follow_redirects=True)
    assert User.get_by_id(user.id).stage == 2
    assert "Ahora estás en la etapa 2: Recuperar movimiento." in text_of(r.get_data(as_text=True))


def test_an_exercise_page_in_spanish(client, auth):
    spanish(client, auth, stage=1)
    page = text_of(client.get("/exercises/knees-rocking?session=morning").get_data(as_text=True))
    assert "Balanceo de rodillas" in page and "Pasos" in page and "Detente si…" in page
    assert "Como mucho 3 veces al día" in page and "ciclos lentos" in page
    assert "Temporizador" in page and "Cuando quieras" in page and "Marcar como hecho" in page
    assert "¿Qué tal te ha ido?" in page and "Se extendió pierna abajo" in page
    assert "Steps" not in page and "Mark as done" not in page


def test_the_weeks_plan_and_a_refused_change_in_spanish(client, auth):
    user = spanish(client, auth, stage=1)
    page = text_of(client.get("/program").get_data(as_text=True))
    assert "Tu programa" in page and "Las tres etapas" in page and "Fortalecer" in page
    assert "La etapa 1 sirve para calmar el nervio irritado" in page and "todos los días" in page
    r = client.post("/program/change", data={"stage": "7", "pattern": "disc"})
    assert r.status_code == 422
    assert re.search(r'<p class="error" id="stage-error">Elige la etapa 1, 2 o 3\.</p>', r.get_data(as_text=True))
    assert User.get_by_id(user.id).stage == 1
    # Stage 3 is closed (6 weeks from the start): the reason is Spanish too.
    r = client.post("/program/change", data={"stage": "3", "pattern": "disc"})
    assert r.status_code == 422
    assert "La etapa 3 no está abierta ahora. Este episodio empezó hace 3 semanas" in text_of(r.get_data(as_text=True))
    assert User.get_by_id(user.id).stage == 1


def test_the_welcome_questions_answer_in_spanish_next_to_the_field(client, auth):
    auth.signup()
    User.update(language="es").execute()
    assert client.post("/welcome/safety", data={"redflag": "none"}).status_code == 303
    page = text_of(client.get("/welcome").get_data(as_text=True))
    assert "1. ¿Cuánto tiempo hace que lo tienes?" in page and "Pierna izquierda" in page
    r = client.post("/welcome", data={"episode_band": "under_2w", "side": "left", "leg_pain": "11"})
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    assert '<p class="error" id="leg_pain-error">Elige un número de 0 a 10.</p>' in html
    assert "Elige la descripción que mejor encaje" in html and "Revisa las respuestas marcadas abajo." in html
    start = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    r = client.post("/welcome", data={"episode_band": "under_2w", "episode_start": start})
    assert "Esa fecha fue hace 30 días, y eso no es “menos de 2 semanas”." in text_of(r.get_data(as_text=True))
    user = User.by_email("ana@example.com")
    assert user.stage is None and user.onboarded_at is None


def test_the_proposal_in_spanish(client, auth):
    auth.signup()
    User.update(language="es").execute()
    client.post("/welcome/safety", data={"redflag": "none"})
    start = (dt.date.today() - dt.timedelta(weeks=3)).isoformat()
    r = client.post("/welcome", data={"episode_start": start, "side": "left", "pattern_answer": "disc",
                                      "leg_pain": "4", "tingling": "no", "weakness": "no",
                                      "background_none": "yes", "pregnant": "no", "country": "ES"})
    page = text_of(r.get_data(as_text=True))
    assert r.status_code == 200
    assert "Te sugerimos la etapa 1: Calmar, tipo disco" in page
    assert "Este episodio empezó hace 3 semanas (21 días). Menos de 6 semanas se suele llamar la etapa aguda" in page
    assert "Empezar mi programa" in page


def test_reminders_and_the_calendar_in_spanish(client, auth):
    user = spanish(client, auth)
    r = client.post("/reminders", data={"morning_time": "7 de la mañana", "timezone": "Europe/Madrid"})
    assert r.status_code == 422
    assert "Escribe una hora como 08:00, o déjalo vacío si no quieres recordatorio." in r.get_data(as_text=True)
    assert User.get_by_id(user.id).morning_time is None
    r = client.post("/reminders", data={"morning_time": "07:30", "timezone": "Europe/Madrid"}, follow_redirects=True)
    assert "Tus horas de recordatorio están guardadas." in text_of(r.get_data(as_text=True))
    assert User.get_by_id(user.id).morning_time == "07:30"
    html = client.post("/reminders/feed").get_data(as_text=True)
    assert "Tu dirección privada de calendario." in text_of(html)
    token = re.search(r'id="feed-url" value="http://localhost/calendar/([A-Za-z0-9_-]+)\.ics"', html).group(1)
    assert CalendarFeed.select().where(CalendarFeed.user == user).count() == 1
    calendar = client.application.test_client().get(f"/calendar/{token}.ics").get_data(as_text=True)
    assert "SUMMARY:Ejercicios de la mañana" in calendar and "Es la hora de tus ejercicios de la mañana." in calendar
    assert "X-WR-CALNAME:Recordatorios de ejercicios" in calendar and "Morning exercises" not in calendar


def test_a_push_reminder_comes_in_the_persons_own_language(client, app, service):  # noqa: F811
    person = person_with_phone(client, service)
    queued = []
    with app.app_context():
        finding.find_due(app.extensions["push"], app.url_map, utc(2026, 1, 10, 8, 0),
                         lambda sid, msg: queued.append(msg), tasks.speaker)
    assert [m["payload"]["title"] for m in queued] == ["Morning exercises"]
    User.update(language="es").where(User.id == person.id).execute()
    run = []
    with app.app_context():
        finding.find_due(app.extensions["push"], app.url_map, utc(2026, 1, 10, 13, 0),
                         lambda sid, msg: run.append((sid, msg)), tasks.speaker)
    assert [m["payload"]["title"] for _, m in run] == ["Ejercicios del mediodía"]
    assert run[0][1]["payload"]["body"] == "Es la hora de tus ejercicios del mediodía."
    # What reaches the phone (decrypted at the test's push endpoint) is the Spanish.
    assert tasks.deliver_now(app.extensions["push"], run[0][0], run[0][1], utc(2026, 1, 10, 13, 0)) == "sent"
    assert service.arrived("phone")[-1]["payload"]["title"] == "Ejercicios del mediodía"


def test_the_test_notification_is_in_the_persons_language(client, app, service):  # noqa: F811
    person = person_with_phone(client, service)
    User.update(language="es").where(User.id == person.id).execute()
    r = client.post("/reminders/push/test", follow_redirects=True)
    assert "Hay una notificación de prueba en camino." in text_of(r.get_data(as_text=True))
    eventually(lambda: service.arrived("phone"))
    assert service.arrived("phone")[-1]["payload"]["title"] == "Los recordatorios están activados"
    assert service.arrived("phone")[-1]["payload"]["body"] == "Así se verán tus recordatorios."


@pytest.mark.parametrize("path", ["/", "/exercises/knees-rocking?session=morning", "/program"])
def test_a_kept_page_is_never_shared_across_languages(client, auth, path):
    """The same person, no language set, with a Spanish browser and then an English one: each page
    comes in the browser's language (Today's kept Day and page, and every other kept page)."""
    user = onboard(client, auth, stage=1)
    User.update(language=None).where(User.id == user.id).execute()     # an account from before languages
    for _ in range(2):
        es = client.get(path, headers={"Accept-Language": "es-MX,es;q=0.9"}).get_data(as_text=True)
        en = client.get(path, headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
        assert '<html lang="es"' in es and "Balanceo de rodillas" in es and "Knees rocking" not in es
        assert '<html lang="en-GB"' in en and "Knees rocking" in en and "Balanceo de rodillas" not in en


def test_two_people_one_spanish_one_english_see_their_own_today(app):
    from .helpers import Auth
    ana, jo = app.test_client(), app.test_client()
    onboard(ana, Auth(ana), email="ana@example.com", stage=1)
    onboard(jo, Auth(jo), email="jo@example.com", stage=1)
    User.update(language="es").where(User.email == "ana@example.com").execute()
    for _ in range(2):
        assert "Siguiente ejercicio" in ana.get("/").get_data(as_text=True)
        assert "Next exercise" in jo.get("/").get_data(as_text=True)


def test_every_program_word_in_program_yaml_is_marked_for_the_catalogue(app):
    from webapp.program import stagewords
    rules = app.extensions["program"]
    marked = set(stagewords.PROGRAM_YAML)
    texts = {s.name for s in rules.stages.values()} | {s.label for s in rules.stages.values()} \
        | {s.purpose for s in rules.stages.values()}
    texts |= {e.note for s in rules.stages.values() for plan in s.plans.values()
              for entries in (*plan.sessions.values(), plan.optional) for e in entries if e.note}
    texts |= set(PATTERN_NAMES.values()) | set(PATTERN_HINTS.values()) | set(SESSION_NAMES.values())
    assert texts - marked == set()


def test_a_tick_the_program_holds_off_is_refused_in_spanish_on_every_path(client, auth):
    """Curl downs are for stage 3: at stage 1 the phone's sync, Today and the exercise page each
    say why in Spanish, and nothing is counted."""
    from webapp.models import utcnow
    user = spanish(client, auth, stage=1)
    record = {"kind": "completion", "op": "upsert", "uuid": "5b0a1c8e-3f0d-4c1e-9a51-0c3f6a2f7d10",
              "client_updated_at": utcnow().isoformat() + "Z", "local_date": dt.date.today().isoformat(),
              "local_time": "10:00", "tz_offset_minutes": 0, "data": {"exercise": "curl-downs", "session": None}}
    answer = client.post("/api/sync", json={"records": [record]}).json["results"][0]
    assert answer["status"] == "rejected"
    assert answer["errors"]["locked"].startswith("No contado: ")
    assert answer["errors"]["locked"].endswith("no está en tu programa: es para la etapa 3, y estás en la etapa 1.")
    r = client.post("/exercises/curl-downs/done", data={"uuid": "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 409 and "no está en tu programa" in r.get_data(as_text=True)
    page = text_of(client.get("/exercises/curl-downs").get_data(as_text=True))
    assert "No está en tu programa ahora" in page and "Si lo marcas aquí, no se contaría." in page
    assert Completion.select().where(Completion.user == user).count() == 0
