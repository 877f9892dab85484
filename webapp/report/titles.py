"""Each chart of the report in words (its <title>, what a screen reader says for it), in the
reader's language: drawn with the page, so a practitioner hears them in their own language."""
from flask_babel import format_date
from flask_babel import gettext as _

from . import adherence, figures


def _day(day):
    return format_date(day, "d MMM", rebase=False)


def _from_to(pairs, what, minutes=False):
    """`what` (already translated) from the first value to the last, with the lowest and highest."""
    pairs = [(d, v) for d, v in pairs if v is not None]
    if not pairs:
        return _("no %(what)s recorded", what=what)
    (d0, v0), (d1, v1) = pairs[0], pairs[-1]
    values = {"what": what, "first": figures.number(v0), "first_day": _day(d0), "last": figures.number(v1),
              "last_day": _day(d1), "low": figures.number(min(v for _, v in pairs)),
              "high": figures.number(max(v for _, v in pairs))}
    if minutes:
        return _("%(what)s from %(first)s min on %(first_day)s to %(last)s min on %(last_day)s "
                 "(lowest %(low)s, highest %(high)s)", **values)
    return _("%(what)s from %(first)s on %(first_day)s to %(last)s on %(last_day)s "
             "(lowest %(low)s, highest %(high)s)", **values)


def _extent(code, labels):
    return _(labels[code]).lower() if code in labels else code


def chart_titles(r, names, extent_labels):
    """{chart: words} for the Report `r`; `names` maps exercise slugs to names."""
    buckets, weekly = r.buckets, r.weekly
    pain = (_from_to([(b.date, b.leg) for b in buckets], _("leg pain")) + "; "
            + _from_to([(b.date, b.back) for b in buckets], _("back pain")))
    tolerance = (_from_to([(b.date, b.sitting) for b in buckets], _("time sitting"), minutes=True) + "; "
                 + _from_to([(b.date, b.walking) for b in buckets], _("time walking"), minutes=True))
    extents = [b.extent for b in buckets if b.extent]
    total = adherence.totals(r.done)
    answered = []
    for x in r.responses:
        if not x.answered:
            continue
        name = names.get(x.exercise, x.exercise)
        if x.counts["eased"]:
            answered.append(_("%(name)s: %(spread)d spread, %(worse)d worse, %(eased)d eased or moved up", name=name,
                              spread=x.counts["spread"], worse=x.counts["worse"], eased=x.counts["eased"]))
        else:
            answered.append(_("%(name)s: %(spread)d spread, %(worse)d worse", name=name,
                              spread=x.counts["spread"], worse=x.counts["worse"]))
    done = _("Exercises done against prescribed: %(done)d of %(prescribed)d.", done=total.matched,
             prescribed=total.prescribed)
    if total.over_cap_days:
        done = (_("Exercises done against prescribed: %(done)d of %(prescribed)d; %(num)d weeks with an exercise "
                  "over its limit.", done=total.matched, prescribed=total.prescribed, num=total.over_cap_days)
                if weekly else
                _("Exercises done against prescribed: %(done)d of %(prescribed)d; %(num)d days with an exercise "
                  "over its limit.", done=total.matched, prescribed=total.prescribed, num=total.over_cap_days))
    if extents:
        first, last = _extent(extents[0], extent_labels), _extent(extents[-1], extent_labels)
        extent = (_("Furthest extent, weekly: from %(first)s to %(last)s.", first=first, last=last) if weekly
                  else _("Furthest extent, daily: from %(first)s to %(last)s.", first=first, last=last))
    else:
        extent = _("No extent recorded.")
    return {
        "pain": (_("Pain, weekly average: %(words)s.", words=pain) if weekly
                 else _("Pain, daily average: %(words)s.", words=pain)),
        "extent": extent,
        "tolerance": (_("Tolerance in minutes, weekly average: %(words)s.", words=tolerance) if weekly
                      else _("Tolerance in minutes, daily average: %(words)s.", words=tolerance)),
        "calendar": done,
        "responses": _("How exercises felt afterwards. %(words)s.",
                       words=", ".join(answered) if answered else _("No answers recorded")),
    }
