"""Shared warm-ups: lever settings started from one warmed-up hotel give exactly the numbers
of hotels built whole, and the warm-up reads no lever-side parameter."""

import pytest

from model import LEVER_SIDE, InterLodgeModel, ParameterError, preset_parameters
from model.parameters import Parameters

DAYS = 150


def lever_side(params):
    return {name: params[name] for name in LEVER_SIDE}


@pytest.mark.parametrize("seed", [2, 9])
def test_every_preset_forked_from_one_warm_up_matches_its_full_run(small_hotel, seed):
    # lever-side values away from their defaults, so that the fork must take them over
    settings = {"cross_evaluation_weight": 0.8, "rotation_period_days": 45,
                "training_days": 30, "incentive_bonus": 900.0}
    warm = InterLodgeModel.warm_up(rng=seed, **preset_parameters("baseline", small_hotel))
    for preset in ("baseline", "attempt2", "redesign", "all_four"):
        params = preset_parameters(preset, small_hotel | settings)
        full = InterLodgeModel(rng=seed, **params)
        full.run_days(DAYS)
        forked = warm.with_levers(**lever_side(params))
        forked.run_days(DAYS)
        assert forked.daily_table().equals(full.daily_table()), preset


def test_forking_leaves_the_warm_up_as_it_was(small_hotel):
    warm = InterLodgeModel.warm_up(rng=1, **preset_parameters("baseline", small_hotel))
    first = warm.with_levers(rotation=True)
    first.run_days(60)
    second = warm.with_levers(rotation=True)
    second.run_days(60)
    assert warm.now == small_hotel["warmup_days"] * 24 and not warm.levers_on
    assert second.daily_table().equals(first.daily_table())


def test_the_warm_up_reads_no_lever_side_parameter(small_hotel, monkeypatch):
    read = set()
    plain = Parameters.__getattribute__

    def recording(self, name):
        read.add(name)
        return plain(self, name)

    monkeypatch.setattr(Parameters, "__getattribute__", recording)
    for preset in ("attempt2", "redesign", "all_four"):
        params = preset_parameters(preset, small_hotel | {"warmup_days": 120})
        InterLodgeModel.warm_up(rng=3, **params)
    assert read, "the recording saw nothing"
    assert not read & set(LEVER_SIDE)


def test_with_levers_takes_only_lever_side_parameters_from_a_warmed_up_hotel(small_hotel):
    warm = InterLodgeModel.warm_up(rng=1, **preset_parameters("baseline", small_hotel))
    with pytest.raises(ParameterError, match="rooms: not lever-side"):
        warm.with_levers(rooms=40)
    with pytest.raises(ParameterError, match="training_skill"):
        warm.with_levers(training_skill=7.0)
    with pytest.raises(RuntimeError, match="levers are not on yet"):
        warm.with_levers().with_levers()
