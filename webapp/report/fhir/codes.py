"""The codes the FHIR export uses. No Flask.

Standard codes where a standard concept means the same thing (checked against published
terminology content, never guessed):
- LOINC 72514-3, pain severity 0-10 (leg and back pain);
- SNOMED CT 192970008 |Cauda equina syndrome (disorder)|, on a Condition whose verification status
  is "provisional": suspected, from what the person reported, never a diagnosis;
- SNOMED CT 26544005 |Muscle weakness (finding)|, for "weakness in the leg or foot: yes / no";
- SNOMED CT body structures for where symptoms reach and which leg.

Everything else is the app's own question, worded in plain language, with no standard equivalent:
the yes/no question "pins and needles or numbness" asks about two different findings at once;
"sleep disturbed by pain" and the warning-sign items are the app's wording, not an instrument's
item (the PROMIS sleep and pain items with LOINC codes are other questions, on other scales); the
program's stages, patterns and adherence are the app's own ideas. Those codes live in the app's
own CodeSystem, published with each export and at its canonical URL, under the app's address.
"""
from ...content.plans import PATTERN_NAMES
from ...log.validation import EXTENT_LABELS
from ...safety import redflags
from ...translatable import N_, Text, marked
from .elements import SNOMED, stable_id

CODE_SYSTEM_ID, EXERCISES_ID = "sciatica-companion", "sciatica-companion-exercises"
SNOMED_CES = ("192970008", "Cauda equina syndrome")
SNOMED_WEAKNESS = ("26544005", "Muscle weakness")
LEG_SITES = {"left": ("32153003", "Structure of left lower limb", Text(N_("Left leg"))),
             "right": ("62175007", "Structure of right lower limb", Text(N_("Right leg"))),
             "both": ("61685007", "Lower limb structure", Text(N_("Both legs"))),
             None: ("61685007", "Lower limb structure", Text(N_("Leg")))}
BACK_SITE = ("77568009", "Structure of back of trunk", Text(N_("Back")))
# Where the furthest symptoms were, as a body structure ("none" has none).
EXTENT_SITES = {"back": BACK_SITE, "buttock": ("46862004", "Buttock structure", Text(N_("Buttock"))),
                "thigh": ("68367000", "Thigh structure", Text(N_("Thigh"))),
                "below_knee": ("30021000", "Lower leg structure", Text(N_("Below the knee"))),
                "foot": ("56459004", "Foot structure", Text(N_("Foot")))}

TIERS = {"now": ("tier-go-now", Text(N_("Go-now warning sign")),
                 Text(N_("At least one sign that needs A&E or the emergency number now."))),
         "today": ("tier-contact-today", Text(N_("Contact-a-doctor-today sign")),
                   Text(N_("A sign that needs a doctor today, and no go-now sign."))),
         "soon": ("tier-see-gp-soon", Text(N_("See-a-GP-within-days sign")),
                  Text(N_("A finding from the person's background for a GP to hear about within a few days."))),
         "none": ("tier-none", Text(N_("None of the warning signs")), Text(N_("The person said none of the signs applied.")))}

_CONCEPTS = (
    ("sitting-tolerance", Text(N_("Sitting tolerance")), Text(N_("Minutes at a time the person can sit, as they report it."))),
    ("walking-tolerance", Text(N_("Walking tolerance")), Text(N_("Minutes at a time the person can walk, as they report it."))),
    ("numbness-tingling", Text(N_("Pins and needles or numbness")),
     Text(N_("The person's yes or no to having pins and needles or numbness in the leg."))),
    ("sleep-disturbed", Text(N_("Sleep disturbed by pain")),
     Text(N_("The person's yes or no to pain having disturbed their sleep."))),
    ("weakness-new", Text(N_("Weakness new or getting worse")), Text(N_("Yes or no, asked when the person reports weakness."))),
    ("weakness-legs", Text(N_("Weakness in one leg or both")), Text(N_("Asked when the person reports weakness."))),
    ("one-leg", Text(N_("One leg")), Text(N_("One leg."))),
    ("both-legs", Text(N_("Both legs")), Text(N_("Both legs."))),
    ("furthest-extent", Text(N_("How far down the leg symptoms reach")),
     Text(N_("The furthest place the person felt their symptoms, from the back outwards."))),
    *((f"extent-{code.replace('_', '-')}", Text(label), Text(label)) for code, label in EXTENT_LABELS.items()),
    ("warning-sign-check", Text(N_("Warning-sign check")),
     Text(N_("The person's answer to the app's daily questions about warning signs (red flags)."))),
    *(TIERS.values()),
    *((f"sign-{code.replace('_', '-')}", marked(flag.headline), marked(flag.text))
      for code, flag in redflags.FLAGS.items()),
    ("emergency-warning-sign", Text(N_("Emergency warning sign reported")),
     Text(N_("The person reported a go-now sign: the app paused their exercises until they say a doctor has "
             "assessed them, or that they ticked it by mistake."))),
    ("program-stage", Text(N_("Exercise program stage")), Text(N_("The stage of the app's exercise program the person is on."))),
    *((f"stage-{n}", Text(N_("Stage %(num)d"), num=n), Text(N_("Stage %(num)d of the app's exercise program."), num=n))
      for n in (1, 2, 3)),
    ("program-pattern", Text(N_("Exercise program pattern")), Text(N_("Which pattern of exercises the program follows."))),
    *((f"pattern-{code}", Text(name), Text(name)) for code, name in PATTERN_NAMES.items()),
    ("exercise-adherence", Text(N_("Exercise done against prescribed")),
     Text(N_("For one exercise over a range of days: sessions prescribed, sessions done, and sessions done "
             "of those prescribed (each day counting at most what was prescribed that day)."))),
    ("exercise", Text(N_("Exercise")), Text(N_("The exercise an adherence figure is about."))),
    ("sessions-prescribed", Text(N_("Sessions prescribed")), Text(N_("Sessions of the exercise the program prescribed."))),
    ("sessions-done", Text(N_("Sessions done")),
     Text(N_("Sessions of the exercise the person ticked as done, extras included."))),
    ("sessions-done-as-prescribed", Text(N_("Sessions done of those prescribed")),
     Text(N_("Sessions done that count towards what was prescribed."))),
)


def system_url(base):
    return f"{base}/fhir/CodeSystem/{CODE_SYSTEM_ID}"


def exercises_url(base):
    return f"{base}/fhir/CodeSystem/{EXERCISES_ID}"


def app_code(base, code):
    """A CodeableConcept of one of the app's own codes."""
    display = DISPLAYS[code]
    return {"coding": [{"system": system_url(base), "code": code, "display": display}], "text": display}


def snomed(code, display, text):
    return {"coding": [{"system": SNOMED, "code": code, "display": display}], "text": text}


def sign_code(code):
    return f"sign-{code.replace('_', '-')}"


def extent_code(code):
    return f"extent-{code.replace('_', '-')}"


DISPLAYS = {code: display for code, display, _ in _CONCEPTS}


def code_system(base):
    """The app's own CodeSystem, as a resource (in each Bundle, and at its canonical URL)."""
    return _system(system_url(base), "SciaticaCompanion", Text(N_("Sciatica Companion codes")),
                   Text(N_("The questions and program ideas of Sciatica Companion that no standard code means "
                           "exactly. The answers are what the person reported on their phone.")),
                   [{"code": c, "display": d, "definition": text} for c, d, text in _CONCEPTS])


def exercise_system(base, names):
    """The app's exercises (their file names and titles), as a CodeSystem."""
    return _system(exercises_url(base), "SciaticaCompanionExercises",
                   Text(N_("Sciatica Companion exercises")),
                   Text(N_("The home exercises in Sciatica Companion's program.")),
                   [{"code": slug, "display": title} for slug, title in sorted(names.items())])


def _system(url, name, title, description, concepts):
    return {"resourceType": "CodeSystem", "id": stable_id("codesystem", url), "url": url, "version": "1",
            "name": name, "title": title, "status": "active", "publisher": "Sciatica Companion",
            "description": description, "caseSensitive": True, "content": "complete",
            "count": len(concepts), "concept": concepts}
