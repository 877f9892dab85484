"""Ticked warning signs that come with any form post: which they are (the boxes, and what the
check-in's follow-up answers imply) and storing them. No Flask: log/views.py stores them before
every view (store_first) and sends the person to their screen.

On a page with the warning-sign check every button posts the check's form (HTML form= and
formaction=, templates/safety/_ticks.html), so the boxes travel with the quick check-in's Save,
an exercise's Done, "Yes, I have spoken to a doctor", a stage suggestion's buttons, and anything
added later. With JavaScript, static/js/safety.js does the same on the phone first, offline too.
"""
from dataclasses import dataclass

from .. import inputs, sync
from ..models import RedFlagCheck
from ..safety import answers, redflags
from .validation import validate_checkin


@dataclass(frozen=True)
class Alarm:
    """Ticked signs that came with a post, as stored."""

    go_now: list
    contact_today: list
    tier: str
    uuid: str | None            # the stored answer's id
    problem: str = ""           # why the answer as sent was refused (then kept under a new id)


def signs_in(form, user, new_checkin=False):
    """(go_now, contact_today): the ticked boxes that are questions we ask and, for a new check-in
    (`new_checkin`, or a form that is the warning-sign check's: it carries the answer's id,
    redflag_uuid), the signs its follow-up answers imply for this person. Other forms with such
    answers (an edit of an old check-in, the welcome questions) judge them themselves."""
    go_now = {c for c in form.getlist("go_now") if c in redflags.GO_NOW_CODES}
    contact = {c for c in form.getlist("contact_today") if c in redflags.CONTACT_TODAY_CODES}
    if new_checkin or "redflag_uuid" in form:
        fields, _ = validate_checkin(form.to_dict())
        implied = answers.checkin_signs(fields, user.side, user.background_codes)
        go_now, contact = go_now | set(implied[0]), contact | set(implied[1])
    return sorted(go_now), sorted(contact)


def store(user, form, new_checkin=False):
    """Store the signs in `form` (a MultiDict; None when there are none) under the form's answer id and the
    phone's clock. If that answer is refused (a stale or foreign id), the signs are kept again
    under a new id and this server's clock: a ticked sign is never dropped."""
    go_now, contact = signs_in(form, user, new_checkin)
    if not (go_now or contact):
        return None
    uuid = form.get("redflag_uuid") or None
    # Answers are kept for good (signs are added, never taken away): a second post under the same
    # id, say with a follow-up now answered, adds to what the first one stored.
    kept = RedFlagCheck.by_uuid(user, uuid) if uuid else None
    if kept is not None:
        go_now = sorted(set(go_now) | set(kept.go_now_codes))
        contact = sorted(set(contact) | set(kept.contact_today_codes))
    data = {"go_now": go_now, "contact_today": contact}
    record = {"kind": "redflag", "op": "upsert", "data": data, **inputs.form_envelope(form, user, uuid=uuid)}
    answer = sync.apply(user, record)
    problem = ""
    if answer["status"] not in ("stored", "unchanged"):
        problem = " ".join((answer.get("errors") or {}).values()) or "It had been deleted."
        answer = sync.apply(user, {"kind": "redflag", "op": "upsert", "data": data,
                                   **inputs.form_envelope({}, user)})
    if answer["status"] not in ("stored", "unchanged"):         # not even that: still say where to go
        return Alarm(go_now, contact, answers.tier_for(go_now, contact, user.background_codes), None, problem)
    return Alarm(go_now, contact, answer["tier"], answer["uuid"], problem)
