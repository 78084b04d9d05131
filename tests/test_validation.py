"""The patterns of the case (brief §5) hold over 20 seeds, from the mechanisms alone."""

import json

import pytest

from experiments.cli import main
from experiments.story import months
from experiments.validation import PATTERNS


def test_the_twelve_patterns_of_the_brief_and_the_case_checks_are_checked():
    assert sorted(p.id for p in PATTERNS) == list(range(1, 20))
    assert all(p.title and p.expected for p in PATTERNS)


# Checks that do not hold over 20 seeds from the mechanisms, and why (docs/calibration.md,
# "What does not emerge"). They are not tuned away: each is a finding, and the test fails
# as soon as one of them starts to hold, so that this list is kept true.
KNOWN_GAPS = {
    9: "reception's repairs 1.9x faster, not 2x: evening complaints wait for the morning, "
       "and evening cover is rarely worth its fee once complaints fall",
    10: "the redesign gains about +13%, below +15-25%, with the market's response taken "
        "from Anderson (2012), not fitted",
    17: "direct channels carry about 28% of the gain (volume at its contribution): the "
        "status quo's direct cost of dysfunction is about 3 margin points",
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
