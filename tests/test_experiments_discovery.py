"""Scenario discovery: PRIM finds a known box; the command reads a policies experiment."""

import numpy as np
import pandas as pd
import pytest
from experiment_helpers import SMALL_TOML

from experiments.analysis import load_design
from experiments.cli import main
from experiments.designs import build_design
from experiments.discovery import discover, load, world_outcomes
from experiments.store import read_manifest, read_runs


def synthetic_worlds(n: int = 500) -> pd.DataFrame:
    """The redesign gains 20% except where defects are frequent and the quota tight
    (defect_rate > 0.06 and housekeeper_quota > 16), where it gains 2%; rooms do not matter."""
    rng = np.random.default_rng(4)
    worlds = pd.DataFrame({"defect_rate": rng.uniform(0.03, 0.08, n),
                           "housekeeper_quota": rng.uniform(13, 18, n),
                           "rooms": rng.uniform(50, 200, n)})
    inside = (worlds["defect_rate"] > 0.06) & (worlds["housekeeper_quota"] > 16)
    worlds["redesign_gain"] = np.where(inside, 0.02, 0.20) + rng.normal(0, 0.01, n)
    return worlds


def test_prim_finds_the_box_where_the_gain_falls_short():
    found = discover(synthetic_worlds(), "redesign_gain", below=0.10)
    limits = found.restricted().set_index("input")
    assert set(limits.index) == {"defect_rate", "housekeeper_quota"}  # rooms left free
    assert limits.loc["defect_rate", "low"] == pytest.approx(0.06, abs=0.003)
    assert limits.loc["housekeeper_quota", "low"] == pytest.approx(16, abs=0.15)
    chosen = found.trajectory.loc[found.chosen]
    assert chosen["coverage"] >= 0.9 and chosen["density"] >= 0.9
    # the trajectory trades coverage for density from the whole space on
    assert found.trajectory.loc[0, "coverage"] == 1.0
    assert found.trajectory.loc[0, "density"] == pytest.approx(found.interesting.mean())


def test_nothing_to_discover_is_one_clear_line():
    with pytest.raises(ValueError, match="holds in none of the 500 worlds"):
        discover(synthetic_worlds(), "redesign_gain", below=-1.0)


def test_a_policys_gain_asked_of_a_design_without_policies_says_so():
    """As in the docs' robustness example, but on a factorial: one line that says why."""
    factorial = build_design({"kind": "factorial", "factors": ["training", "rotation"]}, 1)
    with pytest.raises(ValueError, match=r"--outcome redesign_gain: POLICY_gain and "
                                         r"POLICY_difference compare the policies .* this "
                                         r"factorial design has none"):
        world_outcomes(pd.DataFrame(), factorial, "redesign_gain", "baseline", {})


def test_discover_command_on_a_policies_experiment(tmp_path, capsys):
    config = tmp_path / "robust.toml"
    config.write_text("""
days = 40
replicates = 1
seed = 3
summary_days = 30
""" + SMALL_TOML + """[design]
kind = "policies_x_uncertainties"
samples = 12
[design.policies]
baseline = { preset = "baseline" }
redesign = { preset = "redesign" }
[design.uncertainties]
defect_rate = [0.02, 0.08]
housekeeper_quota = [12, 17]
""")
    out = tmp_path / "out"
    assert main(["sweep", str(config), "--out", str(out), "--workers", "2", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["discover", str(out), "--outcome", "redesign_difference:occupancy",
                 "--above", "-1"]) == 2  # every world: one line, exit 2
    assert "holds in every one of the 12 worlds" in capsys.readouterr().err
    worlds, _ = world_outcomes(read_runs(out), load_design(read_manifest(out)),
                               "redesign_gain", "baseline", {})
    gains = worlds["redesign_gain"]
    middle = float(gains.min() + gains.max()) / 2  # some worlds on each side
    assert main(["discover", str(out), "--outcome", "redesign_gain", "--below",
                 str(middle)]) == 0
    printed = capsys.readouterr().out
    assert f"redesign_gain < {middle:g} in {(gains < middle).sum()} of 12 worlds" in printed
    assert "chosen box (step" in printed
    assert load(out)["rule"] == f"redesign_gain < {middle:g}"
    assert main(["report", str(out)]) == 0
    assert 'src="discovery_tradeoff.png"' in (out / "report.html").read_text()
    assert main(["discover", str(out), "--outcome", "redsign_gain", "--below", "0.1"]) == 2
    assert "no policy 'redsign'" in capsys.readouterr().err
