"""The manifest's language matches the pages, it leaves the phone free to turn (WCAG 1.3.4), and
it offers real screenshots of the app for the richer install dialog, narrow and wide."""
import json
import re
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manifest(client):
    return json.loads(client.get("/manifest.webmanifest").data)


def jpeg_size(data):
    """(width, height) from a JPEG's start-of-frame marker."""
    assert data[:2] == b"\xff\xd8"
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    raise AssertionError("no frame")


def test_the_language_is_the_pages_language(client):
    page_lang = re.search(r'<html lang="([^"]+)"', client.get("/account/signin").text).group(1)
    assert manifest(client)["lang"] == page_lang == "en-GB"


def test_no_orientation_lock(client):
    assert "orientation" not in manifest(client)


def test_screenshots_are_real_small_and_the_size_they_say(client):
    shots = manifest(client)["screenshots"]
    assert {s["form_factor"] for s in shots} == {"narrow", "wide"}
    for shot in shots:
        r = client.get(shot["src"])
        assert r.status_code == 200 and r.mimetype == "image/jpeg" == shot["type"]
        assert "?v=" in shot["src"]                      # hashed: cached for a year
        width, height = jpeg_size(r.data)
        assert shot["sizes"] == f"{width}x{height}"
        assert len(r.data) < 120_000 and shot["label"]
        narrow = shot["form_factor"] == "narrow"
        assert (width < height) if narrow else (width > height)
        assert max(width, height) / min(width, height) <= 2.3      # what install dialogs accept
    # Made by the script in the repository, from the running app, not drawn by hand.
    assert (ROOT / "scripts" / "screenshots.py").exists()


def test_screenshots_are_not_part_of_a_first_visit(client):
    worker = client.get("/sw.js").text
    assert "screenshots/" not in worker
