"""Draw the exercise figures into content/exercises/<slug>.svg, or look at them.

    .venv/bin/python scripts/draw_exercises.py              # write every drawing
    .venv/bin/python scripts/draw_exercises.py --preview DIR [slug ...]

--preview renders each drawing in headless Chromium at 390 px wide with static/css/app.css, in
light and dark: the two panels as reduced motion shows them, and five moments of the movement."""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from drawings import lying, upright

SCENES = {**lying.SCENES, **upright.SCENES}
EXERCISES = ROOT / "content" / "exercises"
PAGE = """<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="{css}">
<style>body{{margin:0;padding:8px;min-height:0;background:var(--bg)}} figure{{margin:0 0 8px}}</style></head>
<body>{figures}</body></html>"""


def write(slugs):
    for slug in slugs:
        text = SCENES[slug]()
        (EXERCISES / f"{slug}.svg").write_text(text, encoding="utf-8")
        print(f"{slug}.svg {len(text.encode())} bytes")


def preview(out, slugs):
    from playwright.sync_api import sync_playwright
    out.mkdir(parents=True, exist_ok=True)
    css = (ROOT / "static" / "css" / "app.css").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for scheme in ("light", "dark"):
            for motion in ("reduce", "no-preference"):
                page = browser.new_page(viewport={"width": 390, "height": 400}, color_scheme=scheme,
                                        reduced_motion=motion, device_scale_factor=2)
                for slug in slugs:
                    svg = SCENES[slug]()
                    copies = 1 if motion == "reduce" else 5
                    figures = "".join(f'<figure class="ex-figure">{svg}</figure>' for _ in range(copies))
                    html = out / "page.html"
                    html.write_text(PAGE.format(css=css, figures=figures))
                    page.goto(html.as_uri())
                    # Five moments of the 8 s cycle: start, on the way, half way, end, on the way back.
                    page.evaluate("""() => [...document.querySelectorAll('figure')].forEach((f, i) =>
                        f.getAnimations({subtree: true}).forEach(a => {
                          a.pause(); a.currentTime = [0, 1100, 2000, 4000, 6200][i]; }))""")
                    kind = "still" if motion == "reduce" else "moving"
                    page.locator("body").screenshot(path=str(out / f"{slug}-{kind}-{scheme}.png"))
                page.close()
        browser.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--preview", type=Path)
    parser.add_argument("slugs", nargs="*")
    args = parser.parse_args()
    slugs = args.slugs or sorted(SCENES)
    if args.preview:
        preview(args.preview, slugs)
    else:
        write(slugs)


if __name__ == "__main__":
    main()
