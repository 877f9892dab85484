"""Checks for a check-in, shared by the HTML form and the sync endpoint (and the hypothesis
tests), and the log's vocabulary: how far down the leg symptoms reach.

Plain functions, no Flask: each returns (clean fields, {field: message}). The envelope every
synced record carries (id, the phone's clock) is checked by webapp/sync.py; both read text,
ids, times and dates through webapp/inputs.py, as the import does.
"""
from .. import inputs
from ..translatable import N_, Text

# How far down the leg, from the middle outwards: the order is the meaning.
EXTENTS = ("none", "back", "buttock", "thigh", "below_knee", "foot")
EXTENT_LABELS = {
    "none": N_("No leg or back symptoms"),
    "back": N_("Back only"),
    "buttock": N_("Buttock"),
    "thigh": N_("Thigh"),
    "below_knee": N_("Below the knee"),
    "foot": N_("Foot"),
}
EXTENT_RANK = {name: i for i, name in enumerate(EXTENTS)}
LEG_SIDES = {"left": N_("Left"), "right": N_("Right"), "both": N_("Both")}
WEAKNESS_SIDES = {"one": N_("One leg"), "both": N_("Both legs")}
MEDICATION_MAX, NOTES_MAX = 500, 2000
MINUTES_MAX = 24 * 60
YES = {"yes", "true", "1", "on"}
NO = {"no", "false", "0", "off"}


def _score(data, name, errors, required=False):
    value = data.get(name)
    if value in (None, ""):
        if required:
            errors[name] = N_("Choose a number from 0 to 10.")
        return None
    number = None
    if not isinstance(value, (bool, float)):
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            number = None
    if number is None or not 0 <= number <= 10:
        errors[name] = N_("Choose a number from 0 to 10.")
        return None
    return number


def _yes_no(data, name, errors):
    value = data.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return value
    if str(value).lower() in YES:
        return True
    if str(value).lower() in NO:
        return False
    errors[name] = N_("Choose yes or no.")
    return None


def _minutes(data, name, errors):
    value = data.get(name)
    if value in (None, ""):
        return None
    number = None
    if not isinstance(value, (bool, float)):
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError, OverflowError):
            number = None
    if number is None or not 0 <= number <= MINUTES_MAX:
        errors[name] = Text(N_("Enter whole minutes from 0 to %(most)s."), most=MINUTES_MAX)
        return None
    return number


def _text(data, name, limit, errors):
    value, problem = inputs.text(data.get(name), limit)
    if problem:
        errors[name] = problem
    return value


def _choice(data, name, allowed, message, errors):
    value = data.get(name) or None
    if value is not None and (not isinstance(value, str) or value not in allowed):
        errors[name] = message
        return None
    return value


def validate_checkin(data):
    """A check-in: leg pain is required, and (for new input, see followup_errors) the follow-up
    questions its answers call for."""
    errors = {}
    extent = _choice(data, "extent", EXTENTS, N_("Choose how far down the leg it goes."), errors)
    clean = {
        "leg_pain": _score(data, "leg_pain", errors, required=True),
        "back_pain": _score(data, "back_pain", errors),
        "extent": extent,
        "tingling": _yes_no(data, "tingling", errors),
        "weakness": _yes_no(data, "weakness", errors),
        "weakness_new": _yes_no(data, "weakness_new", errors),
        "weakness_side": _choice(data, "weakness_side", WEAKNESS_SIDES, N_("Choose one leg or both."), errors),
        "leg_side": _choice(data, "leg_side", LEG_SIDES, N_("Choose left, right or both."), errors),
        "spread_to_other": _yes_no(data, "spread_to_other", errors),
        "both_constant": _yes_no(data, "both_constant", errors),
        "sleep_disturbed": _yes_no(data, "sleep_disturbed", errors),
        "sitting_minutes": _minutes(data, "sitting_minutes", errors),
        "walking_minutes": _minutes(data, "walking_minutes", errors),
        "medication": _text(data, "medication", MEDICATION_MAX, errors),
        "notes": _text(data, "notes", NOTES_MAX, errors),
    }
    return clean, errors


# The follow-up questions, required once the answer they follow applies (see followup_errors).
FOLLOW_UPS = {
    "spread_to_other": N_("Please answer: has it spread to your other leg?"),
    "weakness_new": N_("Please answer: is the weakness new or getting worse?"),
    "weakness_side": N_("Please answer: is it in one leg or both?"),
    "both_constant": N_("Please answer: are both legs weak or numb all the time, or do they give way?"),
}


def followups_due(fields, usual_side):
    """The follow-up questions this check-in's answers call for, in the order they are asked:
    "Both" for a person whose usual side is one leg asks whether it has spread; weakness asks
    whether it is new and in one leg or both; weakness in both legs that is not new asks whether
    both legs are weak or numb all the time, or give way."""
    due = []
    if fields.get("leg_side") == "both" and usual_side in ("left", "right"):
        due.append("spread_to_other")
    if fields.get("weakness"):
        due += ["weakness_new", "weakness_side"]
        if fields.get("weakness_side") == "both" and fields.get("weakness_new") is False:
            due.append("both_constant")
    return due


def followup_errors(fields, usual_side):
    """{field: message} for each follow-up question that is due and was left blank. Only new
    input must be complete: a check-in stored before a question existed imports as it is."""
    return {name: FOLLOW_UPS[name] for name in followups_due(fields, usual_side) if fields.get(name) is None}


def is_further_down(extent, than):
    """True when `extent` reaches further down the leg than `than` (peripheralisation)."""
    if extent is None or than is None:
        return False
    return EXTENT_RANK[extent] > EXTENT_RANK[than]
