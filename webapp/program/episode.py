"""How long this episode has lasted, as a person in pain can answer it: a choice of four spans,
with the start date optional (issue 23, item 6). No Flask.

The spans match the starting rule's own steps (content/program.yaml, starting_stage: under 6
weeks is stage 1, 6 to 12 weeks stage 2, over 12 weeks stage 3). Without a date, the episode is
taken to have started at the *shortest* end of the span chosen: a guess that errs towards the
gentler stage, never towards one the rules would close (stage 3 waits 6 weeks from the start)."""
import datetime as dt

from ..translatable import N_, Said

# key -> (what the choice says, the span in words for "it started ... ago", fewest days, most days)
BANDS = {
    "under_2w": (N_("Under 2 weeks"), N_("less than 2 weeks"), 0, 13),
    "2_6w": (N_("2 to 6 weeks"), N_("2 to 6 weeks"), 14, 41),
    "6_12w": (N_("6 to 12 weeks"), N_("6 to 12 weeks"), 42, 84),
    "over_3m": (N_("Over 3 months"), N_("over 3 months"), 85, None),
}
# The choice as it is quoted inside a sentence.
LOWER = {"under_2w": N_("under 2 weeks"), "2_6w": N_("2 to 6 weeks"), "6_12w": N_("6 to 12 weeks"),
         "over_3m": N_("over 3 months")}
OLDEST_YEARS = 30


def band_of(days):
    """The span a number of days since the start falls in."""
    for key, (_label, _words, low, high) in BANDS.items():
        if days >= low and (high is None or days <= high):
            return key
    return "under_2w"       # a start later than today is refused before this is asked


def validate(form, today):
    """(band, start date, errors) from `episode_band` and the optional `episode_start`.

    A date alone is enough (the span follows from it); a span alone gives the shortest start
    in it; both must agree, or the person is asked to change one."""
    band, text, errors = form.get("episode_band") or None, (form.get("episode_start") or "").strip(), {}
    if band is not None and band not in BANDS:
        band = None
        errors["episode_band"] = N_("Choose how long you have had it.")
    start = None
    if text:
        try:
            start = dt.date.fromisoformat(text)
        except ValueError:
            errors["episode_start"] = N_("Enter the date like 2026-10-01, or leave it empty.")
        else:
            if start > today:
                errors["episode_start"] = N_("That date is in the future. Enter the day it started, or leave it empty.")
            elif start.year < today.year - OLDEST_YEARS:
                errors["episode_start"] = N_("That date is a very long time ago. Please check the year.")
    if errors.get("episode_start"):
        return band, None, errors
    if start is not None:
        fits = band_of((today - start).days)
        if band is not None and band != fits and not errors:
            errors["episode_start"] = Said.ngettext(
                "That date is %(num)d day ago, which is not \u201c%(band)s\u201d. Change the date, or the choice above.",
                "That date is %(num)d days ago, which is not \u201c%(band)s\u201d. Change the date, or the choice above.",
                (today - start).days, band=LOWER[band])
        return band or fits, start, errors
    if band is None:
        errors.setdefault("episode_band", N_("Choose how long you have had it."))
        return None, None, errors
    return band, today - dt.timedelta(days=BANDS[band][2]), errors


def said(band, has_date):
    """The span in words when the person gave no date ("6 to 12 weeks"), else None."""
    return None if has_date or band not in BANDS else BANDS[band][1]
