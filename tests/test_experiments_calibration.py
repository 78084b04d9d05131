"""ABC-SMC calibration: a toy simulator with a known posterior, the file checks, the hotel."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from experiment_helpers import SMALL_TOML

from experiments.calibration import Calibration, calibrate, load_calibration
from experiments.cli import main
from model import ParameterError, preset_parameters

RNG = np.random.default_rng(0)


def noisy_theta(particle: dict) -> dict:
    """y ~ Normal(theta, 0.1): with y observed at 0.5 and a uniform prior on [0, 1], the
    posterior is about Normal(0.5, 0.1)."""
    return {"occupancy": particle["defect_rate"] + RNG.normal(0, 0.1)}


def test_abc_recovers_the_known_posterior_of_a_toy_simulator(tmp_path):
    toy = Calibration(priors={"defect_rate": (0.0, 1.0)}, targets={"occupancy": (0.4, 0.6)},
                      population_size=200, generations=5, seed=3)
    posterior = calibrate(toy, tmp_path, simulator=noisy_theta)
    weights = posterior["weight"] / posterior["weight"].sum()
    mean = float((posterior["defect_rate"] * weights).sum())
    sd = float(np.sqrt((weights * (posterior["defect_rate"] - mean) ** 2).sum()))
    assert mean == pytest.approx(0.5, abs=0.03)
    assert sd == pytest.approx(0.1, abs=0.03)  # ABC with a small tolerance: about 0.1
    generations = pd.read_csv(tmp_path / "populations.csv")
    assert len(generations) == 5 and generations["epsilon"].is_monotonic_decreasing
    with pytest.raises(ValueError, match="already holds a calibration; add --resume"):
        calibrate(toy, tmp_path, simulator=noisy_theta)


def hotel_config(tmp_path, generations: int):
    path = tmp_path / f"calibration{generations}.toml"
    path.write_text(f"""
days = 40
summary_days = 30
seed = 2
population_size = 8
generations = {generations}
""" + SMALL_TOML + """
[priors]
market_demand = [0.55, 0.95]
[targets]
occupancy = [0.55, 0.70]
gross_margin = [-0.5, 0.30]
""")
    return path


def test_calibrate_the_hotel_writes_posterior_and_figures_and_resumes(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["calibrate", str(hotel_config(tmp_path, 1)), "--out", str(out),
                 "--workers", "2"]) == 0
    assert "market_demand" in capsys.readouterr().out
    for name in ("abc.db", "posterior.csv", "populations.csv", "calibration.json",
                 "posterior.png", "fit.png", "calibration.html"):
        assert (out / name).stat().st_size > 0, name
    assert main(["calibrate", str(hotel_config(tmp_path, 1)), "--out", str(out)]) == 2
    assert "add --resume" in capsys.readouterr().err
    # resuming with one more generation adds one population to the same database
    assert main(["calibrate", str(hotel_config(tmp_path, 2)), "--out", str(out),
                 "--workers", "2", "--resume"]) == 0
    assert len(pd.read_csv(out / "populations.csv")) == 2


@pytest.mark.parametrize(("text", "message"), [
    ("[priors]\nrooms = [50, 60]\n", "needs a [targets] table"),
    ("[priors]\nmarket_demand = [0.5, 0.9]\n[targets]\noccupancy = [0.7, 0.5]\n",
     "target occupancy: give [low, high]"),
    ("[priors]\nmarket_demnd = [0.5, 0.9]\n[targets]\noccupancy = [0.5, 0.7]\n",
     "market_demnd"),
])
def test_a_bad_calibration_file_is_one_line_naming_it(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ParameterError, match=re.escape(message)) as error:
        load_calibration(path)
    assert str(path) in str(error.value)


def test_a_non_utf8_file_is_named(tmp_path, capsys):
    path = tmp_path / "latin1.toml"
    path.write_bytes("name = 'hôtel'\n".encode("latin-1"))
    assert main(["calibrate", str(path), "--out", str(tmp_path / "out")]) == 2
    assert f"{path}: not UTF-8 text" in capsys.readouterr().err


def test_an_out_that_is_a_file_is_one_line_before_any_run(tmp_path, capsys):
    (tmp_path / "results").write_text("mine")
    config = tmp_path / "calibration.toml"
    config.write_text("[priors]\nmarket_demand = [0.5, 0.9]\n[targets]\n"
                      "occupancy = [0.5, 0.7]\n")
    assert main(["calibrate", str(config), "--out", str(tmp_path / "results")]) == 2
    assert capsys.readouterr().err == (f"interlodge calibrate: error: --out "
                                       f"{tmp_path / 'results'} is a file; give a folder\n")


def test_the_full_size_calibration_asks_what_the_ci_example_asks_of_the_default_hotel():
    """calibration_full.toml (docs/experiments.md quotes its time) is the CI example at the
    case's size: same priors and targets, the default 100-room hotel, the documented size."""
    configs = Path(__file__).resolve().parents[1] / "experiments" / "configs"
    example = load_calibration(configs / "calibration.toml")
    full = load_calibration(configs / "calibration_full.toml")
    assert (full.priors, full.targets) == (example.priors, example.targets)
    assert full.base == preset_parameters("baseline")
    assert (full.days, full.population_size, full.generations) == (360, 100, 6)
