"""Drawings of the exercises done sitting, standing, walking, cycling or in water."""
import math

from .figure import Side, lerp, polar
from .scene import arc, around, chair, document, fixed, follow, mix

SEATED = {"hip": (70, 102), "trunk": -93, "head": -93, "thigh": 4, "shin": 96, "foot": 2, "thigh2": 6, "shin2": 94,
              "foot2": 0, "hand": (88, 95), "hand2": (90, 96), "knees": 0, "elbows": 150}


def on_thigh(share, lift=-6):
    """A hand resting on the near thigh, share of the way to the knee."""
    return lambda j: polar(lerp(j["hip"], j["knee"], share), -90, -lift)


def sitting_nerve_slider():
    start = dict(SEATED, head=-68)
    end = dict(start, head=-112, shin=38, foot=-46)
    return document(
        "Start: sitting on a chair with your back supported, the sore knee bent and your chin dipped, "
        "looking down at your lap. End: that knee partly straightened, not all the way, while you lift "
        "your head and look up. Then back again, smoothly.",
        chair(58, seat=108),
        lambda t: Side(mix(start, end, t), moving={"shin", "foot", "head"}),
        arrows=[follow("ankle", (9, 2)), around("head", 14, -20, -110)], view=(10, 30, 150))


def curl_downs():
    start = {"hip": (80, 102), "trunk": -90, "head": -90, "ankle": (112, 134), "ankle2": (114, 134), "foot": 0,
                 "foot2": 0, "hand": on_thigh(0.55), "hand2": on_thigh(0.6), "knees": -20, "elbows": 180}
    end = dict(start, trunk=-32, bend=-9, head=30, hand=on_thigh(1.1, 2), hand2=on_thigh(1.15, 2))
    return document(
        "Start: sitting tall near the front of a firm chair, feet flat and apart, hands resting on "
        "your thighs. End: curled slowly forward, chin tucked, head and back hanging loosely, hands "
        "slid down towards your knees or shins. Go only as far as feels comfortable.",
        chair(62, seat=108),
        lambda t: Side(mix(start, end, t), moving={"trunk", "head", "arm", "arm2"}),
        arrows=[follow("head", (10, -8))], view=(22, 30, 150))


def _steps(t, hip, lean, front, back, lift=8):
    """Walking, one step (t 0 to 1) and the next (1 to 2): the foot on the floor slides from front
    to back under the hip while the other swings forward, lifted half way; feet are offsets from
    the hip along the floor."""
    u = t % 1
    planted = (hip[0] + front + (back - front) * u, 134)
    swinging = (hip[0] + back + (front - back) * u, 134 - lift * math.sin(math.pi * u))
    near, far = (planted, swinging) if t < 1 else (swinging, planted)
    rolls = (-14 + 30 * u, 16 - 30 * u) if t < 1 else (16 - 30 * u, -14 + 30 * u)
    return {"hip": hip, "trunk": -90 + lean, "ankle": near, "ankle2": far, "foot": rolls[0], "foot2": rolls[1],
                "knees": 0, "elbows": 150}


def forward_lean_walking():
    def pose(t):
        q = _steps(t, (74, 80), 16, 15, -14)
        q.update(head=-86, hand=(116, 82), hand2=(114, 83))
        return Side(q, moving={"leg", "leg2"})
    trolley = ('<path d="M112 82L120 78M120 82H170L164 118H126Z"/>'
               '<path stroke-width="2" d="M126 126H164M128 118V126M162 118V126"/>'
               '<circle cx="130" cy="132" r="4"/><circle cx="160" cy="132" r="4"/>')
    return document(
        "Walking at an easy pace, pushing a shopping trolley, leaning forward a little from your hips "
        "and looking ahead. Start: one foot stepping forward. End: the next step, with the other foot "
        "forward. Sit down and rest, leaning forward, as soon as your legs first feel heavy, achy or "
        "tingly.",
        trolley, pose, arrows=[fixed((98, 124), (106, 123), (114, 124))], view=(14, 14, 170), loop=True)


def graded_walking():
    def pose(t):
        q = _steps(t, (88, 78), 0, 15, -14)
        swing = 30 - 60 * t if t <= 1 else -30 + 60 * (t - 1)
        q.update(head=-90, upper=90 + swing, fore=76 + swing, upper2=90 - swing, fore2=76 - swing)
        return Side(q, moving={"leg", "leg2"})
    return document(
        "Walking tall at an easy pace on a flat path, arms swinging. Start: one foot stepping forward "
        "with the opposite arm forward. End: the next step, with the other foot and arm forward.",
        "", pose, arrows=[fixed((114, 124), (123, 123), (132, 124))], view=(4, 14, 170), loop=True)


def standing_nerve_tensioner():
    step = '<path d="M116 138V122H160V138"/><path d="M106 138V62M106 62L160 40"/>'
    heel = (123, 117)
    base = {"hip": (80, 79), "trunk": -90, "head": -90, "ankle": heel, "foot": -30, "ankle2": (78, 134), "foot2": 0,
                "hand2": (104, 80), "hand": on_thigh(0.45, -5), "knees": 0, "elbows": 150}
    end = dict(base, trunk=-64, head=-64, hip=(77, 80))
    return document(
        "Start: standing tall facing a low step and holding the banister, the heel of your sore leg "
        "resting on the step with that knee straight, your standing knee slightly bent. End: leaning "
        "forward a short way from your hips, back long, until the first light tension behind the "
        "thigh or knee. Then come straight back up.",
        step,
        lambda t: Side(mix(base, end, t), moving={"trunk", "head"}),
        arrows=[follow("head", (8, -6))], view=(12, 14, 170))


def stationary_cycling():
    crank, radius = (96, 118), 12

    def pose(t):
        angle = 90 + 180 * t
        near, far = polar(crank, angle, radius), polar(crank, angle + 180, radius)
        q = {"hip": (70, 82), "trunk": -64, "head": -84, "ankle": polar(near, -90, 3),
                 "ankle2": polar(far, -90, 3), "foot": 8, "foot2": 8, "hand": (121, 70), "hand2": (119, 71),
                 "knees": 0, "elbows": 150}
        return Side(q, moving={"leg", "leg2"})
    bike = ('<path stroke-width="5" d="M60 88H78"/>'
            '<path d="M70 90L96 118L124 74M118 72H130M96 118L132 120M132 120L140 136H56L64 124L96 118"/>'
            '<circle cx="96" cy="118" r="12" stroke-width="2"/>')
    return document(
        "Pedalling an exercise bike at an easy pace, leaning slightly forward with your hands on the "
        "handlebars. Start: one pedal at the bottom, that knee still slightly bent. End: pedalled "
        "half a turn round, so the other pedal is at the bottom.",
        bike, pose, arrows=[arc(crank, 21, -75, 75)], view=(20, 26, 150), loop=True)


def swimming():
    surface = 96

    def pose(t):
        kick = 10 * (1 - 2 * t)
        q = {"hip": (100, 98), "trunk": 182, "head": 190, "thigh": -kick / 2, "shin": -kick, "foot": -kick + 25,
                 "thigh2": kick / 2, "shin2": kick, "foot2": kick + 25, "upper": 8, "fore": 4, "upper2": 10, "fore2": 6}
        return Side(q, moving={"leg", "leg2"})
    water = (f'<path class="fig-fill" stroke="none" d="M36 {surface}H182V134H36Z"/>'
             '<circle cx="62" cy="105" r="7"/>')
    wave = f'<path d="M36 {surface}q9 -4 18 0{"t18 0" * 7}"/>'
    return document(
        "Swimming gently on your back with a float under your arms, kicking softly: the stroke to "
        "choose if walking and standing bring your pain on. Start: one leg a little higher than the "
        "other. End: the legs have swapped.",
        water, pose, arrows=[fixed((166, 84), (170, 96), (166, 108), double=True)], front=wave,
        view=(34, 60, 150), ground=None, wide=True)


def table_stretch():
    table = '<path d="M112 84H182M118 84V138M176 84V138"/>'
    start = {"hip": (92, 76), "trunk": -2, "head": -12, "ankle": (86, 134), "ankle2": (88, 134), "foot": 0,
                 "foot2": 0, "hand": (140, 79), "hand2": (142, 79), "arms": 0.55, "knees": 0, "elbows": 90}
    end = dict(start, hip=(82, 82), trunk=-10, head=-4)
    return document(
        "Start: standing a long step back from a steady, hip-high table, bent forward from the hips "
        "with your forearms, chest and head resting on the table. End: your hips eased slowly back, "
        "away from the table, knees soft, until you feel a gentle lengthening in your lower back.",
        table,
        lambda t: Side(mix(start, end, t), moving={"trunk", "thigh", "thigh2"}),
        arrows=[follow("hip", (-4, -16), trim=0)], view=(36, 26, 150))


SCENES = {"curl-downs": curl_downs, "forward-lean-walking": forward_lean_walking,
          "graded-walking": graded_walking, "sitting-nerve-slider": sitting_nerve_slider,
          "standing-nerve-tensioner": standing_nerve_tensioner, "stationary-cycling": stationary_cycling,
          "swimming": swimming, "table-stretch": table_stretch}
