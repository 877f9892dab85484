"""The outbox's server side: /api/session, /api/sync, the envelope every synced record carries, and
the registry of record kinds that areas accept (each area registers its kinds in its __init__.py).

Replaying a batch never duplicates (the UUID is unique), an older edit never overwrites a newer
one (the phone's client_updated_at decides), and a delete leaves a tombstone that no late or
replayed write can undo. Each record is answered on its own, so one bad record never costs the
others.
"""
import datetime as dt
import re
import uuid as uuidlib
from dataclasses import dataclass
from typing import Callable

from flask import Blueprint, current_app, g, jsonify, request
from flask_wtf.csrf import generate_csrf
from peewee import IntegrityError

from .db import database
from .models import Tombstone, utcnow
from .security import person_key, public

bp = Blueprint("sync", __name__, url_prefix="/api")
BATCH_MAX = 200
TZ_OFFSET_MAX = 14 * 60
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class Kind:
    model: type
    validate: Callable          # data -> (fields, errors)
    prepare: Callable | None    # (user, record) -> None, just before saving
    describe: Callable | None   # record -> dict of extra answer fields
    refuse: Callable | None = None  # (user, envelope, fields, existing row) -> errors or None


def register(app, name, model, validate, prepare=None, describe=None, refuse=None):
    """Let an area accept its own kind of record through the sync endpoint; `refuse` may turn a
    valid record away for the person's state (a tick while the program is paused)."""
    app.extensions.setdefault("sync_kinds", {})[name] = Kind(model, validate, prepare, describe, refuse)


def parse_uuid(value):
    try:
        return str(uuidlib.UUID(str(value)))
    except (ValueError, TypeError, AttributeError):
        return None


def parse_client_time(value):
    """An ISO 8601 timestamp from the phone, as naive UTC."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return when


def validate_envelope(record, now_utc):
    """The fields every synced record carries: when and where on the phone it was written."""
    errors, clean = {}, {}
    clean["uuid"] = parse_uuid(record.get("uuid"))
    if clean["uuid"] is None:
        errors["uuid"] = "Missing or malformed record id."
    updated = parse_client_time(record.get("client_updated_at"))
    if updated is None:
        errors["client_updated_at"] = "Missing or malformed time of writing."
    elif updated > now_utc + dt.timedelta(days=1):
        errors["client_updated_at"] = "The phone's clock is more than a day ahead."
    clean["client_updated_at"] = updated
    offset = record.get("tz_offset_minutes", 0)
    if isinstance(offset, bool) or not isinstance(offset, int) or abs(offset) > TZ_OFFSET_MAX:
        errors["tz_offset_minutes"] = "Time-zone offset must be whole minutes within ±14 hours."
        offset = 0
    clean["tz_offset_minutes"] = offset
    local_today = (now_utc + dt.timedelta(minutes=offset)).date()
    try:
        local_date = dt.date.fromisoformat(str(record.get("local_date", "")))
    except ValueError:
        local_date = None
    if local_date is None:
        errors["local_date"] = "Enter a date like 2026-11-21."
    elif local_date > local_today + dt.timedelta(days=1):
        errors["local_date"] = "That date is in the future."
    elif local_date < dt.date(2000, 1, 1):
        errors["local_date"] = "That date is too far in the past."
    clean["local_date"] = local_date
    local_time = record.get("local_time")
    if not isinstance(local_time, str) or not TIME.match(local_time):
        errors["local_time"] = "Enter a time like 08:30."
    clean["local_time"] = local_time
    return clean, errors


def rejected(uuid, errors):
    return {"uuid": uuid, "status": "rejected", "errors": errors}


def apply(user, record, now=None):
    """Store one record for `user`; returns the answer for that record."""
    now = now or utcnow()
    if not isinstance(record, dict):
        return rejected(None, {"record": "Each record must be an object."})
    uuid = record.get("uuid") if isinstance(record.get("uuid"), str) else None
    kind = current_app.extensions["sync_kinds"].get(record.get("kind"))
    op = record.get("op", "upsert")
    if kind is None:
        return rejected(uuid, {"kind": "Unknown kind of record."})
    if op not in ("upsert", "delete"):
        return rejected(uuid, {"op": "Must be upsert or delete."})
    envelope, errors = validate_envelope(record, now)
    fields = {}
    if op == "delete":
        errors = {k: v for k, v in errors.items() if k in ("uuid", "client_updated_at")}
    else:
        data = record.get("data")
        fields, data_errors = kind.validate(data if isinstance(data, dict) else {})
        errors.update(data_errors)
    if errors:
        return rejected(envelope["uuid"] or uuid, errors)
    try:
        with database.atomic():
            return _store(user, kind, record["kind"], op, envelope, fields, now)
    except IntegrityError:
        # Two requests raced on the same UUID; the row exists now, so store against it.
        with database.atomic():
            return _store(user, kind, record["kind"], op, envelope, fields, now)


def _store(user, kind, kind_name, op, envelope, fields, now):
    uuid, model = envelope["uuid"], kind.model
    tomb = Tombstone.get_or_none(Tombstone.uuid == uuid)
    existing = model.get_or_none(model.uuid == uuid)
    owner = tomb.user_id if tomb else existing.user_id if existing else user.id
    if owner != user.id:
        return rejected(uuid, {"uuid": "This record id is already in use."})
    if tomb:
        return {"uuid": uuid, "status": "deleted"}
    if op == "delete":
        if existing:
            existing.delete_instance()
        Tombstone.create(user=user, uuid=uuid, kind=kind_name,
                         client_updated_at=envelope["client_updated_at"], deleted_at=now)
        return {"uuid": uuid, "status": "deleted"}
    if existing and existing.client_updated_at >= envelope["client_updated_at"]:
        return _answer(kind, existing, "unchanged")
    if kind.refuse and (refusal := kind.refuse(user, envelope, fields, existing)):
        return rejected(uuid, refusal)
    row = existing or model(user=user, created_at=now)
    for name, value in {**envelope, **fields}.items():
        setattr(row, name, value)
    row.updated_at = now
    if kind.prepare:
        kind.prepare(user, row)
    row.save()
    return _answer(kind, row, "stored")


def _answer(kind, row, status):
    answer = {"uuid": row.uuid, "status": status}
    if kind.describe:
        answer.update(kind.describe(row))
    return answer


@bp.get("/session")
@public
def session_state():
    """Whether this browser is signed in, and a CSRF token for the outbox to send with.

    Signed out, it answers without touching the session: a token would start a new session
    cookie, and an outbox flush racing a sign-up page would overwrite that page's session."""
    if g.user is None:
        return jsonify(signed_in=False, csrf_token=None, person=None), 200, {"Cache-Control": "no-store"}
    return jsonify(signed_in=True, csrf_token=generate_csrf(),
                   person=person_key(g.user)), 200, {"Cache-Control": "no-store"}


@bp.post("/sync")
def sync():
    """Take a batch {"records": [...]} and answer each record: stored, unchanged, deleted or rejected."""
    body = request.get_json(silent=True)
    records = body.get("records") if isinstance(body, dict) else None
    if not isinstance(records, list):
        return {"error": "bad-request", "message": 'Send JSON like {"records": [...]}.'}, 400
    if len(records) > BATCH_MAX:
        return {"error": "too-large", "message": f"Send at most {BATCH_MAX} records at a time."}, 413
    now = utcnow()
    # Warning-sign answers first: a tick sent in the same batch as the go-now answer it followed
    # must meet the pause. Answers go back in the order the records came.
    order = sorted(range(len(records)), key=lambda i: not _is_kind(records[i], "redflag"))
    answers = {i: apply(g.user, records[i], now) for i in order}
    return {"results": [answers[i] for i in range(len(records))],
            "server_time": now.replace(tzinfo=dt.timezone.utc).isoformat()}


def _is_kind(record, name):
    return isinstance(record, dict) and record.get("kind") == name
