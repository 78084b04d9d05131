"""Write docs/parameters.md, metrics.md, outcomes.md and validation.md from the definitions
in the code.

Run `.venv/bin/python docs/generate.py` after changing a parameter or a metric; a test fails
while the committed files differ from what this writes, so the docs never drift from the code.
"""

from __future__ import annotations

from pathlib import Path

from experiments.outcomes import OUTCOMES
from experiments.validation import PATTERNS, SCENARIOS
from model import METRICS, PARAMETERS, PRESET_DESCRIPTIONS, PRESETS

HERE = Path(__file__).parent


def parameters_page() -> str:
    lines = ["# Parameters", "",
             "Generated from `model/parameters.py` by `docs/generate.py`; do not edit by hand.",
             "Names are the same on the command line (`--set name=value`), in experiment files "
             "and in the app.", ""]
    groups: dict[str, list] = {}
    for spec in PARAMETERS.values():
        groups.setdefault(spec.group, []).append(spec)
    for group, specs in groups.items():
        lines += [f"## {group.capitalize()}", "",
                  "| name | default | allowed | unit | meaning | source |",
                  "|---|---|---|---|---|---|"]
        for s in specs:
            allowed = "true / false" if s.kind is bool else f"{s.low:g} to {s.high:g}"
            lines.append(f"| `{s.name}` | {s.default} | {allowed} | {s.unit} | {s.doc} | "
                         f"{s.source} |")
        lines.append("")
    lines += ["## Presets", "", "| preset | levers on | story |", "|---|---|---|"]
    for name, levers in PRESETS.items():
        on = ", ".join(levers) or "none"
        lines.append(f"| `{name}` | {on} | {PRESET_DESCRIPTIONS[name]} |")
    return "\n".join(lines) + "\n"


def metrics_page() -> str:
    lines = ["# Daily metrics", "",
             "Generated from `model/metrics.py` by `docs/generate.py`; do not edit by hand.",
             "One row per simulated day after the warm-up (`InterLodgeModel.daily_table()`, "
             "`interlodge run --out`).", "", "| column | unit | definition |", "|---|---|---|"]
    lines += [f"| `{name}` | {unit} | {definition} |"
              for name, (unit, definition) in METRICS.items()]
    return "\n".join(lines) + "\n"


def outcomes_page() -> str:
    lines = ["# Outcomes", "",
             "Generated from `experiments/outcomes.py` by `docs/generate.py`; do not edit by "
             "hand. What experiments measure over a period of days (a run's last "
             "`summary_days` days in `runs.parquet`, each period of the report's time "
             "figures, the story's months, the validation's windows): each outcome is "
             "sum(numerator) / sum(denominator) over the days of the period, so days weigh by "
             "what they contribute and loss days count. Use the names with "
             "`interlodge analyze --outcome NAME`.", "",
             "| outcome | unit | definition over a period |", "|---|---|---|"]
    lines += [f"| `{o.name}` | {o.unit} | {o.description} |" for o in OUTCOMES.values()]
    return "\n".join(lines) + "\n"


def validation_page() -> str:
    scenarios = "; ".join(
        f"**{name}** = preset `{preset}`"
        + (f" with {', '.join(f'{k}={v}' for k, v in overrides.items())}" if overrides else "")
        + f", {days} days" for name, (preset, overrides, days) in SCENARIOS.items())
    lines = ["# Validation: the patterns of the case", "",
             "Generated from `experiments/validation.py` by `docs/generate.py`; do not edit by "
             "hand. `interlodge validate [--seeds N]` runs every scenario on the same seeds "
             "(default 20) and checks each pattern of brief §5 on the mean over seeds. Margin "
             "over a period is (sum of net revenue - sum of costs) / sum of net revenue; gains "
             "against the baseline are computed seed by seed (same seeds, same demand) and "
             "averaged. Days 450-540 are the last quarter of the 18 months.", "",
             f"Scenarios: {scenarios}.", "",
             "| # | pattern | criterion |", "|---|---|---|"]
    lines += [f"| {p.id} | {p.title} | {p.expected} |"
              for p in sorted(PATTERNS, key=lambda p: p.id)]
    return "\n".join(lines) + "\n"


PAGES = {"parameters.md": parameters_page, "metrics.md": metrics_page,
         "outcomes.md": outcomes_page, "validation.md": validation_page}

if __name__ == "__main__":
    for name, page in PAGES.items():
        (HERE / name).write_text(page())
        print(f"wrote docs/{name}")
