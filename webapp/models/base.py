"""The base of every table: the database it lives in, and UTC "now" as stored."""
import datetime as dt

from peewee import Model

from ..db import database


def utcnow():
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
