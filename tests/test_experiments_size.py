"""Size limits: a design above them is refused before anything is listed, written or started,
with its estimated time and memory and the way to go ahead (--allow-large)."""

import re
from itertools import islice

import pytest
from conftest import SMALL_HOTEL

import experiments.commands as commands
import experiments.size as size
from experiments.cli import main
from experiments.designs import factorial, grid
from experiments.evaluators import execute
from experiments.experiment import Experiment
from experiments.size import SECONDS_PER_ROOM_DAY, SECONDS_PER_RUN, estimate
from experiments.store import ExperimentStore
from model import LEVERS

SMALL = [word for name, value in SMALL_HOTEL.items() for word in ("--set", f"{name}={value}")]


def not_needed(parameters, days, seed, warm_ups):
    raise RuntimeError("not run: the test needs stored runs, not their numbers")


@pytest.fixture
def no_workers(monkeypatch):
    """Any attempt to start workers ends the command with a recognisable line."""
    def refuse(*args, **kwargs):
        raise ValueError("workers would start now")

    monkeypatch.setattr(commands, "process_pool", refuse)
    monkeypatch.setattr(commands, "dask_executor", refuse)


def test_too_many_runs_are_refused_with_the_estimate_and_allowed_on_request(
        no_workers, tmp_path, capsys):
    out = tmp_path / "out"
    arguments = ["factorial", "--replicates", "30000", "--workers", "2", "--out", str(out)]
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert re.search(r"480,000 runs of 540 days: about [\d.]+ days of CPU time \(about "
                     r"[\d.,]+ hours on 2 workers\) and [\d.]+ GB of memory here; above the "
                     r"limit of 100,000 runs and 24 hours; add --allow-large", err), err
    assert not out.exists()
    assert main([*arguments, "--allow-large"]) == 2  # past the limit, up to the workers
    assert "workers would start now" in capsys.readouterr().err


def test_long_runs_are_refused_on_their_estimated_time(no_workers, tmp_path, capsys):
    config = tmp_path / "long.toml"
    config.write_text("days = 7300\nreplicates = 20000\n[design]\nkind = 'points'\n"
                      "points = [{ preset = 'redesign' }]\n")
    assert main(["sweep", str(config), "--workers", "1", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "20,000 runs of 7300 days" in err and "above the limit of 24 hours;" in err, err


def test_a_design_too_large_to_list_is_refused_before_it_is_sampled(tmp_path, capsys):
    config = tmp_path / "sobol.toml"
    config.write_text("replicates = 1\n[design]\nkind = 'sobol'\nbase_samples = 1048576\n"
                      "[design.factors]\ndefect_rate = [0.01, 0.1]\nrooms = [60, 140]\n"
                      "housekeeper_quota = [10, 20]\n")
    assert main(["sweep", str(config), "--allow-large", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "sobol gives 5,242,880 design points, more than 1,000,000" in err, err


def test_the_estimate_counts_every_room_day_of_every_run():
    design = grid({"rooms": [40, 80]}, replicates=3)
    experiment = Experiment(design, days=100, root_seed=1)
    found = estimate(experiment, workers=2)
    warm_up = experiment.base_parameters()["warmup_days"]
    per_run = [SECONDS_PER_RUN + SECONDS_PER_ROOM_DAY * rooms * (warm_up + 100)
               for rooms in (40, 80)]
    assert found.runs == 6
    assert found.cpu_hours == pytest.approx(3 * sum(per_run) / 3600)
    assert found.hours == pytest.approx(found.cpu_hours / 2)
    assert estimate(experiment, workers=None).hours is None  # a Dask cluster's size is unknown


def test_a_resumed_experiment_is_sized_on_the_runs_it_has_left(
        no_workers, tmp_path, capsys, monkeypatch):
    """32 runs, above a limit of 16: refused as a new experiment, but with 20 of them
    stored, --resume has 12 left and goes ahead (up to the workers)."""
    experiment = Experiment(factorial(LEVERS, 2), days=5, root_seed=3,
                            fixed=dict(SMALL_HOTEL))
    out = tmp_path / "out"
    with ExperimentStore(out, experiment) as store:  # a session stopped after 20 runs
        for spec in islice(experiment.runs(), 20):
            store.add([execute(spec, simulator=not_needed)])  # a failed run is stored too
    monkeypatch.setattr(size, "MAX_RUNS", 16)
    arguments = ["factorial", "--replicates", "2", "--days", "5", "--seed", "3", *SMALL,
                 "--workers", "1", "--out", str(out), "--resume"]
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert err.startswith("interlodge factorial: 12 runs of 5 days left (20 of 32 stored): "
                          "about "), err
    assert err.endswith("workers would start now\n"), err
    assert main([*arguments[:-3], "--out", str(tmp_path / "new")]) == 2
    assert "32 runs of 5 days: about" in capsys.readouterr().err


def test_the_estimate_of_a_resumed_experiment_counts_the_runs_left():
    design = grid({"rooms": [40, 80]}, replicates=3)
    experiment = Experiment(design, days=100, root_seed=1)
    warm_up = experiment.base_parameters()["warmup_days"]
    per_run = {rooms: SECONDS_PER_RUN + SECONDS_PER_ROOM_DAY * rooms * (warm_up + 100)
               for rooms in (40, 80)}
    # point 0 has 40 rooms, point 1 has 80; stored: two of the first, one of the second
    found = estimate(experiment, workers=1, stored={"p0-r0", "p0-r2", "p1-r1"})
    assert (found.runs, found.total) == (3, 6)
    assert found.cpu_hours == pytest.approx((per_run[40] + 2 * per_run[80]) / 3600)
