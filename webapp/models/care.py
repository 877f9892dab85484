"""A person and their practitioner: practitioner accounts, the invitations and care links a
person makes, every look a practitioner takes, and visits a practitioner recorded. Every query
a practitioner's page makes goes through CareLink.open_for, so nobody is seen without a link.
(Program changes with a name on them are in changes.py.)"""
import functools

from peewee import CharField, DateTimeField, ForeignKeyField, fn

from .base import aliased_columns, from_row, utcnow
from .owned import Owned
from .people import User
from .report import Visit


class Practitioner(Owned):
    """A practitioner's account: the User it signs in as, and what they told us about themselves.
    The registration number is kept as given: this app does not check it."""

    user = ForeignKeyField(User, on_delete="CASCADE", unique=True)     # one per account (0013)
    name = CharField(max_length=120)
    profession = CharField(max_length=80)
    registration = CharField(max_length=60, default="")
    created_at = DateTimeField(default=utcnow)

    @classmethod
    def of(cls, user):
        """The practitioner signed in as `user`, or None for a person's own account (each request
        reads it with the session: DeviceSession.by_hash)."""
        return cls.get_or_none(cls.user == user)

    @property
    def label(self):
        """ "Jo Smith (physiotherapist)": how the person sees them everywhere."""
        return f"{self.name} ({self.profession})"


class CareInvite(Owned):
    """An invitation the person made: a short one-use code, kept only as a keyed hash."""

    code_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)
    used_by = ForeignKeyField(Practitioner, null=True, on_delete="SET NULL")
    cancelled_at = DateTimeField(null=True)

    @classmethod
    def by_hash(cls, code_hash):
        return cls.get_or_none(cls.code_hash == code_hash)

    @classmethod
    def waiting(cls, user, now):
        """The person's invitations still usable, newest first."""
        return (cls.for_user(user).where(cls.used_at.is_null() & cls.cancelled_at.is_null()
                                         & (cls.expires_at > now)).order_by(cls.id.desc()))

    def usable(self, now):
        return self.used_at is None and self.cancelled_at is None and self.expires_at > now

    def use(self, practitioner, now):
        """Mark it used, in one statement that only succeeds once; True if this call used it."""
        return CareInvite.update(used_at=now, used_by=practitioner).where(
            (CareInvite.id == self.id) & CareInvite.used_at.is_null()
            & CareInvite.cancelled_at.is_null() & (CareInvite.expires_at > now)).execute() == 1


class CareLink(Owned):
    """The person's consent for one practitioner to see their log and change their program.
    Ending it (ended_at) ends access at once: every page checks it on every request."""

    practitioner = ForeignKeyField(Practitioner, on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow)
    ended_at = DateTimeField(null=True)
    ended_by = CharField(max_length=16, null=True)      # "person" or "practitioner"

    class Meta:
        indexes = ((("practitioner", "ended_at"), False),)

    @classmethod
    def open_for(cls, practitioner, link_id):
        """The practitioner's own link with this id (open or ended), or None: never another's."""
        return cls.get_or_none((cls.id == link_id) & (cls.practitioner == practitioner))

    @classmethod
    def open_with_person(cls, practitioner, link_id):
        """(open_for's link, its person) in one statement, or None: every page about a person
        asks, so its SQL is written once and its row read by hand."""
        mine, theirs = cls._meta, User._meta
        row = mine.database.execute_sql(_link_sql(mine.database.param), [link_id, practitioner.id]).fetchone()
        if row is None:
            return None
        link = from_row(cls, mine.sorted_fields, row[:len(mine.sorted_fields)])
        link.__rel__["user"] = person = from_row(User, theirs.sorted_fields, row[len(mine.sorted_fields):])
        return link, person

    @classmethod
    def caseload(cls, practitioner):
        """The practitioner's open links, with each person, oldest first."""
        return (cls.select(cls, User).join(User).where((cls.practitioner == practitioner)
                                                        & cls.ended_at.is_null()).order_by(cls.id))

    @classmethod
    def caseload_rows(cls, practitioner):
        """[(link id, linked at, person id, (data_version, timezone, display_name, stage, pattern,
        stage_1_only_since))] for the practitioner's open links, oldest first: the last part is
        what the caseload's figures for a person are kept against (webapp/practice/reading.py).
        One statement, its SQL written once, on the bare cursor: 200 rows made into models cost
        more than the query, and building the query cost a third of a kept caseload of 20."""
        database = cls._meta.database
        return [(row[0], cls.created_at.python_value(row[1]), row[2],
                 (*row[3:8], User.stage_1_only_since.python_value(row[8])))
                for row in database.execute_sql(_caseload_sql(database.param), [practitioner.id]).fetchall()]

    @classmethod
    def between(cls, user, practitioner):
        """The open link between this person and this practitioner, or None."""
        return cls.for_user(user).where((cls.practitioner == practitioner)
                                        & cls.ended_at.is_null()).first()

    @classmethod
    def of_person(cls, user):
        """Every link the person has made, open ones first, with its practitioner."""
        return (cls.select(cls, Practitioner).join(Practitioner).where(cls.user == user)
                .order_by(cls.ended_at.is_null().desc(), cls.id.desc()))

    def end(self, by, now):
        """End the link now (once); returns True if this call ended it."""
        done = CareLink.update(ended_at=now, ended_by=by).where(
            (CareLink.id == self.id) & CareLink.ended_at.is_null()).execute()
        self.ended_at, self.ended_by = (now, by) if done else (self.ended_at, self.ended_by)
        return done == 1


class CareLook(Owned):
    """One look a practitioner took at the person's data: who, when, and what. Asked of in the
    order recorded (id), through one index, (user_id, id): migration 0023 says why."""

    user = ForeignKeyField(User, on_delete="CASCADE", index=False)      # (user, id) below serves
    practitioner = ForeignKeyField(Practitioner, null=True, on_delete="SET NULL")
    practitioner_name = CharField(max_length=210)       # kept if their account goes
    what = CharField(max_length=40)
    at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "id"), False),)

    @classmethod
    def record(cls, user, practitioner, what, now=None):
        """One look, written with SQL made once (BaseModel.write): every page a practitioner opens
        about someone records one, and peewee's create() built its INSERT anew each time."""
        return cls(user=user, practitioner=practitioner, practitioner_name=practitioner.label,
                   what=what, at=now or utcnow()).write()

    @classmethod
    def record_many(cls, user_ids, practitioner, what, now=None):
        """One look for each of these people (the caseload: 200 at once), in one statement. The
        rows are made by the database (INSERT ... SELECT): 200 rows of values built in Python cost
        three times as much, on every view of the caseload; its SQL is written here, not built
        by peewee on every view (which on PostgreSQL also asked for every new row's id back)."""
        if not user_ids:
            return
        database = cls._meta.database
        database.execute_sql(_looks_sql(database.param, len(user_ids)),
                             [practitioner.id, practitioner.label, what, cls.at.db_value(now or utcnow()),
                              *user_ids])

    @classmethod
    def newest_first(cls, user):
        """The person's looks, the one recorded last first."""
        return cls.for_user(user).order_by(cls.id.desc())

    @classmethod
    def newest_id(cls, user):
        """The id of the person's newest look (None: none yet): their report is kept against it."""
        return cls.for_user(user).select(fn.MAX(cls.id)).scalar()

    @classmethod
    def latest_by_each(cls, user, limit=5):
        """The newest look by each practitioner (by name), newest first."""
        seen, out = set(), []
        for look in cls.newest_first(user).limit(200):
            if look.practitioner_name not in seen:
                seen.add(look.practitioner_name)
                out.append(look)
            if len(out) == limit:
                break
        return out


class CareVisit(Owned):
    """Marks a Visit as recorded by a practitioner through a care link (the visit itself is the
    person's, like any other: the report starts from it)."""

    visit = ForeignKeyField(Visit, unique=True, on_delete="CASCADE")
    practitioner = ForeignKeyField(Practitioner, null=True, on_delete="SET NULL")
    practitioner_name = CharField(max_length=210)
    created_at = DateTimeField(default=utcnow)

    @classmethod
    def marks(cls, user):
        """{visit id: the name of who recorded it} for the person's visits recorded this way."""
        return {row.visit_id: row.practitioner_name for row in cls.for_user(user)}


@functools.cache
def _caseload_sql(param):
    link, person = CareLink, User
    return (f'SELECT l."id", l."{link.created_at.column_name}", l."{link.user.column_name}", '
            f'u."{person.data_version.column_name}", u."{person.timezone.column_name}", '
            f'u."{person.display_name.column_name}", u."{person.stage.column_name}", u."{person.pattern.column_name}", '
            f'u."{person.stage_1_only_since.column_name}" FROM "{link._meta.table_name}" AS l '
            f'JOIN "{person._meta.table_name}" AS u ON u."id" = l."{link.user.column_name}" '
            f'WHERE l."{link.practitioner.column_name}" = {param} AND l."{link.ended_at.column_name}" IS NULL '
            'ORDER BY l."id"')


@functools.lru_cache(maxsize=64)
def _looks_sql(param, count):
    """For `count` people: caseloads come in a few sizes, each made once."""
    look = CareLook
    columns = ", ".join(f'"{f.column_name}"' for f in (look.user, look.practitioner, look.practitioner_name,
                                                        look.what, look.at))
    return (f'INSERT INTO "{look._meta.table_name}" ({columns}) SELECT "id", {param}, {param}, {param}, {param} '
            f'FROM "{User._meta.table_name}" WHERE "id" IN ({", ".join([param] * count)})')


@functools.cache
def _link_sql(param):
    mine, theirs = CareLink._meta, User._meta
    return (f'SELECT {aliased_columns(CareLink, "l")}, {aliased_columns(User, "u")} FROM "{mine.table_name}" AS l '
            f'JOIN "{theirs.table_name}" AS u ON u."id" = l."user_id" '
            f'WHERE l."id" = {param} AND l."practitioner_id" = {param} LIMIT 1')
