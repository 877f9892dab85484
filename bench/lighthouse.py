"""Lighthouse (npm, run against Debian's Chromium) on every main page, mobile form factor."""
import json
import os
import statistics
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
# Lighthouse's own advice on variance: run it several times and take the median.
RUNS = 3


def run(base, cookie, runs=RUNS):
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        return {"skipped": "lighthouse is not installed (bench/run installs it into bench/tools)"}
    scores = {}
    for name, path in PAGES.items():
        reports = [report for report in (_once(binary, base + path, cookie) for _ in range(runs))
                   if isinstance(report, dict) and "categories" in report]
        if not reports:
            scores[name] = {"error": "no run recorded a trace"}
            continue
        scores[name] = _median(reports)
    return scores


def _once(binary, url, cookie):
    """One Lighthouse report (a dict), or None when no attempt recorded the load."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        cmd = [str(binary), url, "--quiet", "--output=json", f"--output-path={out.name}",
               "--form-factor=mobile", f"--chrome-flags={FLAGS}",
               "--extra-headers=" + json.dumps({"Cookie": cookie})]
        # Lighthouse now and then fails to record the trace of a load; one more try settles it.
        for _attempt in range(ATTEMPTS):
            done = subprocess.run(cmd, check=False, capture_output=True, text=True,
                                  env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=180)
            if not done.returncode:
                report = json.loads(Path(out.name).read_text())
                if not report.get("runtimeError"):
                    return report
    return None


def _median(reports):
    """Each category's median score and the median LCP over the runs, with their spread; the
    audits below 90 in the run with the median performance score."""
    def category(report, key):
        return round(report["categories"][key]["score"] * 100)

    def lcp(report):
        return round(report["audits"]["largest-contentful-paint"]["numericValue"])
    figures = {key: int(statistics.median_low(category(r, key) for r in reports))
               for key in reports[0]["categories"]}
    middle = sorted(reports, key=lambda r: category(r, "performance"))[(len(reports) - 1) // 2]
    figures["lcp_ms"] = round(statistics.median(lcp(r) for r in reports))
    figures["runs"] = len(reports)
    figures["performance_range"] = [min(category(r, "performance") for r in reports),
                                    max(category(r, "performance") for r in reports)]
    figures["lcp_range_ms"] = [min(lcp(r) for r in reports), max(lcp(r) for r in reports)]
    figures["failed_audits"] = sorted(
        audit_id for audit_id, audit in middle["audits"].items()
        if audit.get("score") is not None and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric"))[:8]
    return figures
