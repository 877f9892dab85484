"""Recovery codes: made, written down, checked. No Flask.

A code is 12 characters from Crockford's base32 (no I, L, O or U, so nothing is misread), shown
as three groups of four: 60 random bits. Only a scrypt hash is kept. The codes of one set share a
salt, so checking a code costs one scrypt (about 10 ms) however many codes are left, and an
unknown email is checked against a dummy set at the same cost. A copy of the database gives an
attacker 2^60 guesses at 10 ms of work each: far out of reach.
"""
import functools
import hashlib
import hmac
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LENGTH = 3, 4
LENGTH = GROUPS * GROUP_LENGTH
SET_SIZE = 8
# scrypt's cost: n=2^12 with r=8 takes 4 MiB and ~10 ms here; enough over 60 random bits.
N, R, P = 2**12, 8, 1
MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_codes(count=SET_SIZE):
    """A fresh set, formatted for people: ["7KQ2-M9XD-4HBT", ...]."""
    return [display(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(count)]


def display(characters):
    text = "".join(characters)
    return "-".join(text[i:i + GROUP_LENGTH] for i in range(0, LENGTH, GROUP_LENGTH))


def normalise(typed):
    """The 12 characters of a typed code (spaces, dashes and case ignored; O read as 0, I and L
    as 1), or None when it cannot be one of ours."""
    if not isinstance(typed, str) or len(typed) > 64:
        return None
    text = "".join(typed.split()).replace("-", "").upper().translate(MISREAD)
    if len(text) != LENGTH or any(c not in ALPHABET for c in text):
        return None
    return text


def _derive(code, salt, n=N, r=R, p=P):
    return hashlib.scrypt(code.encode(), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def hash_set(codes):
    """The stored form of each code of a set: "scrypt$n$r$p$salt$hash", one salt for the set."""
    salt = secrets.token_bytes(16)
    return [f"scrypt${N}${R}${P}${salt.hex()}${_derive(normalise(code), salt).hex()}" for code in codes]


def _parse(stored):
    try:
        method, n, r, p, salt, digest = stored.split("$")
        if method != "scrypt":
            return None
        return (int(n), int(r), int(p), bytes.fromhex(salt)), bytes.fromhex(digest)
    except (ValueError, AttributeError):
        return None


def find(stored_hashes, typed):
    """The index in `stored_hashes` of the code typed, or None. One scrypt for each salt (each
    set: normally one), and every hash compared in constant time."""
    code = normalise(typed) or "0" * LENGTH     # a malformed code costs the same, and fails
    found, derived = None, {}
    for index, stored in enumerate(stored_hashes):
        parsed = _parse(stored)
        if parsed is None:
            continue
        params, digest = parsed
        if params not in derived:
            n, r, p, salt = params
            derived[params] = _derive(code, salt, n, r, p)
        if hmac.compare_digest(derived[params], digest) and normalise(typed) and found is None:
            found = index
    if not derived:
        find(dummy_set(), typed)               # no codes at all: do the same work anyway
    return found


@functools.cache
def dummy_set():
    """A set nobody has, for checking a code against when the email has no account."""
    return tuple(hash_set(new_codes(1)))
