"""A real Web Push endpoint on 127.0.0.1 for the tests: it plays the push service a browser would
subscribe to (FCM, Mozilla's, Apple's). Over HTTPS with its own throw-away certificate authority,
it takes each POST as a push service does, refuses one whose VAPID signature (RFC 8292) was not
made with the app's key, for this endpoint's origin, unexpired, and decrypts the aes128gcm body
(RFC 8291) with the subscribing "browser's" private key and auth secret, as only that browser can.
What arrived is kept, in order, per subscription; a subscription can be told to answer 410 (gone)
or to fail a few times first (500).

    with PushEndpoint(public_key) as service:
        info = service.subscribe("phone")      # what PushSubscription.toJSON() gives a page
        ...
        service.arrived("phone")               # [{"payload": {...}, "ttl": ..., "at": ...}]
"""
import base64
import datetime as dt
import ipaddress
import json
import os
import ssl
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _certificates(folder):
    """A CA and a certificate for 127.0.0.1 signed by it; returns (ca file, cert file, key file)."""
    def name(common):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])
    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("Test push CA")).issuer_name(name("Test push CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    files = {}
    for label, data in (("ca.pem", ca.public_bytes(serialization.Encoding.PEM)),
                        ("cert.pem", leaf.public_bytes(serialization.Encoding.PEM)),
                        ("key.pem", key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                      serialization.NoEncryption()))):
        files[label] = os.path.join(folder, label)
        with open(files[label], "wb") as fh:
            fh.write(data)
    return files["ca.pem"], files["cert.pem"], files["key.pem"]


class PushEndpoint:
    """The push service (see the module). `public_key` is the app's VAPID public key (base64url)."""

    def __init__(self, public_key):
        self.public_key = public_key
        self.folder = tempfile.mkdtemp(prefix="push-endpoint-")
        self.ca_file, cert, key = _certificates(self.folder)
        self.browsers = {}          # name -> (private key, auth secret)
        self.received = {}          # name -> [message]
        self.refused = []           # (name, reason)
        self.answers = {}           # name -> [status, ...] answered before accepting
        self.attempts = {}          # name -> [(time, status answered)]
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)

    @property
    def origin(self):
        return f"https://127.0.0.1:{self.server.server_port}"

    def subscribe(self, name):
        """A new "browser" subscription: its own P-256 key pair and 16-byte auth secret."""
        private = ec.generate_private_key(ec.SECP256R1())
        secret = os.urandom(16)
        with self.lock:
            self.browsers[name] = (private, secret)
            self.received.setdefault(name, [])
        point = private.public_key().public_bytes(serialization.Encoding.X962,
                                                  serialization.PublicFormat.UncompressedPoint)
        return {"endpoint": f"{self.origin}/push/{name}", "expirationTime": None,
                "keys": {"p256dh": b64url(point), "auth": b64url(secret)}}

    def answer(self, name, *statuses):
        """Answer the next pushes to `name` with these statuses (e.g. 500, 500), then accept."""
        with self.lock:
            self.answers[name] = list(statuses)

    def forget(self, name):
        """The browser unsubscribed: from now on the endpoint answers 410 Gone."""
        with self.lock:
            self.browsers.pop(name, None)

    def arrived(self, name):
        with self.lock:
            return list(self.received.get(name, []))

    def all_arrived(self):
        with self.lock:
            return {name: list(messages) for name, messages in self.received.items() if messages}

    def wait_for(self, name, count, timeout=30.0):
        deadline = time.monotonic() + timeout
        while len(self.arrived(name)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.arrived(name))} of {count} pushes to {name} arrived; "
                                     f"refused: {self.refused}")
            time.sleep(0.05)
        return self.arrived(name)

    # ---- the checks a push service makes ----

    def check_vapid(self, header):
        """None when the Authorization header is a valid VAPID token for this origin signed with
        the app's key; else why not."""
        scheme, _, params = (header or "").partition(" ")
        if scheme.lower() != "vapid":
            return "not a vapid Authorization header"
        parts = dict(p.strip().split("=", 1) for p in params.split(",") if "=" in p)
        if parts.get("k") != self.public_key:
            return "signed with another key than the app's"
        try:
            head, claims, signature = parts["t"].split(".")
            raw = unb64url(signature)
            key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(self.public_key))
            key.verify(encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")),
                       f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
            header_json, claims_json = json.loads(unb64url(head)), json.loads(unb64url(claims))
        except Exception as error:
            return f"bad token: {error!r}"
        if header_json.get("alg") != "ES256":
            return "not ES256"
        if claims_json.get("aud") != self.origin:
            return f"audience {claims_json.get('aud')} is not {self.origin}"
        if not time.time() < claims_json.get("exp", 0) <= time.time() + 24 * 3600:
            return "expired, or valid for more than 24 hours"
        if not str(claims_json.get("sub", "")).startswith(("mailto:", "https://")):
            return "no contact (sub)"
        return None

    def _handler(self):
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                name = self.path.rsplit("/", 1)[-1]
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with endpoint.lock:
                    browser = endpoint.browsers.get(name)
                    queued = endpoint.answers.get(name) or []
                    status = queued.pop(0) if queued else None
                if browser is None:
                    return self._reply(410)
                if status is not None:
                    return self._reply(status)
                problem = endpoint.check_vapid(self.headers.get("Authorization"))
                if problem is None and self.headers.get("Content-Encoding") != "aes128gcm":
                    problem = "not aes128gcm"
                if problem is None:
                    try:
                        payload = json.loads(http_ece.decrypt(body, private_key=browser[0], auth_secret=browser[1],
                                                              version="aes128gcm"))
                    except Exception as error:
                        problem = f"could not decrypt: {error!r}"
                if problem is not None:
                    with endpoint.lock:
                        endpoint.refused.append((name, problem))
                    return self._reply(403 if "key" in problem or "token" in problem else 400)
                with endpoint.lock:
                    endpoint.received[name].append({
                        "payload": payload, "at": time.time(), "ttl": int(self.headers.get("TTL", -1)),
                        "urgency": self.headers.get("Urgency"), "topic": self.headers.get("Topic")})
                self._reply(201)

            def _reply(self, status):
                with endpoint.lock:
                    endpoint.attempts.setdefault(self.path.rsplit("/", 1)[-1], []).append((time.time(), status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        return Handler

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
