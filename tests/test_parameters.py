"""Parameters: defaults, types, ranges, consistency, presets, and one-line errors."""

import math
import subprocess
import sys

import pytest

from model import LEVERS, PARAMETERS, PRESETS, ParameterError, preset_parameters
from model.parameters import default_parameters, validate_parameters


def test_every_parameter_is_documented_with_unit_and_source():
    for name, spec in PARAMETERS.items():
        assert spec.doc and spec.source, name
        assert spec.unit, name
        if spec.kind is not bool:
            assert spec.low <= spec.default <= spec.high, name


def test_defaults_validate_and_include_the_required_names():
    clean = validate_parameters({})
    for name in ("rooms", "receptionists", "housekeepers", "technicians", "defect_rate",
                 "housekeeper_quota", "cross_evaluation_weight", "evaluation_period_days",
                 "rotation_period_days", "incentive_bonus", "training_cost", *LEVERS):
        assert name in clean
    assert clean == default_parameters()


@pytest.mark.parametrize("values, fragment", [
    ({"room": 100}, "did you mean rooms"),
    ({"rooms": "many"}, "rooms: 'many' is not a number"),
    ({"rooms": -5}, "rooms: -5 is out of range"),
    ({"rooms": 10.5}, "not a whole number"),
    ({"defect_rate": 1.5}, "defect_rate: 1.5 is out of range"),
    ({"defect_rate": math.nan}, "not finite"),
    ({"cross_evaluation_weight": "nan"}, "not finite"),
    ({"rotation": "perhaps"}, "rotation: 'perhaps' is not a boolean"),
    ({"rooms": True}, "expected an integer"),
    ({"rooms": 12, "housekeepers": 10, "receptionists": 3}, "more staff than rooms"),
    ({"incentive_occupancy_threshold": 0.8}, "must be below incentive_occupancy_target"),
    ({"housekeeper_quota": 40, "shift_minutes": 240}, "cannot be cleaned"),
])
def test_bad_values_are_refused_with_one_line_naming_the_parameter(values, fragment):
    with pytest.raises(ParameterError) as error:
        validate_parameters(values)
    message = str(error.value)
    assert fragment in message
    assert "\n" not in message


def test_text_values_are_typed_as_on_the_command_line():
    clean = validate_parameters({"rooms": "120", "rotation": "yes", "defect_rate": "0.04"})
    assert clean["rooms"] == 120 and clean["rotation"] is True and clean["defect_rate"] == 0.04


def test_presets_set_the_levers_of_the_case():
    assert set(PRESETS) >= {"baseline", "incentives", "training", "attempt2", "rotation",
                            "cross_evaluation", "redesign", "all_four"}
    redesign = preset_parameters("redesign")
    assert redesign["rotation"] and redesign["cross_evaluation"]
    assert not redesign["incentives"] and not redesign["training"]
    attempt2 = preset_parameters("attempt2")
    assert attempt2["incentives"] and attempt2["training"] and not attempt2["rotation"]
    assert not any(preset_parameters("baseline")[lever] for lever in LEVERS)
    assert preset_parameters("redesign", {"rooms": 80})["rooms"] == 80


def test_unknown_preset_lists_the_choices():
    with pytest.raises(ParameterError, match=r"unknown preset 'redesing'.*redesign"):
        preset_parameters("redesing")


def test_reading_parameters_and_presets_does_not_load_the_simulation():
    # the command line's --help and argument checks read only these
    code = ("import sys; from model import PARAMETERS, PRESETS, preset_parameters; "
            "preset_parameters('redesign'); "
            "print(sorted({'mesa', 'pandas', 'numpy'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
