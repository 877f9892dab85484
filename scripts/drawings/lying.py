"""Drawings of the exercises done lying on the floor, on the back or on the front."""
import math

from .figure import Oblique, Side, lerp, path, polar, stroke, xy
from .scene import around, arrow, chair, document, fixed, follow, mix, pillow

# On the back, head on a thin pillow to the left, knees bent and feet flat, arms by the sides.
BACK = {"shoulder": (62, 129), "trunk": 180, "head": 198, "ankle": (136, 134), "ankle2": (138, 134), "foot": 0,
            "foot2": 0, "upper": 4, "fore": 2, "upper2": 2, "fore2": 0, "knees": -90, "elbows": 90}
PILLOW = pillow(40, 133)
VIEW = (26, 74, 132)


def behind_thigh(share):
    """A hand holding behind the thigh of the near leg, share of the way to the knee."""
    return lambda j: polar(lerp(j["hip"], j["knee"], share), 0, 4)


def lying(title, start, end, moving, arrows, props=PILLOW, view=VIEW, **kw):
    return document(title, props, lambda t: Side(mix(start, end, t), moving=moving, **kw),
                    arrows=arrows, view=view, wide=True)


def abdominal_bracing():
    def tummy(t):
        def draw(fig):
            hip, sh = fig.j["hip"], fig.j["shoulder"]
            a, b = lerp(hip, sh, 0.12), lerp(hip, sh, 0.62)
            mid = polar(lerp(a, b, 0.5), -90, 5 - 2 * t)
            return [stroke("fig-move" if t >= 0.5 else "", 17, f"M{xy(a)}Q{xy(mid)} {xy(b)}")]
        return draw
    pose = dict(BACK, hand=lambda j: polar(lerp(j["hip"], j["shoulder"], 0.2), -90, 10),
                hand2=lambda j: polar(lerp(j["hip"], j["shoulder"], 0.3), -90, 10), arms=0.7)
    return document(
        "Start: lying on your back with your knees bent, feet flat and your fingertips resting on "
        "your lower tummy. End: as you breathe out, your tummy muscles gently tighten and firm up "
        "under your fingers. Your back and hips stay still: this is a tightening, not a movement.",
        PILLOW, lambda t: Side(pose, extra=tummy(t)),
        arrows=[fixed((62, 106), (67, 106), (72, 106)), fixed((104, 106), (99, 106), (94, 106))],
        view=VIEW, wide=True)


def advanced_nerve_traction():
    base = {"shoulder": (78, 129), "trunk": 180, "head": 198, "thigh": -90, "shin": 0, "foot": -90,
                "thigh2": -90, "shin2": 0, "foot2": -90, "hand": (104, 92), "hand2": (102, 94), "elbows": 90}
    end = dict(base, thigh=-76, shin=-62, foot=-166, hand=(104, 84), hand2=(102, 86))

    def strap(fig):
        return [stroke("fig-set", 2, path([fig.j["hand"], fig.j["toe"]]))]
    return document(
        "Start: lying on your back beside a wall, both feet flat on the wall with hips and knees bent "
        "at about right angles, a strap round the ball of the sore foot and one end in each hand. "
        "End: only the sore leg straightened up the wall, the knee still a little bent, and the strap "
        "gently tugged so the toes come towards you. The other knee stays bent.",
        '<path d="M146 138V40"/>' + pillow(56, 133),
        lambda t: Side(mix(base, end, t), moving={"leg"}, extra=strap),
        arrows=[follow("ankle", (-9, 0))], view=(36, 33, 140))


def bird_dog():
    base = {"hip": (70, 104), "trunk": -12, "head": 2, "thigh": 90, "shin": 180, "foot": 180, "thigh2": 90, "shin2": 180,
                "foot2": 180, "upper": 88, "fore": 88, "upper2": 92, "fore2": 92}
    end = dict(base, thigh=186, shin=186, foot=96, upper2=-6, fore2=-6)
    return document(
        "Start: on your hands and knees, hands under your shoulders, knees under your hips, back flat "
        "like a table top. End: one leg reaching straight back and the opposite arm reaching forward, "
        "both level with your back, which stays still.",
        "",
        lambda t: Side(mix(base, end, t), moving={"leg", "arm2"}),
        arrows=[follow("ankle", (4, -12)), follow("hand2", (0, -12))], view=(-6, 58, 160), wide=True)


# Seen from beyond the feet: hips at the origin, knees up, feet flat and a little apart.
SUPINE = {"k": (22, 9, 30), "a": (42, 10, 3), "k2": (22, -9, 30), "a2": (42, -10, 3)}


def oblique(title, start, end, moving, arrows, view, size=30, **camera):
    """Seen from beyond the feet, on a mat (no floor line)."""
    mat = Oblique({}, **camera)
    corners = [mat.at(p) for p in ((-62, -size, 0), (-62, size, 0), (52, size, 0), (52, -size, 0))]
    outline = "L".join(f"{x:.0f} {y:.0f}" for x, y in corners)
    return document(title, f'<path stroke-width="2" d="M{outline}Z"/>',
                    lambda t: Oblique(mix(start, end, t), moving=moving, **camera),
                    arrows=arrows, view=view, ground=None)


def buttock_stretch():
    knee = (-15, 6, 32)
    start = dict(SUPINE, e2=(-18, -18, 3), h2=(-2, -19, 3), e=(-18, 18, 3), h=(-2, 19, 3),
                 light_arms=True)
    end = dict(start, k2=knee, a2=(10, 0, 24), e=(-32, 26, 16), e2=(-26, -22, 22),
               h=(knee[0] - 5, knee[1] + 4, knee[2] + 1), h2=(knee[0] - 5, knee[1] - 4, knee[2] + 1))

    def towards_shoulder(figure_at):
        """From the knee towards the opposite shoulder."""
        figure = figure_at(0)
        a, b = lerp(figure.j["k2"], figure.at((-34, 13, 12)), 0.2), figure.at((-24, 13, 16))
        return arrow(a, polar(lerp(a, b, 0.5), -135, 5), b)
    return oblique(
        "Seen from beyond your feet. Start: lying on your back with your knees bent and feet flat. "
        "End: one knee lifted, held in both hands and guided gently across your body towards the "
        "opposite shoulder, until you feel a mild stretch deep in that buttock. Shoulders stay "
        "relaxed on the floor.",
        start, end, {"leg2"}, [towards_shoulder], view=(32, 14, 140), elevation=50, size=26)


def glute_bridge():
    return lying(
        "Start: lying on your back with your knees bent, feet flat and hip-width apart, arms by your "
        "sides. End: your buttocks squeezed and your hips lifted, so your body makes a straight line "
        "from shoulders to knees.",
        BACK, dict(BACK, trunk=162),
        {"trunk", "thigh", "thigh2"}, [fixed((90, 118), (90, 111), (90, 104))])


def knees_rocking():
    def tipped(angle):
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        return {key: (v[0], v[1] * c + (v[2] - 3) * s, 3 + (v[2] - 3) * c - v[1] * s)
                for key, v in SUPINE.items() if key in ("k", "k2")}
    start = dict(SUPINE, h=(-30, 40, 2), h2=(-30, -40, 2), e=(-32, 26, 3), e2=(-32, -26, 3))
    end = dict(start, **tipped(35))
    return oblique(
        "Seen from beyond your feet. Start: lying on your back with your knees bent, feet flat and a "
        "little apart, arms resting out to the sides. End: both knees tipped slowly a short way to one "
        "side, shoulders flat. Then back through the middle and a short way to the other side.",
        start, end, {"legs"}, [around("knees", 17, 205, 335, double=True)], view=(36, 24, 128))


def knees_to_chest():
    start = dict(BACK, hand=lambda j: polar(j["shoulder"], 2, 40),
                 hand2=lambda j: polar(j["shoulder"], 0, 40))
    end = dict(BACK, thigh=-128, shin=-6, foot=-50, thigh2=-124, shin2=-4, foot2=-48,
               hand=behind_thigh(0.75), hand2=behind_thigh(0.65))
    return document(
        "Start: lying on your back with your knees bent, feet flat and your head on a thin pillow. "
        "End: both knees drawn gently towards your chest, your hands holding behind your thighs.",
        PILLOW, lambda t: Side(_legs_up(start, end, t), moving={"leg", "leg2"}),
        arrows=[follow("knee", (10, -6))], view=VIEW, wide=True)


def _legs_up(start, end, t):
    """From feet on the floor (IK) to legs held up (angles): the angles of the start pose first."""
    first = Side(start).q
    begin = {k: v for k, v in start.items() if k not in ("ankle", "ankle2")}
    begin.update({k: first[k] for k in ("thigh", "shin", "thigh2", "shin2")})
    return mix(begin, {k: v for k, v in end.items() if k not in ("ankle", "ankle2")}, t)


def lying_nerve_slider():
    base = {k: v for k, v in BACK.items() if k != "ankle"}
    base.update(thigh=-98, hand=behind_thigh(0.7), hand2=behind_thigh(0.55), arms=0.8)
    return lying(
        "Start: lying on your back, head on the pillow, the sore leg's hip bent with both hands "
        "holding behind the thigh, the knee bent and the toes pulled towards you. End: the knee "
        "straightened only a little while the toes point away. The other foot stays flat.",
        dict(base, shin=4, foot=-108), dict(base, shin=-34, foot=-74), {"shin", "foot"},
        [follow("ankle", (10, 4))], view=(20, 62, 152))


def lying_on_your_front():
    start = {"hip": (112, 130), "trunk": 180, "head": 180, "thigh": 0, "shin": 0, "foot": 14, "thigh2": 0, "shin2": 0,
                 "foot2": 14, "upper": 0, "fore": 0, "upper2": 0, "fore2": 0, "nose": False}
    end = dict(start, trunk=206, head=196, bend=6, upper=90, fore=180, upper2=88, fore2=180, nose=True)
    return lying(
        "Start: lying flat on your front, arms by your sides, head turned to one side. End: propped "
        "up on your elbows, elbows under your shoulders and forearms on the floor, hips still on the "
        "floor and your lower back relaxed.",
        start, end, {"trunk", "head", "arm", "arm2"}, [follow("shoulder", (-8, -14), trim=0)],
        props="", view=(36, 74, 150), face=-1)


def pelvic_tilt():
    return lying(
        "Start: lying on your back with your knees bent and feet flat, a small gap between your lower "
        "back and the floor. End: your tummy gently tightened and your pelvis tilted, so your lower "
        "back presses softly into the floor. Your buttocks stay down.",
        dict(BACK, bend=12, bend_at=0.3), dict(BACK, bend=-1, bend_at=0.3, trunk=181), {"trunk"},
        [fixed((90, 102), (90, 108), (90, 114))])


def positions_of_ease():
    start = dict(BACK, shoulder=(50, 129), ankle=(110, 134), ankle2=(112, 134))
    end = dict(start, thigh=-88, shin=0, foot=-80, thigh2=-86, shin2=0, foot2=-80)
    return document(
        "One position of ease. Start: lying on your back on the floor in front of a chair, knees bent. "
        "End: your calves resting on the chair seat, so your hips and knees bend at about right angles. "
        "Stay for about 5 minutes, breathing slowly.",
        chair(132, seat=104, facing=-1) + pillow(28, 133),
        lambda t: Side(_legs_up(start, end, t), moving={"leg", "leg2"}),
        arrows=[follow("ankle", (12, -4))], view=(8, 60, 164), wide=True)


SCENES = {"abdominal-bracing": abdominal_bracing, "advanced-nerve-traction": advanced_nerve_traction,
          "bird-dog": bird_dog, "buttock-stretch": buttock_stretch, "glute-bridge": glute_bridge,
          "knees-rocking": knees_rocking, "knees-to-chest": knees_to_chest,
          "lying-nerve-slider": lying_nerve_slider, "lying-on-your-front": lying_on_your_front,
          "pelvic-tilt": pelvic_tilt, "positions-of-ease": positions_of_ease}
