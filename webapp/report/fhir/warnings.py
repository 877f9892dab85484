"""Warning-sign answers as FHIR, with what became of them. No Flask.

- Every answer to the warning-sign check is an Observation: the tier as its value, one component
  per sign ticked. An answer the person said they ticked by mistake keeps its signs and becomes
  "entered-in-error", with the correction (who, when, their note) as an Annotation; an answer
  followed up (assessed, or "I have spoken to a doctor") stays "final", with that as a note.
- A go-now answer is also a Flag, "active" while it pauses the exercises, "inactive" once the person
  says a doctor assessed them, "entered-in-error" once they say it was a mistake.
- A go-now answer with a sign of cauda equina syndrome is also a Condition, SNOMED CT 192970008,
  verification status "provisional": suspected from what the person reported, never a diagnosis.
"""
from ...safety import redflags
from ...translatable import N_, Joined, Text
from . import codes
from .elements import coded, note, observation, record_moment, reference, stable_id, utc_moment

FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"
VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
REASON_WORDS = {"ces": N_("possible cauda equina syndrome"),
                "cord": N_("possible pressure on the spinal cord, with cancer"),
                "chest": N_("back pain with chest pain"), "accident": N_("back pain after a big accident")}
SUSPECTED_CES = Text(N_("Suspected cauda equina syndrome: warning signs the person reported in the app, "
                        "not a diagnosis"))


def answer_resources(answer, correction, subject, zone, base):
    """[Observation] of one answer, then a Condition and a Flag for a go-now answer."""
    when = record_moment(answer)
    notes = _notes(answer, correction, subject, zone)
    signs = [code for code in answer.codes if code in redflags.FLAGS]
    obs = observation(stable_id(answer.uuid, "warning-signs"), subject, when,
                      codes.app_code(base, "warning-sign-check"),
                      valueCodeableConcept=codes.app_code(base, codes.TIERS[answer.tier][0]))
    if correction is not None:
        obs["status"] = "entered-in-error"
    if signs:
        obs["component"] = [{"code": codes.app_code(base, codes.sign_code(code)), "valueBoolean": True}
                            for code in signs]
    if notes:
        obs["note"] = notes
    out = [obs]
    if answer.tier != "now":
        return out
    reasons = list(dict.fromkeys(redflags.FLAGS[c].reason for c in signs if c in redflags.GO_NOW_CODES))
    if "ces" in reasons:
        status = ("entered-in-error", "Entered in Error") if correction is not None \
            else ("provisional", "Provisional")
        condition = {"resourceType": "Condition", "id": stable_id(answer.uuid, "suspected-ces"),
                     "verificationStatus": coded(VERIFICATION, *status, status[1]),
                     "code": codes.snomed(*codes.SNOMED_CES, SUSPECTED_CES), "subject": subject,
                     "recordedDate": when, "evidence": [{"detail": [reference(obs)]}]}
        if notes:
            condition["note"] = notes
        out.append(condition)
    out.append(flag(answer, correction, reasons, subject, when, zone, base))
    return out


def flag(answer, correction, reasons, subject, when, zone, base):
    closed = correction.made_at if correction is not None else answer.assessed_at
    code = codes.app_code(base, "emergency-warning-sign")
    if reasons:
        words = Joined([Text(REASON_WORDS[r]) if r in REASON_WORDS else r for r in reasons], "; ")
        code["text"] = Text(N_("%(concept)s: %(reasons)s"), concept=code["text"], reasons=words)
    period = {"start": when}
    if closed is not None:
        period["end"] = utc_moment(closed, zone)
    status = "entered-in-error" if correction is not None else "inactive" if answer.assessed_at else "active"
    return {"resourceType": "Flag", "id": stable_id(answer.uuid, "flag"), "status": status,
            "category": [{"coding": [{"system": FLAG_CATEGORY, "code": "clinical", "display": "Clinical"}]}],
            "code": code, "subject": subject, "period": period, "author": subject}


def _notes(answer, correction, subject, zone):
    """What the person said happened next, each with when they said it."""
    out = []
    if answer.assessed_at is not None:
        text = Text(N_("The person confirmed a doctor or emergency team had assessed them."))
        out.append(note(subject, utc_moment(answer.assessed_at, zone),
                        _wrote(text, answer.assessed_note) if answer.assessed_note else text))
    if answer.contacted_at is not None:
        out.append(note(subject, utc_moment(answer.contacted_at, zone),
                        Text(N_("The person said they had spoken to a doctor."))))
    if correction is not None:
        text = Text(N_("The person said they ticked this by mistake."))
        out.append(note(subject, utc_moment(correction.made_at, zone),
                        _wrote(text, correction.note) if correction.note else text))
    return out


def _wrote(text, words):
    """The app's sentence, then what the person wrote (their own words, never translated)."""
    return Text(N_("%(text)s They wrote: %(words)s"), text=text, words=words)
