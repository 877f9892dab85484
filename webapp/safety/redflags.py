"""Red-flag tiers and questions (clinical-facts section 1; ../shared/safety-spec.md section 1), in
our own words. No Flask here.

Four tiers, most urgent first: "now" (go to A&E or call the emergency number), "today" (contact a
doctor today), "soon" (see a GP within a few days: only for background-only findings such as past
cancer, weight loss, age, or night pain with nothing else) and "none". Background risks, asked
once, lower the bar: with past cancer, new constant or night pain is contact-today.

Nothing in this module can clear a red flag: it only sorts answers into the tier that asks
for the most urgent help. Any ticked box wins over "none of these".
"""
from dataclasses import dataclass

from ..translatable import N_

TIERS = ("none", "soon", "today", "now")     # least to most urgent


@dataclass(frozen=True)
class Flag:
    code: str
    headline: str               # at most 16 words
    examples: str = ""
    reason: str = ""            # go-now only: which emergency it may be (REASONS)
    only_with: frozenset = frozenset()   # asked only of people with one of these background risks
    soon_unless: frozenset | None = None  # contact: "soon", unless one of these risks makes it "today"

    @property
    def text(self):
        """Headline and examples as one line (history, report, the pause)."""
        return f"{self.headline}. {self.examples}".strip() if self.examples else f"{self.headline}."


@dataclass(frozen=True)
class Risk:
    code: str
    text: str


# Why each go-now sign is an emergency (the emergency screen shows one per ticked sign).
REASONS = {
    "ces": N_("This can be a sign that the nerves at the bottom of your spine are being squeezed "
              "(cauda equina syndrome). It needs a hospital check within hours, even if the pain is not bad."),
    "cord": N_("With cancer, this can mean the spinal cord is being pressed on. It needs a hospital check now."),
    "chest": N_("Back pain with chest pain can come from the heart, the lungs or a big blood vessel. "
                "Call for an ambulance. Do not drive yourself."),
    "accident": N_("After a big accident a bone in your spine may be broken. Call for an ambulance and "
                   "keep as still as you can until help comes."),
}
CALL_REASONS = frozenset({"chest", "accident"})   # call the emergency number, don't go in yourself

# 1a, asked every day. Early signs of cauda equina syndrome first; each new or getting worse.
GO_NOW = (
    Flag("bladder", N_("New trouble starting to pee, or less feeling when you pee"),
         N_("Also a weak flow, not feeling when your bladder is full, not being able to pee, or leaking."), "ces"),
    Flag("saddle", N_("New numbness between your legs or around your bottom"),
         N_("Tingling or a changed feeling in your inner thighs, genitals or back passage, or less "
            "feeling when you wipe."), "ces"),
    Flag("sexual", N_("A new change in sexual feeling"),
         N_("For example less feeling in your genitals during sex, or erection problems."), "ces"),
    Flag("bowel", N_("A new change in your bowels"),
         N_("Not feeling that you need to poo, or not being able to hold it."), "ces"),
    Flag("both_legs_new", N_("New, spreading or worsening symptoms in both legs"),
         N_("Pain, numbness, pins and needles or weakness in both legs that is new for you, has "
            "spread to the other leg, or is getting worse."), "ces"),
    Flag("both_legs_constant", N_("Both legs feel weak or numb all the time, or your legs give way"),
         N_("Not only when you walk: also when you sit or lie down."), "ces"),
    Flag("chest", N_("Back pain together with chest pain"), reason="chest"),
    Flag("accident", N_("Back pain that started after a big accident"),
         N_("For example a car crash or a fall from a height."), "accident"),
    Flag("cancer", N_("Cancer now or in the past, with new leg weakness or trouble walking"),
         N_("Or a new change in your bladder or bowels."), "cord"),
)

PAST_CANCER_ETC = frozenset({"past_cancer", "weak_immunity", "injecting", "spine_procedure"})

# 1b, asked every day: only what is new or has changed. Background risks are asked once (BACKGROUND).
CONTACT_TODAY = (
    Flag("weak_leg", N_("New or worsening weakness in one leg or foot"),
         N_("For example your foot slaps down or catches on the ground as you walk (foot drop).")),
    Flag("fever", N_("A temperature of 38°C or more, shivering, or feeling very unwell"),
         N_("Especially after a recent infection, such as a water infection.")),
    Flag("constant_pain", N_("Constant pain that no position or rest eases and is getting worse, "
                             "especially at night"), soon_unless=PAST_CANCER_ETC),
    Flag("weight_loss", N_("Losing weight without trying"), soon_unless=frozenset({"past_cancer"})),
    Flag("fall", N_("A new fall, knock or strain that hurt your back"),
         N_("A bone in your spine may be broken, so it needs checking."),
         only_with=frozenset({"bones", "over_50"})),
    Flag("unsteady", N_("New unsteady walking, or a band of pain around your chest or tummy"),
         N_("Or new pain between your shoulder blades, or a lump or change in the shape of your back.")),
)

# Asked at onboarding when "both legs" is chosen (the stenosis follow-up), never daily.
ONBOARDING = (
    Flag("both_legs_saddle", N_("Both legs affected, with a change in feeling between your legs"),
         N_("Or a change in your bladder, bowels or sex life."), "ces"),
    Flag("both_legs_always", N_("Symptoms in both legs all the time, even sitting or lying down")),
    Flag("both_legs_unchecked", N_("Symptoms in both legs not yet checked by a doctor or physio"),
         soon_unless=frozenset()),
    Flag("risk_past_cancer", N_("Sciatica after cancer in the past"), soon_unless=frozenset()),
    Flag("risk_over_50", N_("A first episode of back pain or sciatica over the age of 50"),
         soon_unless=frozenset()),
)
ONBOARDING_GO_NOW = frozenset({"both_legs_saddle"})

# Asked before the second edition; kept so old answers still read, export and import.
LEGACY_GO_NOW = (
    Flag("both_legs", N_("Sciatica in both legs, or weakness or numbness in both legs that is bad or "
                         "getting worse"), reason="ces"),
)
LEGACY_CONTACT = (
    Flag("cancer_history", N_("Cancer before, weight loss without trying, or first back pain over 50")),
    Flag("night_pain", N_("Pain all the time that rest does not ease, worse at night or lying flat, "
                          "or between the shoulder blades")),
    Flag("fracture", N_("A fall or a strain with thin bones, long-term steroid tablets, or older age")),
)

BACKGROUND = (
    Risk("past_cancer", N_("You have had cancer before")),
    Risk("over_50", N_("You are over 50 and this is your first ever episode of back pain or sciatica")),
    Risk("bones", N_("You have thin bones (osteoporosis) or take steroid tablets long term")),
    Risk("weak_immunity", N_("Your immune system is weak, for example from medicines or an illness")),
    Risk("injecting", N_("You inject drugs")),
    Risk("spine_procedure", N_("You had a spinal operation or injection in the last year")),
)
BACKGROUND_CODES = tuple(r.code for r in BACKGROUND)
# Background risks that are findings on their own: see a GP within a few days (once, not daily).
BACKGROUND_FINDINGS = {"past_cancer": "risk_past_cancer", "over_50": "risk_over_50"}

# 1c: routine review with a GP or physio.
SEE_SOON = (
    N_("You are no better after a few weeks of looking after yourself."),
    N_("Your pain is getting worse instead of better."),
    N_("Pain is stopping you from doing your normal activities or work."),
    N_("You are finding it hard to cope."),
)

STENOSIS_HINT = N_("Aching, heaviness or tingling in both legs that comes on when you stand or walk, "
                   "eases within minutes of sitting or bending forward, has been the same for weeks and "
                   "has been checked by a doctor or physio, is typical of spinal stenosis. On its own it "
                   "is not an emergency. Tick a box only if it changes.")

_ALL_GO_NOW = GO_NOW + tuple(f for f in ONBOARDING if f.code in ONBOARDING_GO_NOW) + LEGACY_GO_NOW
_ALL_CONTACT = CONTACT_TODAY + tuple(f for f in ONBOARDING if f.code not in ONBOARDING_GO_NOW) + LEGACY_CONTACT
GO_NOW_CODES = frozenset(f.code for f in _ALL_GO_NOW)
CONTACT_TODAY_CODES = frozenset(f.code for f in _ALL_CONTACT)
FLAGS = {f.code: f for f in _ALL_GO_NOW + _ALL_CONTACT}
TEXT_BY_CODE = {code: f.text for code, f in FLAGS.items()}


def most_urgent(tiers):
    return max(tiers, key=TIERS.index, default="none")


def contact_tier(code, background=()):
    """"today", or "soon" for a background-only finding that no background risk makes urgent."""
    flag = FLAGS[code]
    if flag.soon_unless is None or set(background) & flag.soon_unless:
        return "today"
    return "soon"


def tier_for(go_now, contact_today, background=()):
    """The most urgent tier among the answers: "now", "today", "soon" or "none"."""
    if set(go_now) & GO_NOW_CODES:
        return "now"
    return most_urgent(contact_tier(c, background) for c in set(contact_today) & CONTACT_TODAY_CODES)


def daily_contact_flags(background=()):
    """The contact-today items this person is asked each day (some only with a background risk)."""
    return tuple(f for f in CONTACT_TODAY if not f.only_with or set(background) & f.only_with)


def unknown_codes(go_now, contact_today):
    """Codes that are not questions we ask, so a bad record can be refused with a reason."""
    return sorted((set(go_now) - GO_NOW_CODES) | (set(contact_today) - CONTACT_TODAY_CODES))


def codes_of(value):
    """The codes in a stored comma-separated list."""
    return [c for c in (value or "").split(",") if c]
