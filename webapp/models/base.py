"""The base of every table: the database it lives in, UTC "now" as stored, and a write path whose
SQL is written once per table."""
import datetime as dt
import functools

from peewee import CharField, DateTimeField, Model, Node

from ..db import database


def utcnow():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def row_of(model):
    """A model's row as a key: every column as read (a kept page's or day's key)."""
    return tuple(sorted(model.__data__.items()))


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False

    def write(self):
        """INSERT (when new) or UPDATE every column of this row. The same as save(), but with SQL
        written once per table: peewee builds its SQL anew for every save, which cost more than
        the write itself on the sync's path (a phone sending back a weekend of entries)."""
        model = type(self)
        pk = model._meta.primary_key
        fields = _columns(model)
        values = [f.db_value(self.__data__.get(f.name)) for f in fields]
        if self.__data__.get(pk.name) is None:
            cursor = database.execute_sql(_insert_sql(model, database.param), values)
            self.__data__[pk.name] = cursor.fetchone()[0]
        else:
            database.execute_sql(_update_sql(model, database.param), values + [self.__data__[pk.name]])
        self._dirty.clear()
        return self


def _columns(model):
    return [f for f in model._meta.sorted_fields if f is not model._meta.primary_key]


def aliased_columns(model, alias):
    """Every column of `model` as `alias."column"`, in the order from_row reads them."""
    return ", ".join(f'{alias}."{f.column_name}"' for f in model._meta.sorted_fields)


@functools.cache
def _insert_sql(model, param):
    cols = _columns(model)
    names = ", ".join(f'"{f.column_name}"' for f in cols)
    return (f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({", ".join([param] * len(cols))}) '
            f'RETURNING "{model._meta.primary_key.column_name}"')


@functools.cache
def _update_sql(model, param):
    sets = ", ".join(f'"{f.column_name}" = {param}' for f in _columns(model))
    return f'UPDATE "{model._meta.table_name}" SET {sets} WHERE "{model._meta.primary_key.column_name}" = {param}'


class Ids(Node):
    """`(?, ?, ...)` for a list of person ids, its values added in one go. peewee makes a node of
    each value of a plain list and renders them one by one: for 200 people in half a dozen
    statements that was a tenth of the caseload's first view. Ids are ints from our own rows, so
    there is nothing to convert; an empty list is never passed (each caller checks)."""

    def __init__(self, ids):
        self.ids = list(ids)

    def __sql__(self, ctx):
        ctx.literal(f"({', '.join([ctx.state.param or '?'] * len(self.ids))})")
        ctx._values.extend(self.ids)
        return ctx


def from_row(model, fields, values):
    """A `model` instance from raw column values (in the order of `fields`), as peewee would
    read it, without peewee's per-query column resolution (for the query every request makes)."""
    found = model(__no_default__=True)
    found.__data__ = {f.name: (None if v is None else f.python_value(v)) for f, v in zip(fields, values)}
    return found


class ReadinessCheck(BaseModel):
    """One row per server: the last time it proved the database takes a write (/readyz)."""

    server = CharField(max_length=120, unique=True)
    checked_at = DateTimeField()

    @classmethod
    def prove(cls, server, now):
        """Write (insert or update) this server's row: an error if the database cannot be written."""
        (cls.insert(server=server[:120], checked_at=now)
         .on_conflict(conflict_target=[cls.server], update={cls.checked_at: now}).execute())
