"""Workers import Mesa without its spaces (scipy, networkx): the same runs, the spaces still
there for code that asks for them."""

import subprocess
import sys

from experiments.evaluators import process_pool
from experiments.simulation import simulate

HEAVY = {"scipy", "networkx"}

RUN_WITHOUT_SPACES = """
import sys
import experiments.worker_imports
from experiments.simulation import simulate
daily = simulate("redesign", days=15, seed=4)
print(sorted({heavy!r} & set(sys.modules)))
print(daily.to_json())
"""

SPACES_ON_DEMAND = """
import sys
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
