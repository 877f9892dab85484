""""Forgot your password?" answers in the same time for a registered and an unknown email (issue
22.4). A server in a process of its own, one request at a time as a gunicorn sync worker serves,
really stores and sends every registered email's link (to an SMTP sink in this process); requests
for the two emails are interleaved in random order, and the two medians, their difference and a
bootstrap 95% interval for it are printed. A timing, so a bench and not a test: the equal work
itself is tested call for call in tests/test_auth_reset.py.

    .venv/bin/python -m bench.forgot_timing [pairs]       # or BENCH_ONLY=forgot make bench
"""
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .harness import ROOT, free_port, request

KNOWN, UNKNOWN = "ana@example.com", "bob@example.com"     # the same length
WARMUP = 20


def serve(port, database_url, smtp_port):
    """The server side, in its own process: every request for a registered email sends a mail."""
    from werkzeug.serving import make_server

    from webapp import create_app, db
    from webapp.auth import reset
    from webapp.models import User
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False, "THROTTLE_ADDRESS_FREE": 10**9,
                      "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_port, "MAIL_USE_TLS": False,
                      "MAIL_DEFAULT_SENDER": "Bench <bench@example.org>"})
    reset.mail.init_app(app)
    reset.LINKS_PER_HOUR = 10**9        # every request for Ana is a mail, as the first three are
    db.upgrade()
    with db.database.connection_context():
        if User.by_email(KNOWN) is None:
            User.register(KNOWN, "correct horse battery")
    make_server("127.0.0.1", port, app).serve_forever()


def _ask(port, email):
    body = f"email={email.replace('@', '%40')}"
    start = time.perf_counter()
    response, _ = request(port, "POST", "/account/forgot", body,
                          {"Content-Type": "application/x-www-form-urlencoded"})
    took = (time.perf_counter() - start) * 1000
    assert response.status == 200, response.status
    return took


def _bootstrap(a, b, rounds=2000, seed=22):
    rng = random.Random(seed)
    diffs = sorted(statistics.median(rng.choices(a, k=len(a))) - statistics.median(rng.choices(b, k=len(b)))
                   for _ in range(rounds))
    return diffs[int(rounds * 0.025)], diffs[int(rounds * 0.975)]


class Sink:
    """A local SMTP server (aiosmtpd) that counts what it is sent."""

    def __init__(self):
        self.port, self.count = free_port(), 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 Message accepted for delivery"

    def __enter__(self):
        from aiosmtpd.controller import Controller
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def run(pairs=400):
    tmp = Path(tempfile.mkdtemp(prefix="sciatica-forgot-"))
    port = free_port()
    with Sink() as sink:
        server = subprocess.Popen([sys.executable, "-m", "bench.forgot_timing", "--serve", str(port),
                                   f"sqlite:///{tmp / 'forgot.db'}", str(sink.port)], cwd=ROOT)
        try:
            deadline = time.time() + 30
            while True:
                try:
                    _ask(port, UNKNOWN)
                    break
                except (OSError, AssertionError):
                    if time.time() > deadline:
                        raise
                    time.sleep(0.2)
            for _ in range(WARMUP):
                _ask(port, KNOWN), _ask(port, UNKNOWN)
            times = {KNOWN: [], UNKNOWN: []}
            rng = random.Random(4)
            for _ in range(pairs):
                order = [KNOWN, UNKNOWN]
                rng.shuffle(order)
                for email in order:
                    times[email].append(_ask(port, email))
                    time.sleep(0.002)       # as requests come: the worker's mail may still be going
        finally:
            server.terminate()
            server.wait(10)
        sent = sink.count
    known, unknown = statistics.median(times[KNOWN]), statistics.median(times[UNKNOWN])
    low, high = _bootstrap(times[KNOWN], times[UNKNOWN])
    return {"pairs": pairs, "registered_median_ms": round(known, 3), "unknown_median_ms": round(unknown, 3),
            "difference_ms": round(known - unknown, 3), "difference_95ci_ms": [round(low, 3), round(high, 3)],
            "mails_sent": sent}


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    else:
        result = run(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
        print(result)
        print(f"registered {result['registered_median_ms']} ms, unknown {result['unknown_median_ms']} ms: "
              f"difference {result['difference_ms']} ms (95% interval {result['difference_95ci_ms'][0]} "
              f"to {result['difference_95ci_ms'][1]} ms) over {result['pairs']} interleaved pairs")
