"""Finding what is due: the facts due.py decides from, read for each person with a device that
takes reminders, and the claim that makes each reminder go once. No Flask.

A claim is a row in the sent log with a unique key (person, kind, local date, slot): a second
consumer, or this one a minute later, finds it taken and sends nothing."""
import datetime as dt
import logging

from ..models import CheckIn, Completion, PsfsRating, PushSent, PushSubscription, RedFlagCheck, User
from ..program.calendar import valid_zone
from . import due

log = logging.getLogger(__name__)


def facts_for(user, now):
    """What the person's records say about their yesterday and today at `now`."""
    offset = 0 if valid_zone(user.timezone) else CheckIn.latest_offset(user)
    yesterday, today = due.local_days(user, due.Facts(offset_minutes=offset), now)
    sent = list(PushSent.between(user.id, yesterday, today))
    counts = {}
    for row in sent:
        counts[row.local_date] = counts.get(row.local_date, 0) + 1
    mondays = {day - dt.timedelta(days=day.weekday()) for day in (yesterday, today)}
    return due.Facts(
        paused=RedFlagCheck.program_paused(user),
        awaiting_contact=RedFlagCheck.awaiting_contact(user).exists(),
        checked_in_on=frozenset(c.local_date for c in CheckIn.between(user, yesterday, today)),
        sessions_done=frozenset((c.local_date, c.session) for c in Completion.between(user, yesterday, today)
                                if c.session),
        rated_weeks=frozenset(m for m in mondays if PsfsRating.in_week(user, m).exists()),
        sent=frozenset((row.kind, row.local_date, row.slot) for row in sent),
        sent_count=counts,
        last_recheck=PushSent.last_date(user.id, due.RECHECK),
        offset_minutes=offset)


def message(reminder, url_map, user_id, say=str):
    """What a delivery task carries: the payload (title, body, the page a tap opens, the tag)
    and what the delivery checks again before it sends. `say` puts the words in the person's
    language (tasks.speaker)."""
    url = url_map.bind("localhost").build(reminder.endpoint)
    if reminder.anchor:
        url += f"#{reminder.anchor}"
    return {"user": user_id, "kind": reminder.kind, "local_date": reminder.local_date.isoformat(),
            "slot": reminder.slot, "payload": {"title": say(reminder.title), "body": say(reminder.body), "url": url,
                                               "tag": reminder.tag}}


def find_due(push, url_map, now, enqueue, speaker=lambda language: str):
    """Claim every reminder due at `now` (aware) and hand one delivery per device to `enqueue`
    (subscription id, message), its words said by `speaker(the person's language)`. Returns how
    many reminders were claimed."""
    seen_since = now.astimezone(dt.UTC).replace(tzinfo=None) - push.session_lifetime
    claimed = 0
    for user_id in PushSubscription.people_with_live(seen_since):
        try:
            user = User.get_or_none(User.id == user_id)
            if user is None:
                continue
            for reminder in due.due(user, facts_for(user, now), now, push.rules):
                if PushSent.claim(user.id, reminder.kind, reminder.local_date, reminder.slot) is None:
                    continue            # another consumer, or an earlier run, has it
                claimed += 1
                text = message(reminder, url_map, user.id, speaker(user.language))
                for subscription in PushSubscription.live_for(user.id, seen_since):
                    enqueue(subscription.id, text)
        except Exception:       # one person's bad row must not stop everyone else's reminders
            log.exception("push: finding reminders for person %s failed", user_id)
    return claimed


def still_wanted(push, subscription, msg, now):
    """Checked again just before a delivery (a retry may come minutes later): the device still
    takes reminders, for the same person; and, but for a test, it is not their quiet hours, and
    what the reminder is about still holds (a pause, a question waiting, no pause for the rest)."""
    if subscription is None or subscription.user_id != msg["user"]:
        return False
    seen_since = now.astimezone(dt.UTC).replace(tzinfo=None) - push.session_lifetime
    if not PushSubscription.live(seen_since).where(PushSubscription.id == subscription.id).exists():
        return False
    if msg["kind"] == due.TEST:
        return True
    user = subscription.user
    local = now.astimezone(due.zone_of(user, due.Facts(offset_minutes=CheckIn.latest_offset(user))))
    if due.in_quiet_hours(local.strftime("%H:%M"), due.quiet_hours(user, push.rules)):
        return False
    paused = RedFlagCheck.program_paused(user)
    if msg["kind"] == due.PAUSED:
        return paused
    if msg["kind"] == due.CONTACT:
        return not paused and RedFlagCheck.awaiting_contact(user).exists()
    return not paused
