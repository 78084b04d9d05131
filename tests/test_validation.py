"""The patterns of the case (brief §5) hold over 20 seeds, from the mechanisms alone."""

import json

import pytest

from experiments.cli import main
from experiments.story import months
from experiments.validation import PATTERNS


def test_the_twelve_patterns_of_the_brief_and_the_case_checks_are_checked():
    assert sorted(p.id for p in PATTERNS) == list(range(1, 20))
    assert all(p.title and p.expected for p in PATTERNS)


@pytest.mark.slow
def test_every_pattern_holds_over_twenty_seeds(capsys):
    code = main(["validate", "--seeds", "20", "--json"])
    report = json.loads(capsys.readouterr().out)
    failed = [f"{r['id']} {r['title']}: {r['measured']}" for r in report if not r["passed"]]
    assert not failed
    assert code == 0
    assert {"id", "title", "passed", "measured", "expected"} <= set(report[0])


def test_story_months_are_the_case_milestones():
    marks = months(540)
    assert [label for label, _ in marks] == ["month 0", "month 6", "month 12", "month 18"]
    assert marks[0][1] == (0, 30) and marks[-1][1] == (510, 540)
