"""The pieces every bench script shares: a gunicorn server on loopback, plain HTTP requests, and
signing in as a browser would (cookie + CSRF token)."""
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """A gunicorn server on loopback, as `make run` starts it, returned once every worker has built
    the app (bench/gunicorn_ready.py): gunicorn listens before its workers are ready, and building
    the app takes seconds, tens of seconds on a busy shared machine."""

    def __init__(self, target, env, workers=2, port=None, timeout=300, wait=True):
        self.port = port or free_port()
        self.target, self.workers, self.timeout = target, workers, timeout
        self.ready = Path(tempfile.mkdtemp(prefix="gunicorn-ready-"))
        self.proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "--no-control-socket", "-c", "python:bench.gunicorn_ready",
             "-w", str(workers), "-b", f"127.0.0.1:{self.port}", "--log-level", "warning", target],
            cwd=ROOT, env={**os.environ, **env, "GUNICORN_READY_DIR": str(self.ready)})
        if wait:
            self.wait()

    def wait(self):
        """Return once every worker has built the app (start several servers, then wait for each)."""
        deadline = time.time() + self.timeout
        while len(list(self.ready.iterdir())) < self.workers:
            if self.proc.poll() is not None or time.time() > deadline:
                self.stop()
                raise RuntimeError(f"{self.target} did not start (status {self.proc.returncode})")
            time.sleep(0.1)
        shutil.rmtree(self.ready, ignore_errors=True)
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def request(port, method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def sign_in(port, email, password):
    """A session cookie and CSRF token for `email`, as a browser would get them."""
    response, html = request(port, "GET", "/account/signin")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1).decode()
    body = f"csrf_token={token}&email={email}&password={password.replace(' ', '+')}"
    response, _ = request(port, "POST", "/account/signin", body, {
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status == 302, f"sign-in failed: {response.status}"
    cookie = response.getheader("Set-Cookie").split(";")[0]
    return session_token(port, cookie)


def session_token(port, cookie):
    """The CSRF token for a session; minting it may update the session cookie, as in a browser."""
    response, data = request(port, "GET", "/api/session", headers={"Cookie": cookie})
    cookie = (response.getheader("Set-Cookie") or cookie).split(";")[0]
    return cookie, json.loads(data)["csrf_token"]
