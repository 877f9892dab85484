"""The Observations of one check-in: leg and back pain (LOINC 72514-3, with the body site),
sitting and walking tolerance, weakness, pins and needles or numbness, how far down the leg and
sleep disturbed by pain; each only when it was answered. No Flask."""
from ...log.validation import EXTENT_LABELS
from ...translatable import N_, Text
from . import codes
from .elements import LOINC, SNOMED, UCUM, coded, observation, record_moment, stable_id

PAIN_CODE = {"system": LOINC, "code": "72514-3",
             "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
TOLERANCE = {"sitting_minutes": "sitting-tolerance", "walking_minutes": "walking-tolerance"}
LEGS = {"one": "one-leg", "both": "both-legs"}


def _site(site):
    return coded(SNOMED, *site)


def checkin_observations(c, subject, usual_side, base):
    """Leg pain, then back pain, tolerance, weakness, numbness, extent and sleep if answered."""
    when = record_moment(c)
    leg = _site(codes.LEG_SITES.get(getattr(c, "leg_side", None) or usual_side, codes.LEG_SITES[None]))
    out = [observation(stable_id(c.uuid, "leg"), subject, when,
                       {"coding": [PAIN_CODE], "text": Text(N_("Leg pain (0-10)"))}, valueInteger=c.leg_pain,
                       bodySite=leg)]
    if c.back_pain is not None:
        out.append(observation(stable_id(c.uuid, "back"), subject, when,
                               {"coding": [PAIN_CODE], "text": Text(N_("Back pain (0-10)"))}, valueInteger=c.back_pain,
                               bodySite=_site(codes.BACK_SITE)))
    for field, code in TOLERANCE.items():
        minutes = getattr(c, field)
        if minutes is not None:
            out.append(observation(stable_id(c.uuid, code), subject, when, codes.app_code(base, code),
                                   valueQuantity={"value": minutes, "unit": "min", "system": UCUM,
                                                  "code": "min"}))
    if c.weakness is not None:
        out.append(weakness(c, subject, when, leg, base))
    if c.tingling is not None:
        out.append(observation(stable_id(c.uuid, "numbness-tingling"), subject, when,
                               codes.app_code(base, "numbness-tingling"), valueBoolean=bool(c.tingling),
                               bodySite=leg))
    if c.extent is not None:
        out.append(extent(c, subject, when, base))
    if c.sleep_disturbed is not None:
        out.append(observation(stable_id(c.uuid, "sleep-disturbed"), subject, when,
                               codes.app_code(base, "sleep-disturbed"), valueBoolean=bool(c.sleep_disturbed)))
    return out


def weakness(c, subject, when, leg, base):
    """Weakness in the leg or foot, yes or no (SNOMED CT muscle weakness, present or not), with
    whether it is new or getting worse and in one leg or both when the person said."""
    resource = observation(stable_id(c.uuid, "weakness"), subject, when,
                           codes.snomed(*codes.SNOMED_WEAKNESS, Text(N_("Weakness in the leg or foot"))),
                           valueBoolean=bool(c.weakness), bodySite=leg)
    parts = []
    if c.weakness and c.weakness_new is not None:
        parts.append({"code": codes.app_code(base, "weakness-new"), "valueBoolean": bool(c.weakness_new)})
    if c.weakness and c.weakness_side in ("one", "both"):
        parts.append({"code": codes.app_code(base, "weakness-legs"),
                      "valueCodeableConcept": codes.app_code(base, LEGS[c.weakness_side])})
    if parts:
        resource["component"] = parts
    return resource


def extent(c, subject, when, base):
    """How far down the leg: the app's own scale as the value, the body structure as the site."""
    resource = observation(stable_id(c.uuid, "extent"), subject, when,
                           codes.app_code(base, "furthest-extent"),
                           valueCodeableConcept=codes.app_code(base, codes.extent_code(c.extent)))
    if c.extent in codes.EXTENT_SITES:
        resource["bodySite"] = _site(codes.EXTENT_SITES[c.extent])
    resource["valueCodeableConcept"]["text"] = Text(EXTENT_LABELS[c.extent])
    return resource
