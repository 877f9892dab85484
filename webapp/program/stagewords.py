"""The program's own words, marked for the catalogue: the pattern and session names (webapp/content/
plans.py) and the stage names, labels and purposes and the plans' notes of content/program.yaml
(tests/test_i18n_program.py checks that every one of those is here). Pages draw them through the
`said` filter (webapp/i18n/said.py), in the reader's language. No Flask."""
from ..translatable import N_

PATTERN_TYPES = {"disc": N_("disc type"), "stenosis": N_("stenosis type")}     # inside a sentence

PROGRAM_YAML = (
    N_("Disc type"), N_("Stenosis type"), N_("leg pain often worse sitting or bending"),
    N_("worse standing or walking, eased by bending forward or sitting"),
    N_("Morning"), N_("Midday"), N_("Evening"),
    N_("Calm"), N_("acute / calm"),
    N_("Stage 1 is for calming the irritated nerve while you keep gently moving. The exercises are short and "
       "easy, with positions that ease your leg. Short rests are fine, but staying in bed does not help it heal. "
       "Nothing here should push into pain."),
    N_("Settle"), N_("subacute / settling"),
    N_("Stage 2 is for building movement back as things settle: gentle nerve sliders, easy stretches, and a "
       "little more walking each week. Go slowly. Add more only when a few days in a row have felt fine."),
    N_("Strengthen"), N_("chronic / strengthen"),
    N_("Stage 3 is for getting back to normal life: bending normally again, building strength, and working up "
       "to 30 to 60 minutes of activity on most days. Flare-ups can still happen and do not by themselves mean "
       "damage. If one comes, it is fine to drop back a stage for a while."),
    N_("Back stroke with a float, or walking in the water. Avoid strokes that arch your back."),
    N_("In bouts of 3 to 5 minutes, with a sitting rest between bouts."),
)
