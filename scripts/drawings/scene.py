"""One exercise drawing as an SVG document: a Start panel and an End panel side by side, and the
in-between poses the stylesheet cross-fades when motion is welcome (static/css/app.css, 'Exercise
drawings'). Without the stylesheet, or with reduced motion, the two panels stand side by side."""
import re
from xml.sax.saxutils import escape

from .figure import ZOOM, angle_to, fmt, path, polar, render, stroke, xy

PANEL_W, PANEL_H = 200, 150
FRAMES = 3          # start, the pose half way, end


def arrow(a, via, b, double=False):
    """A curved arrow from a through via to b, in the accent colour, with a head at b (and at a)."""
    control = (2 * via[0] - (a[0] + b[0]) / 2, 2 * via[1] - (a[1] + b[1]) / 2)
    d = f"M{xy(a)}Q{xy(control)} {xy(b)}"
    heads = [(b, angle_to(control, b))] + ([(a, angle_to(control, a))] if double else [])
    for tip, direction in heads:
        d += path([polar(tip, direction + 150, 5), tip, polar(tip, direction - 150, 5)])
    return stroke("fig-arrow", 2, d)


def follow(joint, shift=(0, 0), trim=0.12, double=False):
    """An arrow along the path a joint takes from start to end, moved by shift, ends trimmed."""
    def draw(figure_at):
        pts = [figure_at(t).j[joint] for t in (trim, 0.5, 1 - trim)]
        return arrow(*[(x + shift[0], y + shift[1]) for x, y in pts], double=double)
    return draw


def fixed(a, via, b, double=False):
    return lambda figure_at: arrow(a, via, b, double)


def arc(centre, radius, start, end, double=False):
    """An arrow on a circle round a fixed point, from one angle to another."""
    a, via, b = (polar(centre, angle, radius) for angle in (start, (start + end) / 2, end))
    return lambda figure_at: arrow(a, via, b, double)


def around(joint, radius, start, end, double=False):
    """An arrow on a circle round a joint (where it is at the start), from one angle to another."""
    def draw(figure_at):
        centre = figure_at(0).j[joint]
        return arc(centre, radius, start, end, double)(figure_at)
    return draw


def points(d):
    """The absolute points of a path made of M, l and Q commands."""
    out, x, y, cmd = [], 0.0, 0.0, "M"
    tokens = re.findall(r"[MlQZ]|-?\d+(?:\.\d+)?", d)
    while tokens:
        if tokens[0] in "MlQZ":
            cmd = tokens.pop(0)
            continue
        a, b = float(tokens.pop(0)), float(tokens.pop(0))
        x, y = (x + a, y + b) if cmd == "l" else (a, b)
        out.append((x, y))
    return out


def bounds(piece):
    """A piece's box (x1, y1, x2, y2), its stroke included."""
    element = piece[1]
    if element.startswith("<circle"):
        cx, cy, r = (float(re.search(f' {k}="([-\\d.]+)"', element).group(1)) for k in ("cx", "cy", "r"))
        return (cx - r, cy - r, cx + r, cy + r)
    w = float(re.search(r'stroke-width="([\d.]+)"', element).group(1)) / 2 + 1
    pts = points(element.split(' d="')[1])
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs) - w, min(ys) - w, max(xs) + w, max(ys) + w)


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def layers(frames):
    """Split the poses' pieces into those drawn once behind, those that change (their indexes), and
    those drawn once in front. A piece that is the same in every pose goes behind when nothing that
    changes and is painted before it touches it, or in front when nothing painted after it does."""
    first, count = frames[0], len(frames[0])
    if any(len(f) != count for f in frames):     # pieces come and go (a face turns): all change
        return [], set(range(max(map(len, frames)))), []
    still = [all(f[n] == first[n] for f in frames) for n in range(count)]
    boxes = [[bounds(f[n]) for f in frames] for n in range(count)]

    def touches(n, m):
        return any(overlap(a, b) for a in boxes[n] for b in boxes[m])
    behind = [n for n in range(count)
              if still[n] and not any(not still[m] and touches(n, m) for m in range(n))]
    ahead = [n for n in range(count) if still[n] and n not in behind
             and not any(not still[m] and touches(n, m) for m in range(n + 1, count))]
    changing = set(range(count)) - set(behind) - set(ahead)
    return [first[n] for n in behind], changing, [first[n] for n in ahead]


def document(title, props, figure_at, arrows=(), front="", view=(0, 0, PANEL_W), ground=138, wide=False,
             loop=False):
    """props: the chair, wall... (drawn behind the figure); front: drawn over it (the water's
    surface); view: the part of the scene shown in a panel (x, y, width; the panel is 4 by 3, or 2
    by 1 when wide, for the figures lying down); ground: the floor's height, drawn across the view
    (None: no floor); loop: the movement goes on rather than back (walking, pedalling: the figure
    at 1.5 is the way from the end back to the start). What every pose shares is drawn once behind
    (fig-back) or in front (fig-front) of what changes (fig-pose)."""
    height = PANEL_W // 2 if wide else PANEL_H
    x0, y0, width = view
    ZOOM[:] = [PANEL_W / width, x0, y0]
    if ground is not None:
        props = f'<path d="M{fmt(x0 + width * 0.03)} {ground}H{fmt(x0 + width * 0.97)}"/>' + props
    zoom = f' transform="matrix({ZOOM[0]:.3g} 0 0 {ZOOM[0]:.3g} {fmt(-x0 * ZOOM[0])} {fmt(-y0 * ZOOM[0])})"'
    times = [i / (FRAMES - 1) for i in range(FRAMES)] + ([1.5] if loop else [])
    frames = [figure_at(t).pieces() for t in times]
    behind, changing, ahead = layers(frames)
    poses = [render([p for n, p in enumerate(f) if n in changing]) for f in frames]
    poses = poses[:FRAMES - 1] + poses[FRAMES:] + [poses[FRAMES - 1]]    # the end pose last
    marks = render([a(figure_at) for a in arrows])
    label = '<text class="fig-label" x="6" y="16">{}</text>'
    kind = " fig-wide" * wide + " fig-loop" * loop

    def group(cls, inside, extra=""):
        return f'<g class="{cls}"{extra}>{inside}</g>' if inside else ""
    still = group("fig-set", props, ' stroke-width="3"' + zoom) + group("fig-back", render(behind))
    ahead_of = group("fig-front", render(ahead) + group("fig-set", front, ' stroke-width="2"' + zoom))
    tween = "".join(group(f"fig-pose fig-t{i}", pose) for i, pose in enumerate(poses[1:-1], 1))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {2 * PANEL_W} {height}" '
        f'preserveAspectRatio="xMidYMid slice" role="img" class="exercise-figure{kind}" '
        'fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">\n'
        f"<title>{escape(title)}</title>\n"
        f'<path class="fig-divider" stroke-width="1" stroke-dasharray="3 5" d="M{PANEL_W} 6V{height - 6}"/>\n'
        f'<g class="fig-start">{still}{group("fig-pose", poses[0])}{ahead_of}'
        f'{group("fig-pose", label.format("Start") + marks)}</g>\n'
        f'<g class="fig-tween" display="none">{tween}</g>\n'
        f'<g class="fig-end" transform="translate({PANEL_W})">{still}{group("fig-pose", poses[-1])}{ahead_of}'
        f'{label.format("End").replace("fig-label", "fig-label fig-pose")}</g>\n'
        "</svg>\n")


def mix(start, end, t):
    """The pose a fraction t of the way from start to end (numbers and points; other values from
    start until half way, then from end)."""
    out = {}
    for key in start.keys() | end.keys():
        a, b = start.get(key, end.get(key)), end.get(key, start.get(key))
        if callable(a) or callable(b):      # targets worked out from the figure's own joints
            fa, fb = (v if callable(v) else (lambda j, v=v: v) for v in (a, b))
            out[key] = lambda j, fa=fa, fb=fb: tuple(x + (y - x) * t for x, y in zip(fa(j), fb(j)))
        elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
            out[key] = a + (b - a) * t
        elif isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
            out[key] = tuple(x + (y - x) * t for x, y in zip(a, b))
        else:
            out[key] = a if t < 0.5 else b
    return out


# ---- scenery ----

def chair(x, seat=102, floor_y=138, facing=1, back=True):
    """A plain chair seen from the side; x is the back edge of the seat, facing +1 opens to the right."""
    front = x + 34 * facing
    d = f"M{x} {seat}H{front}M{x + 2 * facing} {seat}V{floor_y}M{front - 2 * facing} {seat}V{floor_y}"
    if back:
        d += f"M{x} {seat}V{seat - 40}"
    return f'<path d="{d}"/>'


def pillow(x, y, w=22):
    return f'<path stroke-width="7" d="M{x} {y}H{x + w}"/>'
