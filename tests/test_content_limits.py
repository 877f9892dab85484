"""content/program.yaml's practitioner_limits: what a practitioner may raise or allow, checked at
start-up; a broken section names the field."""
from pathlib import Path

import pytest
import yaml

from webapp.content import plans

CONTENT = Path(__file__).resolve().parent.parent / "content"


def test_the_limits_in_the_shipped_file(rules, content):
    limits = rules.limits
    assert limits.raise_caps["curl-downs"] == {"per_day": 4}
    assert limits.allow == ("advanced-nerve-traction",)
    assert 1 <= limits.longest_hold_days <= 365
    # Every limit is at or above the exercise's own cap, and what may be allowed is practitioner-only.
    for slug, caps in limits.raise_caps.items():
        for name, value in caps.items():
            assert value >= getattr(content.exercises[slug].caps, name)
    assert all(content.exercises[slug].practitioner_only for slug in limits.allow)
    # The seeds' hard caps are not raisable: table stretch 3 a day, the advanced tensioner twice a week.
    assert "table-stretch" not in limits.raise_caps and "advanced-nerve-traction" not in limits.raise_caps
    assert limits.highest("table-stretch", "per_day", 3) == 3
    assert limits.highest("curl-downs", "per_day", 2) == 4


def _load(tmp_path, content, change):
    data = yaml.safe_load((CONTENT / "program.yaml").read_text())
    change(data)
    path = tmp_path / "program.yaml"
    path.write_text(yaml.safe_dump(data))
    return path, lambda: plans.load(path, content.exercises)


def _broken(tmp_path, content, change):
    path, load = _load(tmp_path, content, change)
    with pytest.raises(plans.ProgramError) as error:
        load()
    assert str(error.value).startswith(f"{path}: field 'practitioner_limits")
    return str(error.value)


def test_broken_limits_name_the_field(tmp_path, content):
    def unknown(d): d["practitioner_limits"]["raise_caps"]["handstand"] = {"per_day": 2}
    def below(d): d["practitioner_limits"]["raise_caps"]["curl-downs"] = {"per_day": 1}
    def too_high(d): d["practitioner_limits"]["raise_caps"]["curl-downs"] = {"per_day": 50}
    def no_week_cap(d): d["practitioner_limits"]["raise_caps"]["curl-downs"] = {"per_week": 10}
    def typo(d): d["practitioner_limits"]["raise_caps"]["curl-downs"] = {"per_days": 3}
    def not_practitioner_only(d): d["practitioner_limits"]["allow"] = ["curl-downs"]
    def hold(d): d["practitioner_limits"]["longest_hold_days"] = 0
    def extra(d): d["practitioner_limits"]["lift_pause"] = True
    def missing(d): del d["practitioner_limits"]["allow"]
    assert "'practitioner_limits.raise_caps.handstand' names an unknown exercise" in _broken(tmp_path, content, unknown)
    assert "'practitioner_limits.raise_caps.curl-downs.per_day' must be a whole number from 2 to 20, not 1" \
        in _broken(tmp_path, content, below)
    assert "from 2 to 20, not 50" in _broken(tmp_path, content, too_high)
    assert "'practitioner_limits.raise_caps.curl-downs.per_week' cannot be raised: 'curl-downs' has no per_week cap" \
        in _broken(tmp_path, content, no_week_cap)
    assert "'practitioner_limits.raise_caps.curl-downs.per_days' is not a known setting" \
        in _broken(tmp_path, content, typo)
    assert "'practitioner_limits.allow[0]' 'curl-downs' is not practitioner-only" \
        in _broken(tmp_path, content, not_practitioner_only)
    assert "'practitioner_limits.longest_hold_days' must be a whole number from 1 to 365" \
        in _broken(tmp_path, content, hold)
    assert "'practitioner_limits.lift_pause' is not a known setting" in _broken(tmp_path, content, extra)
    assert "'practitioner_limits.allow' is missing" in _broken(tmp_path, content, missing)


def test_without_the_section_nothing_may_be_raised_or_allowed(tmp_path, content):
    _path, load = _load(tmp_path, content, lambda d: d.pop("practitioner_limits"))
    limits = load().limits
    assert limits.raise_caps == {} and limits.allow == () and limits.longest_hold_days == 0
    assert limits.highest("curl-downs", "per_day", 2) == 2
