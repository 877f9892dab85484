"""Today's budgets at 390x844 on a full day (the product brief): the warning-sign question, a pain
log and the next exercise's Start on the first screen below the banner; the day's core action
(safety answer, a pain log, one exercise done) in at most 4 taps besides the timer; the whole
page at most 2.5 screens. Seeding and measuring live here, so the browser test
(tests/browser/test_today_budget.py) and a person with `python -m bench.today_budget` measure
the same day. Needs Playwright and the app's models (a live server's database)."""
import datetime as dt
import uuid

from webapp.models import CheckIn, Completion, RedFlagCheck, StageChange, User, utcnow

VIEWPORT = {"width": 390, "height": 844}
SCREENS_BUDGET = 2.5
TAPS_BUDGET = 4
EXERCISES_DONE = (("knees-rocking", "morning", "same"), ("abdominal-bracing", "morning", "better"),
                  ("lying-nerve-slider", "midday", "same"), ("graded-walking", "midday", "better"),
                  ("buttock-stretch", "evening", "same"))


def _stamp(day, time):
    return {"uuid": str(uuid.uuid4()), "local_date": day, "local_time": time, "tz_offset_minutes": 0,
            "client_updated_at": dt.datetime.combine(day, dt.time(int(time[:2]), int(time[3:])))}


def seed_full_day(email):
    """A full day for the person signed up as `email` (through the welcome): stage 2, disc type,
    ten weeks since onset and 20 days in the stage; two weeks of check-ins (leg pain 2 to 3, not
    below the knee) and exercises done with how they felt, so the engine suggests stage 3; today
    nothing answered yet (the welcome's "none of these" moved to yesterday): the start of a day."""
    user = User.by_email(email)
    today = user.local_today()
    user.episode_start = today - dt.timedelta(weeks=10)
    user.save()
    if user.stage != 2:
        StageChange.record(user, 2, "disc", "person", "Seeded full day")
        user = User.by_email(email)
    StageChange.update(changed_at=utcnow() - dt.timedelta(days=20)).where(StageChange.user == user).execute()
    RedFlagCheck.update(local_date=today - dt.timedelta(days=1)).where(RedFlagCheck.user == user).execute()
    for back in range(14, 0, -1):
        day = today - dt.timedelta(days=back)
        CheckIn.create(user=user, leg_pain=3 if back % 3 else 2, back_pain=2, extent="buttock", tingling=False,
                       weakness=False, sitting_minutes=40, walking_minutes=30, **_stamp(day, "08:30"))
        RedFlagCheck.create(user=user, tier="none", **_stamp(day, "08:29"))
        for n, (slug, session, response) in enumerate(EXERCISES_DONE[: 2 + back % 4]):
            Completion.create(user=user, exercise=slug, session=session, response=response,
                              **_stamp(day, f"{9 + 3 * n:02d}:15"))
    return User.by_email(email)


# ---- measuring in the browser ----

FIRST_SCREEN = """(() => {
  const banner = document.querySelector('.redflag-banner').getBoundingClientRect();
  const top = (sel) => { const el = document.querySelector(sel);
    if (!el || !el.getClientRects().length) return null;
    const r = el.getBoundingClientRect(); return {top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY)}; };
  return {banner_bottom: Math.round(banner.bottom), page_height: document.documentElement.scrollHeight,
          viewport: innerHeight, tabbar: Math.round(innerHeight - document.querySelector('.tabbar').getBoundingClientRect().top)};
})()"""


def where(page, selector):
    """The element's top and bottom in the document (CSS px), or None when it is not shown."""
    return page.evaluate("""(sel) => { const el = document.querySelector(sel);
      if (!el || !el.getClientRects().length) return null;
      const r = el.getBoundingClientRect();
      return {top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY)}; }""", selector)


def page_figures(page):
    """The page's height in screens of the viewport, and how much of the screen the banner and
    the tab bar take."""
    f = page.evaluate(FIRST_SCREEN)
    f["screens"] = round(f["page_height"] / f["viewport"], 2)
    return f


def in_first_screen(page, selector):
    """True when `selector` is wholly visible at the top of the page without scrolling: below the
    banner and above the tab bar."""
    page.evaluate("scrollTo(0, 0)")
    f = page.evaluate(FIRST_SCREEN)
    box = where(page, selector)
    return box is not None and box["bottom"] <= f["viewport"] - f["tabbar"]


class Taps:
    """Counts a person's taps and how far they had to scroll to reach each one."""

    def __init__(self, page):
        self.page, self.taps, self.scrolled, self.log = page, 0, 0, []

    def tap(self, selector, counts=True):
        f = self.page.evaluate(FIRST_SCREEN)
        box = self.page.locator(selector).first.bounding_box()
        bottom_edge = f["viewport"] - f["tabbar"]
        scroll = 0
        if box is not None and (box["y"] + box["height"] > bottom_edge or box["y"] < f["banner_bottom"]):
            scroll = abs(round(box["y"] + box["height"] / 2 - (f["banner_bottom"] + bottom_edge) / 2))
        self.scrolled += scroll
        self.page.locator(selector).first.click()
        if counts:
            self.taps += 1
        self.log.append((selector, counts, scroll))

    def figures(self):
        return {"taps": self.taps, "scrolled_px": self.scrolled,
                "scrolled_screens": round(self.scrolled / VIEWPORT["height"], 2)}


def report(label, figures):
    """One printed line per measurement, so the test output carries the figures."""
    print(f"TODAY BUDGET {label}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))
