"""One endpoint for every write made on the phone: a batch of records upserted by client UUID.

Replaying a batch never duplicates (the UUID is unique), an older edit never overwrites a newer
one (the phone's client_updated_at decides), and a delete leaves a tombstone that no late or
replayed write can undo. Each record is answered on its own, so one bad record never costs the
others.
"""
import datetime as dt
from dataclasses import dataclass
from typing import Callable

from flask import Blueprint, g, request
from peewee import IntegrityError

from .db import database
from .logrules import validate_envelope
from .models import Tombstone, utcnow

bp = Blueprint("sync", __name__, url_prefix="/api")
BATCH_MAX = 200


@dataclass(frozen=True)
class Kind:
    model: type
    validate: Callable          # data -> (fields, errors)
    prepare: Callable | None    # (user, record) -> None, just before saving
    describe: Callable | None   # record -> dict of extra answer fields


KINDS = {}


def register(name, model, validate, prepare=None, describe=None):
    """Let an area accept its own kind of record through the sync endpoint."""
    KINDS[name] = Kind(model, validate, prepare, describe)


def rejected(uuid, errors):
    return {"uuid": uuid, "status": "rejected", "errors": errors}


def apply(user, record, now=None):
    """Store one record for `user`; returns the answer for that record."""
    now = now or utcnow()
    if not isinstance(record, dict):
        return rejected(None, {"record": "Each record must be an object."})
    uuid = record.get("uuid") if isinstance(record.get("uuid"), str) else None
    kind = KINDS.get(record.get("kind"))
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
    return {"results": [apply(g.user, record, now) for record in records],
            "server_time": now.replace(tzinfo=dt.timezone.utc).isoformat()}
