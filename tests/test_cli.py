"""The `interlodge` command line as a new user meets it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from experiments.cli import COMMAND_MODULES, build_parser, main

INTERLODGE = shutil.which("interlodge", path=str(Path(sys.executable).parent))
SMALL = ["--set", "rooms=30", "--set", "floors=3", "--set", "receptionists=3",
         "--set", "housekeepers=3", "--set", "technicians=1", "--set", "warmup_days=5"]


def test_every_sub_command_has_help(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert {"run", "validate", "story"} <= set(commands)
    assert len(commands) >= len(COMMAND_MODULES)
    for name in commands:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        assert "usage: interlodge " + name in capsys.readouterr().out


def test_building_the_parser_loads_no_simulation():
    # `interlodge X --help` and argument errors answer at once: the simulation and analysis
    # stacks are imported by the command that runs, not by the parser
    code = ("import sys; from experiments.cli import build_parser; build_parser(); "
            "print(sorted({'mesa', 'pandas', 'numpy', 'scipy', 'solara'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("arguments, fragment", [
    (["run", "--set", "room=100"], "did you mean rooms"),
    (["run", "--set", "rooms=-5"], "rooms: '-5' is out of range"),
    (["run", "--set", "defect_rate=1.5"], "defect_rate"),
    (["run", "--set", "defect_rate=nan"], "not finite"),
    (["run", "--set", "rooms"], "key=value"),
    (["run", "--set", "housekeepers=40", "--set", "rooms=30"], "more staff than rooms"),
    (["run", "--out", "table.xlsx"], ".csv or .parquet"),
    (["validate", "--seeds", "1"], "--seeds"),
])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(arguments, fragment, capsys,
                                                         tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("arguments, fragment", [
    (["run", "--days", "0"], "--days: must be a positive whole number, got 0"),
    (["run", "--days", "99999"], "--days: must be at most 7300"),
    (["factorial", "--out", "x", "--seed", "-1"], "--seed: must be a whole number >= 0"),
    (["analyze", ".", "--outcome", "margin"], "invalid choice: 'margin' (choose from"),
    (["bridge", "--preset", "redesign", "--days", "90-30"], "expects A-B with 0 <= A < B"),
    (["discover", ".", "--outcome", "x", "--below", "0", "--mass-min", "2"], "(0, 1]"),
    (["app", "--port", "0"], "must be a port number"),
])
def test_arguments_are_checked_by_the_parser_in_one_line(arguments, fragment, capsys):
    with pytest.raises(SystemExit) as done:
        main(arguments)
    err = capsys.readouterr().err
    assert done.value.code == 2 and fragment in err and err.count("\n") == 1


def test_unknown_preset_is_refused_by_the_real_command(tmp_path):
    done = subprocess.run([INTERLODGE, "run", "--preset", "redesing", "--out",
                           str(tmp_path / "x.csv")], capture_output=True, text=True)
    assert done.returncode == 2
    assert "invalid choice: 'redesing'" in done.stderr and done.stderr.count("\n") == 1
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_run_prints_a_summary_and_writes_the_daily_table(suffix, tmp_path, capsys):
    out = tmp_path / f"daily{suffix}"
    assert main(["run", "--preset", "redesign", "--days", "12", "--seed", "3", *SMALL,
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "preset redesign, seed 3, 12 days" in printed and "gross_margin" in printed
    table = pd.read_csv(out) if suffix == ".csv" else pd.read_parquet(out)
    assert len(table) == 12 and table["day"].tolist() == list(range(12))
    assert not list(tmp_path.glob("*.partial"))


def test_same_seed_same_file(tmp_path):
    paths = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for path in paths:
        assert main(["run", "--days", "8", "--seed", "5", *SMALL, "--out", str(path)]) == 0
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_a_worker_killed_under_a_command_in_memory_is_one_line_exit_1(monkeypatch, capsys):
    from concurrent.futures.process import BrokenProcessPool

    import experiments.bridge_command

    def killed(*args, **kwargs):
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    monkeypatch.setattr(experiments.bridge_command, "run_scenarios", killed)
    assert main(["bridge", "--preset", "redesign", "--seeds", "2"]) == 1
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and "a worker process stopped" in said
    assert "--workers 1" in said and "Traceback" not in said
