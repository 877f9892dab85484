"""Vendored files match their recorded SHA-256; no third-party script or request anywhere."""
import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"


def recorded_hashes():
    rows = re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", (VENDOR / "VENDOR.md").read_text(), re.MULTILINE)
    return dict(rows)


def test_every_vendored_file_matches_its_recorded_sha256():
    recorded = recorded_hashes()
    files = {p.name for p in VENDOR.iterdir() if p.name != "VENDOR.md"}
    assert files == set(recorded), "every vendored file is listed in VENDOR.md, and only those"
    for name, digest in recorded.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_htmx_is_a_pinned_4_0_release():
    names = [p.name for p in VENDOR.glob("htmx-*.min.js")]
    assert names == ["htmx-4.0.1.min.js"]
    assert "Zero-Clause BSD" in (VENDOR / "htmx.LICENSE").read_text()


def test_only_our_own_scripts_are_loaded():
    base = (ROOT / "templates" / "base.html").read_text()
    # One inline script, ours, allowed by its hash (static/js/boot.js); it loads htmx and app.js.
    assert re.findall(r"<script[^>]*>(.*?)</script>", base) == ["{{ inline_script('js/boot.js') }}"]
    assert "asset('vendor/htmx-4.0.1.min.js')" in base and "asset('js/app.js')" in base
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        if path.name != "base.html":
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline script in {path.name}"
        assert not re.search(r"(src|href)=\"https?://", text), f"third-party URL in {path.name}"
        assert " style=\"" not in text, f"inline style in {path.name} (blocked by our CSP)"


def test_no_third_party_urls_in_our_javascript_and_css():
    for path in list((ROOT / "static").rglob("*.js")) + list((ROOT / "static").rglob("*.css")):
        if "vendor" in path.parts:
            continue
        assert not re.search(r"https?://", path.read_text()), path.name


def test_the_inline_script_is_allowed_by_its_hash_and_nothing_else_inline(client):
    import base64
    page = client.get("/red-flags")
    inline = re.findall(r"<script[^>]*>(.*?)</script>", page.get_data(as_text=True), re.DOTALL)
    # boot.js as it is, less its whole-line comments (every page would carry them).
    code = (ROOT / "static" / "js" / "boot.js").read_text().splitlines(keepends=True)
    assert inline == ["".join(line for line in code if not line.lstrip().startswith("//"))]
    assert "//" not in inline[0].split("\n")[0] and "import(root.app)" in inline[0]
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    csp = page.headers["Content-Security-Policy"]
    assert f"script-src 'self' 'sha256-{digest}';" in csp and "unsafe-inline" not in csp
