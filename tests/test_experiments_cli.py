"""The experiment commands: a run to a report, resume, and bad input refused up front."""

import errno
import os
import re

import pandas as pd
import pytest
from experiment_helpers import SMALL_TOML

from experiments.cli import main
from experiments.outcomes import OUTCOMES
from experiments.store import read_manifest, read_runs

SMALL = ["--set", "rooms=30", "--set", "floors=3", "--set", "receptionists=3",
         "--set", "housekeepers=3", "--set", "technicians=1", "--set", "warmup_days=10"]


def write_config(tmp_path, text, name="experiment.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def factorial_folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "factorial"
    assert main(["factorial", "--replicates", "2", "--days", "30", "--workers", "2",
                 "--quiet", "--out", str(out), *SMALL]) == 0
    return out


def test_factorial_command_runs_every_cell_and_resume_adds_nothing(factorial_folder, capsys):
    runs = read_runs(factorial_folder)
    assert len(runs) == 32 and (runs["status"] == "ok").all()
    assert runs.groupby(["incentives", "training", "rotation", "cross_evaluation"]).size() \
        .eq(2).all()
    seed = read_manifest(factorial_folder)["root_seed"]  # drawn fresh, then recorded
    assert main(["factorial", "--replicates", "2", "--days", "30", "--workers", "1",
                 "--quiet", "--resume", "--out", str(factorial_folder), *SMALL]) == 0
    assert "32 already stored, 0 done" in capsys.readouterr().err
    assert read_manifest(factorial_folder)["root_seed"] == seed
    assert len(read_runs(factorial_folder)) == 32


def test_report_writes_figures_summary_and_effects(factorial_folder):
    assert main(["report", str(factorial_folder)]) == 0
    html = (factorial_folder / "report.html").read_text()
    for figure in ("margin_over_time.png", "cooperation_over_time.png",
                   "factorial_effects.png", "paired_effects.png"):
        assert (factorial_folder / figure).stat().st_size > 10_000
        assert f'src="{figure}"' in html
    summary = pd.read_csv(factorial_folder / "summary.csv")
    assert len(summary) == 16 * len(OUTCOMES)
    assert (summary.query("metric == 'gross_margin'")["runs"] == 2).all()
    assert summary["runs"].between(0, 2).all()  # a metric may be NaN on every day of a run
    assert "outcomes over the last 30 days" in html  # runs of 30 days, not the default 90
    effects = pd.read_csv(factorial_folder / "effects.csv")
    assert len(effects) == 4 + 6 and "rotation x cross_evaluation" in set(effects["term"])


def test_analyze_prints_the_table_and_effects(factorial_folder, capsys):
    assert main(["analyze", str(factorial_folder), "--metric", "held_rooms"]) == 0
    out = capsys.readouterr().out
    assert "32 runs ok, 0 failed, of 32" in out and "factorial effects on held_rooms" in out
    assert "incentives x training" in out
    assert "held_rooms: difference from 'none'" in out  # the factorial's baseline cell
    # runs of 30 days: the per-run values cover them whole, not the default last 90 days
    assert "held_rooms over the last 30 days of each run" in out


def test_analyze_compares_with_the_reference_asked_for(factorial_folder, capsys):
    assert main(["analyze", str(factorial_folder), "--reference", "rotation"]) == 0
    assert "gross_margin: difference from 'rotation'" in capsys.readouterr().out
    assert main(["analyze", str(factorial_folder), "--reference", "rotaton"]) == 2
    assert "--reference 'rotaton' is no point" in capsys.readouterr().err


def test_sobol_sweep_from_toml_to_sensitivity_report(tmp_path):
    config = write_config(tmp_path, """
        name = "tiny sobol"
        days = 20
        replicates = 1
        seed = 11
        preset = "redesign"
        summary_days = 10
        [design]
        kind = "sobol"
        base_samples = 8
        [design.factors]
        defect_rate = [0.01, 0.08]
        cross_evaluation_weight = [0.0, 1.0]
    """.replace("\n        ", "\n") + SMALL_TOML)
    out = tmp_path / "sobol"
    assert main(["sweep", str(config), "--out", str(out), "--workers", "2", "--quiet"]) == 0
    assert len(read_runs(out)) == 8 * 4
    assert main(["report", str(out)]) == 0
    assert (out / "sensitivity.png").is_file()
    sobol = pd.read_csv(out / "sobol.csv")
    assert list(sobol["parameter"]) == ["defect_rate", "cross_evaluation_weight"]
    assert sobol[["S1", "ST", "S1_conf", "ST_conf"]].notna().all().all()


def test_weight_sweep_on_dask_local_cluster_draws_the_response(tmp_path):
    config = write_config(tmp_path, """
        days = 20
        replicates = 2
        seed = 3
        preset = "redesign"
        [design]
        kind = "grid"
        [design.factors]
        cross_evaluation_weight = { low = 0.0, high = 1.0, count = 3 }
    """.replace("\n        ", "\n") + SMALL_TOML)
    out = tmp_path / "weights"
    assert main(["sweep", str(config), "--out", str(out), "--dask", "local", "--workers", "2",
                 "--quiet"]) == 0
    manifest = read_manifest(out)
    assert manifest["sessions"][0]["executor"] == "dask local"
    assert main(["report", str(out)]) == 0
    assert (out / "response.png").is_file()


BAD_CONFIGS = {
    "malformed": ("days = \nreplicates = 2\n", "malformed TOML.*line 1"),
    "unknown parameter": ("replicates = 2\n[fixed]\nroms = 30\n[design]\nkind = 'factorial'\n",
                          "unknown parameter 'roms' \\(did you mean rooms\\?\\)"),
    "unknown key": ("replicate = 2\n[design]\nkind = 'factorial'\n", "unknown key 'replicate'"),
    "empty design": ("replicates = 2\n[design]\nkind = 'grid'\n[design.factors]\n",
                     "at least one parameter"),
    "empty list": ("replicates = 2\n[design]\nkind = 'grid'\n[design.factors]\nrooms = []\n",
                   "non-empty list"),
    "fixed and varied": ("replicates = 2\n[fixed]\nrooms = 30\n[design]\nkind = 'grid'\n"
                         "[design.factors]\nrooms = [40, 50]\n", "both fixed and varied"),
    "out of range": ("replicates = 2\n[design]\nkind = 'grid'\n[design.factors]\n"
                     "defect_rate = [0.05, 0.9]\n", "defect_rate: 0.9 is out of range"),
    "no kind": ("replicates = 2\n[design]\nfactors = ['rotation']\n", "kind must be one of"),
    "zero days": ("days = 0\nreplicates = 2\n[design]\nkind = 'factorial'\n", "days must be"),
    "sobol size": ("replicates = 1\n[design]\nkind = 'sobol'\nbase_samples = 10\n"
                   "[design.factors]\ndefect_rate = [0.01, 0.05]\n", "power of 2"),
}


@pytest.mark.parametrize("case", list(BAD_CONFIGS))
def test_bad_config_gets_one_line_exit_2_and_writes_nothing(case, tmp_path, capsys):
    text, message = BAD_CONFIGS[case]
    config = write_config(tmp_path, text)
    out = tmp_path / "out"
    assert main(["sweep", str(config), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("interlodge sweep: error:")
    assert re.search(message, err), err
    assert not out.exists()


@pytest.mark.parametrize(("arguments", "message"), [
    (["factorial", "--set", "roms=30"], "did you mean rooms"),
    (["factorial", "--set", "rotation=true"], "both fixed and varied"),
    (["factorial", "--dask", "tcp://127.0.0.1:1", "--workers", "2"], "--workers sizes"),
])
def test_bad_command_line_gets_one_line_exit_2(arguments, message, tmp_path, capsys):
    out = tmp_path / "out"
    assert main([*arguments, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not out.exists()


def test_another_experiment_in_the_folder_is_refused(factorial_folder, tmp_path, capsys):
    assert main(["factorial", "--replicates", "3", "--days", "30", "--resume", "--quiet",
                 "--out", str(factorial_folder), *SMALL]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "different experiment" in err and "replicates" in err
    assert main(["analyze", str(tmp_path)]) == 2
    assert "not an experiment folder" in capsys.readouterr().err


def test_every_experiment_folder_has_an_ro_crate_with_its_provenance(factorial_folder):
    import shlex
    import sys
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rocrate.rocrate import ROCrate

    crate = ROCrate(factorial_folder)  # the library reads back what it wrote
    manifest = read_manifest(factorial_folder)
    actions = [e for e in crate.get_entities() if e.type == "CreateAction"]
    assert len(actions) == len(manifest["sessions"]) >= 1  # one per session
    assert actions[0]["description"] == shlex.join(sys.argv)
    software = actions[0]["instrument"]
    assert software["version"].startswith(manifest["sessions"][0]["git_commit"] or "unknown")
    assert any(r.startswith("numpy ") for r in software["softwareRequirements"])
    design = crate.get("#design")
    assert f'"root_seed": {manifest["root_seed"]}' in design["value"]
    assert {"manifest.json", "runs.parquet/", "daily/"} <= {e.id for e in crate.data_entities}


@pytest.mark.parametrize(("arguments", "message"), [
    (["run", "--seed", "-1"], "argument --seed: must be a whole number >= 0, got -1"),
    (["run", "--days", "100000"], "argument --days: must be at most 7300"),
    (["run", "--set", "rooms=40", "--set", "rooms=50"], "--set rooms is given twice"),
])
def test_run_input_errors_name_the_flag(arguments, message, capsys):
    try:
        code = main(arguments)
    except SystemExit as stop:  # argparse's own errors end in the parser
        code = stop.code
    assert code == 2
    assert message in capsys.readouterr().err


def test_run_out_is_checked_before_simulating(tmp_path, capsys, monkeypatch):
    import experiments.commands as commands
    import experiments.output as output

    monkeypatch.setattr(commands, "simulate", lambda *a: pytest.fail("simulated anyway"))
    (tmp_path / "folder.csv").mkdir()
    for out, message in ((tmp_path / "missing" / "t.csv", "does not exist"),
                         (tmp_path / "folder.csv", "is a folder")):
        assert main(["run", "--out", str(out)]) == 2
        assert message in capsys.readouterr().err

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output, "open", full_disk, raising=False)
    assert main(["run", "--out", str(tmp_path / "t.csv")]) == 2
    assert "--out" in (err := capsys.readouterr().err) and "No space left on device" in err
    assert not list(tmp_path.glob("*.partial"))


def test_a_damaged_manifest_and_a_non_utf8_file_are_named(factorial_folder, tmp_path, capsys):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(factorial_folder, copy)
    text = (copy / "manifest.json").read_text()
    (copy / "manifest.json").write_text(text[: len(text) // 2])
    assert main(["analyze", str(copy)]) == 2
    assert f"{copy / 'manifest.json'} is damaged" in capsys.readouterr().err
    config = tmp_path / "latin1.toml"
    config.write_bytes("name = 'hôtel'\n".encode("latin-1"))
    assert main(["sweep", str(config), "--out", str(tmp_path / "o")]) == 2
    assert f"{config}: not UTF-8 text" in capsys.readouterr().err
