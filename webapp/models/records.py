"""What the phone writes first and syncs: check-ins, warning-sign answers, exercises done, and the
tombstones of deleted ones. Every query is scoped to one person."""
import datetime as dt
import functools
from typing import NamedTuple

from peewee import SQL, BooleanField, CharField, DateTimeField, IntegerField, SmallIntegerField, TextField

from ..db import database
from .base import aliased_columns, from_row, utcnow
from .corrections import RedFlagCorrection
from .owned import Owned, SyncedRecord


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
    leg_side = CharField(max_length=8, null=True)       # "left", "right" or "both" today
    spread_to_other = BooleanField(null=True)           # "both", when the usual side is one leg
    weakness_new = BooleanField(null=True)              # weakness that is new or getting worse
    weakness_side = CharField(max_length=8, null=True)  # "one" or "both" legs
    both_constant = BooleanField(null=True)             # both legs weak or numb all the time, or giving way

    class Meta:
        # (user, local_date, leg_pain): the caseload's leg pain by day from the index alone (0021).
        indexes = ((("user", "local_date"), False), (("user", "local_date", "leg_pain"), False))

    @classmethod
    def newest_first(cls, user):
        return cls.for_user(user).order_by(cls.local_date.desc(), cls.local_time.desc(), cls.id.desc())

    @classmethod
    def on_days(cls, user, dates):
        return cls.newest_first(user).where(cls.local_date.in_(dates)) if dates else []

    @classmethod
    def walking_log(cls, user, since):
        """[(local date, walking minutes)] from `since` onwards, oldest first, where it was logged."""
        query = (cls.for_user(user).select(cls.local_date, cls.walking_minutes)
                 .where((cls.local_date >= since) & cls.walking_minutes.is_null(False))
                 .order_by(cls.local_date, cls.local_time, cls.id))
        return [(row.local_date, row.walking_minutes) for row in query]

    @classmethod
    def latest_offset(cls, user):
        """The phone's time-zone offset from the newest check-in (minutes east of UTC). Only that
        column is read: every page about someone without a time zone asks, some twice."""
        offset = cls.newest_first(user).select(cls.tz_offset_minutes).scalar()
        return offset if offset is not None else 0


class RedFlagCheck(SyncedRecord):
    """One answer to the red-flag quick check; a go-now answer pauses the program until assessed
    (or until the person says they ticked it by mistake: a RedFlagCorrection, kept beside it)."""

    go_now = TextField(default="")          # comma-separated codes from safety/redflags.py
    contact_today = TextField(default="")
    tier = CharField(max_length=8)          # "none", "soon", "today" or "now"
    background = TextField(default="")      # the background risks the tier was judged with
    assessed_at = DateTimeField(null=True)
    assessed_note = TextField(default="")
    contacted_at = DateTimeField(null=True)  # a contact sign: the person said they spoke to a doctor

    class Meta:
        indexes = ((("user", "local_date"), False),)

    @classmethod
    def uncorrected(cls, user):
        """The person's answers they have not said were ticked by mistake."""
        return cls.for_user(user).where(cls.uuid.not_in(RedFlagCorrection.answer_uuids(user)))

    @classmethod
    def unconfirmed_alarms(cls, user):
        """Go-now answers not yet followed by the person confirming they were assessed, or that
        they ticked it by mistake. Only the person can clear these; nothing clears them
        automatically."""
        return (cls.uncorrected(user).where((cls.tier == "now") & cls.assessed_at.is_null())
                .order_by(cls.local_date.desc(), cls.local_time.desc()))

    @classmethod
    def open_answers(cls, user):
        """Answers still waiting for the person (go now: assessed? contact: spoken to a doctor?),
        newest first: the ones "I ticked this by mistake" may correct."""
        waiting = (((cls.tier == "now") & cls.assessed_at.is_null())
                   | (cls.tier.in_(("today", "soon")) & cls.contacted_at.is_null()))
        return cls.uncorrected(user).where(waiting).order_by(cls.local_date.desc(), cls.local_time.desc(),
                                                             cls.id.desc())

    @classmethod
    def warning_uuids(cls, user, uuids):
        """Those of `uuids` that name the person's own go-now or contact-a-doctor answers."""
        query = cls.for_user(user).select(cls.uuid).where(cls.uuid.in_(list(uuids)) & (cls.tier != "none"))
        return {row.uuid for row in query}

    @classmethod
    def standing(cls, user, since):
        """The person's answers from local date `since` on, oldest first, without those they
        said were ticked by mistake (what the stage engine weighs)."""
        return cls.recent(user, since).where(cls.uuid.not_in(RedFlagCorrection.answer_uuids(user)))

    @classmethod
    def program_paused(cls, user):
        """An emergency answer not yet confirmed as assessed pauses every exercise."""
        return cls.unconfirmed_alarms(user).exists()

    @classmethod
    def pausing_answer(cls, user):
        """The earliest unconfirmed go-now answer (the one the pause started with), or None."""
        return cls.unconfirmed_alarms(user).order_by(cls.client_updated_at).first()

    @classmethod
    def latest_date(cls, user):
        row = cls.for_user(user).order_by(cls.local_date.desc()).first()
        return row.local_date if row else None

    @classmethod
    def answered_on(cls, user, day):
        return cls.for_user(user).where(cls.local_date == day).exists()

    @classmethod
    def awaiting_contact(cls, user):
        """Answers with a contact-a-doctor sign (a go-now answer with one too) the person has not
        yet said they acted on nor corrected, newest first. The condition besides the correction
        is migration 0014's partial index, word for word."""
        return (cls.uncorrected(user).where(cls.awaits_contact())
                .order_by(cls.local_date.desc(), cls.local_time.desc(), cls.id.desc()))

    @classmethod
    def awaits_contact(cls):
        return (cls.contact_today != "") & cls.contacted_at.is_null()

    @classmethod
    def today_answers(cls, user, awaiting=5):
        """(the latest answer's local date or None, the newest `awaiting` of awaiting_contact()):
        what Today shows, in one query. Its SQL is written once per database kind."""
        cursor = database.execute_sql(_today_answers_sql(cls, database.param), [user.id, user.id, awaiting])
        latest, rows = None, []
        for values in cursor.fetchall():
            latest = cls.local_date.python_value(values[0])
            if values[1] is not None:
                rows.append(from_row(cls, cls._meta.sorted_fields, values[1:]))
        return latest, rows

    @classmethod
    def mark_contacted(cls, user, when, keep=None):
        """"I have spoken to a doctor": every awaiting answer but the one with id `keep` (an
        answer ticked on the same page as the button, which the person has not acted on yet)."""
        query = cls.update(contacted_at=when).where(
            (cls.user == user) & cls.awaits_contact() & cls.uuid.not_in(RedFlagCorrection.answer_uuids(user)))
        return (query.where(cls.uuid != keep) if keep else query).execute()

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

    @property
    def codes(self):
        return self.go_now_codes + self.contact_today_codes


# Migration 0009's partial index, declared on the model too, so the models describe the whole schema.
RedFlagCheck.add_index(RedFlagCheck.index(
    RedFlagCheck.user, RedFlagCheck.local_date, RedFlagCheck.local_time, RedFlagCheck.id,
    where=SQL("\"contact_today\" <> '' AND \"contacted_at\" IS NULL"), name="red_flag_check_awaiting"))
# Migration 0022's: go-now answers not yet confirmed as assessed (the caseload, the program's pause).
RedFlagCheck.add_index(RedFlagCheck.index(
    RedFlagCheck.user, RedFlagCheck.local_date, RedFlagCheck.local_time, RedFlagCheck.id,
    where=SQL("\"tier\" = 'now' AND \"assessed_at\" IS NULL"), name="red_flag_check_unconfirmed"))


class DoneCount(NamedTuple):
    """How often one exercise was done: on the day asked about, in the window, and the latest
    earlier day in the window it was done (for "never two days in a row")."""

    today: int = 0
    week: int = 0
    last_before: dt.date | None = None


NOT_DONE = DoneCount()


class Completion(SyncedRecord):
    """One session of one exercise done, with how it felt."""

    exercise = CharField(max_length=64)
    session = CharField(max_length=8, null=True)
    response = CharField(max_length=8, null=True)
    over_cap = BooleanField(default=False)

    class Meta:
        # (user, local_date, exercise): the caseload's exercises done by day from the index alone (0021).
        indexes = ((("user", "local_date"), False), (("user", "exercise"), False),
                   (("user", "local_date", "exercise"), False))

    @classmethod
    def done_counts(cls, user, since, today, exclude=None):
        """{exercise: DoneCount} for the person from `since` to `today` (NOT_DONE when missing).
        `exclude` leaves out one record id, and every record stored after it."""
        query = cls.for_user(user).where(cls.local_date.between(since, today))
        if exclude is not None:
            query = query.where(cls.id < exclude)
        counts = {}
        for row in query.select(cls.exercise, cls.local_date):
            done = counts.get(row.exercise, NOT_DONE)
            last = done.last_before
            if row.local_date < today and (last is None or row.local_date > last):
                last = row.local_date
            counts[row.exercise] = DoneCount(done.today + (row.local_date == today), done.week + 1, last)
        return counts

    @classmethod
    def rounds_on(cls, user, day):
        """The person's rounds on local `day`, in the order they were done."""
        return cls.for_user(user).where(cls.local_date == day).order_by(cls.local_time, cls.id)

    @classmethod
    def awaiting_feeling(cls, user, exercise, day, session=None):
        """The last round of `exercise` on `day` (in `session`, when given), if nobody has said yet
        how it felt: a feeling given next belongs to that round and never starts one of its own."""
        query = cls.for_user(user).where((cls.exercise == exercise) & (cls.local_date == day))
        if session is not None:
            query = query.where(cls.session == session)
        last = query.order_by(cls.local_time.desc(), cls.id.desc()).first()
        return last if last is not None and last.response is None else None

    @classmethod
    def days_done(cls, user, exercise, start, end, exclude=None):
        """The local dates from `start` to `end` on which the person did `exercise`; `exclude` as
        in done_counts."""
        query = cls.for_user(user).where((cls.exercise == exercise) & cls.local_date.between(start, end))
        if exclude is not None:
            query = query.where(cls.id < exclude)
        return {row.local_date for row in query.select(cls.local_date)}


class Tombstone(Owned):
    """A deleted synced record: a replayed or late create can never bring it back."""

    uuid = CharField(max_length=36, unique=True)
    kind = CharField(max_length=16)
    client_updated_at = DateTimeField()
    deleted_at = DateTimeField(default=utcnow)


@functools.cache
def _today_answers_sql(model, param):
    # One row per awaiting answer, each carrying the latest date; one row of nulls beside the
    # latest date when none is awaiting (the LEFT JOIN onto a one-row table). An answer the person
    # corrected ("I ticked this by mistake") awaits nothing.
    table = f'"{model._meta.table_name}"'
    corrected = (f'SELECT 1 FROM "{RedFlagCorrection._meta.table_name}" AS c WHERE c."answer_uuid" = '
                 f'{table}."uuid" AND c."user_id" = {table}."user_id"')
    columns = aliased_columns(model, "a")
    return (f'SELECT m.latest, {columns} FROM (SELECT MAX("local_date") AS latest FROM {table} '
            f'WHERE "user_id" = {param}) AS m LEFT JOIN (SELECT * FROM {table} WHERE "user_id" = {param} '
            f"AND \"contact_today\" <> '' AND \"contacted_at\" IS NULL AND NOT EXISTS ({corrected}) "
            f'ORDER BY "local_date" DESC, "local_time" DESC, "id" DESC LIMIT {param}) AS a ON 1 = 1 '
            f'ORDER BY a."local_date" DESC, a."local_time" DESC, a."id" DESC')


# Migration 0021's partial index: the few exercises that spread symptoms down the leg (the caseload).
Completion.add_index(Completion.index(Completion.user, Completion.local_date, where=SQL("\"response\" = 'spread'"),
                                      name="completion_spread"))
