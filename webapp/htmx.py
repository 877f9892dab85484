"""One URL, two renderings: the whole page, or only its fragment for htmx."""
from flask import render_template, request


def is_fragment_request():
    """True for an htmx request that swaps part of a page (not a boost or a history restore)."""
    h = request.headers
    return (h.get("HX-Request") == "true"
            and h.get("HX-Boosted") != "true"
            and h.get("HX-History-Restore-Request") != "true"
            and h.get("HX-Request-Type", "partial") == "partial")


def render(page, fragment, status=200, **context):
    """Render `fragment` for htmx partial requests, else the full `page` (which includes it)."""
    html = render_template(fragment if is_fragment_request() else page, **context)
    return html, status, {"Vary": "HX-Request"}
