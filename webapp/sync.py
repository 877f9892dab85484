"""The outbox's server side: /api/session, /api/sync, the envelope every synced record carries, and
the registry of record kinds that areas accept (each area registers its kinds in its __init__.py).

Replaying a batch never duplicates (the UUID is unique), an older edit never overwrites a newer
one, and a delete leaves a tombstone that no late or replayed write can undo. Each record is
answered on its own, so one bad record never costs the others.

Which edit is newer is judged by when each was written, as far as the server can tell
(inputs.judged): the phone's clock, corrected by how far off it was when it sent the batch (the
batch's sent_at against the server's clock), never later than the server received it, and the
time it was received when the phone's clock puts it before its own day. So a phone hours fast
cannot freeze a record, and a slow one cannot date a tick before a pause. An edit that is not
applied because the server holds a newer one is answered "superseded", with what the server
holds, never "unchanged" (which says the server holds that very edit)."""
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, current_app, g, jsonify, request
from flask_babel import gettext as _
from peewee import DataError, IntegrityError, ProgrammingError

from . import db, inputs
from .csrf import csrf_token
from .db import database
from .i18n.drawn import translated_answer
from .models import Tombstone, utcnow, uuid_holders
from .security import person_key, public
from .translatable import N_

bp = Blueprint("sync", __name__, url_prefix="/api")
BATCH_MAX = 200
TIME = inputs.TIME
ID_IN_USE = N_("This record id is already in use.")
RECORD_ERRORS = (DataError, IntegrityError, ProgrammingError, ValueError, TypeError, LookupError,
                 OverflowError, RecursionError)


@dataclass(frozen=True)
class Kind:
    model: type
    validate: Callable          # data -> (fields, errors)
    prepare: Callable | None    # (user, record) -> None, just before saving
    describe: Callable | None   # record -> dict of extra answer fields
    refuse: Callable | None = None  # (user, envelope, fields, existing row) -> errors or None
    refuse_delete: Callable | None = None  # (user, existing row or None) -> errors or None
    after: Callable | None = None   # (user, rows stored in a batch) -> None, once the batch is in


def register(app, name, model, validate, prepare=None, describe=None, refuse=None, refuse_delete=None,
             after=None):
    """Let an area accept its own kind of record through the sync endpoint; `refuse` may turn a
    valid record away for the person's state (a tick while the program is paused), `refuse_delete`
    a delete (a warning-sign answer is kept for good), and `after` acts on what a batch stored,
    in its transaction (a check-in's implied warning signs)."""
    app.extensions.setdefault("sync_kinds", {})[name] = Kind(model, validate, prepare, describe, refuse,
                                                             refuse_delete, after)


# The envelope: checked here for every synced record, and by the import for every record it adds.
validate_envelope = inputs.envelope


def rejected(uuid, errors):
    return {"uuid": uuid, "status": "rejected", "errors": errors}


def apply(user, record, now=None):
    """Store one record for `user`; returns the answer for that record (apply_all of one)."""
    return apply_all(user, [record], now)[0]


def apply_all(user, records, now=None, skew=dt.timedelta(0)):
    """Store a batch for `user` in one transaction; returns one answer per record, in order.
    Whatever is wrong with a record, its answer is about that record alone: each is stored in
    its own savepoint, so the rest of the batch is never held up by it. (A database that is down
    or busy is not a record's fault: that still fails the request, with a 503, and the phone keeps
    everything to send later.) Lookups are done for the whole batch at once: one query finds who
    holds every id, one per table fetches the rows to update."""
    now = now or utcnow()
    answers, checked = [None] * len(records), []
    for i, record in enumerate(records):
        try:
            item = _check(record, now, skew)
        except RECORD_ERRORS as error:
            item = _refused(record, error)
        if isinstance(item, dict):
            answers[i] = item
        else:
            checked.append((i, item))
    if checked:
        known = _Known.fetch([item for _, item in checked])
        with database.atomic():
            stored = {}
            for i, item in checked:
                answers[i] = _store_in_savepoint(user, item, known, now)
                if answers[i]["status"] == "stored" and item.kind.after:
                    stored.setdefault(item.kind, []).append(known.rows[(item.kind.model, item.uuid)])
            for kind, rows in stored.items():
                kind.after(user, rows)
    return answers


@dataclass
class _Item:
    kind_name: str
    kind: Kind
    op: str
    envelope: dict
    fields: dict

    @property
    def uuid(self):
        return self.envelope["uuid"]


def _check(record, now, skew):
    """An _Item ready to store, or the rejected answer (no database needed)."""
    if not isinstance(record, dict):
        return rejected(None, {"record": N_("Each record must be an object.")})
    raw = record.get("uuid")
    # Answer with the id as sent when it is no id at all, so the phone can still match the answer.
    uuid = inputs.record_id(raw)[0] or (raw if isinstance(raw, str) and len(raw) <= 45 else None)
    kind_name = record.get("kind") if isinstance(record.get("kind"), str) else None
    kind = current_app.extensions["sync_kinds"].get(kind_name)
    op = record.get("op", "upsert")
    if kind is None:
        return rejected(uuid, {"kind": N_("Unknown kind of record.")})
    if op not in ("upsert", "delete"):
        return rejected(uuid, {"op": N_("Must be upsert or delete.")})
    envelope, errors = validate_envelope(record, now)
    fields = {}
    if op == "delete":
        errors = {k: v for k, v in errors.items() if k in ("uuid", "client_updated_at")}
    else:
        data = record.get("data")
        fields, data_errors = kind.validate(data if isinstance(data, dict) else {})
        errors.update(data_errors)
    if errors:
        return rejected(uuid, errors)
    envelope["client_updated_at"] = inputs.judged(envelope, now, skew)
    return _Item(kind_name, kind, op, envelope, fields)


def _refused(record, error):
    # Something the checks let through but the code or the database refused: answered on its
    # own, logged with its trace so the check can be tightened.
    current_app.logger.exception("sync record refused: %r", error)
    uuid = inputs.record_id(record.get("uuid"))[0] if isinstance(record, dict) else None
    return rejected(uuid, {"record": N_("This entry could not be stored. Check it and try again.")})


class _Known:
    """Who holds each id of a batch, and the rows the batch may update, kept up to date as the
    batch is stored (one batch may create and then delete the same record)."""

    def __init__(self, holders, rows):
        self.holders, self.rows = holders, rows

    @classmethod
    def fetch(cls, items):
        holders, rows, by_model = uuid_holders(item.uuid for item in items), {}, {}
        for item in items:
            if any(held is item.kind.model for held, _ in holders.get(item.uuid, [])):
                by_model.setdefault(item.kind.model, []).append(item.uuid)
        for model, uuids in by_model.items():
            rows.update({(model, row.uuid): row for row in model.select().where(model.uuid.in_(uuids))})
        return cls(holders, rows)

    def refresh(self, uuid, model):
        """Look one id up again (another request stored it while this batch ran)."""
        self.holders[uuid] = uuid_holders([uuid]).get(uuid, [])
        self.rows[(model, uuid)] = model.get_or_none(model.uuid == uuid)


def _store_in_savepoint(user, item, known, now):
    for attempt in (1, 2):
        try:
            with database.atomic():
                return _store(user, item, known, now)
        except IntegrityError as error:
            if attempt == 2:
                return _refused({"uuid": item.uuid}, error)
            # Another request stored this id meanwhile: store against the row it made.
            known.refresh(item.uuid, item.kind.model)
        except RECORD_ERRORS as error:
            if db.unavailable(error):
                raise           # a read-only role: not this record's fault, the phone keeps it (503)
            return _refused({"uuid": item.uuid}, error)


def _store(user, item, known, now):
    uuid, kind, model = item.uuid, item.kind, item.kind.model
    holders = known.holders.get(uuid, [])
    # One id, one record: of one person (a delete can't plant a tombstone on someone else's
    # record, in any table) and of one kind (nor on one's own record of another kind).
    if any(owner != user.id for _, owner in holders):
        return rejected(uuid, {"uuid": ID_IN_USE})
    if any(held is Tombstone for held, _ in holders):
        return {"uuid": uuid, "status": "deleted"}
    if any(held is not model for held, _ in holders):
        return rejected(uuid, {"uuid": ID_IN_USE})
    existing = known.rows.get((model, uuid)) if holders else None
    # The row's own time, judged the same way (rows kept before that was done may carry a fast
    # phone's stamp: never later than the server received that version).
    held_since = min(existing.client_updated_at, existing.updated_at or existing.client_updated_at) \
        if existing else None
    if item.op == "delete":
        if kind.refuse_delete and (refusal := kind.refuse_delete(user, existing)):
            return rejected(uuid, refusal)
        if existing:
            existing.delete_instance()
        Tombstone(user=user, uuid=uuid, kind=item.kind_name,
                  client_updated_at=item.envelope["client_updated_at"], deleted_at=now).write()
        known.holders[uuid] = [(Tombstone, user.id)]
        return {"uuid": uuid, "status": "deleted"}
    if existing and held_since >= item.envelope["client_updated_at"]:
        # Not applied: "unchanged" only when the server already holds this very edit.
        if _holds(user, existing, item):
            return _answer(kind, existing, "unchanged")
        return _superseded(kind, existing, item)
    if kind.refuse and (refusal := kind.refuse(user, item.envelope, item.fields, existing)):
        return rejected(uuid, refusal)
    row = existing or model(user=user, created_at=now)
    for name, value in {**item.envelope, **item.fields}.items():
        setattr(row, name, value)
    row.updated_at = now
    if kind.prepare:
        kind.prepare(user, row)
    row.write()
    known.holders[uuid], known.rows[(model, uuid)] = [(model, user.id)], row
    return _answer(kind, row, "stored")


ENVELOPE_SHOWN = ("local_date", "local_time", "tz_offset_minutes")


def _holds(user, row, item):
    """True when `row` already is the edit `item` brings (a replay): the same time of writing, or
    every field the same once the kind has prepared it as it would be stored."""
    if row.client_updated_at == item.envelope["client_updated_at"]:
        return True
    candidate = type(row)(**row.__data__)
    for name, value in {**item.envelope, **item.fields}.items():
        setattr(candidate, name, value)
    if item.kind.prepare:
        item.kind.prepare(user, candidate)
    return all(getattr(candidate, name) == getattr(row, name) for name in (*item.fields, *ENVELOPE_SHOWN))


def _answer(kind, row, status):
    answer = {"uuid": row.uuid, "status": status}
    if kind.describe:
        answer.update(kind.describe(row))
    return answer


def _superseded(kind, row, item):
    """The edit was not applied: the server holds a newer one, sent back (the fields the phone
    sent, as the server has them) for the phone to show beside the edit it kept."""
    held = {name: getattr(row, name, None) for name in (*ENVELOPE_SHOWN, *item.fields)}
    held = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in held.items()}
    held["client_updated_at"] = row.client_updated_at.isoformat() + "Z"       # stored as naive UTC
    return {**_answer(kind, row, "superseded"), "held": held}


@bp.get("/session")
@public
def session_state():
    """Whether this browser is signed in, and a CSRF token for the outbox to send with.

    Signed out, it answers without touching the session: a token would start a new session
    cookie, and an outbox flush racing a sign-up page would overwrite that page's session."""
    if g.user is None:
        return jsonify(signed_in=False, csrf_token=None, person=None), 200, {"Cache-Control": "no-store"}
    return jsonify(signed_in=True, csrf_token=csrf_token(),
                   person=person_key(g.user)), 200, {"Cache-Control": "no-store"}


@bp.post("/sync")
def sync():
    """Take a batch {"records": [...], "sent_at": the phone's clock as it sent} and answer each
    record: stored, unchanged (already held), superseded (a newer edit is held), deleted or
    rejected."""
    body = request.get_json(silent=True)
    records = body.get("records") if isinstance(body, dict) else None
    if not isinstance(records, list):
        return {"error": "bad-request", "message": _('Send JSON like %(example)s.', example='{"records": [...]}')}, 400
    if len(records) > BATCH_MAX:
        return {"error": "too-large", "message": _("Send at most %(most)s records at a time.", most=BATCH_MAX)}, 413
    now = utcnow()
    # Warning-sign answers first: a tick sent in the same batch as the go-now answer it followed
    # must meet the pause. Answers go back in the order the records came.
    order = sorted(range(len(records)),
                   key=lambda i: not (isinstance(records[i], dict) and records[i].get("kind") == "redflag"))
    stored = apply_all(g.user, [records[i] for i in order], now, inputs.skew_of(body.get("sent_at"), now))
    answers = dict(zip(order, stored))
    return {"results": [translated_answer(answers[i]) for i in range(len(records))],
            "server_time": now.replace(tzinfo=dt.UTC).isoformat()}
