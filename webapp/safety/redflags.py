"""Red-flag tiers and questions (clinical-facts section 1), in our own words. No Flask here.

Nothing in this module can clear a red flag: it only sorts answers into the tier that asks
for the most urgent help.
"""
from dataclasses import dataclass

BANNER = ("Loss of bladder or bowel control, numbness around the genitals or buttocks, "
          "or weakness or numbness in both legs: this is an emergency. Go to A&E or call 999 now.")


@dataclass(frozen=True)
class Flag:
    code: str
    text: str


# 1a: suspected cauda equina syndrome and other emergencies.
GO_NOW = (
    Flag("saddle", "Numbness, tingling or a changed feeling between your legs: around your genitals, "
                   "your back passage or your buttocks, or when you wipe after the toilet."),
    Flag("bladder", "A new problem with your bladder: trouble starting or stopping, a weak flow, not "
                    "feeling when it is full or empty, not being able to pee at all, or leaking."),
    Flag("bowel", "A new problem with your bowels: not feeling that you need to go or that you are "
                  "going, or not being able to hold it."),
    Flag("sexual", "A new change in sexual feeling or function: numb genitals, or new trouble with "
                   "erection or ejaculation."),
    Flag("both_legs", "Sciatica in both legs, pain that has spread from one leg to both, or weakness or "
                      "numbness in both legs that is bad or getting worse."),
    Flag("accident", "Back pain that started after a major accident, such as a car crash or a fall "
                     "from a height."),
    Flag("chest", "Back pain together with chest pain."),
    Flag("cancer", "You have, or may have, cancer, and now have new leg weakness, trouble walking, or "
                   "a change in your bladder or bowels."),
)

# 1b: needs a doctor or urgent care today, or within days.
CONTACT_TODAY = (
    Flag("weak_leg", "Weakness in one leg that is marked or getting worse, for example your foot "
                     "slapping down or catching on the ground as you walk (foot drop)."),
    Flag("fever", "A temperature of 38°C or more, shivering or feeling unwell, especially after a recent "
                  "infection or spinal procedure, if you inject drugs, or if your immune system is weak."),
    Flag("cancer_history", "You have had cancer before, you are losing weight without trying, or this is "
                           "your first ever back pain and you are over 50."),
    Flag("night_pain", "Pain that is there all the time and rest does not ease, pain that is worse at "
                       "night or lying flat, or pain between your shoulder blades."),
    Flag("fracture", "A fall or a strain, and you have thin bones (osteoporosis), take steroid tablets "
                     "long term, or are older."),
    Flag("unsteady", "Unsteady walking, a band of pain around your body, or a lump, swelling or change "
                     "in the shape of your back."),
)

# 1c: routine review with a GP or physio.
SEE_SOON = (
    "You are no better after a few weeks of looking after yourself.",
    "Your pain is getting worse instead of better.",
    "Pain is stopping you from doing your normal activities or work.",
    "You are finding it hard to cope.",
)

GO_NOW_CODES = frozenset(f.code for f in GO_NOW)
CONTACT_TODAY_CODES = frozenset(f.code for f in CONTACT_TODAY)
TEXT_BY_CODE = {f.code: f.text for f in GO_NOW + CONTACT_TODAY}


def tier_for(go_now, contact_today):
    """The most urgent tier among the answers: "now", "today" or "none"."""
    if set(go_now) & GO_NOW_CODES:
        return "now"
    if set(contact_today) & CONTACT_TODAY_CODES:
        return "today"
    return "none"


def unknown_codes(go_now, contact_today):
    """Codes that are not questions we ask, so a bad record can be refused with a reason."""
    return sorted((set(go_now) - GO_NOW_CODES) | (set(contact_today) - CONTACT_TODAY_CODES))


def _codes(data, name, errors):
    value = data.get(name) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors[name] = "Must be a list of answers."
        return []
    return sorted(set(value))


def validate_answer(data):
    """(fields, errors) for one answer to the quick check: the ticked go-now and contact-today
    codes; none ticked means "none of these"."""
    errors = {}
    go_now = _codes(data, "go_now", errors)
    contact_today = _codes(data, "contact_today", errors)
    unknown = unknown_codes(go_now, contact_today)
    if unknown:
        errors["go_now"] = f"Unknown answer: {', '.join(unknown)}."
    clean = {"go_now": ",".join(go_now), "contact_today": ",".join(contact_today),
             "tier": tier_for(go_now, contact_today)}
    return clean, errors


def describe_answer(record):
    return {"tier": record.tier}
