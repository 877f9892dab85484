"""One human figure, drawn the same way in every exercise drawing: a side view built from joint
angles (forward kinematics, with two-bone IK where a hand or foot must land on a spot), and a view
from beyond the feet for the two exercises whose movement is sideways. Angles are in degrees, SVG
style: 0 points right, 90 points down. Proportions follow the usual eight-heads figure, about 118
units tall. A figure gives a list of pieces (class, SVG element), painted in order."""
import itertools
import math

LENGTH = {"trunk": 36, "neck": 12, "thigh": 29, "shin": 28, "foot": 12, "upper": 21, "fore": 20}
WIDTH = {"trunk": 17, "thigh": 12, "shin": 9, "foot": 5, "upper": 8, "fore": 6.5, "neck": 7}
HEAD = 7.5
LEG = ("thigh", "shin", "foot")
ARM = ("upper", "fore")
ZOOM = [1.0, 0.0, 0.0]      # scale, x, y: the part of the scene a panel shows (scene.document sets it)


def polar(p, angle, length):
    a = math.radians(angle)
    return (p[0] + length * math.cos(a), p[1] + length * math.sin(a))


def lerp(p, q, t):
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


def angle_to(p, q):
    return math.degrees(math.atan2(q[1] - p[1], q[0] - p[0]))


def two_bone(root, target, a, b, side):
    """The joint angles reaching target from root with bones a and b; side (a point) says which way
    the middle joint (knee, elbow) points."""
    d = max(abs(a - b) + 0.01, min(math.dist(root, target), a + b - 0.01))
    phi = angle_to(root, target)
    alpha = math.degrees(math.acos(max(-1, min(1, (a * a + d * d - b * b) / (2 * a * d)))))
    first = min((phi - alpha, phi + alpha), key=lambda angle: math.dist(polar(root, angle, a), side))
    return first, angle_to(polar(root, first, a), target)


def fmt(v):
    return str(round(v))


def half(v):
    return str(round(v * 2) / 2).removesuffix(".0")


def xy(p):
    x, y = _zoomed(p)
    return f"{x} {y}"


def width(w):
    return half(w * ZOOM[0])


def _zoomed(p):
    s, x0, y0 = ZOOM
    return round((p[0] - x0) * s), round((p[1] - y0) * s)


def path(points):
    """M to the first point, then relative lines (shorter): 'M109 83l35-26 26 34'."""
    pts = [_zoomed(p) for p in points]
    steps = "".join(f"{dx} {dy}".replace(" -", "-") + " " for (dx, dy) in
                    ((b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(pts)))
    return f"M{pts[0][0]} {pts[0][1]}" + (f"l{steps.strip()}".replace(" -", "-") if steps else "")


def stroke(cls, w, d):
    """A piece: one stroked path (d already zoomed)."""
    return (cls, f'<path stroke-width="{width(w)}" d="{d}"/>')


def circle(cls, centre, r):
    x, y = xy(centre).split()
    return (cls, f'<circle class="fig-head" cx="{x}" cy="{y}" r="{width(r)}"/>')


def render(pieces):
    """Pieces to SVG: neighbours with the same class share a group, and paths of the same width one d."""
    out, groups = [], []
    for cls, element in pieces:
        if groups and groups[-1][0] == cls:
            last = groups[-1][1]
            if element.startswith("<path") and last[-1].startswith("<path") and \
                    element.split('" d=')[0] == last[-1].split('" d=')[0]:
                last[-1] = last[-1][:-3] + element.split(' d="')[1][:-3] + '"/>'
                continue
            last.append(element)
        else:
            groups.append((cls, [element]))
    for cls, elements in groups:
        if not cls:
            out += elements
        elif len(elements) == 1 and ' class="' in elements[0]:
            out.append(elements[0].replace(' class="', f' class="{cls} ', 1))
        elif len(elements) == 1:
            out.append(elements[0].replace(" ", f' class="{cls}" ', 1))
        else:
            out.append(f'<g class="{cls}">{"".join(elements)}</g>')
    return "".join(out)


class Side:
    """A side-view pose: hip (x, y), or shoulder when it stays put; trunk, head, bend (spine curve,
    + towards the front) and bend_at (where along the trunk, 0 at the hip); per limb the segment angles (thigh, shin, foot; upper, fore; a '2' suffix
    for the far limb) or an IK target (ankle, hand; ankle2, hand2: a point or a function of the
    joints found so far), with knees / elbows the way those joints point. face: +1 if the front
    is 90 degrees clockwise of the trunk. extra(figure) adds pieces after the head."""

    def __init__(self, pose, moving=(), face=1, extra=None):
        self.q, self.moving, self.face, self.extra = dict(pose), set(moving), face, extra
        self.j = {}
        self._solve()

    def _solve(self):
        q, j = self.q, self.j
        if "hip" not in q:
            q["hip"] = polar(q["shoulder"], q["trunk"] + 180, LENGTH["trunk"])
        j["hip"] = hip = q["hip"]
        j["shoulder"] = sh = polar(hip, q["trunk"], LENGTH["trunk"])
        self.front = polar((0, 0), q["trunk"] + 90 * self.face, 1)
        j["head"] = polar(sh, q.get("head", q["trunk"]), LENGTH["neck"])
        for suffix in ("", "2"):
            self._limb(hip, LEG, "ankle" + suffix, suffix, front=True)
        for suffix in ("", "2"):
            self._limb(sh, ARM, "hand" + suffix, suffix, front=False)

    def length(self, part):
        """Arms reaching out to the side look shorter from the side: pose 'arms' scales them."""
        return LENGTH[part] * (self.q.get("arms", 1) if part in ARM else 1)

    def _limb(self, root, names, target, suffix, front):
        q, j = self.q, self.j
        first, second = names[0] + suffix, names[1] + suffix
        if target in q:
            goal = q[target](j) if callable(q[target]) else q[target]
            mid = lerp(root, goal, 0.5)
            way = q.get("knees" if front else "elbows")
            if way is None:     # knees to the front, elbows to the back
                way = angle_to((0, 0), self.front) + (0 if front else 180)
            side = polar(mid, way, 60)
            q[first], q[second] = two_bone(root, goal, self.length(names[0]), self.length(names[1]), side)
        if first not in q:
            return
        mid = polar(root, q[first], self.length(names[0]))
        end = polar(mid, q[second], self.length(names[1]))
        if front:
            j["knee" + suffix], j["ankle" + suffix] = mid, end
            j["toe" + suffix] = polar(end, q.get("foot" + suffix, q[second] - 90), LENGTH["foot"])
        else:
            j["elbow" + suffix], j["hand" + suffix] = mid, end

    def limbs(self, suffix):
        j, out = self.j, []
        if "knee" + suffix in j:
            heel = polar(j["ankle" + suffix], angle_to(j["toe" + suffix], j["ankle" + suffix]), 3)
            out.append([("thigh" + suffix, [j["hip"], j["knee" + suffix]]),
                        ("shin" + suffix, [j["knee" + suffix], j["ankle" + suffix]]),
                        ("foot" + suffix, [heel, j["toe" + suffix]])])
        if "elbow" + suffix in j:
            out.append([("upper" + suffix, [j["shoulder"], j["elbow" + suffix]]),
                        ("fore" + suffix, [j["elbow" + suffix], j["hand" + suffix]])])
        return out

    def pieces(self):
        """Far limbs, trunk, neck, head, extras, then the near limbs, each with a thin gap (in the
        background colour) where it crosses the body."""
        j, q, out = self.j, self.q, []
        for limb in self.limbs("2"):
            out += [stroke(self._cls(part, far=True), WIDTH[part[:-1]], path(pts)) for part, pts in limb]
        top = polar(j["shoulder"], q["trunk"] + 180, 4)
        bend = polar(lerp(j["hip"], top, q.get("bend_at", 0.5)), angle_to((0, 0), self.front), q.get("bend", 0))
        out.append(stroke(self._cls("trunk"), WIDTH["trunk"], f"M{xy(j['hip'])}Q{xy(bend)} {xy(top)}"))
        out.append(stroke("", WIDTH["neck"], path([j["shoulder"], j["head"]])))
        head = self._cls("head")
        out.append(circle(head, j["head"], HEAD))
        if q.get("nose", True):
            nose = polar(j["head"], q.get("head", q["trunk"]) + 90 * self.face, HEAD + 1.5)
            out.append(stroke(head, 3, path([j["head"], nose])))
        out += self.extra(self) if self.extra else []
        for limb in self.limbs(""):
            for n, (part, pts) in enumerate(limb[:2]):
                gap = [lerp(*pts, 0.5), pts[1]] if n == 0 else pts
                out.append(stroke("fig-gap", WIDTH[part] + 3, path(gap)))
            out += [stroke(self._cls(part), WIDTH[part], path(pts)) for part, pts in limb]
        return out

    def _cls(self, part, far=False):
        groups = {"leg": LEG, "arm": ARM, "leg2": [n + "2" for n in LEG], "arm2": [n + "2" for n in ARM]}
        moving = any(part == m or part in groups.get(m, ()) for m in self.moving)
        return " ".join(c for c, on in (("fig-far", far), ("fig-move", moving)) if on)


class Oblique:
    """The figure lying on its back, for the movements that go sideways, seen from beyond its feet
    and above (elevation in degrees). Points are 3D: x along the body (the hips at 0, the feet +),
    y across (+ the figure's left, drawn on the right), z up: knees k/k2, ankles a/a2, elbows e/e2,
    hands h/h2 (the '2' limbs are the right ones); light_arms draws the arms in the lighter colour.
    Pieces are painted farthest first."""

    def __init__(self, pose, moving=(), origin=(100, 70), elevation=40):
        self.q, self.moving, self.origin = pose, set(moving), origin
        self.cos, self.sin = math.cos(math.radians(elevation)), math.sin(math.radians(elevation))
        self.j = {name: self.at(v) for name, v in pose.items() if isinstance(v, tuple) and len(v) == 3}
        if "k" in self.j:
            self.j["knees"] = lerp(self.j["k"], self.j["k2"], 0.5)

    def at(self, p):
        x, y, z = p
        near = 1 + self.depth(p) * 0.005       # a touch of perspective: what is nearer looks bigger
        return (self.origin[0] + y * near, self.origin[1] + (x * self.sin - z * self.cos) * near)

    def depth(self, *points):
        return sum(x * self.cos + z * self.sin for x, _, z in points) / len(points)

    def pieces(self):
        q = self.q
        hips, shoulders = [(0, s * 7, 8) for s in (1, -1)], [(-34, s * 12, 9) for s in (1, -1)]
        trunk = path([self.at(p) for p in hips + shoulders[::-1]]) + "Z"
        body = f'<path class="fig-head" stroke-width="{width(12)}" d="{trunk}"/>'
        out = [(self.depth(*hips, *shoulders), ("", body)),
               (self.depth((-48, 0, 10)), circle("", self.at((-48, 0, 10)), HEAD + 0.5))]
        for s, n in ((1, ""), (-1, "2")):
            k, a = q["k" + n], q["a" + n]
            elbow, hand = q.get("e" + n, (-18, s * 16, 3)), q.get("h" + n, (-2, s * 17, 3))
            bones = (("thigh", (0, s * 7, 8), k), ("shin", k, a), ("foot", a, (a[0] + 8, a[1], 1)),
                     ("upper", (-34, s * 13, 9), elbow), ("fore", elbow, hand))
            for part, a3, b3 in bones:
                far = part in ARM and q.get("light_arms")
                limb = ("leg" if part in LEG else "arm") + n
                moving = limb in self.moving or (limb.startswith("leg") and "legs" in self.moving)
                cls = " ".join(c for c, on in (("fig-far", far), ("fig-move", moving)) if on)
                ends, depth = [self.at(a3), self.at(b3)], self.depth(a3, b3)
                if part != "foot" and not far:
                    gap = path([lerp(*ends, 0.35), ends[1]])
                    out.append((depth - 0.01, stroke("fig-gap", WIDTH[part] + 3, gap)))
                out.append((depth, stroke(cls, WIDTH[part] + (3 if part == "foot" else 0), path(ends))))
        out.sort(key=lambda p: p[0])
        return [p[1] for p in out]
