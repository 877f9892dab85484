"""The push settings, read once from the app's config at start-up (a bad value stops the app with
a message naming it). No Flask: it reads the config mapping it is given."""
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..inputs import clock_time
from . import due, keys

# The push services of the browsers people use: Chrome, Edge, Samsung Internet and Opera (Google's
# FCM), Firefox (Mozilla), Safari on iPhone, iPad and Mac (Apple), and Edge on Windows.
PUSH_SERVICE_HOSTS = "fcm.googleapis.com,*.push.services.mozilla.com,*.push.apple.com,*.notify.windows.com"

DEFAULTS = {
    "VAPID_PRIVATE_KEY": None,      # else generated once into the instance folder
    "VAPID_SUBJECT": None,          # else PUBLIC_BASE_URL, else a placeholder address
    "PUSH_SERVICE_HOSTS": PUSH_SERVICE_HOSTS,
    "PUSH_QUIET_HOURS": "21:00-08:00",
    "PUSH_DAILY_CAP": 4,
    "PUSH_TIMES": {"contact": "10:00", "recheck": "11:00", "ratings": "11:00", "nudge": "20:00"},
    "PUSH_RATINGS_WEEKDAY": 5,      # Monday is 0: Saturday
    "PUSH_WINDOW_MINUTES": 30,
    "PUSH_TTL": 4 * 3600,           # seconds a push service keeps a message for a phone that is off
    "PUSH_RETRIES": 5,
    "PUSH_RETRY_DELAY": 60,         # seconds before the first retry; each next one waits twice as long
}


class BadSetting(ValueError):
    pass


@dataclass(frozen=True)
class Push:
    vapid: object
    public_key: str
    subject: str
    hosts: tuple
    rules: due.Settings
    ttl: int
    retries: int
    retry_delay: int
    session_lifetime: dt.timedelta


def _times(value, name):
    start, sep, end = (value or "").partition("-")
    if not sep or clock_time(start.strip())[1] or clock_time(end.strip())[1]:
        raise BadSetting(f"{name} must look like 21:00-08:00, not {value!r}")
    return start.strip(), end.strip()


def _subject(config):
    if config.get("VAPID_SUBJECT"):
        subject = config["VAPID_SUBJECT"]
        if not subject.startswith(("mailto:", "https://")):
            raise BadSetting("VAPID_SUBJECT must be a mailto: address or an https:// address")
        return subject
    base = config.get("PUBLIC_BASE_URL") or ""
    # Push services want a way to reach whoever runs the server; README: set VAPID_SUBJECT.
    return base if base.startswith("https://") else "mailto:reminders@localhost"


def load(config, instance_path):
    """The Push settings from a config mapping (DEFAULTS filled in by the caller)."""
    if config["VAPID_PRIVATE_KEY"]:
        vapid = keys.from_setting(config["VAPID_PRIVATE_KEY"])
    else:
        vapid = keys.from_instance(Path(instance_path))
    times = dict(DEFAULTS["PUSH_TIMES"], **(config["PUSH_TIMES"] or {}))
    for kind, hhmm in times.items():
        if clock_time(hhmm)[1]:
            raise BadSetting(f"PUSH_TIMES[{kind!r}] must be a time like 10:00, not {hhmm!r}")
    cap = int(config["PUSH_DAILY_CAP"])
    if cap < 1:
        raise BadSetting("PUSH_DAILY_CAP must be 1 or more")
    rules = due.Settings(times=times, quiet=_times(config["PUSH_QUIET_HOURS"], "PUSH_QUIET_HOURS"), cap=cap,
                         window=dt.timedelta(minutes=int(config["PUSH_WINDOW_MINUTES"])),
                         ratings_weekday=int(config["PUSH_RATINGS_WEEKDAY"]) % 7)
    hosts = tuple(h.strip().lower() for h in config["PUSH_SERVICE_HOSTS"].split(",") if h.strip())
    return Push(vapid=vapid, public_key=keys.public_key(vapid), subject=_subject(config), hosts=hosts,
                rules=rules, ttl=int(config["PUSH_TTL"]), retries=int(config["PUSH_RETRIES"]),
                retry_delay=int(config["PUSH_RETRY_DELAY"]),
                session_lifetime=config["PERMANENT_SESSION_LIFETIME"])
