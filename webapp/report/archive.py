"""Export everything a person owns: one JSON document, or a zip with one CSV per table.
No Flask. The columns come from the models themselves, so a field added later is exported too.

Format "sciatica-companion/1": {"format", "exported_at", "profile": {...}, "<table>": [{...}]}.
A table added later (redflag_corrections) is simply missing from older files.
Dates are "YYYY-MM-DD"; times are UTC "YYYY-MM-DDTHH:MM:SS[.ffffff]". Database ids and the owner
are left out: records are identified by their UUID (stage changes and dismissed suggestions,
which have none, by their whole content). Share links and calendar addresses are keys rather
than records, so they are never exported: make new ones after moving.
"""
import csv
import datetime as dt
import io
import json
import zipfile

from peewee import BooleanField, DateField, DateTimeField, IntegerField

from ..models import (
    CheckIn,
    Completion,
    DismissedSuggestion,
    PsfsRating,
    RedFlagCheck,
    RedFlagCorrection,
    StageChange,
    Tombstone,
    User,
    Visit,
    utcnow,
)
from ..translatable import N_, Text, translated

FORMAT = "sciatica-companion/1"
# Table name in the export -> model, in the order they are restored: a correction ("I ticked
# this by mistake") names its warning-sign answer by UUID, so the answers come first.
TABLES = {
    "checkins": CheckIn,
    "redflag_checks": RedFlagCheck,
    "redflag_corrections": RedFlagCorrection,
    "completions": Completion,
    "stage_changes": StageChange,
    "dismissed_suggestions": DismissedSuggestion,
    "visits": Visit,
    "psfs_ratings": PsfsRating,
    "tombstones": Tombstone,
}
# Never exported nor taken from an import: sign-in and this account's own bookkeeping (the id
# passkeys know the person by, when recovery codes were offered, Today's data version).
PRIVATE_USER_FIELDS = {"id", "email", "password_hash", "session_version", "created_at", "passkey_user_id",
                       "recovery_offered_at", "data_version"}
# Spreadsheets run cells starting with these as formulas; a leading apostrophe stops that.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def fields(model):
    """The exported fields of a table: all but the database id and the owner."""
    return [f for f in model._meta.sorted_fields if f.name not in ("id", "user")]


def profile_fields():
    return [f for f in User._meta.sorted_fields if f.name not in PRIVATE_USER_FIELDS]


def to_json_value(field, value):
    if value is None:
        return None
    if isinstance(field, DateTimeField):
        return value.isoformat()
    if isinstance(field, DateField):
        return value.isoformat()
    if isinstance(field, BooleanField):
        return bool(value)
    if isinstance(field, IntegerField):
        return int(value)
    return value


def row_dict(model, row):
    return {f.name: to_json_value(f, getattr(row, f.name)) for f in fields(model)}


def rows_of(model, user):
    return model.for_user(user).order_by(model.id)


def export_data(user, now=None):
    """Everything `user` owns, as plain JSON-ready data."""
    data = {"format": FORMAT, "exported_at": (now or utcnow()).isoformat(),
            "profile": {f.name: to_json_value(f, getattr(user, f.name)) for f in profile_fields()}}
    for name, model in TABLES.items():
        data[name] = [row_dict(model, row) for row in rows_of(model, user)]
    return data


def export_json(user, now=None):
    return json.dumps(export_data(user, now), indent=1, ensure_ascii=False)


def csv_value(field, value):
    if value is None:
        return ""
    if isinstance(field, BooleanField):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(model, user):
    out = io.StringIO()
    writer = csv.writer(out)
    columns = fields(model)
    writer.writerow([f.name for f in columns])
    for row in rows_of(model, user):
        writer.writerow([csv_value(f, getattr(row, f.name)) for f in columns])
    return out.getvalue()


# The column names stay the fields' own names in every language (the JSON export's too), so a
# spreadsheet or script reads any export the same way; this README says so in the reader's language.
README = N_("Sciatica Companion export (%(format)s), made %(when)s UTC.\n"
            "One CSV file per table, UTF-8, comma-separated, with a header row named after the fields "
            "of the JSON export. Dates are YYYY-MM-DD and times are UTC. Text that starts with = + - or @ "
            "has an apostrophe in front so spreadsheets show it as text. To move your data to another "
            "account or server, use the JSON export instead: it can be imported.\n")


def export_csv_zip(user, now=None, gettext=str):
    """A zip with one CSV per table and a short README (through `gettext`, in the reader's language)."""
    now = now or utcnow()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        when = now.isoformat(timespec="seconds")
        archive.writestr("README.txt", translated(Text(README, format=FORMAT, when=when), gettext))
        for name, model in TABLES.items():
            archive.writestr(f"{name}.csv", table_csv(model, user))
    return buffer.getvalue()
