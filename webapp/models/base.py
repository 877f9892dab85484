"""The base of every table: the database it lives in, UTC "now" as stored, and a write path whose
SQL is written once per table."""
import datetime as dt
import functools

from peewee import Model

from ..db import database


def utcnow():
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


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


@functools.lru_cache(maxsize=None)
def _insert_sql(model, param):
    cols = _columns(model)
    names = ", ".join(f'"{f.column_name}"' for f in cols)
    return (f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({", ".join([param] * len(cols))}) '
            f'RETURNING "{model._meta.primary_key.column_name}"')


@functools.lru_cache(maxsize=None)
def _update_sql(model, param):
    sets = ", ".join(f'"{f.column_name}" = {param}' for f in _columns(model))
    return f'UPDATE "{model._meta.table_name}" SET {sets} WHERE "{model._meta.primary_key.column_name}" = {param}'


_SHAPES = {}


def run_shape(key, build, values):
    """Run the query that `build()` makes and read its rows as that query would (models, joins),
    with `values` ({placeholder: value}) in place of the placeholder values it was built with;
    its other values (a LIMIT, a constant) stay. The SQL is built once per database kind: peewee
    builds it anew on every run, which costs more than running the small queries every page
    makes (the signed-in device, on every request)."""
    shape = _SHAPES.get((key, database.param))
    if shape is None:
        query = build()
        sql, params = query.sql()
        shape = _SHAPES[(key, database.param)] = (query, sql, params)
    query, sql, params = shape
    return query._get_cursor_wrapper(database.execute_sql(sql, [values.get(p, p) if isinstance(p, str) else p
                                                                for p in params]))
