"""The checks every way in shares: the sync endpoint, the forms and the import all read text, ids,
times, dates and offsets through these, so an import can never store what a sync would refuse.
No Flask. Each check returns (clean value, message or None).
"""
import datetime as dt
import json
import re
import uuid as uuidlib

from .translatable import N_, Text

EARLIEST = dt.date(2000, 1, 1)          # no record, visit or rating can be older than this
LATEST_YEAR = 2200                      # a clock past this is broken, not early
TZ_OFFSET_MAX = 14 * 60                 # UTC-14:00 to UTC+14:00 covers every zone on Earth
CLIENT_AHEAD = dt.timedelta(days=1)     # a phone's clock may run this far ahead of ours
CLOCK_TOLERANCE = dt.timedelta(minutes=1)   # a phone's clock this close to ours is taken as right
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# Anything below a space except tab, newline and carriage return, and DEL: never typed by a person.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BAD_CHARACTER = N_("This has a character that can't be saved. Please type it again.")


def storable(value):
    """True when `value` is text any database can keep: valid UTF-8 (no lone surrogates, which
    JSON can carry as escapes) and no NUL or other control characters."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not CONTROL.search(value)


def text(value, limit, required=None, multiline=True):
    """Free text: None and "" are empty; spaces are trimmed (and folded on one-line fields)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        return "", N_("Enter text.")
    if not storable(value):
        return "", BAD_CHARACTER
    value = value.strip() if multiline else " ".join(value.split())
    if required and not value:
        return value, required
    if len(value) > limit:
        return value, Text(N_("Keep this under %(limit)s characters (it has %(count)s)."), limit=limit,
                             count=len(value))
    return value, None


def record_id(value):
    """A client-made record id (a UUID), in its canonical form."""
    if not isinstance(value, str) or len(value) > 45:
        return None, N_("Missing or malformed record id.")
    try:
        return str(uuidlib.UUID(value)), None
    except ValueError:
        return None, N_("Missing or malformed record id.")


def client_time(value, now_utc=None):
    """An ISO 8601 moment (as the phone's clock wrote it), as naive UTC. With `now_utc`, a moment
    more than a day ahead of it is refused."""
    problem = N_("Missing or malformed time of writing.")
    if not isinstance(value, str) or not 10 <= len(value) <= 40 or not value.isascii():
        return None, problem
    try:
        when = dt.datetime.fromisoformat(value)
        if when.tzinfo is not None:
            when = when.astimezone(dt.UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        return None, problem
    if when.date() < EARLIEST or when.year > LATEST_YEAR:
        return None, N_("That time is too far in the past or the future.")
    if now_utc is not None and when > now_utc + CLIENT_AHEAD:
        return None, N_("The phone's clock is more than a day ahead.")
    return when, None


def tz_offset(value):
    """Minutes east of UTC, whole, within ±14 hours."""
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > TZ_OFFSET_MAX:
        return None, N_("Time-zone offset must be whole minutes within ±14 hours.")
    return value, None


def local_date(value, today, ahead_days=1, earliest=EARLIEST):
    """A calendar day like 2026-11-21, from `earliest` up to `ahead_days` after `today`."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    else:
        day = None
        if isinstance(value, str) and len(value.strip()) == 10 and value.strip().isascii():
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                day = None
    if day is None:
        return None, N_("Enter a date like 2026-11-21.")
    if day < earliest:
        return None, N_("That date is too far in the past.")
    if day > today + dt.timedelta(days=ahead_days):
        return None, N_("That date is in the future.")
    return day, None


def clock_time(value):
    """A time of day like 08:30 (24-hour clock)."""
    if not isinstance(value, str) or not TIME.match(value):
        return None, N_("Enter a time like 08:30.")
    return value, None


def whole_number(value, low, high):
    """An int from `low` to `high` (JSON numbers or form text; never a bool or a fraction)."""
    if isinstance(value, (bool, float)):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.lstrip("-").isdigit() or len(value) > 12:
            return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if low <= number <= high else None


def envelope(record, now_utc):
    """The fields every record written on the phone carries (its id, and when and where on the
    phone it was written): ({field: clean value}, {field: message})."""
    errors, clean = {}, {}
    for name, check in (("uuid", record_id), ("client_updated_at", lambda v: client_time(v, now_utc)),
                        ("tz_offset_minutes", tz_offset), ("local_time", clock_time)):
        clean[name], problem = check(record.get(name, 0 if name == "tz_offset_minutes" else None))
        if problem:
            errors[name] = problem
    clean["tz_offset_minutes"] = clean["tz_offset_minutes"] or 0
    local_today = (now_utc + dt.timedelta(minutes=clean["tz_offset_minutes"])).date()
    clean["local_date"], problem = local_date(record.get("local_date"), local_today)
    if problem:
        errors["local_date"] = problem
    return clean, errors


def skew_of(sent_at, now_utc):
    """How far ahead of the server's the phone's clock was when it sent a batch (its `sent_at`,
    an ISO moment), or zero when within CLOCK_TOLERANCE or not given: the time a batch takes to
    arrive must not reorder its records."""
    phone_now, problem = client_time(sent_at)
    if problem:
        return dt.timedelta(0)
    skew = phone_now - now_utc
    return skew if abs(skew) > CLOCK_TOLERANCE else dt.timedelta(0)


def judged(envelope, now_utc, skew=dt.timedelta(0)):
    """When a record was written, as far as the server can tell (naive UTC): the phone's stamp
    less its clock's `skew`; the time it was received (`now_utc`) when the stamp falls before the
    record's own day (a clock in 2001 on a tick dated today); and never after it was received."""
    moment = envelope["client_updated_at"] - skew
    day = envelope.get("local_date")
    if day is not None:
        stamped_on = (moment + dt.timedelta(minutes=envelope.get("tz_offset_minutes") or 0)).date()
        if stamped_on < day - dt.timedelta(days=1):
            moment = now_utc
    return min(moment, now_utc)


def _bounded_int(digits):
    # Python refuses to turn more than 4,300 digits into an int (a ValueError for the whole
    # document); a number this long is never valid anywhere, so it is read as infinity and each
    # check refuses it where it stands, on its own record.
    return int(digits) if len(digits) <= 30 else float("inf")


def json_loads(raw):
    """JSON from a request or a file. Nesting too deep to read is a ValueError like any other
    malformed document, never a RecursionError."""
    try:
        return json.loads(raw, parse_int=_bounded_int)
    except RecursionError:
        raise ValueError(N_("The JSON is nested too deeply.")) from None


def form_envelope(form, user, uuid=None):
    """The envelope of a record made by a plain form: JS fills it from the phone's clock, and
    without JS the person's own local time stands in (their time zone, else their phone's last
    offset)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    local = user.local_now()
    offset = form.get("tz_offset_minutes", "")
    try:
        offset = int(offset)
    except ValueError:
        offset = int(local.utcoffset().total_seconds() // 60) if offset == "" else offset
    return {
        "uuid": uuid or form.get("uuid") or str(uuidlib.uuid4()),
        "client_updated_at": form.get("client_updated_at") or now.isoformat() + "Z",
        "local_date": form.get("local_date") or local.date().isoformat(),
        "local_time": form.get("local_time") or local.strftime("%H:%M"),
        "tz_offset_minutes": offset,
    }
