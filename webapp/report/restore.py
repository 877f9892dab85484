"""Import a JSON export (webapp/report/archive.py) into the signed-in person's account. No Flask.

The whole file is checked first, each record as strictly as the way it first came in (the sync's
envelope and each kind's checks, the forms' checks, webapp/inputs.py): an import never stores what
a sync or a form would refuse. One bad record refuses the file, with the reasons. Then, in one
transaction: a record already in this account (same UUID) is left alone, so importing twice
changes nothing; a record whose UUID is used by any other record on this server (anyone's, in any
table, a tombstone too) is refused and listed, without saying whose; the rest are added. A
tombstone for one of the person's own records deletes it, as a sync would, except a warning-sign
answer, which is kept for good (refused and listed). A correction ("I ticked this by mistake") is
added only for a warning-sign answer of the person's own, here or in the same file. A check-in
whose follow-up answers imply a warning sign leaves an answer, as a sync does; a tick made during
a go-now pause is not counted (guards.py). Stage changes and dismissed suggestions are
matched on their whole content. The profile is restored only into an account with no stage yet,
its stage held to what the guardrails allow now.
"""
import datetime as dt
from dataclasses import dataclass, field

from peewee import BooleanField, CharField, DateField, DateTimeField, IntegerField, TextField

from .. import inputs
from ..content.plans import PATTERNS, STAGES
from ..db import database
from ..log import signs
from ..log import validation as log_validation
from ..models import CheckIn, Completion, RedFlagCorrection, SyncedRecord, utcnow
from ..models.corrections import MADE_BY as CORRECTED_BY
from ..models.corrections import NOTE_MAX
from ..program import completions
from ..program.calendar import SESSION_FIELDS, valid_zone
from ..safety import redflags
from ..translatable import N_, Text, marked
from . import guards
from .archive import FORMAT, TABLES, fields, profile_fields
from .matching import CHUNK, KIND_TABLES, keys_of, new_by_id, new_corrections
from .validation import NAME_MAX, PSFS_NAME_MAX, VISIT_AHEAD_DAYS

TEXT_MAX, SHOWN_PROBLEMS = 10_000, 8
SIDES, DIRECTIONS = ("left", "right", "both"), ("up", "down")
MADE_BY = ("person", "practitioner", "onboarding")
DAYS_AHEAD = {"visit_date": VISIT_AHEAD_DAYS}     # how far past today a date field may be
EPISODE_YEARS = 30



class RestoreError(ValueError):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Outcome:
    added: dict = field(default_factory=dict)
    already: dict = field(default_factory=dict)
    refused: list = field(default_factory=list)     # [(table, uuid, why)]
    profile_restored: bool = False
    stage_held: object = None                       # the StageChange that held a restored stage

    @property
    def total_added(self):
        return sum(self.added.values())


def parse(raw):
    try:
        data = inputs.json_loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RestoreError([N_("This is not a JSON export from Sciatica Companion.")]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RestoreError([Text(N_('This file is not a "%(format)s" export from Sciatica Companion.'), format=FORMAT)])
    return data


def _value(f, value, now, today):
    """(clean value, problem or None) for one field of one record."""
    if value is None:
        return None, None if f.null else N_("is missing")
    if isinstance(f, BooleanField):
        return (value, None) if isinstance(value, bool) else (None, N_("must be true or false"))
    if isinstance(f, IntegerField):
        ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) <= 10**6
        return (value, None) if ok else (None, N_("must be a whole number"))
    if isinstance(f, DateTimeField):
        clean, problem = inputs.client_time(value, now)
    elif isinstance(f, DateField):
        earliest = dt.date(today.year - EPISODE_YEARS, 1, 1) if f.name == "episode_start" else inputs.EARLIEST
        clean, problem = inputs.local_date(value, today, DAYS_AHEAD.get(f.name, 1), earliest)
    elif isinstance(f, (CharField, TextField)):
        limit = f.max_length if isinstance(f, CharField) else TEXT_MAX
        ok = isinstance(value, str) and len(value) <= limit and inputs.storable(value)
        return (value, None) if ok else (None, Text(N_("must be text of at most %(num)d characters"), num=limit))
    else:
        return None, N_("has an unknown type")
    return (clean, None) if problem is None else (None, Text(N_("is not right: %(problem)s"), problem=marked(problem)))


def _record(model, raw, where, problems, now, today):
    if not isinstance(raw, dict):
        problems.append(Text(N_("%(where)s: must be an object"), where=where))
        return None
    clean, wrong = {}, set()
    for f in fields(model):
        if f.name not in raw and (f.default is not None or f.null):
            continue                      # written by an older version: the default applies
        value, problem = _value(f, raw.get(f.name), now, today)
        if problem:
            problems.append(Text(N_("%(where)s: field '%(field)s' %(problem)s"), where=where, field=f.name,
                                 problem=marked(problem)))
            wrong.add(f.name)
        clean[f.name] = value
    if "uuid" in raw and "uuid" not in wrong and inputs.record_id(raw["uuid"])[0] != raw["uuid"]:
        problems.append(Text(N_("%(where)s: field 'uuid' is not a record id"), where=where))
    if issubclass(model, SyncedRecord):
        # The envelope, checked exactly as the sync checks it (time of writing, offset, day).
        problems += [Text(N_("%(where)s: %(field)s: %(problem)s"), where=where, field=name, problem=marked(message))
                     for name, message in
                     inputs.envelope(raw, now)[1].items() if name not in wrong | {"uuid"}]
    return clean


def _rules(table, rec, exercises):
    """Problems with what a record says, as its own form or sync kind would find them."""
    if table == "checkins":
        return [Text(N_("%(field)s: %(problem)s"), field=k, problem=marked(v))
                for k, v in log_validation.validate_checkin(rec)[1].items()]
    if table == "redflag_checks":
        codes = [redflags.codes_of(rec.get(k)) for k in ("go_now", "contact_today")]
        background = redflags.codes_of(rec.get("background"))
        if redflags.unknown_codes(*codes) or rec.get("tier") != redflags.tier_for(*codes, background):
            return [N_("red-flag answers do not match their tier")]
    elif table == "completions":
        return [Text(N_("%(field)s: %(problem)s"), field=k, problem=marked(v))
                for k, v in completions.validate(rec, exercises)[1].items()]
    elif table in ("stage_changes", "dismissed_suggestions"):
        if rec.get("to_stage") not in STAGES or rec.get("from_stage") not in (None, *STAGES) \
                or rec.get("to_pattern", "disc") not in PATTERNS \
                or rec.get("from_pattern") not in (None, *PATTERNS) \
                or rec.get("made_by", "person") not in MADE_BY \
                or rec.get("direction", "up") not in DIRECTIONS:
            return [N_("stage or pattern is not one we know")]
    elif table == "psfs_ratings":
        week = rec.get("week_start")
        if not 0 <= (rec.get("score") or 0) <= 10 or not (rec.get("activity") or "").strip() \
                or len(rec.get("activity") or "") > PSFS_NAME_MAX or (week and week.weekday() != 0):
            return [N_("score must be 0 to 10, with the activity named, in a week starting on a Monday")]
    elif table == "visits" and not (rec.get("practitioner") or "").strip():
        return [N_("say who the visit was with")]
    elif table == "tombstones" and rec.get("kind") not in KIND_TABLES:
        return [N_("the kind of record deleted is not one we know")]
    elif table == "redflag_corrections":
        answer = rec.get("answer_uuid")
        if inputs.record_id(answer)[0] != answer or rec.get("made_by", "person") not in CORRECTED_BY \
                or len(rec.get("note") or "") > NOTE_MAX:
            return [Text(N_("a correction names a warning-sign answer by its record id, made by the person, "
                            "with a note of at most %(num)d characters"), num=NOTE_MAX)]
    return []


def validate(data, exercises, now=None, today=None):
    """{table: [clean record]} and the clean profile; raises RestoreError listing problems.
    `exercises` is the catalogue exercise names are checked against."""
    now = now or utcnow()
    today = today or now.date()
    problems, tables, seen = [], {}, set()
    for table, model in TABLES.items():
        rows = data.get(table, [])
        if not isinstance(rows, list):
            problems.append(Text(N_("%(where)s: must be a list"), where=table))
            continue
        tables[table] = []
        for i, raw in enumerate(rows):
            where = f"{table}[{i}]"
            rec = _record(model, raw, where, problems, now, today)
            if rec is None:
                continue
            problems += [Text(N_("%(where)s: %(problem)s"), where=where, problem=marked(p))
                         for p in _rules(table, rec, exercises)]
            key = rec.get("uuid") or (table, rec.get("answer_uuid"))
            if rec.get("uuid") or rec.get("answer_uuid"):
                if key in seen:
                    problems.append(Text(N_("%(where)s: the record id appears twice"), where=where))
                seen.add(key)
            tables[table].append(rec)
    weeks = {}
    for rec in tables.get("psfs_ratings", []):
        weeks[rec.get("week_start")] = weeks.get(rec.get("week_start"), 0) + 1
    problems += [Text(N_("psfs_ratings: more than 3 activities in the week of %(week)s"), week=w)
                 for w, n in weeks.items() if n > 3]
    profile = _profile(data.get("profile"), problems, now, today)
    if len(problems) > SHOWN_PROBLEMS:
        problems = problems[:SHOWN_PROBLEMS] + [Text(N_("…and %(num)d more."), num=len(problems) - SHOWN_PROBLEMS)]
    if problems:
        raise RestoreError(problems)
    return tables, profile


def _profile(raw, problems, now, today):
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(N_("profile: must be an object"))
        return {}
    clean = {}
    for f in profile_fields():
        if f.name in raw:
            value, problem = _value(f, raw[f.name], now, today)
            if problem:
                problems.append(Text(N_("profile: field '%(field)s' %(problem)s"), field=f.name, problem=marked(problem)))
            clean[f.name] = value
    if clean.get("stage") not in (None, *STAGES) or clean.get("pattern") not in (None, *PATTERNS):
        problems.append(N_("profile: stage or pattern is not one we know"))
    if clean.get("side") not in (None, *SIDES):
        problems.append(N_("profile: side is not one we know"))
    if clean.get("timezone") is not None and not valid_zone(clean["timezone"]):
        problems.append(N_("profile: timezone is not a time zone like Europe/London"))
    if len(clean.get("display_name") or "") > NAME_MAX:
        problems.append(Text(N_("profile: display_name is longer than %(num)d characters"), num=NAME_MAX))
    for name in (*SESSION_FIELDS.values(), "quiet_start", "quiet_end"):     # reminder times, quiet hours
        if clean.get(name) is not None and inputs.clock_time(clean[name])[1]:
            problems.append(Text(N_("profile: %(field)s must be a time like 08:30"), field=name))
    return clean


def restore(user, tables, profile, rules, today):
    """Add the validated records to `user`'s account (the program's `rules`, the person's
    `today`, for the stage guardrails); returns what happened."""
    outcome = Outcome()
    with database.atomic():
        for table, records in tables.items():
            model = TABLES[table]
            if model is RedFlagCorrection:
                new = new_corrections(user, table, records, outcome)
            elif "uuid" in model._meta.fields:
                new = new_by_id(user, table, model, records, outcome)
            else:
                new, have = [], keys_of(model, user)
                for rec in records:
                    key = tuple(rec.get(f.name) for f in fields(model))
                    if key in have:
                        outcome.already[table] = outcome.already.get(table, 0) + 1
                    else:
                        have.add(key)
                        new.append(rec)
            if model is Completion:
                new = guards.ticks_outside_a_pause(user, table, new, outcome.refused)
            for i in range(0, len(new), CHUNK):
                model.insert_many([{**rec, "user": user.id} for rec in new[i:i + CHUNK]]).execute()
            outcome.added[table] = len(new)
            if model is CheckIn:
                signs.keep_implied(user, new)
        if profile and user.stage is None:
            for name, value in profile.items():
                setattr(user, name, value)
            user.save()
            outcome.profile_restored = True
            outcome.stage_held = guards.hold_stage(user, rules, today)
    return outcome
