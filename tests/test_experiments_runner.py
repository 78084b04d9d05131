"""Running and storing: the same numbers on any executor, failures kept apart, resume after
a crash without partial or duplicated rows, and no mixing of experiments in one folder."""

import concurrent.futures as cf
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from experiment_helpers import (
    DAYS,
    daily_rows,
    fail_at_middle_weight,
    numbers,
    run_into,
    small_experiment,
)

from experiments.analysis import recorded_experiment
from experiments.designs import grid
from experiments.evaluators import process_pool
from experiments.outcomes import OUTCOMES, summarise
from experiments.simulation import simulate
from experiments.store import (
    ExperimentStore,
    FolderInUse,
    iter_daily,
    read_manifest,
    read_runs,
)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """The small experiment run on one worker process."""
    folder = tmp_path_factory.mktemp("one_worker")
    with process_pool(1) as (pool, _):
        tally = run_into(folder, small_experiment(), pool)
    assert (tally.done, tally.failed, tally.skipped) == (6, 0, 0)
    return folder


def test_store_holds_one_row_per_run_and_the_whole_daily_table(reference):
    runs = read_runs(reference)
    assert list(runs["run_id"]) == ["p0-r0", "p0-r1", "p1-r0", "p1-r1", "p2-r0", "p2-r1"]
    assert (runs["status"] == "ok").all() and runs["error"].isna().all()
    assert list(runs["cross_evaluation_weight"]) == [0.0, 0.0, 0.5, 0.5, 1.0, 1.0]
    daily = daily_rows(reference)
    assert len(daily) == 6 * DAYS and not daily.duplicated(["run_id", "day"]).any()
    # the summary is the mean of the run's last summary_days (10) days, NaN-free here
    last = daily[(daily["run_id"] == "p1-r0") & (daily["day"] >= DAYS - 10)]
    assert runs.set_index("run_id").loc["p1-r0", "held_rooms"] == pytest.approx(
        last["held_rooms"].mean())
    manifest = read_manifest(reference)
    assert manifest["root_seed"] == 7 and manifest["completed"]
    assert manifest["identity"]["design"]["kind"] == "grid"
    session = manifest["sessions"][0]
    assert session["started"] <= session["ended"] and session["packages"]["mesa"]


def test_a_stored_run_is_the_run_reproduced_alone(reference):
    spec = recorded_experiment(reference).run(2, 1)
    assert spec == small_experiment().run(2, 1)
    alone = simulate("baseline", spec.parameters, spec.days, spec.seed)
    stored = daily_rows(reference).query("run_id == 'p2-r1'")
    assert stored["gross_margin"].to_numpy() == pytest.approx(
        alone["gross_margin"].to_numpy(), rel=0, abs=0)


def test_a_stored_daily_table_is_the_runs_own_table_column_for_column(reference):
    # the worker builds the part's columns from the run's daily columns: every metric must
    # land in its own column (counts stored as floats, the same values, NaN as missing)
    spec = small_experiment().run(1, 0)
    alone = simulate("baseline", spec.parameters, spec.days, spec.seed)
    stored = pd.concat(iter_daily(reference), ignore_index=True).query("run_id == 'p1-r0'")
    assert list(stored.columns[:3]) == ["run_id", "point_index", "replicate"]
    assert (stored["point_index"] == 1).all() and (stored["replicate"] == 0).all()
    pd.testing.assert_frame_equal(stored[alone.columns].reset_index(drop=True), alone,
                                  check_dtype=False)


def test_a_stored_runs_outcomes_are_those_of_its_daily_table(reference):
    # the worker reduces the run's columns as numpy arrays, every other consumer a pandas
    # table: one definition, the same values to the last bit, NaN where undefined
    spec = small_experiment().run(2, 0)
    alone = simulate("baseline", spec.parameters, spec.days, spec.seed)
    stored = read_runs(reference).set_index("run_id").loc["p2-r0", list(OUTCOMES)]
    expected = pd.Series(summarise(alone.tail(spec.summary_days)), name="p2-r0")
    pd.testing.assert_series_equal(stored.astype(float), expected, check_exact=True,
                                   check_index=True)


def test_two_workers_give_the_same_numbers_as_one(reference, tmp_path):
    with process_pool(2) as (pool, _):
        run_into(tmp_path, small_experiment(), pool)
    pd.testing.assert_frame_equal(numbers(tmp_path), numbers(reference))
    pd.testing.assert_frame_equal(daily_rows(tmp_path), daily_rows(reference))


def test_a_dask_local_cluster_gives_the_same_numbers(reference, tmp_path):
    from dask.distributed import Client, LocalCluster

    # the scheduler's HTTP server on a free port: 8787 may be taken (another cluster, or
    # tests/test_experiments_dask_local.py holding it)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"}
                      ) as cluster, Client(cluster) as client:
        run_into(tmp_path, small_experiment(), client.get_executor(pure=False))
    pd.testing.assert_frame_equal(numbers(tmp_path), numbers(reference))


def test_a_failing_run_is_recorded_and_the_others_go_on(reference, tmp_path):
    with process_pool(2) as (pool, _):
        tally = run_into(tmp_path, small_experiment(), pool, simulator=fail_at_middle_weight)
    assert (tally.done, tally.failed) == (4, 2)
    runs = numbers(tmp_path)
    failed = runs[runs["status"] == "failed"]
    assert list(failed.index) == ["p1-r0", "p1-r1"]
    assert failed["error"].str.contains("injected failure at weight 0.5").all()
    assert failed["error"].str.contains("Traceback").all() and failed["gross_margin"].isna().all()
    ok = runs[runs["status"] == "ok"]
    pd.testing.assert_frame_equal(ok, numbers(reference).loc[ok.index])
    assert set(daily_rows(tmp_path)["run_id"]) == set(ok.index)


KILLED_SESSION = """
    import concurrent.futures as cf, os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    import experiments.store as store
    from experiment_helpers import run_into, small_experiment

    writes, write = 0, store.write_hidden
    def write_then_die(table, path):
        # pair 1 (daily, runs) completes; pair 2's daily part is written, then the process
        # dies half-way through writing pair 2's runs part
        global writes
        writes += 1
        if writes == 4:
            path.with_name("." + path.name + ".tmp").write_bytes(b"PAR1 half a file")
            os.kill(os.getpid(), signal.SIGKILL)
        return write(table, path)
    store.write_hidden = write_then_die
    with cf.ThreadPoolExecutor(1) as pool:
        run_into(Path({folder!r}), small_experiment(), pool, part_rows=1)
"""


def test_a_killed_session_leaves_no_partial_rows_and_resume_completes_it(reference, tmp_path):
    script = textwrap.dedent(KILLED_SESSION).format(tests=str(Path(__file__).parent),
                                                   folder=str(tmp_path))
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # what the killed session left: one committed run, an orphan daily part, a partial file
    assert [p.name for p in (tmp_path / "daily").iterdir()] != []
    assert any(p.name.endswith(".tmp") for p in (tmp_path / "runs.parquet").iterdir())
    assert list(read_runs(tmp_path)["run_id"]) == ["p0-r0"]
    assert set(daily_rows(tmp_path)["run_id"]) == {"p0-r0"}  # the orphan part is not read
    assert len(daily_rows(tmp_path)) == DAYS

    with cf.ThreadPoolExecutor(2) as pool:
        tally = run_into(tmp_path, small_experiment(), pool, resume=True)
    assert (tally.skipped, tally.done, tally.failed) == (1, 5, 0)
    assert not [p for p in tmp_path.rglob("*.tmp")]
    pd.testing.assert_frame_equal(numbers(tmp_path), numbers(reference))
    pd.testing.assert_frame_equal(daily_rows(tmp_path), daily_rows(reference))
    assert len(read_manifest(tmp_path)["sessions"]) == 2

    with cf.ThreadPoolExecutor(1) as pool:  # resuming a finished experiment runs nothing
        tally = run_into(tmp_path, small_experiment(), pool, resume=True)
    assert (tally.skipped, tally.done) == (6, 0)
    assert len(read_runs(tmp_path)) == 6


def test_an_interrupted_session_saves_the_runs_it_finished(tmp_path):
    class Interrupting(cf.ThreadPoolExecutor):
        """Ctrl-C arrives while the sixth run is being submitted: four were submitted at
        the start, the fifth and sixth only after a run finished."""

        submitted = 0

        def submit(self, fn, /, *args, **kwargs):
            Interrupting.submitted += 1
            if Interrupting.submitted == 6:
                raise KeyboardInterrupt
            return super().submit(fn, *args, **kwargs)

    with Interrupting(1) as pool, pytest.raises(KeyboardInterrupt):
        run_into(tmp_path, small_experiment(), pool)
    # the runs that finished are stored; those in flight will run again on resume
    stored = read_runs(tmp_path)
    assert len(stored) >= 2
    assert set(stored["run_id"]) <= {"p0-r0", "p1-r0", "p2-r0", "p0-r1", "p1-r1"}
    assert len(daily_rows(tmp_path)) == DAYS * len(stored)
    assert read_manifest(tmp_path)["completed"] is None


def test_a_different_experiment_in_the_same_folder_is_refused(reference):
    before = sorted(p.name for p in reference.rglob("*"))
    other = small_experiment(grid({"cross_evaluation_weight": [0.0, 0.5]}, replicates=2))
    with pytest.raises(FolderInUse, match=r"different experiment.*points"):
        run_into(reference, other, cf.ThreadPoolExecutor(1), resume=True)
    with pytest.raises(FolderInUse, match=r"different experiment.*root_seed"):
        run_into(reference, small_experiment(seed=8), cf.ThreadPoolExecutor(1), resume=True)
    with pytest.raises(FolderInUse, match="add --resume"):
        run_into(reference, small_experiment(), cf.ThreadPoolExecutor(1))
    assert sorted(p.name for p in reference.rglob("*")) == before
    assert json.loads((reference / "manifest.json").read_text())["sessions"][-1]["ended"]


def test_a_folder_that_is_not_an_experiment_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FolderInUse, match="holds no experiment"):
        run_into(tmp_path, small_experiment(), cf.ThreadPoolExecutor(1))
    assert os.listdir(tmp_path) == ["notes.txt"]


def test_two_sessions_cannot_write_one_folder_at_once(tmp_path):
    experiment = small_experiment()
    with ExperimentStore(tmp_path, experiment), \
            pytest.raises(FolderInUse, match="another interlodge session"):
        ExperimentStore(tmp_path, experiment, resume=True)
    with ExperimentStore(tmp_path, experiment, resume=True):  # released on close
        pass


KILLED_MAIN = """
import sys, time
sys.path.insert(0, {tests!r})
from experiments.evaluators import process_pool
from experiments.outcomes import OUTCOMES, summarise

with process_pool(2) as (pool, _):
    futures = [pool.submit(time.sleep, 600) for _ in range(2)]
    print("workers up", flush=True)
    time.sleep(600)
"""


def test_workers_end_when_the_main_process_is_killed(tmp_path):
    import psutil

    script = KILLED_MAIN.format(tests=str(Path(__file__).parent))
    main = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert main.stdout.readline().strip() == "workers up"
    children = psutil.Process(main.pid).children(recursive=True)  # fork server and workers
    assert len(children) >= 2
    main.kill()  # SIGKILL: the main process can tell nobody
    main.wait()
    main.stdout.close()
    _gone, alive = psutil.wait_procs(children, timeout=10)
    assert alive == []


SWEEP_MODULES = """
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from conftest import SMALL_HOTEL
from experiments.designs import grid
from experiments.evaluators import process_pool, run_experiment
from experiments.experiment import Experiment
from experiments.store import ExperimentStore
# small_experiment(), without the helpers' own imports (pandas, for reading results)
experiment = Experiment(grid({{"cross_evaluation_weight": [0.0, 0.5, 1.0]}}, replicates=2),
                        days={days}, root_seed=7, preset="redesign", fixed=dict(SMALL_HOTEL),
                        summary_days=10)
with process_pool(2) as (pool, depth), ExperimentStore(Path({folder!r}), experiment) as store:
    tally = run_experiment(experiment, store, pool, depth, progress=False)
print(tally.done, sorted({{"pandas", "pyarrow"}} & set(sys.modules)))
"""


def test_an_experiments_main_process_loads_neither_pandas_nor_pyarrow(reference, tmp_path):
    # its workers encode the parts: the process holding the folder only writes their bytes,
    # so its memory, in every experiment's peak, holds no table library
    script = SWEEP_MODULES.format(tests=str(Path(__file__).parent), folder=str(tmp_path),
                                  days=DAYS)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout
    assert out.strip() == "6 []"
    pd.testing.assert_frame_equal(numbers(tmp_path), numbers(reference))
    pd.testing.assert_frame_equal(daily_rows(tmp_path), daily_rows(reference))
