"""Import a JSON export (webapp/archive.py) into the signed-in person's account. No Flask.

The whole file is checked first; one bad record refuses the file, with the reasons. Then, in one
transaction: a record already in this account (same UUID) is left alone, so importing twice
changes nothing; a record whose UUID belongs to someone else is refused and reported; the rest
are added. Stage changes and dismissed suggestions have no UUID and are matched on their whole
content. The profile (stage, pattern, reminder times...) is restored only into an account that
has not chosen a stage yet.
"""
import datetime as dt
import json
from dataclasses import dataclass, field

from peewee import BooleanField, CharField, DateField, DateTimeField, IntegerField, TextField

from .. import sync
from ..content.plans import PATTERNS, SESSIONS, STAGES
from ..db import database
from ..log import validation as log_validation
from ..models import Tombstone
from ..program.completions import RESPONSES
from ..safety import redflags
from .archive import FORMAT, TABLES, fields, profile_fields

TEXT_MAX, CHUNK, SHOWN_PROBLEMS = 10_000, 100, 8


class RestoreError(ValueError):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Outcome:
    added: dict = field(default_factory=dict)
    already: dict = field(default_factory=dict)
    refused: list = field(default_factory=list)     # [(table, uuid)]
    profile_restored: bool = False

    @property
    def total_added(self):
        return sum(self.added.values())


def parse(raw):
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RestoreError(["This is not a JSON export from Sciatica Companion."]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RestoreError([f'This file is not a "{FORMAT}" export from Sciatica Companion.'])
    return data


def _value(f, value):
    """(clean value, problem or None) for one field of one record."""
    if value is None:
        return None, None if f.null else "is missing"
    if isinstance(f, BooleanField):
        return (value, None) if isinstance(value, bool) else (None, "must be true or false")
    if isinstance(f, IntegerField):
        ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) <= 10**6
        return (value, None) if ok else (None, "must be a whole number")
    if isinstance(f, (DateTimeField, DateField)):
        parse = sync.parse_client_time if isinstance(f, DateTimeField) else _date
        clean = parse(value) if isinstance(value, str) else None
        return (clean, None) if clean is not None else (None, "must be a date")
    if isinstance(f, (CharField, TextField)):
        limit = f.max_length if isinstance(f, CharField) else TEXT_MAX
        ok = isinstance(value, str) and len(value) <= limit and "\x00" not in value
        return (value, None) if ok else (None, f"must be text of at most {limit} characters")
    return None, "has an unknown type"


def _date(value):
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _record(model, raw, where, problems):
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be an object")
        return None
    clean = {}
    for f in fields(model):
        if f.name not in raw and (f.default is not None or f.null):
            continue                      # written by an older version: the default applies
        value, problem = _value(f, raw.get(f.name))
        if problem:
            problems.append(f"{where}: field '{f.name}' {problem}")
        clean[f.name] = value
    if "uuid" in clean and clean["uuid"] is not None:
        if sync.parse_uuid(clean["uuid"]) != clean["uuid"]:
            problems.append(f"{where}: field 'uuid' is not a record id")
    return clean


def _rules(table, rec):
    """Problems with what a record says (not its types), e.g. a pain score of 11."""
    out = []
    if "local_time" in rec and rec.get("local_time") and not sync.TIME.match(rec["local_time"]):
        out.append("local_time must be like 08:30")
    if table == "checkins":
        out += [f"{k}: {v}" for k, v in log_validation.validate_checkin(rec)[1].items()]
    elif table == "redflag_checks":
        codes = [redflags.codes_of(rec.get(k)) for k in ("go_now", "contact_today")]
        background = redflags.codes_of(rec.get("background"))
        if redflags.unknown_codes(*codes) or rec.get("tier") != redflags.tier_for(*codes, background):
            out.append("red-flag answers do not match their tier")
    elif table == "completions":
        if rec.get("session") not in (None, *SESSIONS) or rec.get("response") not in (None, *RESPONSES):
            out.append("session or response is not one we know")
    elif table in ("stage_changes", "dismissed_suggestions"):
        if rec.get("to_stage") not in STAGES or rec.get("from_stage") not in (None, *STAGES) \
                or rec.get("to_pattern", "disc") not in PATTERNS:
            out.append("stage or pattern is not one we know")
    elif table == "psfs_ratings":
        if not 0 <= (rec.get("score") or 0) <= 10 or not (rec.get("activity") or "").strip():
            out.append("score must be 0 to 10, with the activity named")
    elif table == "visits" and not (rec.get("practitioner") or "").strip():
        out.append("say who the visit was with")
    return out


def validate(data):
    """{table: [clean record]} and the clean profile; raises RestoreError listing problems."""
    problems, tables, seen = [], {}, set()
    for table, model in TABLES.items():
        rows = data.get(table, [])
        if not isinstance(rows, list):
            problems.append(f"{table}: must be a list")
            continue
        tables[table] = []
        for i, raw in enumerate(rows):
            where = f"{table}[{i}]"
            rec = _record(model, raw, where, problems)
            if rec is None:
                continue
            problems += [f"{where}: {p}" for p in _rules(table, rec)]
            if rec.get("uuid"):
                if (model, rec["uuid"]) in seen:
                    problems.append(f"{where}: the record id appears twice")
                seen.add((model, rec["uuid"]))
            tables[table].append(rec)
    weeks = {}
    for rec in tables.get("psfs_ratings", []):
        weeks[rec.get("week_start")] = weeks.get(rec.get("week_start"), 0) + 1
    problems += [f"psfs_ratings: more than 3 activities in the week of {w}"
                 for w, n in weeks.items() if n > 3]
    profile = _profile(data.get("profile"), problems)
    if len(problems) > SHOWN_PROBLEMS:
        problems = problems[:SHOWN_PROBLEMS] + [f"…and {len(problems) - SHOWN_PROBLEMS} more."]
    if problems:
        raise RestoreError(problems)
    return tables, profile


def _profile(raw, problems):
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append("profile: must be an object")
        return {}
    clean = {}
    for f in profile_fields():
        if f.name in raw:
            value, problem = _value(f, raw[f.name])
            if problem:
                problems.append(f"profile: field '{f.name}' {problem}")
            clean[f.name] = value
    if clean.get("stage") not in (None, *STAGES) or clean.get("pattern") not in (None, *PATTERNS):
        problems.append("profile: stage or pattern is not one we know")
    return clean


def _owners(model, uuids):
    """{uuid: owner id} for the given UUIDs already stored in `model`."""
    owners, uuids = {}, list(uuids)
    for i in range(0, len(uuids), CHUNK):
        query = model.select(model.uuid, model.user).where(model.uuid.in_(uuids[i:i + CHUNK]))
        owners.update({row.uuid: row.user_id for row in query})
    return owners


def _keys(model, user):
    return {tuple(getattr(row, f.name) for f in fields(model)) for row in model.for_user(user)}


def restore(user, tables, profile):
    """Add the validated records to `user`'s account; returns what happened."""
    outcome = Outcome()
    with database.atomic():
        for table, records in tables.items():
            model = TABLES[table]
            new = []
            if "uuid" in model._meta.fields:
                uuids = [r["uuid"] for r in records]
                owners = _owners(model, uuids)
                if model is not Tombstone:
                    owners = {**_owners(Tombstone, uuids), **owners}
                for rec in records:
                    owner = owners.get(rec["uuid"])
                    if owner is None:
                        new.append(rec)
                    elif owner == user.id:
                        outcome.already[table] = outcome.already.get(table, 0) + 1
                    else:
                        outcome.refused.append((table, rec["uuid"]))
            else:
                have = _keys(model, user)
                for rec in records:
                    key = tuple(rec.get(f.name) for f in fields(model))
                    if key in have:
                        outcome.already[table] = outcome.already.get(table, 0) + 1
                    else:
                        have.add(key)
                        new.append(rec)
            for i in range(0, len(new), CHUNK):
                model.insert_many([{**rec, "user": user.id} for rec in new[i:i + CHUNK]]).execute()
            outcome.added[table] = len(new)
        if profile and user.stage is None:
            for name, value in profile.items():
                setattr(user, name, value)
            user.save()
            outcome.profile_restored = True
    return outcome
