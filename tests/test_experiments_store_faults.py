"""Faults of the store, injected: damaged, truncated and missing parts are found by --resume
and their runs run again (never counted as stored, never stored twice); a full disk or a
read-only folder is one line saying what is kept and the command that continues."""

import concurrent.futures as cf
import errno
import functools
import json
import os
import shlex
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import SMALL_HOTEL
from experiment_helpers import daily_rows, numbers, run_into, small_experiment

import experiments.commands as commands
import experiments.output as output
import experiments.store as store
from experiments.cli import main
from experiments.store import ExperimentStore, read_manifest, read_runs

SMALL = [word for name, value in SMALL_HOTEL.items() for word in ("--set", f"{name}={value}")]
FACTORIAL = ["factorial", "--replicates", "1", "--days", "10", "--workers", "1", "--quiet",
             *SMALL]


@pytest.fixture(scope="module")
def one_run_a_part(tmp_path_factory) -> Path:
    """The small experiment (6 runs), each run stored in a pair of parts of its own."""
    folder = tmp_path_factory.mktemp("parts")
    with cf.ThreadPoolExecutor(1) as pool:
        run_into(folder, small_experiment(), pool, part_rows=1)
    return folder


def test_every_part_has_its_checksum_in_the_manifest(one_run_a_part):
    import hashlib

    parts = read_manifest(one_run_a_part)["parts"]
    assert sorted(parts) == [f"part-{n:05d}.parquet" for n in range(1, 7)]
    for name, entry in parts.items():
        for kind, folder in (("runs", "runs.parquet"), ("daily", "daily")):
            data = (one_run_a_part / folder / name).read_bytes()
            assert entry[kind] == hashlib.sha256(data).hexdigest()
        assert entry["run_count"] == 1


def test_resume_runs_again_the_runs_of_damaged_truncated_and_missing_parts(one_run_a_part,
                                                                          tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(one_run_a_part, folder)
    runs_part = folder / "runs.parquet" / "part-00002.parquet"
    runs_part.write_bytes(runs_part.read_bytes()[:-100])  # truncated (a copy cut short)
    daily_part = folder / "daily" / "part-00004.parquet"
    data = bytearray(daily_part.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte: still readable, wrong numbers
    daily_part.write_bytes(bytes(data))
    (folder / "runs.parquet" / "part-00005.parquet").unlink()  # missing

    experiment = small_experiment()
    with ExperimentStore(folder, experiment, resume=True) as store:
        notes = store.resume_notes
        assert len(store.finished_run_ids()) == 3
    assert notes == [
        "part-00002.parquet is damaged (checksum of the runs part differs): its 1 runs will "
        "run again",
        "part-00004.parquet is damaged (checksum of the daily part differs): its 1 runs will "
        "run again",
        "part-00005.parquet is missing (deleted, or its session was killed while committing "
        "it): its 1 runs will run again"]
    with cf.ThreadPoolExecutor(1) as pool:
        tally = run_into(folder, experiment, pool, resume=True)
    assert (tally.skipped, tally.done, tally.failed) == (3, 3, 0)
    pd.testing.assert_frame_equal(numbers(folder), numbers(one_run_a_part))
    pd.testing.assert_frame_equal(daily_rows(folder), daily_rows(one_run_a_part))
    on_disk = sorted(p.name for p in (folder / "runs.parquet").glob("part-*"))
    assert sorted(read_manifest(folder)["parts"]) == on_disk  # every part checksummed


def test_a_folder_from_before_checksums_is_checked_by_reading_its_parts(one_run_a_part,
                                                                       tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(one_run_a_part, folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    del manifest["parts"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    part = folder / "daily" / "part-00003.parquet"
    part.write_bytes(part.read_bytes()[:200])
    with ExperimentStore(folder, small_experiment(), resume=True) as store:
        assert store.resume_notes == ["part-00003.parquet is damaged (daily/part-00003.parquet "
                                      "does not read): its runs will run again"]
        assert len(store.finished_run_ids()) == 5
    assert len(read_manifest(folder)["parts"]) == 5  # the intact ones now have checksums


def test_a_part_the_experiment_did_not_write_is_not_counted(one_run_a_part, tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(one_run_a_part, folder)
    for kind in ("runs.parquet", "daily"):  # a copy of part 1: its run would count twice
        shutil.copy(folder / kind / "part-00001.parquet", folder / kind / "part-00009.parquet")
    with ExperimentStore(folder, small_experiment(), resume=True) as store:
        assert store.resume_notes == ["part-00009.parquet was not written by this experiment "
                                      "(no checksum in the manifest): removed, its runs not "
                                      "counted"]
        assert len(store.finished_run_ids()) == 6
    pd.testing.assert_frame_equal(numbers(folder), numbers(one_run_a_part))


def test_analysis_names_a_damaged_part_and_the_way_to_repair_it(one_run_a_part, tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(one_run_a_part, folder)
    part = folder / "runs.parquet" / "part-00001.parquet"
    part.write_bytes(part.read_bytes()[:50])
    with pytest.raises(ValueError, match=r"part-00001.parquet is damaged .*--resume"):
        read_runs(folder)


@pytest.mark.parametrize("full_at", [5, 6], ids=["daily part", "runs part"])
def test_a_full_disk_mid_experiment_says_what_is_kept_and_how_to_resume(full_at, tmp_path,
                                                                         capsys, monkeypatch):
    out = tmp_path / "out"
    writes, write = [], store.write_hidden

    def disk_fills(table, path):
        """Two pairs of parts are written; the disk is full at the third pair's daily part
        (write 5) or runs part (write 6)."""
        writes.append(path)
        if len(writes) == full_at:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return write(table, path)

    monkeypatch.setattr(store, "write_hidden", disk_fills)
    monkeypatch.setattr(commands, "ExperimentStore",
                        functools.partial(ExperimentStore, part_rows=1))  # a part a run
    assert main([*FACTORIAL, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    seed = read_manifest(out)["root_seed"]
    assert f"cannot write to {out}: No space left on device; 2 of 16 runs are kept there " \
           f"(1 finished but not saved: they will run again)" in err
    command = err.split("continue with: ")[1].strip()
    assert command == shlex.join(["interlodge", *FACTORIAL, "--out", str(out), "--resume",
                                  "--seed", str(seed)])
    assert len(read_runs(out)) == 2 and not list(out.rglob(".*.tmp"))
    parts = sorted(p.name for p in (out / "daily").iterdir())  # no uncommitted daily part
    assert parts == sorted(p.name for p in (out / "runs.parquet").iterdir())

    monkeypatch.undo()  # space freed: the command it gave finishes the experiment
    assert main(shlex.split(command)[1:]) == 0
    err = capsys.readouterr().err
    assert "16 runs in" in err and "2 already stored, 14 done" in err
    runs = read_runs(out)
    assert len(runs) == 16 and runs["run_id"].is_unique and (runs["status"] == "ok").all()


@pytest.mark.parametrize("record", ["manifest", "crate"])
def test_a_full_disk_at_the_final_record_keeps_every_run_and_says_how_to_resume(
        record, tmp_path, capsys, monkeypatch):
    """Every run is committed; the disk fills as the session's end is recorded (the last
    manifest.json, or ro-crate-metadata.json beside it)."""
    out = tmp_path / "out"
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if record == "manifest":
        replace = store.replace_durably

        def replace_unless_the_end(temporary, path):
            if json.loads(temporary.read_text())["sessions"][-1]["ended"]:
                raise full
            replace(temporary, path)

        monkeypatch.setattr(store, "replace_durably", replace_unless_the_end)
    else:  # the crate is written as the session starts and as it ends
        crates, write_text = [], Path.write_text

        def write_half_at_the_end(path, text, *args, **kwargs):
            if path.name == ".ro-crate-metadata.json.tmp":
                crates.append(path)
                if len(crates) == 2:
                    write_text(path, text[:len(text) // 2], *args, **kwargs)
                    raise full
            return write_text(path, text, *args, **kwargs)

        monkeypatch.setattr(Path, "write_text", write_half_at_the_end)
    assert main([*FACTORIAL, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    seed = read_manifest(out)["root_seed"]
    assert err.startswith(f"interlodge factorial: cannot write to {out}: No space left on "
                          f"device; all 16 runs are kept there (only the record of the "
                          f"session's end is not); once it takes files again, continue "
                          f"with: "), err
    command = err.split("continue with: ")[1].strip()
    assert command == shlex.join(["interlodge", *FACTORIAL, "--out", str(out), "--resume",
                                  "--seed", str(seed)])
    assert len(read_runs(out)) == 16 and not list(out.rglob(".*.tmp"))
    # the manifest is written before the crate: only a full disk at the manifest leaves
    # the experiment unfinished in it
    assert (read_manifest(out)["completed"] is None) == (record == "manifest")

    monkeypatch.undo()  # space freed: the command it gave records the end, runs nothing
    assert main(shlex.split(command)[1:]) == 0
    assert "16 runs in" in capsys.readouterr().err
    manifest = read_manifest(out)
    assert manifest["completed"] and len(manifest["sessions"]) == 2
    crate = json.loads((out / "ro-crate-metadata.json").read_text())
    assert {"session 1", "session 2"} <= {entity.get("name") for entity in crate["@graph"]}


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_an_out_that_refuses_files_is_refused_before_any_run(code, tmp_path, capsys,
                                                             monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(output, "open", refuse, raising=False)
    monkeypatch.setattr(commands, "process_pool", lambda *a: pytest.fail("workers started"))
    out = tmp_path / "new" / "out"
    assert main([*FACTORIAL, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"interlodge factorial: error: --out {out}: cannot write: " \
                  f"{os.strerror(code)}\n"
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_out_folder_is_refused_before_any_run(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main([*FACTORIAL, "--out", str(out)]) == 2
    finally:
        out.chmod(0o755)
    assert "cannot write: Permission denied" in capsys.readouterr().err
    assert os.listdir(out) == []


def test_an_out_that_is_a_file_is_refused(tmp_path, capsys):
    (tmp_path / "results").write_text("mine")
    assert main([*FACTORIAL, "--out", str(tmp_path / "results")]) == 2
    assert f"--out {tmp_path / 'results'} is a file" in capsys.readouterr().err
