"""Validation for everything the log writes, shared by the HTML forms and the sync endpoint.

Plain functions, no Flask: each returns (clean fields, {field: message}). The phone's clock is
trusted for the person's local date and time, but never more than a day into the future.
"""
import datetime as dt
import re
import uuid as uuidlib

from . import redflags

EXTENTS = {
    "none": "No leg or back symptoms",
    "back": "Back only",
    "buttock": "Buttock",
    "thigh": "Thigh",
    "below_knee": "Below the knee",
    "foot": "Foot",
}
EXTENT_ORDER = {name: i for i, name in enumerate(EXTENTS)}
MEDICATION_MAX, NOTES_MAX = 500, 2000
MINUTES_MAX = 24 * 60
TZ_OFFSET_MAX = 14 * 60
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
YES = {"yes", "true", "1", "on"}
NO = {"no", "false", "0", "off"}


def parse_uuid(value):
    try:
        return str(uuidlib.UUID(str(value)))
    except (ValueError, TypeError, AttributeError):
        return None


def parse_client_time(value):
    """An ISO 8601 timestamp from the phone, as naive UTC."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return when


def validate_envelope(record, now_utc):
    """The fields every synced record carries: when and where on the phone it was written."""
    errors, clean = {}, {}
    clean["uuid"] = parse_uuid(record.get("uuid"))
    if clean["uuid"] is None:
        errors["uuid"] = "Missing or malformed record id."
    updated = parse_client_time(record.get("client_updated_at"))
    if updated is None:
        errors["client_updated_at"] = "Missing or malformed time of writing."
    elif updated > now_utc + dt.timedelta(days=1):
        errors["client_updated_at"] = "The phone's clock is more than a day ahead."
    clean["client_updated_at"] = updated
    offset = record.get("tz_offset_minutes", 0)
    if isinstance(offset, bool) or not isinstance(offset, int) or abs(offset) > TZ_OFFSET_MAX:
        errors["tz_offset_minutes"] = "Time-zone offset must be whole minutes within ±14 hours."
        offset = 0
    clean["tz_offset_minutes"] = offset
    local_today = (now_utc + dt.timedelta(minutes=offset)).date()
    try:
        local_date = dt.date.fromisoformat(str(record.get("local_date", "")))
    except ValueError:
        local_date = None
    if local_date is None:
        errors["local_date"] = "Enter a date like 2026-11-21."
    elif local_date > local_today + dt.timedelta(days=1):
        errors["local_date"] = "That date is in the future."
    elif local_date < dt.date(2000, 1, 1):
        errors["local_date"] = "That date is too far in the past."
    clean["local_date"] = local_date
    local_time = record.get("local_time")
    if not isinstance(local_time, str) or not TIME.match(local_time):
        errors["local_time"] = "Enter a time like 08:30."
    clean["local_time"] = local_time
    return clean, errors


def _score(data, name, errors, required=False):
    value = data.get(name)
    if value in (None, ""):
        if required:
            errors[name] = "Choose a number from 0 to 10."
        return None
    number = None
    if not isinstance(value, (bool, float)):
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            number = None
    if number is None or not 0 <= number <= 10:
        errors[name] = "Choose a number from 0 to 10."
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
    errors[name] = "Choose yes or no."
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
        errors[name] = f"Enter whole minutes from 0 to {MINUTES_MAX}."
        return None
    return number


def _text(data, name, limit, errors):
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[name] = "Enter text."
        return ""
    value = value.replace("\x00", "").strip()
    if len(value) > limit:
        errors[name] = f"Keep this under {limit} characters (it has {len(value)})."
    return value


def validate_checkin(data):
    """A check-in: only leg pain is required."""
    errors = {}
    extent = data.get("extent") or None
    if extent is not None and (not isinstance(extent, str) or extent not in EXTENTS):
        errors["extent"] = "Choose how far down the leg it goes."
        extent = None
    clean = {
        "leg_pain": _score(data, "leg_pain", errors, required=True),
        "back_pain": _score(data, "back_pain", errors),
        "extent": extent,
        "tingling": _yes_no(data, "tingling", errors),
        "weakness": _yes_no(data, "weakness", errors),
        "sleep_disturbed": _yes_no(data, "sleep_disturbed", errors),
        "sitting_minutes": _minutes(data, "sitting_minutes", errors),
        "walking_minutes": _minutes(data, "walking_minutes", errors),
        "medication": _text(data, "medication", MEDICATION_MAX, errors),
        "notes": _text(data, "notes", NOTES_MAX, errors),
    }
    return clean, errors


def _codes(data, name, errors):
    value = data.get(name) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors[name] = "Must be a list of answers."
        return []
    return sorted(set(value))


def validate_redflag(data):
    """Red-flag answers: ticked go-now and contact-today codes; none ticked means 'none of these'."""
    errors = {}
    go_now = _codes(data, "go_now", errors)
    contact_today = _codes(data, "contact_today", errors)
    unknown = redflags.unknown_codes(go_now, contact_today)
    if unknown:
        errors["go_now"] = f"Unknown answer: {', '.join(unknown)}."
    clean = {"go_now": ",".join(go_now), "contact_today": ",".join(contact_today),
             "tier": redflags.tier_for(go_now, contact_today)}
    return clean, errors


def is_further_down(extent, than):
    """True when `extent` reaches further down the leg than `than` (peripheralisation)."""
    if extent is None or than is None:
        return False
    return EXTENT_ORDER[extent] > EXTENT_ORDER[than]
