"""Which records of an import are new in the account (webapp/report/restore.py): a record already
here is counted, one whose record id is anyone else's is refused without saying whose, a tombstone
deletes the person's own record except a warning-sign answer, and a correction ("I ticked this by
mistake") is added only for a warning-sign answer of the person's own. No Flask.
"""
from ..models import RedFlagCheck, RedFlagCorrection, Tombstone, uuid_holders
from ..translatable import N_
from .archive import TABLES, fields

CHUNK = 100
KIND_TABLES = {"checkin": "checkins", "redflag": "redflag_checks", "completion": "completions"}

# Why a record was listed as not imported.
ID_USED = N_("its record id can't be used in this account")
ANSWER_KEPT = N_("a warning-sign answer is kept for good, so it was not deleted")
NO_ANSWER = N_("the warning-sign answer it corrects is not in this account")


def keys_of(model, user):
    return {tuple(getattr(row, f.name) for f in fields(model)) for row in model.for_user(user)}


def new_by_id(user, table, model, records, outcome):
    """The records of a UUID table that are new here; the rest are counted or refused."""
    holders = {}
    uuids = [r["uuid"] for r in records]
    for i in range(0, len(uuids), CHUNK):
        holders.update(uuid_holders(uuids[i:i + CHUNK]))
    new = []
    for rec in records:
        uuid = rec["uuid"]
        held = holders.get(uuid, [])
        mine = {m for m, owner in held if owner == user.id}
        if len(mine) < len(held):
            outcome.refused.append((table, rec["uuid"], ID_USED))     # someone else's: never say whose
        elif not held:
            new.append(rec)
        elif Tombstone in mine or model in mine:
            outcome.already[table] = outcome.already.get(table, 0) + 1
        elif model is Tombstone and mine == {RedFlagCheck} and RedFlagCheck.warning_uuids(user, [uuid]):
            outcome.refused.append((table, rec["uuid"], ANSWER_KEPT))
        elif model is Tombstone and mine == {(target := TABLES[KIND_TABLES[rec["kind"]]])}:
            target.delete().where(target.uuid == rec["uuid"]).execute()
            new.append(rec)                                   # deleted there: deleted here too
        else:
            outcome.refused.append((table, rec["uuid"], ID_USED))     # one of theirs, of another kind
    return new


def new_corrections(user, table, records, outcome):
    """The corrections new here, each of a warning-sign answer of the person's own (already here,
    or just added from this file); the rest are counted or refused."""
    new, taken, answers_here = [], {}, set()
    uuids = [rec["answer_uuid"] for rec in records]
    for i in range(0, len(uuids), CHUNK):
        taken.update(RedFlagCorrection.owners(uuids[i:i + CHUNK]))
        answers_here |= RedFlagCheck.warning_uuids(user, uuids[i:i + CHUNK])
    for rec, uuid in zip(records, uuids):
        if taken.get(uuid) == user.id:
            outcome.already[table] = outcome.already.get(table, 0) + 1
        elif uuid in taken or uuid not in answers_here:
            outcome.refused.append((table, uuid, ID_USED if uuid in taken else NO_ANSWER))
        else:
            new.append(rec)
    return new
