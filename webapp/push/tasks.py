"""The queue's push tasks (webapp/queue.py): every minute, find what is due and claim it; then one
delivery per device, which the queue retries with back-off when the push service does not take
it. A delivery is retried only when the message was not accepted, so a retry never sends twice.
"""
import datetime as dt
import logging

from huey import crontab

from ..i18n import in_language, say
from ..models import PushSent, PushSubscription, utcnow
from ..queue import app_context, current_app_object, huey
from . import finding, sending

log = logging.getLogger(__name__)
BACKOFF = 2         # each retry waits twice as long as the one before
KEEP_SENT = dt.timedelta(days=35)


@huey.periodic_task(crontab(), name="push_find_due")
def find_due():
    """Every minute: claim what is due and queue its deliveries."""
    with app_context() as app:
        finding.find_due(app.extensions["push"], app.url_map, dt.datetime.now(dt.UTC), enqueue, speaker)


def speaker(language):
    """A reminder's words in the person's own language (English when they chose none)."""
    def speak(text):
        with in_language(language or "en"):
            return say(text)
    return speak


@huey.periodic_task(crontab(minute="17"), name="push_forget_sent")
def forget_sent():
    """Hourly: the sent log is only read for the last week or so (the 12-week check's "once a
    week"), so claims older than KEEP_SENT go."""
    with app_context():
        PushSent.forget_before(utcnow() - KEEP_SENT)


@huey.task(name="push_deliver")
def deliver(subscription_id, msg):
    """Send one reminder to one device, unless it is no longer wanted there (see still_wanted)."""
    with app_context() as app:
        return deliver_now(app.extensions["push"], subscription_id, msg, dt.datetime.now(dt.UTC))


def deliver_now(push, subscription_id, msg, now):
    """"sent", "dropped" or "gone"; raises sending.NotAccepted for the queue to retry."""
    subscription = PushSubscription.get_or_none(PushSubscription.id == subscription_id)
    if not finding.still_wanted(push, subscription, msg, now):
        return "dropped"
    try:
        sending.send(subscription.info(), msg["payload"], push.vapid, push.subject, push.ttl,
                     topic=msg["payload"]["tag"][:32])
    except sending.Gone:
        PushSubscription.gone(subscription.id)
        log.info("push: subscription %s is gone; removed", subscription.id)
        return "gone"
    try:
        PushSubscription.update(last_sent_at=utcnow()).where(PushSubscription.id == subscription.id).execute()
    except Exception:       # the message went: an error now must not make the queue send it again
        log.exception("push: could not note the delivery to subscription %s", subscription.id)
    return "sent"


def enqueue(subscription_id, msg):
    """Queue one delivery with the app's retry settings (PUSH_RETRIES, PUSH_RETRY_DELAY)."""
    push = current_app_object().extensions["push"]
    task = deliver.s(subscription_id, msg)
    task.retries, task.retry_delay, task.retry_backoff = push.retries, push.retry_delay, BACKOFF
    return huey.enqueue(task)
