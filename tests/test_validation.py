"""The patterns of the case (brief §5) hold over 20 seeds, from the mechanisms alone."""

import json

import pandas as pd
import pytest

from experiments.calibration_checks import operating_leverage
from experiments.cli import main
from experiments.story import months
from experiments.validation import PATTERNS


def test_the_twelve_patterns_of_the_brief_and_the_case_checks_are_checked():
    assert sorted(p.id for p in PATTERNS) == list(range(1, 21))
    assert all(p.title and p.expected for p in PATTERNS)


def run_of(revenue: float, costs: float) -> list[pd.DataFrame]:
    """One seed's daily table, days 150-539, earning and spending the same every day."""
    return [pd.DataFrame({"day": range(150, 540), "net_revenue": revenue, "costs": costs})]


def test_operating_leverage_is_one_when_every_cost_moves_with_revenue():
    leverage = operating_leverage(run_of(90, 72), run_of(100, 80), run_of(110, 88))
    assert leverage["leverage"] == pytest.approx(1.0)


def test_operating_leverage_grows_with_fixed_costs():
    # fixed costs of 80: profit 10 -> 30 around 20 while revenue moves 90 -> 110 around 100
    leverage = operating_leverage(run_of(90, 80), run_of(100, 80), run_of(110, 80))
    assert leverage == pytest.approx({"revenue_change": 0.2, "gop_change": 1.0,
                                      "leverage": 5.0})


# Checks that do not hold over 20 seeds from the mechanisms, and why (docs/calibration.md,
# "What does not emerge"). They are not tuned away: each is a finding, and the test fails
# as soon as one of them starts to hold, so that this list is kept true.
KNOWN_GAPS = {
    9: "reception's repairs 1.9x faster, not 2x: evening complaints wait for the morning, "
       "and evening cover is rarely worth its fee once complaints fall",
    10: "the redesign gains about +10%, below +15-25%, with the market's response taken "
        "from Anderson (2012) and the costs calibrated to the status quo's leverage, not fitted",
    17: "direct channels carry about a third of the gain (volume and the wages rostered to it "
        "at their contribution): the status quo's direct cost of dysfunction is about 3 "
        "margin points",
}


@pytest.mark.slow
def test_every_pattern_holds_over_twenty_seeds_but_the_documented_gaps(capsys):
    code = main(["validate", "--seeds", "20", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert {"id", "title", "passed", "measured", "expected"} <= set(report[0])
    failed = {r["id"]: f"{r['title']}: {r['measured']}" for r in report if not r["passed"]}
    unexpected = {k: v for k, v in failed.items() if k not in KNOWN_GAPS}
    assert not unexpected, f"patterns that should hold do not: {unexpected}"
    closed = sorted(set(KNOWN_GAPS) - set(failed))
    assert not closed, f"known gaps {closed} now hold: remove them from KNOWN_GAPS and the docs"
    assert code == (1 if failed else 0)


def test_story_months_are_the_case_milestones():
    marks = months(540)
    assert [label for label, _ in marks] == ["month 0", "month 6", "month 12", "month 18"]
    assert marks[0][1] == (0, 30) and marks[-1][1] == (510, 540)
