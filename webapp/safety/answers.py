"""Answers to the warning-sign questions: the record kind the outbox syncs, the signs a check-in
implies (weakness, a spread to the other leg), the both-legs follow-up at onboarding, and the
background risks. Plain functions, no Flask.

The tier of a stored answer is decided here on the server from the person's background risks
(prepare), never taken from the phone: the phone only chooses which screen to show at once.

A warning-sign answer is kept for good: signs may be added to it (refuse_change lets an upgrade
through), never taken away, and it is never deleted (refuse_delete). A tick made by mistake is
corrected beside it ("I ticked this by mistake", webapp/safety/mistakes.py).
"""
from dataclasses import dataclass

from ..translatable import N_
from . import redflags
from .redflags import BACKGROUND_CODES, codes_of, tier_for

YES = {"yes", "true", "1", "on"}
LIST_WANTED = N_("Must be a list of answers.")
UNKNOWN = N_("Unknown answer: %(codes)s.")
YES_OR_NO = N_("Choose yes or no.")


def _codes(data, name, errors):
    value = data.get(name) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors[name] = LIST_WANTED
        return []
    return sorted(set(value))


def validate_answer(data):
    """(fields, errors) for one answer to the quick check: the ticked go-now and contact-today
    codes; none ticked means "none of these"."""
    errors = {}
    go_now = _codes(data, "go_now", errors)
    contact_today = _codes(data, "contact_today", errors)
    unknown = redflags.unknown_codes(go_now, contact_today)
    if unknown:
        errors["go_now"] = UNKNOWN % {"codes": ", ".join(unknown)}
    clean = {"go_now": ",".join(go_now), "contact_today": ",".join(contact_today),
             "tier": tier_for(go_now, contact_today)}
    return clean, errors


def prepare(user, record):
    """Just before an answer is stored: the person's background risks decide its tier. Signs added
    to a stored answer are judged with the risks it was judged with too, so its tier never falls."""
    background = user.background or ""
    if record.id is not None and record.background:
        background = ",".join(sorted(set(codes_of(record.background)) | set(codes_of(background))))
    record.background = background
    record.tier = tier_for(codes_of(record.go_now), codes_of(record.contact_today),
                           codes_of(record.background))


KEPT = N_("A warning-sign answer can't be taken back or deleted, so this change was not saved. If you "
          "ticked a box by mistake, choose \"I ticked this by mistake\" on Today or in your check-ins.")
CLOSED = N_("This warning-sign answer has already been followed up, so it can't be changed. If you have "
            "a new warning sign, answer the safety check again.")
NOTHING_TO_DELETE = N_("There is no saved safety answer with this id, so there is nothing to delete.")


def is_warning(record):
    """A go-now or contact-a-doctor answer: one that is kept for good."""
    return bool(codes_of(record.go_now) or codes_of(record.contact_today))


def refuse_change(user, envelope, fields, existing, corrected=None):
    """Errors when an upsert would take signs away from a stored warning-sign answer, or change
    one already followed up (assessed, spoken to a doctor, or corrected: new signs need a new
    answer, which pauses again); None lets it through. `corrected(user, uuid)` says whether the
    person has corrected the answer."""
    if existing is None or not is_warning(existing):
        return None
    before = (set(codes_of(existing.go_now)), set(codes_of(existing.contact_today)))
    after = (set(codes_of(fields.get("go_now"))), set(codes_of(fields.get("contact_today"))))
    if after == before:
        return None
    if not (before[0] <= after[0] and before[1] <= after[1]):
        return {"answer": KEPT}
    followed_up = existing.assessed_at or existing.contacted_at
    if followed_up or (corrected and corrected(user, existing.uuid)):
        return {"answer": CLOSED}
    return None


def refuse_delete(user, existing):
    """Errors when a delete would erase a warning-sign answer (or plant a marker for an answer not
    yet received, which would then be dropped when it arrives); None lets it through."""
    if existing is None:
        return {"answer": NOTHING_TO_DELETE}
    return {"answer": KEPT} if is_warning(existing) else None


def contact_tier_of(record):
    """How urgent a stored answer's contact-a-doctor signs are on their own, go-now signs aside:
    "today", or "soon" for background-only findings (the card on Today says which)."""
    return tier_for((), codes_of(record.contact_today), codes_of(record.background))


def describe_answer(record):
    return {"tier": record.tier}


def checkin_signs(fields, usual_side, background=()):
    """(go_now, contact_today) codes a check-in's answers imply: new or worsening weakness (in
    both legs: go now; in one: contact today, or go now after cancer), both legs weak or numb all
    the time or giving way (go now), and symptoms that have spread to the other leg of someone
    whose usual side is one leg (go now)."""
    go_now, contact = set(), set()
    if fields.get("leg_side") == "both" and usual_side in ("left", "right") and fields.get("spread_to_other"):
        go_now.add("both_legs_new")
    weak_both = fields.get("weakness") and fields.get("weakness_side") == "both"
    if weak_both and fields.get("both_constant"):
        go_now.add("both_legs_constant")
    if fields.get("weakness") and fields.get("weakness_new"):
        if weak_both:
            go_now.add("both_legs_new")
        elif "past_cancer" in background:
            go_now.add("cancer")
        else:
            contact.add("weak_leg")
    return sorted(go_now), sorted(contact)


def checkin_routes(usual_side, background=()):
    """What each follow-up answer leads to for this person, for the phone to route at once
    offline: {"spread" | "weak_both" | "weak_one" | "weak_both_constant": "go_now:code" or
    "contact_today:code"}."""
    cases = {"spread": {"leg_side": "both", "spread_to_other": True},
             "weak_both": {"weakness": True, "weakness_new": True, "weakness_side": "both"},
             "weak_one": {"weakness": True, "weakness_new": True, "weakness_side": "one"},
             "weak_both_constant": {"weakness": True, "weakness_new": False, "weakness_side": "both",
                                    "both_constant": True}}
    routes = {}
    for name, fields in cases.items():
        go_now, contact = checkin_signs(fields, usual_side, background)
        if go_now or contact:
            routes[name] = f"go_now:{go_now[0]}" if go_now else f"contact_today:{contact[0]}"
    return routes


@dataclass(frozen=True)
class BothLegs:
    """The outcome of the both-legs follow-up questions (a)-(d)."""

    go_now: tuple
    contact_today: tuple
    stage_1_only: bool
    stable: bool            # checked by a doctor or physio, not there all the time, nothing new

    @property
    def tier(self):
        return tier_for(self.go_now, self.contact_today)


def both_legs_outcome(recent, saddle, constant, examined):
    """(a) started, spread or worse in 2 weeks -> go now; (b) saddle, bladder, bowel or sexual
    change -> go now; (c) there all the time -> contact today, stage 1 only; (d) never examined
    -> see a GP within a few days; examined and (c) no -> carry on, stable."""
    go_now = tuple(code for code, yes in (("both_legs_new", recent), ("both_legs_saddle", saddle)) if yes)
    contact = tuple(code for code, yes in (("both_legs_always", constant),
                                           ("both_legs_unchecked", not examined)) if yes)
    return BothLegs(go_now, contact, stage_1_only=constant,
                    stable=examined and not constant and not go_now)


BOTH_LEGS_QUESTIONS = ("recent", "saddle", "constant", "examined")
BOTH_LEGS_REVIEW_DAYS = 12 * 7


def both_legs_due(user, today):
    """Both legs, and the "checked, stable" answer is missing or 12 weeks old: ask again (Today's
    card, and a reminder on the phone)."""
    checked = user.both_legs_checked_on
    return user.side == "both" and (checked is None or (today - checked).days >= BOTH_LEGS_REVIEW_DAYS)


def validate_both_legs(form):
    """({question: bool}, errors) for the four both-legs questions, each answered yes or no."""
    answers, errors = {}, {}
    for name in BOTH_LEGS_QUESTIONS:
        value = form.get(f"both_{name}")
        if value not in ("yes", "no"):
            errors[f"both_{name}"] = YES_OR_NO
        answers[name] = value == "yes"
    return answers, errors


def validate_background(form):
    """(codes, errors): the ticked background risks, or "none of these" ticked on its own."""
    ticked = [c for c in form.getlist("background") if c in BACKGROUND_CODES]
    none = form.get("background_none") in YES
    if not ticked and not none:
        return [], {"background": N_("Tick any that apply to you, or \"None of these\".")}
    return sorted(set(ticked)), {}


def background_findings(codes):
    """Contact codes for background risks that need a GP within a few days on their own."""
    return sorted(redflags.BACKGROUND_FINDINGS[c] for c in codes if c in redflags.BACKGROUND_FINDINGS)


PREGNANCY_WEEKS = (1, 42)
WEEKS_WANTED = N_("Give the number of weeks, from 1 to 42. Your best guess is fine.")     # PREGNANCY_WEEKS


def validate_pregnancy(form):
    """(weeks pregnant, or None when not, errors): "no", or "yes" with the weeks, 1 to 42."""
    answer = form.get("pregnant")
    if answer not in ("yes", "no"):
        return None, {"pregnant": YES_OR_NO}
    if answer == "no":
        return None, {}
    raw = (form.get("pregnant_weeks") or "").strip()
    low, high = PREGNANCY_WEEKS
    if not raw.isdigit() or not low <= int(raw) <= high:
        return None, {"pregnant_weeks": WEEKS_WANTED}
    return int(raw), {}
