"""Workers import Mesa without its spaces (scipy, networkx), and an experiment's workers run
without pandas: the same runs, the deferred modules still there for code that asks for them."""

import subprocess
import sys
from pathlib import Path

from experiments.evaluators import process_pool
from experiments.simulation import simulate

HEAVY = {"scipy", "networkx"}

RUN_WITHOUT_SPACES = """
import sys
from pathlib import Path
import experiments.worker_imports
from experiments.simulation import simulate
daily = simulate("redesign", days=15, seed=4)
print(sorted({heavy!r} & set(sys.modules)))
print(daily.to_json())
"""

SPACES_ON_DEMAND = """
import sys
from pathlib import Path
import experiments.worker_imports
import mesa
from mesa.discrete_space import OrthogonalMooreGrid
import mesa.experimental.continuous_space as continuous
assert mesa.discrete_space.OrthogonalMooreGrid is OrthogonalMooreGrid
assert sys.modules["mesa.discrete_space"] is mesa.discrete_space
assert mesa.experimental.continuous_space is continuous and continuous.ContinuousSpace
grid = mesa.space.MultiGrid(3, 3, torus=False)
print(type(grid).__module__, sorted({heavy!r} & set(sys.modules)))
"""


def _python(code: str, tmp_path) -> list[str]:
    return subprocess.run([sys.executable, "-c", code.format(heavy=HEAVY)], cwd=tmp_path,
                          capture_output=True, text=True, check=True).stdout.splitlines()


def test_a_run_without_mesas_spaces_has_the_numbers_of_a_run_with_them(tmp_path):
    loaded, table = _python(RUN_WITHOUT_SPACES, tmp_path)
    assert loaded == "[]"
    assert table == simulate("redesign", days=15, seed=4).to_json()  # this process has them


def test_mesas_spaces_load_when_first_used(tmp_path):
    assert _python(SPACES_ON_DEMAND, tmp_path) == ["mesa.space ['networkx', 'scipy']"]


def heavy_modules_after_a_run() -> list[str]:
    """In a worker: what of HEAVY is loaded once a run is done."""
    simulate("baseline", days=2, seed=1)
    return sorted(HEAVY & set(sys.modules))


def test_a_pool_worker_runs_without_mesas_spaces():
    with process_pool(1) as (pool, _):
        assert pool.submit(heavy_modules_after_a_run).result() == []


PANDAS_ON_DEMAND = """
import sys
from pathlib import Path
from experiments.worker_imports import is_loaded
import model.hotel  # Mesa's agents import pandas at the top of their module
print(is_loaded("pandas"), "pandas" in sys.modules)
import pandas.testing  # a submodule first: all of pandas loads, as without the stand-in
print(is_loaded("pandas"), type(sys.modules["pandas"]).__name__,
      pandas.testing.assert_frame_equal.__name__, pandas.DataFrame({{"a": [1]}}).shape)
"""


def test_pandas_loads_whole_when_first_used(tmp_path):
    assert _python(PANDAS_ON_DEMAND, tmp_path) == [
        "False True", "True module assert_frame_equal (1, 1)"]


EXPERIMENT_WORKER = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from pathlib import Path
from conftest import SMALL_HOTEL
from experiments.designs import grid
from experiments.evaluators import process_pool, run_experiment
from experiments.experiment import Experiment
from experiments.store import ExperimentStore
from experiments.worker_imports import is_loaded
experiment = Experiment(grid({{"cross_evaluation_weight": [0.0, 1.0]}}, replicates=2), days=12,
                        root_seed=7, preset="redesign", fixed=dict(SMALL_HOTEL),
                        summary_days=5)
with process_pool(1) as (pool, depth), ExperimentStore(Path({folder!r}), experiment) as store:
    preloaded = pool.submit(is_loaded, "pandas").result()  # what the fork server gave it
    tally = run_experiment(experiment, store, pool, depth, progress=False)
    after = pool.submit(is_loaded, "pandas").result()  # the one worker ran every run
print(tally.done, tally.failed, preloaded, after)
"""


def test_an_experiments_worker_never_loads_pandas(tmp_path):
    # it reduces and stores each run's daily columns without pandas (46 MB a process)
    script = EXPERIMENT_WORKER.format(tests=str(Path(__file__).parent),
                                      folder=str(tmp_path / "out"))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout
    assert out.split() == ["4", "0", "False", "False"]
