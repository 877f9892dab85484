"""One message to one browser's push service, with pywebpush: the payload encrypted for that
browser alone (RFC 8291, aes128gcm) and signed with the server's VAPID key (RFC 8292). No Flask.

The push service's answer decides what happens next: accepted, the subscription is gone (404 or
410: the person turned reminders off in the browser, or it was replaced), or anything else, which
raises so the queue tries again later."""
import json
from urllib.parse import urlsplit

import requests
from pywebpush import WebPushException, webpush

GONE = (404, 410)
TIMEOUT = 10            # seconds to wait for a push service


class Gone(Exception):
    """The push service says this subscription no longer exists."""


class NotAccepted(Exception):
    """The push service did not take the message (or could not be reached): try again later."""


def send(info, payload, vapid, subject, ttl, topic=None, session=None):
    """Send `payload` (a dict, sent as JSON) to the subscription `info`; returns the HTTP status.
    Raises Gone or NotAccepted."""
    headers = {"Urgency": "normal"}
    if topic:
        headers["Topic"] = topic        # a newer message with the same topic replaces one not yet delivered
    try:
        response = webpush(info, data=json.dumps(payload, separators=(",", ":")), vapid_private_key=vapid,
                           vapid_claims={"sub": subject}, ttl=ttl, timeout=TIMEOUT, headers=headers,
                           requests_session=session)
    except WebPushException as error:
        status = error.response.status_code if error.response is not None else None
        if status in GONE:
            raise Gone(status) from None
        raise NotAccepted(f"push service answered {status}") from None
    except requests.RequestException as error:
        raise NotAccepted(f"push service unreachable: {type(error).__name__}") from None
    return response.status_code


def allowed_endpoint(endpoint, hosts):
    """True when `endpoint` is an https URL on one of the push services in `hosts` (names, or
    "*.example.com" for any name under it). Without this a signed-in person could make the server
    post to any address it can reach."""
    if not isinstance(endpoint, str) or len(endpoint) > 1024 or not endpoint.isascii():
        return False
    try:
        parts = urlsplit(endpoint)
        host, _ = parts.hostname, parts.port
    except ValueError:
        return False
    if parts.scheme != "https" or not host or parts.username or parts.password:
        return False
    for allowed in hosts:
        if allowed.startswith("*.") and host.endswith(allowed[1:]):
            return True
        if host == allowed:
            return True
    return False
