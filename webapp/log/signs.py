"""Ticked warning signs that come with any form post: which they are (the boxes, and what the
check-in's follow-up answers imply) and storing them. No Flask: log/views.py stores them before
every view (store_first) and sends the person to their screen.

On a page with the warning-sign check every button posts the check's form (HTML form= and
formaction=, templates/safety/_ticks.html), so the boxes travel with the quick check-in's Save,
an exercise's Done, "Yes, I have spoken to a doctor", a stage suggestion's buttons, and anything
added later. With JavaScript, static/js/safety.js does the same on the phone first, offline too.

Whichever way a check-in arrives (a form, the phone's outbox, a client of /api/sync of its own, an
import), the signs its follow-up answers imply are kept as an answer too (keep_implied): the phone
and the forms send that answer themselves, so it is made here only when none of that day's answers
holds those signs yet.
"""
import datetime as dt
import uuid as uuidlib
from dataclasses import dataclass

from .. import inputs, sync
from ..models import RedFlagCheck
from ..safety import answers, redflags
from ..translatable import N_
from .validation import validate_checkin

DELETED = N_("It had been deleted.")


@dataclass(frozen=True)
class Alarm:
    """Ticked signs that came with a post, as stored."""

    go_now: list
    contact_today: list
    tier: str
    uuid: str | None            # the stored answer's id
    problem: tuple = ()         # why the answer as sent was refused (then kept under a new id):
                                # messages, translated where they are drawn


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
    return _keep(user, go_now, contact, inputs.form_envelope(form, user, uuid=uuid))


def _keep(user, go_now, contact, envelope):
    """Store an answer with these signs under the envelope's id (adding to what that id holds), or,
    if that is refused, under a new id and this server's clock: an Alarm either way."""
    kept = RedFlagCheck.by_uuid(user, envelope["uuid"])
    if kept is not None:
        go_now = sorted(set(go_now) | set(kept.go_now_codes))
        contact = sorted(set(contact) | set(kept.contact_today_codes))
    data = {"go_now": go_now, "contact_today": contact}
    answer = sync.apply(user, {"kind": "redflag", "op": "upsert", "data": data, **envelope})
    problem = ()
    if answer["status"] not in ("stored", "unchanged"):
        problem = tuple((answer.get("errors") or {}).values()) or (DELETED,)
        answer = sync.apply(user, {"kind": "redflag", "op": "upsert", "data": data,
                                   **inputs.form_envelope({}, user)})
    if answer["status"] not in ("stored", "unchanged"):         # not even that: still say where to go
        return Alarm(go_now, contact, answers.tier_for(go_now, contact, user.background_codes), None, problem)
    return Alarm(go_now, contact, answer["tier"], answer["uuid"], problem)


# The id of the answer kept for a check-in's implied signs: the same for every replay of it.
IMPLIED = uuidlib.UUID("6f1c1f4e-3d5b-5c3e-9a59-1c2b0e7d4a21")
ENVELOPE = ("local_date", "local_time", "tz_offset_minutes", "client_updated_at")


def keep_implied(user, checkins):
    """For each check-in (rows or dicts of its fields) whose follow-up answers imply warning signs,
    make sure an answer of that day records them (one corrected as ticked by mistake still does:
    the record is there, and the person has spoken); else keep one, its id derived from the
    check-in's. Returns the Alarms kept."""
    kept = []
    for checkin in checkins:
        fields = checkin if isinstance(checkin, dict) else checkin.__data__
        go_now, contact = answers.checkin_signs(fields, user.side, user.background_codes)
        if not (go_now or contact) or _held(user, fields["local_date"], set(go_now) | set(contact)):
            continue
        envelope = {name: fields[name] for name in ENVELOPE}
        stamp = envelope["client_updated_at"]
        envelope["client_updated_at"] = stamp.isoformat() + "Z" if isinstance(stamp, dt.datetime) else stamp
        envelope["uuid"] = str(uuidlib.uuid5(IMPLIED, str(fields["uuid"])))
        kept.append(_keep(user, go_now, contact, envelope))
    return kept


def _held(user, day, signs):
    answers_that_day = RedFlagCheck.for_user(user).where(RedFlagCheck.local_date == day)
    return any(signs <= set(answer.codes) for answer in answers_that_day)
