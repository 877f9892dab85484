"""The server's VAPID key pair (RFC 8292): push services accept a message only when it is signed
with the private key whose public half the browser subscribed with. No Flask.

Like the secret key, it is generated once into the instance folder (readable by its owner only),
or given by VAPID_PRIVATE_KEY; several servers must share one (set the variable on each), or a
subscription made through one server is refused when another signs for it.
"""
import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid

KEY_FILE = "vapid_private_key.pem"


class BadKey(ValueError):
    """VAPID_PRIVATE_KEY is not a P-256 private key in any form we read."""


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def new_private_key():
    """A fresh private key as VAPID_PRIVATE_KEY takes it: the 32-byte number, base64url."""
    key = ec.generate_private_key(ec.SECP256R1())
    return b64url(key.private_numbers().private_value.to_bytes(32, "big"))


def from_setting(value):
    """A Vapid from VAPID_PRIVATE_KEY: base64url (the raw 32 bytes, or DER), or PEM text."""
    try:
        text = value.strip()
        if "-----BEGIN" in text:
            key = serialization.load_pem_private_key(text.encode(), password=None)
            if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
                raise ValueError("not a P-256 key")
            return Vapid(key)
        return Vapid.from_string(text)
    except Exception as error:      # every library reports a bad key its own way
        raise BadKey(f"VAPID_PRIVATE_KEY is not a P-256 private key ({error})") from None


def from_instance(instance: Path):
    """The key pair kept in the instance folder, made on first use. Two processes starting at
    once (gunicorn's workers, the queue's consumer) end up with the same key: the file is written
    aside and linked into place, which only one of them can do."""
    path = instance / KEY_FILE
    if not path.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        aside = instance / f".{KEY_FILE}.{os.getpid()}"
        fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
        try:
            os.link(aside, path)
        except FileExistsError:
            pass                    # another process was first: use its key
        finally:
            aside.unlink()
    return from_setting(path.read_text())


def public_key(vapid):
    """The public key as the browser's pushManager.subscribe() takes it (applicationServerKey):
    the uncompressed P-256 point, base64url."""
    return b64url(vapid.public_key.public_bytes(serialization.Encoding.X962,
                                                serialization.PublicFormat.UncompressedPoint))
