"""Lighthouse (npm, run against Debian's Chromium) on every main page, mobile form factor."""
import json
import os
import subprocess
import tempfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parent / "tools"
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync")
PAGES = {"sign-in": "/account/signin", "red flags": "/red-flags", "library": "/library/",
         "article": "/library/what-is-sciatica", "today": "/", "log": "/log/", "program": "/program",
         "report": "/report/"}
ATTEMPTS = 2


def run(base, cookie):
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        return {"skipped": "lighthouse is not installed (bench/run installs it into bench/tools)"}
    scores = {}
    for name, path in PAGES.items():
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            cmd = [str(binary), base + path, "--quiet", "--output=json", f"--output-path={out.name}",
                   "--form-factor=mobile", f"--chrome-flags={FLAGS}",
                   "--extra-headers=" + json.dumps({"Cookie": cookie})]
            # Lighthouse now and then fails to record the trace of a load; one more try settles it.
            for _attempt in range(ATTEMPTS):
                done = subprocess.run(cmd, capture_output=True, text=True,
                                      env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=180)
                if not done.returncode:
                    break
            if done.returncode:
                scores[name] = {"error": done.stderr[-300:]}
                continue
            report = json.loads(Path(out.name).read_text())
            scores[name] = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
            scores[name]["lcp_ms"] = round(report["audits"]["largest-contentful-paint"]["numericValue"])
            scores[name]["failed_audits"] = sorted(
                audit_id for audit_id, audit in report["audits"].items()
                if audit.get("score") is not None and audit["score"] < 0.9
                and audit.get("scoreDisplayMode") in ("binary", "numeric"))[:8]
    return scores
