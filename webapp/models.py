"""peewee models. Every query that returns a person's data is scoped to that person here."""
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, Model, SmallIntegerField, TextField)
from werkzeug.security import check_password_hash, generate_password_hash

from .db import database


def utcnow():
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class User(BaseModel):
    email = CharField(max_length=254, unique=True)
    password_hash = CharField(max_length=256)
    # Bumped on password change so other signed-in devices are signed out.
    session_version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    timezone = CharField(max_length=64, null=True)
    stage = SmallIntegerField(null=True)
    pattern = CharField(max_length=16, null=True)
    side = CharField(max_length=8, null=True)
    episode_start = DateField(null=True)
    onboarded_at = DateTimeField(null=True)
    # Reminder times for the program's sessions ("08:00"), in `timezone`; null = no reminder.
    morning_time = CharField(max_length=5, null=True)
    midday_time = CharField(max_length=5, null=True)
    evening_time = CharField(max_length=5, null=True)
    # Shown on the practitioner report instead of the email when set.
    display_name = CharField(max_length=80, null=True)

    @classmethod
    def by_email(cls, email):
        return cls.get_or_none(cls.email == normalise_email(email))

    @classmethod
    def register(cls, email, password):
        return cls.create(email=normalise_email(email), password_hash=hash_password(password))

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def set_password(self, password):
        self.password_hash = hash_password(password)
        self.session_version += 1
        self.save()

    def local_now(self):
        """The person's wall-clock time: their chosen time zone, else their phone's last offset."""
        try:
            zone = ZoneInfo(self.timezone) if self.timezone else None
        except (ZoneInfoNotFoundError, ValueError):
            zone = None
        if zone is None:
            zone = dt.timezone(dt.timedelta(minutes=CheckIn.latest_offset(self)))
        return dt.datetime.now(zone)

    def local_today(self):
        return self.local_now().date()

    def delete_everything(self):
        """Delete the person and every row they own, in one transaction."""
        with database.atomic():
            for model in reversed(OWNED_MODELS):
                model.delete().where(model.user == self).execute()
            self.delete_instance()


def normalise_email(email):
    return (email or "").strip().lower()


def hash_password(password):
    return generate_password_hash(password, method="scrypt")


class Owned(BaseModel):
    """A row that belongs to one person."""

    user = ForeignKeyField(User, on_delete="CASCADE")

    @classmethod
    def for_user(cls, user):
        return cls.select().where(cls.user == user)


class SyncedRecord(Owned):
    """A row written on the phone first: a client UUID and the phone's clock decide upserts."""

    uuid = CharField(max_length=36, unique=True)
    local_date = DateField(index=True)
    local_time = CharField(max_length=5)
    tz_offset_minutes = SmallIntegerField(default=0)
    client_updated_at = DateTimeField()
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    @classmethod
    def by_uuid(cls, user, uuid):
        """The person's record with this client UUID, or None (never someone else's)."""
        return cls.get_or_none((cls.user == user) & (cls.uuid == uuid))

    @classmethod
    def recent(cls, user, since):
        """The person's records from local date `since` onwards, oldest first."""
        return (cls.for_user(user).where(cls.local_date >= since)
                .order_by(cls.local_date, cls.local_time, cls.id))

    @classmethod
    def between(cls, user, start, end):
        """The person's records on local dates `start` to `end` (inclusive), oldest first."""
        return (cls.for_user(user).where(cls.local_date.between(start, end))
                .order_by(cls.local_date, cls.local_time, cls.id))


class CheckIn(SyncedRecord):
    leg_pain = SmallIntegerField()
    back_pain = SmallIntegerField(null=True)
    extent = CharField(max_length=16, null=True)
    tingling = BooleanField(null=True)
    weakness = BooleanField(null=True)
    sitting_minutes = IntegerField(null=True)
    walking_minutes = IntegerField(null=True)
    sleep_disturbed = BooleanField(null=True)
    medication = TextField(default="")
    notes = TextField(default="")

    class Meta:
        indexes = ((("user", "local_date"), False),)

    @classmethod
    def newest_first(cls, user):
        return cls.for_user(user).order_by(cls.local_date.desc(), cls.local_time.desc(), cls.id.desc())

    @classmethod
    def days(cls, user, limit, offset=0):
        """The person's local dates that have check-ins, newest first, one page of them."""
        query = (cls.select(cls.local_date).where(cls.user == user).distinct()
                 .order_by(cls.local_date.desc()).limit(limit).offset(offset))
        return [row.local_date for row in query]

    @classmethod
    def day_count(cls, user):
        return cls.select(cls.local_date).where(cls.user == user).distinct().count()

    @classmethod
    def on_days(cls, user, dates):
        return cls.newest_first(user).where(cls.local_date.in_(dates)) if dates else []

    @classmethod
    def latest_offset(cls, user):
        """The phone's time-zone offset from the newest check-in (minutes east of UTC)."""
        row = cls.newest_first(user).first()
        return row.tz_offset_minutes if row else 0


class RedFlagCheck(SyncedRecord):
    """One answer to the red-flag quick check; a go-now answer pauses the program until assessed."""

    go_now = TextField(default="")          # comma-separated question codes from redflags.py
    contact_today = TextField(default="")
    tier = CharField(max_length=8)          # "none", "today" or "now"
    assessed_at = DateTimeField(null=True)
    assessed_note = TextField(default="")

    class Meta:
        indexes = ((("user", "local_date"), False),)

    @classmethod
    def unconfirmed_alarms(cls, user):
        """Go-now answers not yet followed by the person confirming they were assessed.
        Only the person can clear these; nothing clears them automatically."""
        return (cls.for_user(user).where((cls.tier == "now") & cls.assessed_at.is_null())
                .order_by(cls.local_date.desc(), cls.local_time.desc()))

    @classmethod
    def latest_date(cls, user):
        row = cls.for_user(user).order_by(cls.local_date.desc()).first()
        return row.local_date if row else None

    @classmethod
    def on_days(cls, user, dates):
        if not dates:
            return []
        return (cls.for_user(user).where(cls.local_date.in_(dates))
                .order_by(cls.local_date.desc(), cls.local_time.desc()))

    def confirm_assessed(self, note, when):
        self.assessed_at = when
        self.assessed_note = note
        self.save()

    @property
    def go_now_codes(self):
        return [c for c in self.go_now.split(",") if c]

    @property
    def contact_today_codes(self):
        return [c for c in self.contact_today.split(",") if c]


class Completion(SyncedRecord):
    """One session of one exercise done, with how it felt."""

    exercise = CharField(max_length=64)
    session = CharField(max_length=8, null=True)
    response = CharField(max_length=8, null=True)
    over_cap = BooleanField(default=False)

    class Meta:
        indexes = ((("user", "local_date"), False), (("user", "exercise"), False))

    @classmethod
    def done_counts(cls, user, since, today, exclude=None):
        """{exercise: (times on `today`, times from `since` to `today`)} for the person.
        `exclude` leaves out one record id, and every record stored after it."""
        query = cls.for_user(user).where(cls.local_date.between(since, today))
        if exclude is not None:
            query = query.where(cls.id < exclude)
        counts = {}
        for row in query.select(cls.exercise, cls.local_date):
            day, week = counts.get(row.exercise, (0, 0))
            counts[row.exercise] = (day + (row.local_date == today), week + 1)
        return counts


class Tombstone(Owned):
    """A deleted synced record: a replayed or late create can never bring it back."""

    uuid = CharField(max_length=36, unique=True)
    kind = CharField(max_length=16)
    client_updated_at = DateTimeField()
    deleted_at = DateTimeField(default=utcnow)


class StageChange(Owned):
    """Every change of stage or pattern, with who made it and why."""

    changed_at = DateTimeField(default=utcnow)
    from_stage = SmallIntegerField(null=True)
    to_stage = SmallIntegerField()
    from_pattern = CharField(max_length=16, null=True)
    to_pattern = CharField(max_length=16)
    made_by = CharField(max_length=16)      # "person", "practitioner" or "onboarding"
    reason = TextField(default="")

    @classmethod
    def record(cls, user, stage, pattern, made_by, reason=""):
        """Change the person's stage and/or pattern, keeping who did it and why."""
        with database.atomic():
            change = cls.create(user=user, from_stage=user.stage, to_stage=stage,
                                from_pattern=user.pattern, to_pattern=pattern, made_by=made_by,
                                reason=reason)
            user.stage, user.pattern = stage, pattern
            user.save(only=[User.stage, User.pattern])
        return change

    @classmethod
    def history(cls, user):
        return cls.for_user(user).order_by(cls.changed_at.desc(), cls.id.desc())


# Children first when deleting; the order matters on databases without cascades.
OWNED_MODELS = [CheckIn, RedFlagCheck, Completion, Tombstone, StageChange]
MODELS = [User] + OWNED_MODELS


class DismissedSuggestion(Owned):
    """A stage suggestion the person said "not now" to, so it is not shown again that day."""

    local_date = DateField()
    direction = CharField(max_length=8)
    to_stage = SmallIntegerField()
    reason = TextField(default="")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "local_date"), False),)

    @classmethod
    def exists_for(cls, user, local_date, suggestion):
        return cls.for_user(user).where((cls.local_date == local_date)
                                        & (cls.direction == suggestion.direction)
                                        & (cls.to_stage == suggestion.to_stage)).exists()


class CalendarFeed(Owned):
    """A private calendar address; only a SHA-256 hash of its token is kept."""

    token_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)
    revoked_at = DateTimeField(null=True)

    @classmethod
    def active_for(cls, user):
        return cls.for_user(user).where(cls.revoked_at.is_null()).order_by(cls.id.desc()).first()

    @classmethod
    def by_hash(cls, token_hash):
        return cls.get_or_none((cls.token_hash == token_hash) & cls.revoked_at.is_null())

    @classmethod
    def revoke_all(cls, user):
        cls.update(revoked_at=utcnow()).where((cls.user == user) & cls.revoked_at.is_null()).execute()


# The program's own tables, also removed when an account is deleted.
PROGRAM_MODELS = [DismissedSuggestion, CalendarFeed]
OWNED_MODELS.extend(PROGRAM_MODELS)
MODELS.extend(PROGRAM_MODELS)


class Visit(Owned):
    """A visit to a practitioner; the report starts from the last one by default."""

    uuid = CharField(max_length=36, unique=True)
    visit_date = DateField()
    practitioner = CharField(max_length=120)
    note = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "visit_date"), False),)

    @classmethod
    def newest_first(cls, user):
        return cls.for_user(user).order_by(cls.visit_date.desc(), cls.id.desc())

    @classmethod
    def last_on_or_before(cls, user, day):
        return cls.newest_first(user).where(cls.visit_date <= day).first()

    @classmethod
    def by_uuid(cls, user, uuid):
        return cls.get_or_none((cls.user == user) & (cls.uuid == uuid))


class PsfsRating(Owned):
    """One activity's weekly rating, 0 (unable) to 10 (as before the problem); at most three
    activities a week (week_start is that week's Monday)."""

    uuid = CharField(max_length=36, unique=True)
    week_start = DateField()
    local_date = DateField()
    activity = CharField(max_length=80)
    score = SmallIntegerField()
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "week_start"), False),)

    @classmethod
    def in_week(cls, user, week_start):
        return cls.for_user(user).where(cls.week_start == week_start).order_by(cls.id)

    @classmethod
    def latest_week(cls, user, before):
        """The newest week rated before `before` (a Monday), or None."""
        row = (cls.for_user(user).where(cls.week_start < before)
               .order_by(cls.week_start.desc()).first())
        return row.week_start if row else None

    @classmethod
    def between(cls, user, start, end):
        return (cls.for_user(user).where(cls.local_date.between(start, end))
                .order_by(cls.week_start, cls.id))


class ShareLink(Owned):
    """A read-only link to the report. Only a SHA-256 hash of its token is kept."""

    token_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    revoked_at = DateTimeField(null=True)
    range_from = DateField(null=True)
    range_to = DateField(null=True)
    view_count = IntegerField(default=0)
    last_viewed_at = DateTimeField(null=True)

    @classmethod
    def by_hash(cls, token_hash):
        return cls.get_or_none(cls.token_hash == token_hash)

    @classmethod
    def newest_first(cls, user):
        return cls.for_user(user).order_by(cls.created_at.desc(), cls.id.desc())

    def record_view(self, when):
        """Count an opening in one UPDATE, so two practitioners opening it at once both count."""
        ShareLink.update(view_count=ShareLink.view_count + 1, last_viewed_at=when).where(
            ShareLink.id == self.id).execute()


# The report's own tables, also removed when an account is deleted.
REPORT_MODELS = [Visit, PsfsRating, ShareLink]
OWNED_MODELS.extend(REPORT_MODELS)
MODELS.extend(REPORT_MODELS)
