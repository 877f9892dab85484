"""An exercise drawing in WebKit (every iPhone browser): the stylesheet's motion works there too,
one figure cross-fading between start and end, sized by the 4:3 box, inside the screen."""
FIGURE = """
const svg = document.querySelector('.ex-figure svg');
const r = svg.getBoundingClientRect();
const pose = sel => getComputedStyle(svg.querySelector(sel));
return {width: r.width, height: r.height, right: r.right, viewport: innerWidth,
        reduce: matchMedia('(prefers-reduced-motion: reduce)').matches,
        names: [...svg.querySelectorAll('.fig-pose')].map(p => getComputedStyle(p).animationName),
        start: Number(pose('.fig-start .fig-pose').opacity), end: Number(pose('.fig-end .fig-pose').opacity),
        startX: svg.querySelector('.fig-start .fig-pose').getBoundingClientRect().left,
        endX: svg.querySelector('.fig-end .fig-pose').getBoundingClientRect().left};
"""


def test_a_drawing_moves_from_start_to_end_in_webkit(webkit, live):
    webkit.set_window_size(390, 844)
    webkit.get(live.url + "/exercises/sitting-nerve-slider")
    first = webkit.execute_script(FIGURE)
    assert not first["reduce"]        # the MiniBrowser welcomes motion, so the figure moves
    assert set(first["names"]) == {"fig-pose-0", "fig-pose-1", "fig-pose-2"}
    assert abs(first["width"] / first["height"] - 4 / 3) < 0.05 and first["right"] <= first["viewport"]
    assert abs(first["startX"] - first["endX"]) < 40           # one figure in one place
    at = "document.getAnimations().forEach(a => { a.pause(); a.currentTime = %d; }); " + FIGURE
    start, end = webkit.execute_script(at % 0), webkit.execute_script(at % 4000)   # 4 s start to end
    assert (start["start"], start["end"]) == (1, 0) and (end["start"], end["end"]) == (0, 1)
