"""The weekly activity ratings as this app's own Questionnaire (no licensed instrument) and one
QuestionnaireResponse per week rated. No Flask."""
from ...translatable import N_, Text
from .elements import stable_id, utc_moment

ACTIVITY = N_("An activity your sciatica makes hard")

QUESTIONNAIRE_URL = "urn:sciatica-companion:questionnaire:weekly-activity-ratings"


def questionnaire():
    """This app's own weekly activity ratings (in the style of the Patient-Specific Functional
    Scale, not a copy of any licensed questionnaire)."""
    return {
        "resourceType": "Questionnaire", "id": stable_id("questionnaire", QUESTIONNAIRE_URL),
        "url": QUESTIONNAIRE_URL, "version": "1", "name": "WeeklyActivityRatings",
        "title": Text(N_("Weekly activity ratings")), "status": "active", "subjectType": ["Patient"],
        "description": Text(N_("Sciatica Companion's own weekly questions: the person names up to three "
                               "activities their sciatica makes hard and rates each from 0 (can't do it) "
                               "to 10 (as well as before the problem).")),
        "item": [{"linkId": "activity", "text": Text(ACTIVITY), "type": "group",
                  "repeats": True, "required": True, "item": [
                      {"linkId": "activity.name", "text": Text(N_("The activity")), "type": "string",
                       "required": True, "maxLength": 80},
                      {"linkId": "activity.score", "type": "integer", "required": True,
                       "text": Text(N_("How well can you do it now? 0 = can't do it, 10 = as well as before"))}]}],
    }


def rating_responses(ratings, subject, zone):
    """One QuestionnaireResponse per week rated (ratings oldest first)."""
    weeks = {}
    for r in ratings:
        weeks.setdefault(r.week_start, []).append(r)
    out = []
    for week, rows in sorted(weeks.items()):
        authored = max(r.updated_at or r.created_at for r in rows)
        out.append({
            "resourceType": "QuestionnaireResponse",
            "id": stable_id("ratings", *sorted(r.uuid for r in rows)),
            "questionnaire": QUESTIONNAIRE_URL, "status": "completed", "subject": subject,
            "authored": utc_moment(authored, zone),
            "item": [{"linkId": "activity", "text": Text(ACTIVITY), "item": [
                {"linkId": "activity.name", "answer": [{"valueString": r.activity}]},
                {"linkId": "activity.score", "answer": [{"valueInteger": r.score}]}]} for r in rows],
        })
    return out
