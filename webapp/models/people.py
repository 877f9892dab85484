"""A person's account: sign-in, the session version, their settings and their local time."""
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    IntegerField,
    SmallIntegerField,
    TextField,
)
from werkzeug.security import check_password_hash, generate_password_hash

from .base import BaseModel, utcnow


class User(BaseModel):
    email = CharField(max_length=254, unique=True)
    password_hash = CharField(max_length=256)
    # Unused since sessions became rows (webapp/models/access.py); kept so old rows still read.
    session_version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    timezone = CharField(max_length=64, null=True)
    stage = SmallIntegerField(null=True)
    pattern = CharField(max_length=16, null=True)
    side = CharField(max_length=8, null=True)
    episode_start = DateField(null=True)
    # How long it had lasted, as chosen at the start (program/episode.py), and whether the person
    # gave the date (null: an older account, which did): without one, episode_start is the
    # shortest end of the span (0018).
    episode_band = CharField(max_length=8, null=True)
    episode_dated = BooleanField(null=True)
    onboarded_at = DateTimeField(null=True)
    # Reminder times for the program's sessions ("08:00"), in `timezone`; null = no reminder.
    morning_time = CharField(max_length=5, null=True)
    midday_time = CharField(max_length=5, null=True)
    evening_time = CharField(max_length=5, null=True)
    # Shown on the practitioner report instead of the email when set.
    display_name = CharField(max_length=80, null=True)
    # Emergency numbers come from here (webapp/safety/countries.py); null = from the browser.
    country = CharField(max_length=2, null=True)
    # Background risks, asked once (comma-separated codes from webapp/safety/redflags.py).
    background = TextField(default="")
    background_answered_at = DateTimeField(null=True)
    # "Both legs, checked, stable": asked again 12 weeks after this date.
    both_legs_checked_on = DateField(null=True)
    # "Stage 1 only": both legs there all the time (the both-legs questions), from this date until
    # they are answered again with "not all the time" (webapp/program/guardrails.py).
    stage_1_only_since = DateField(null=True)
    # Pregnancy, asked once with the background risks: the day pregnancy week 0 began (null: not
    # pregnant), worked out from the weeks given, so the week moves on by itself.
    pregnant_from = DateField(null=True)
    pregnancy_answered_at = DateTimeField(null=True)
    # Ways back in (webapp/models/credentials.py): when recovery codes were first offered (null:
    # offer them), and the random id passkeys know this person by (never the email).
    recovery_offered_at = DateTimeField(null=True)
    passkey_user_id = CharField(max_length=64, null=True, unique=True)
    # Moved on by the database at every change to the rows Today is worked out from (migration
    # 0008's triggers); Today's cache is kept against it (webapp/program/daycache.py).
    data_version = BigIntegerField(default=0)
    # Reminders by Web Push (webapp/push/): none from quiet_start until quiet_end ("21:00" to
    # "08:00", in `timezone`); null = the app's default (PUSH_QUIET_HOURS).
    quiet_start = CharField(max_length=5, null=True)
    quiet_end = CharField(max_length=5, null=True)
    # The language the app speaks to this person in ("en", "es": webapp/i18n/); null = from the
    # browser's languages, as for a visitor.
    language = CharField(max_length=16, null=True)
    # When the person last dismissed "Your practitioner changed your program" on Today (0018).
    changes_seen_at = DateTimeField(null=True)

    def save(self, force_insert=False, only=None):
        # data_version belongs to the database: a whole-row save must never write back the value
        # read at the start of the request, or a change made since would look already seen.
        if only is None and not force_insert and self.id is not None:
            only = [f for f in self._meta.sorted_fields if f.name not in ("id", "data_version")]
        return super().save(force_insert=force_insert, only=only)

    @classmethod
    def by_email(cls, email):
        return cls.get_or_none(cls.email == normalise_email(email))

    @classmethod
    def register(cls, email, password, language=None):
        """A new account; `language` is the one the sign-up page was read in, so reminders and
        e-mails speak it too (the Account page changes it)."""
        # Only when known: migration tests register people on schemas from before languages.
        chosen = {"language": language} if language else {}
        return cls.create(email=normalise_email(email), password_hash=hash_password(password), **chosen)

    def check_password(self, password):
        return self.check_hash(self.password_hash, password)

    @property
    def has_password(self):
        """False for a person who signs in with passkeys only (their hash is empty)."""
        return bool(self.password_hash)

    @staticmethod
    def check_hash(password_hash, password):
        return check_password_hash(password_hash, password)

    def set_password(self, password):
        """A new password (the caller ends the person's other sessions)."""
        self.password_hash = hash_password(password)
        self.save(only=[User.password_hash])

    def local_now(self, offset=None):
        """The person's wall-clock time: their chosen time zone, else their phone's last offset
        (`offset`, when the caller has read it already: the caseload reads everyone's at once)."""
        if offset is None and zone_of(self.timezone) is None:
            # checkin_set is the reverse of CheckIn.user (models/records.py imports this module).
            offset = self.checkin_set.model.latest_offset(self)
        return local_now_in(self.timezone, offset)

    def local_today(self, offset=None):
        return (self.local_now() if offset is None else self.local_now(offset)).date()

    def local_date_of(self, utc):
        """The person's local date at a stored UTC time (naive, as stored)."""
        zone = self.local_now().tzinfo
        return utc.replace(tzinfo=dt.UTC).astimezone(zone).date()

    @property
    def background_codes(self):
        return [c for c in (self.background or "").split(",") if c]


def zone_of(timezone):
    """The ZoneInfo for a stored time zone name, or None (none set, or not one we know)."""
    try:
        return ZoneInfo(timezone) if timezone else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_now_in(timezone, offset):
    """Now in `timezone`, else at `offset` minutes east of UTC (kept within ±14 hours)."""
    zone = zone_of(timezone) or dt.timezone(dt.timedelta(minutes=max(-14 * 60, min(14 * 60, offset or 0))))
    return dt.datetime.now(zone)


def normalise_email(email):
    return (email or "").strip().lower()


def hash_password(password):
    return generate_password_hash(password, method="scrypt")
