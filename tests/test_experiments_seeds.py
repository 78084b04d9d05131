"""Common random numbers across design points, and runs that share a warm-up."""

import json

import pandas as pd
from conftest import SMALL_HOTEL
from experiment_helpers import small_experiment

from experiments.designs import factorial
from experiments.evaluators import (
    chunks,
    execute,
    execute_together,
    run_scenarios,
    sharing_warm_ups,
)
from experiments.experiment import Experiment
from experiments.simulation import simulate


def lever_experiment(**settings) -> Experiment:
    return Experiment(factorial(("rotation", "cross_evaluation"), replicates=2), days=40,
                      root_seed=5, fixed=dict(SMALL_HOTEL), summary_days=10, **settings)


def test_replicate_r_of_every_point_has_the_same_seed_by_default():
    runs = list(lever_experiment().runs())
    for replicate in (0, 1):
        assert len({spec.seed for spec in runs if spec.replicate == replicate}) == 1
    assert runs[0].seed != runs[-1].seed


def test_independent_seeds_give_every_run_its_own():
    runs = list(lever_experiment(common_seeds=False).runs())
    assert len({spec.seed for spec in runs}) == len(runs)


def test_the_choice_of_seeds_is_part_of_the_experiment_identity():
    common, independent = lever_experiment(), lever_experiment(common_seeds=False)
    assert common.identity()["common_seeds"] is True
    assert json.dumps(independent.identity(), default=str) != json.dumps(common.identity(),
                                                                         default=str)


def test_runs_sharing_a_warm_up_are_grouped_in_their_order():
    runs = list(lever_experiment().runs())
    groups = list(sharing_warm_ups(runs, size=3))
    assert [spec for group in groups for spec in group] == runs
    # 4 lever cells per replicate share a warm-up: groups of at most 3 within a replicate
    assert [len(group) for group in groups] == [3, 1, 3, 1]
    assert all(len({spec.seed for spec in group}) == 1 for group in groups)
    # a weight sweep varies a lever-side parameter only: with common seeds, one warm-up
    assert len(list(sharing_warm_ups(small_experiment().runs(), size=16))) == 2


def test_runs_from_a_shared_warm_up_have_the_numbers_of_runs_alone():
    runs = list(lever_experiment().runs())[:4]
    together = execute_together(runs)
    alone = [execute(spec) for spec in runs]
    for shared, single in zip(together, alone, strict=True):
        assert shared.status == single.status == "ok"
        assert shared.daily.equals(single.daily)
        assert pd.Series(shared.summary).equals(pd.Series(single.summary))  # NaN as NaN


def test_a_worker_warms_a_seed_up_once_for_the_groups_it_is_given(monkeypatch):
    # the groups of one seed go to the workers in turn: the next group a worker gets starts
    # from the warm-up it already has, with the numbers of runs alone
    from experiments import evaluators
    from model import InterLodgeModel

    warm_up, made = InterLodgeModel.warm_up.__func__, []

    def counted(cls, *args, **kwargs):
        made.append(kwargs.get("rng", args[0] if args else None))
        return warm_up(cls, *args, **kwargs)

    monkeypatch.setattr(InterLodgeModel, "warm_up", classmethod(counted))
    monkeypatch.setattr(evaluators, "_LAST_WARM_UP", {})
    runs = list(lever_experiment().runs())[:4]
    groups = [execute_together(runs[:2]), execute_together(runs[2:])]
    assert len(made) == 1
    for shared, spec in zip(groups[0] + groups[1], runs, strict=True):
        assert shared.daily.equals(execute(spec).daily)


def test_chunks_keep_warm_up_groups_whole_and_shrink_towards_the_end():
    # 16 cells x 10 replicates on 2 workers (4 chunks in flight): a replicate a chunk while
    # many runs are left, then smaller and smaller chunks, single runs last
    runs = list(Experiment(factorial(replicates=10), days=5, root_seed=1).runs())
    sent = list(chunks(iter(runs), len(runs), 4))
    assert [spec for chunk in sent for spec in chunk] == runs
    sizes = [len(chunk) for chunk in sent]
    assert sizes[:7] == [16] * 7 and sizes[-3:] == [1, 1, 1]
    assert sizes == sorted(sizes, reverse=True)
    assert all(len({spec.seed for spec in chunk}) == 1 for chunk in sent)  # one warm-up each
    # runs that share no warm-up (independent seeds) are still sent many at a time
    alone = list(Experiment(factorial(replicates=10), days=5, root_seed=1,
                            common_seeds=False).runs())
    assert len(next(chunks(iter(alone), len(alone), 4))) == 16


def test_scenarios_give_each_seed_the_table_of_its_run_alone():
    # their workers send the model's daily columns; the tables made of them are the model's
    # own daily tables, type for type and bit for bit
    for workers in (1, 2):
        tables = run_scenarios({"levers": ("redesign", dict(SMALL_HOTEL), 15)}, seeds=2,
                               workers=workers)["levers"]
        for seed, table in enumerate(tables):
            pd.testing.assert_frame_equal(
                table, simulate("redesign", dict(SMALL_HOTEL), 15, seed), check_exact=True)
