"""Assemble docs/clinical-safety/hazard-log.md from the per-branch rows in docs/clinical-safety/rows/.

    python scripts/hazard_log.py           # write hazard-log.md
    python scripts/hazard_log.py --check   # exit 1 if hazard-log.md is not what the rows make

The rows files are the source (each branch owns its own file, so parallel branches never edit the
same lines); hazard-log.md is their output, with each row's risk before and after worked out from
the scales and the matrix in docs/clinical-safety/README.md. tests/test_clinical_safety.py reads
the same tables through this module.
"""
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "docs" / "clinical-safety"
COLUMNS = ("id", "hazard", "cause", "effect", "severity", "likelihood", "control", "test")
OPTIONAL = ("justification",)
ARROW = "→"
ID = re.compile(r"^([A-Z][A-Z0-9]*)-([1-9][0-9]*)$")
TEST = re.compile(r"^(tests/[\w/]+\.py)::(test_\w+)$")


class LogError(ValueError):
    """A table that cannot be read: says which file and line."""


def tables(text, where):
    """Every markdown table in `text`, as a list of {column: cell} per table (the header row's
    names, lower case). A row with the wrong number of cells is an error, never skipped."""
    found, header, rows = [], None, None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line.startswith("|"):
            header = None
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if header is None:
            header, rows = [cell.lower() for cell in cells], []
            found.append(rows)
        elif set(line) <= set("|-: "):
            continue
        elif len(cells) != len(header):
            raise LogError(f"{where}:{number}: {len(cells)} cells where the header has {len(header)}")
        else:
            rows.append({**dict(zip(header, cells)), "_where": f"{where}:{number}"})
    return found


@dataclass(frozen=True)
class Scales:
    """The README's severity and likelihood scales, its risk matrix and what each risk needs."""
    severities: tuple
    likelihoods: tuple
    matrix: dict            # (likelihood, severity) -> risk
    acceptability: dict     # risk -> "yes" | "with a justification" | "no"

    def risk(self, likelihood, severity):
        return self.matrix[(likelihood, severity)]


def scales(readme=FOLDER / "README.md"):
    """Read the scales from the README's tables headed severity, likelihood, likelihood \\ severity
    and risk."""
    found = {}
    for table in tables(readme.read_text(encoding="utf-8"), readme.name):
        if table:
            found[next(name for name in table[0] if name != "_where")] = table
    severities = tuple(row["severity"] for row in found["severity"])
    likelihoods = tuple(row["likelihood"] for row in found["likelihood"])
    matrix = {}
    for row in found["likelihood \\ severity"]:
        for severity in severities:
            matrix[(row["likelihood \\ severity"], severity)] = int(row[severity.lower()])
    acceptability = {int(row["risk"]): row["acceptable"] for row in found["risk"]}
    return Scales(severities, likelihoods, matrix, acceptability)


@dataclass(frozen=True)
class Row:
    id: str
    hazard: str
    cause: str
    effect: str
    severity: str
    before: str
    after: str
    control: str
    tests: tuple            # ((file, name), ...)
    justification: str
    where: str


def read_rows(folder=FOLDER / "rows"):
    """Every row of every rows/*.md, in file order then row order."""
    rows = []
    for path in sorted(folder.glob("*.md")):
        found = tables(path.read_text(encoding="utf-8"), f"rows/{path.name}")
        if len(found) != 1:
            raise LogError(f"rows/{path.name}: one table expected, found {len(found)}")
        for raw in found[0]:
            rows.append(_row(raw))
    return rows


def _row(raw):
    where = raw.pop("_where")
    missing = [name for name in COLUMNS if name not in raw]
    unknown = [name for name in raw if name not in COLUMNS + OPTIONAL]
    if missing or unknown:
        raise LogError(f"{where}: columns missing {missing} or unknown {unknown}")
    before, arrow, after = raw["likelihood"].partition(ARROW)
    if not arrow:
        raise LogError(f"{where}: likelihood must read 'before {ARROW} after'")
    tests = []
    for named in raw["test"].split(", "):
        match = TEST.match(named.strip().strip("`"))
        if not match:
            raise LogError(f"{where}: '{named}' is not tests/....py::test_name")
        tests.append(match.groups())
    return Row(raw["id"], raw["hazard"], raw["cause"], raw["effect"], raw["severity"], before.strip(),
               after.strip(), raw["control"], tuple(tests), raw.get("justification", ""), where)


HEADER = ("| id | hazard | cause | effect | severity | likelihood before → after | risk before → after "
          "| control | tests | justification |")


def render(rows, scale):
    """hazard-log.md: the rows as one table, with their risks, under a short preface."""
    lines = [
        "# Hazard log",
        "",
        "Assembled by `scripts/hazard_log.py` from [rows/](rows/) (do not edit this file by hand: add or",
        "change a row in `rows/<branch>.md`, then run `python scripts/hazard_log.py`). Severity,",
        "likelihood, the risk matrix and what each risk needs are defined in [README.md](README.md);",
        "which paths of the app each row covers is in [paths.md](paths.md).",
        "",
        f"{len(rows)} hazards; risk after its control: "
        + ", ".join(f"{risk}: {count}" for risk, count in _count(rows, scale)) + ".",
        "",
        "Where the rows come from (one file per branch; a new branch adds its own, see the README's",
        "[How a new screen or path gets its hazard row](README.md#how-a-new-screen-or-path-gets-its-hazard-row)):",
        "",
        *_sources(rows),
        "",
        HEADER,
        "|" + "---|" * 10,
    ]
    for row in rows:
        risks = f"{scale.risk(row.before, row.severity)} {ARROW} {scale.risk(row.after, row.severity)}"
        tests = "<br>".join(f"`{file}::{name}`" for file, name in row.tests)
        lines.append(f"| {row.id} | {row.hazard} | {row.cause} | {row.effect} | {row.severity} "
                     f"| {row.before} {ARROW} {row.after} | {risks} | {row.control} | {tests} "
                     f"| {row.justification} |")
    return "\n".join(lines) + "\n"


def _sources(rows):
    files = {}
    for row in rows:
        files.setdefault(row.where.partition(":")[0], []).append(row.id.rpartition("-")[0])
    return [f"- [{file}]({file}): {ids[0]}, {len(ids)} rows" for file, ids in files.items()]


def _count(rows, scale):
    counts = {}
    for row in rows:
        risk = scale.risk(row.after, row.severity)
        counts[risk] = counts.get(risk, 0) + 1
    return sorted(counts.items())


def main(argv):
    built = render(read_rows(), scales())
    target = FOLDER / "hazard-log.md"
    if "--check" in argv:
        if not target.exists() or target.read_text(encoding="utf-8") != built:
            print("hazard-log.md is out of date: run python scripts/hazard_log.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(built, encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
