"""The exercise drawings in real headless Chromium: one figure moving gently from start to end and
back when motion is welcome; with reduced motion no animation at all and the start and end side by
side; colours that hold their contrast in light and dark; no CSP complaint; axe at 0."""
import pytest

from ..helpers import axe_violations

pytestmark = pytest.mark.browser

WIDE, TALL = "glute-bridge", "sitting-nerve-slider"      # a figure lying down, and one sitting

FIGURE = """() => {
  const svg = document.querySelector('.ex-figure svg');
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const poses = [...svg.querySelectorAll('.fig-pose')];
  return {
    svg: box(svg),
    start: box(svg.querySelector('.fig-start .fig-pose')), end: box(svg.querySelector('.fig-end .fig-pose')),
    animations: poses.map(p => getComputedStyle(p).animationName),
    running: document.getAnimations().filter(a => svg.contains(a.effect.target)).length,
    tween: getComputedStyle(svg.querySelector('.fig-tween')).display,
    divider: getComputedStyle(svg.querySelector('.fig-divider')).display,
  };
}"""


def relative_luminance(rgb):
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colour_of(page, selector, prop="color"):
    text = page.evaluate(f"getComputedStyle(document.querySelector({selector!r})).{prop}")
    return tuple(int(float(v)) for v in text[text.index("(") + 1:text.index(")")].split(",")[:3])


@pytest.mark.parametrize("slug", [WIDE, TALL])
def test_with_reduced_motion_start_and_end_stand_still_side_by_side(page, live, slug):
    page.emulate_media(reduced_motion="reduce")
    page.goto(live.url + f"/exercises/{slug}")
    figure = page.evaluate(FIGURE)
    assert figure["animations"] and set(figure["animations"]) == {"none"}
    assert figure["running"] == 0
    assert figure["tween"] == "none"
    start, end = figure["start"], figure["end"]
    assert end[0] >= start[2] - 1                  # the end pose is to the right of the start pose
    assert abs(start[3] - end[3]) < 30             # on the same line
    assert page.locator(".fig-start .fig-label").text_content() == "Start"
    assert page.locator(".fig-end .fig-label").text_content() == "End"


@pytest.mark.parametrize("slug", [WIDE, TALL])
def test_with_motion_welcome_one_figure_moves_from_start_to_end_and_back(page, live, slug):
    page.emulate_media(reduced_motion="no-preference")
    page.goto(live.url + f"/exercises/{slug}")
    figure = page.evaluate(FIGURE)
    assert set(figure["animations"]) == {"fig-pose-0", "fig-pose-1", "fig-pose-2"}
    assert figure["running"] >= 3 and figure["tween"] != "none" and figure["divider"] == "none"
    start, end = figure["start"], figure["end"]
    assert abs(start[0] - end[0]) < 40             # one figure, in one place: no longer side by side
    width, height = figure["svg"][2] - figure["svg"][0], figure["svg"][3] - figure["svg"][1]
    assert abs(width / height - (2 if slug == WIDE else 4 / 3)) < 0.05

    def opacity_at(ms, selector):
        page.evaluate(f"document.getAnimations().forEach(a => {{ a.pause(); a.currentTime = {ms}; }})")
        return float(page.evaluate(f"getComputedStyle(document.querySelector({selector!r})).opacity"))
    start_pose, end_pose = ".fig-start .fig-pose", ".fig-end .fig-pose"
    # 4 s from start to end, then back: the start shown first, the end at 4 s, the start again at 8 s.
    assert (opacity_at(0, start_pose), opacity_at(0, end_pose)) == (1, 0)
    assert (opacity_at(4000, start_pose), opacity_at(4000, end_pose)) == (0, 1)
    assert opacity_at(2000, ".fig-t1") == 1
    assert (opacity_at(8000, start_pose), opacity_at(8000, end_pose)) == (1, 0)


def test_walking_and_pedalling_go_on_forward_instead_of_back(page, live):
    page.emulate_media(reduced_motion="no-preference")
    page.goto(live.url + "/exercises/stationary-cycling")
    names = "[...document.querySelectorAll('.fig-pose')].map(p => getComputedStyle(p).animationName)"
    assert set(page.evaluate(names)) == {"fig-loop-0", "fig-loop-1", "fig-loop-2", "fig-loop-3"}
    direction = "getComputedStyle(document.querySelector('.fig-pose')).animationDirection"
    assert page.evaluate(direction) == "normal"

    def shown(ms):
        page.evaluate(f"document.getAnimations().forEach(a => {{ a.pause(); a.currentTime = {ms}; }})")
        return [s for s in (".fig-start .fig-pose", ".fig-t1", ".fig-end .fig-pose", ".fig-t2")
                if page.evaluate(f"getComputedStyle(document.querySelector({s!r})).opacity") == "1"]
    # Start, the pedal going round the back, the end, round the front (not back the way it came).
    assert [shown(ms) for ms in (0, 2000, 4000, 6000, 8000)] == [
        [".fig-start .fig-pose"], [".fig-t1"], [".fig-end .fig-pose"], [".fig-t2"], [".fig-start .fig-pose"]]
    page.emulate_media(reduced_motion="reduce")
    page.reload()
    assert set(page.evaluate(names)) == {"none"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_figure_colours_keep_their_contrast_and_axe_finds_nothing(page, live, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(live.url + "/exercises/bird-dog")        # body, far limbs, both accents, floor
    background = colour_of(page, ".ex-figure", "backgroundColor")
    for selector in (".exercise-figure", ".fig-far:not(.fig-move)", ".fig-move:not(.fig-far)",
                     ".fig-far.fig-move", ".fig-arrow", ".fig-set"):
        assert contrast(colour_of(page, selector), background) >= 3, (scheme, selector)
    body, accent = colour_of(page, ".exercise-figure"), colour_of(page, ".fig-move:not(.fig-far)")
    assert body != accent
    assert colour_of(page, ".fig-gap") == background     # the thin gaps between limbs are the card
    for slug in ("bird-dog", WIDE, "swimming", "buttock-stretch"):
        page.goto(live.url + f"/exercises/{slug}")
        assert axe_violations(page) == [], (scheme, slug)
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    page.goto(live.url + f"/exercises/{TALL}")
    assert axe_violations(page) == [], (scheme, "reduced motion")


def test_the_drawings_break_no_content_security_rule_and_fit_at_320(page, live):
    complaints = []
    page.on("console", lambda m: complaints.append(m.text) if "Content Security Policy" in m.text else None)
    page.set_viewport_size({"width": 320, "height": 640})
    for motion in ("reduce", "no-preference"):
        page.emulate_media(reduced_motion=motion)
        for slug in (WIDE, TALL, "stationary-cycling"):
            page.goto(live.url + f"/exercises/{slug}")
            svg = page.locator(".ex-figure svg").bounding_box()
            assert svg["width"] > 200 and svg["x"] + svg["width"] <= 320, (motion, slug)
            assert page.evaluate("document.documentElement.scrollWidth <= 320"), (motion, slug)
    assert complaints == []
