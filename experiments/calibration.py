"""`interlodge calibrate`: which parameter values reproduce the hotel of the case? (ABC-SMC)

Pattern-oriented calibration (Grimm et al. 2005) with approximate Bayesian computation:
pyabc's ABC-SMC draws parameter sets from the priors, runs the hotel with each, and keeps those
whose outcomes are close to every target at once, generation after generation with a
tightening tolerance. The posterior is the last generation's weighted particles.

The config (TOML):

    name = "baseline calibration"
    preset = "baseline"          # calibrate the status quo, never a lever's result
    days = 360                   # per simulation, after the warm-up
    summary_days = 180           # outcomes over the last days of each simulation
    seed = 1                     # seeds of the simulations and of pyabc's sampling
    population_size = 100
    generations = 6              # at most; stops earlier at minimum_epsilon
    minimum_epsilon = 0.0
    [fixed]                      # parameters held fixed
    rooms = 100
    [priors]                     # name = [low, high]: uniform priors
    market_demand = [0.6, 0.9]
    [targets]                    # outcome = [low, high]: the brief's §4 range
    occupancy = [0.55, 0.70]

The distance of a simulation is the sum over targets of |outcome - middle| / (high - low):
each pattern counts in units of its own range, so none dominates by its scale.
Each simulation's seed is derived from the root seed and the parameter values, so a particle
can be re-run alone. Runs go to the same executors as experiments (a local process pool or a
Dask cluster, through pyabc's ConcurrentFutureSampler). The populations are in DIR/abc.db
(pyabc's SQLite database); `--resume` continues the run stored there.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from model import ParameterError, preset_parameters

from .designs.base import no_unknown_keys, table_of
from .designs.sampled import problem_of
from .outcomes import outcome, summarise
from .simulation import MAX_DAYS, run_hotel

DATABASE = "abc.db"
RESULT = "calibration.json"
KEYS = {"name", "description", "preset", "days", "summary_days", "seed", "population_size",
        "generations", "minimum_epsilon", "fixed", "priors", "targets"}


@dataclass(frozen=True)
class Calibration:
    """A calibration problem: priors, targets and how each simulation runs."""

    priors: dict[str, tuple[float, float]]
    targets: dict[str, tuple[float, float]]
    base: dict[str, Any] = field(default_factory=dict)  # complete parameters before priors
    days: int = 360
    summary_days: int = 180
    seed: int = 0
    population_size: int = 100
    generations: int = 6
    minimum_epsilon: float = 0.0
    name: str = ""


class HotelSimulator:
    """The model pyabc runs: a hotel with the particle's values on `base`, reduced to the
    targets' outcomes (a plain object, so it pickles to any worker)."""

    def __init__(self, calibration: Calibration):
        self.c = calibration

    def __call__(self, particle: dict[str, float]) -> dict[str, float]:
        values = {name: _typed(name, particle[name]) for name in self.c.priors}
        table = run_hotel(self.c.base | values, self.c.days, particle_seed(self.c.seed, values))
        summary = summarise(table.tail(self.c.summary_days))
        return {name: summary[name] for name in self.c.targets}


class RangeDistance:
    """Sum over targets of |x - middle| / width; an undefined outcome is infinitely far."""

    def __init__(self, targets: dict[str, tuple[float, float]]):
        self.targets = targets

    def __call__(self, simulated: dict, observed: dict) -> float:
        total = 0.0
        for name, (low, high) in self.targets.items():
            value = simulated[name]
            if value is None or np.isnan(value):
                return float("inf")
            total += abs(value - observed[name]) / (high - low)
        return total


def particle_seed(root: int, values: dict[str, Any]) -> int:
    """A simulation's seed from the root seed and its parameter values (63 bits)."""
    text = json.dumps([root, sorted(values.items())], default=float)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big") >> 1


def load_calibration(path: Path) -> Calibration:
    """Read and check a calibration file; errors name the file."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ParameterError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ParameterError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ParameterError(f"{path}: malformed TOML: {error}") from None
    try:
        return calibration_from_table(table)
    except ParameterError as error:
        raise ParameterError(f"{path}: {error}") from None


def calibration_from_table(table: dict[str, Any]) -> Calibration:
    no_unknown_keys(table, KEYS, "top level")
    for key in ("priors", "targets"):
        if key not in table or not table_of(table, key):
            raise ParameterError(f"needs a [{key}] table with at least one entry")
    fixed = table_of(table, "fixed") if "fixed" in table else {}
    priors = table_of(table, "priors")
    both = sorted(set(fixed) & set(priors))
    if both:
        raise ParameterError(f"{', '.join(both)} is both fixed and calibrated")
    problem_of(priors)  # each range within the parameter's own, low < high
    targets = {}
    for name, pair in table_of(table, "targets").items():
        outcome(name)
        if not (isinstance(pair, list) and len(pair) == 2 and pair[0] < pair[1]):
            raise ParameterError(f"target {name}: give [low, high] with low < high")
        targets[name] = (float(pair[0]), float(pair[1]))
    settings = {key: table[key] for key in ("days", "summary_days", "seed", "population_size",
                                             "generations") if key in table}
    for key, value in settings.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < (key != "seed"):
            raise ParameterError(f"{key} must be a whole number >= {int(key != 'seed')}")
    if settings.get("days", 360) > MAX_DAYS:
        raise ParameterError(f"days must be at most {MAX_DAYS}")
    return Calibration({k: (float(lo), float(hi)) for k, (lo, hi) in priors.items()}, targets,
                       preset_parameters(table.get("preset", "baseline"), fixed),
                       minimum_epsilon=float(table.get("minimum_epsilon", 0.0)),
                       name=str(table.get("name", "")), **settings)


def calibrate(calibration: Calibration, folder: Path, executor=None, *, resume: bool = False,
              simulator: Callable[[dict], dict] | None = None) -> pd.DataFrame:
    """Run ABC-SMC into `folder`; return the posterior (one row per particle, a `weight`).

    executor: a concurrent.futures executor for the simulations (None: this process).
    simulator: replaces the hotel (a function of the particle's values), e.g. in tests.
    """
    pyabc = _pyabc()
    folder = Path(folder)
    database = folder / DATABASE
    if database.exists() and not resume:
        raise ValueError(f"{folder} already holds a calibration; add --resume to continue "
                         f"it, or choose another --out")
    if resume and not database.exists():
        raise ValueError(f"--resume: {folder} holds no calibration ({DATABASE} missing)")
    folder.mkdir(parents=True, exist_ok=True)
    np.random.seed(calibration.seed % 2**32)  # pyabc draws particles from numpy's global state
    priors = pyabc.Distribution(**{name: pyabc.RV("uniform", low, high - low)
                                   for name, (low, high) in calibration.priors.items()})
    sampler = (pyabc.sampler.SingleCoreSampler() if executor is None
               else pyabc.sampler.ConcurrentFutureSampler(executor))
    abc = pyabc.ABCSMC(simulator or HotelSimulator(calibration), priors,
                       RangeDistance(calibration.targets),
                       population_size=calibration.population_size, sampler=sampler)
    observed = {name: (low + high) / 2 for name, (low, high) in calibration.targets.items()}
    url = f"sqlite:///{database.resolve()}"
    with warnings.catch_warnings():  # pyabc's own deprecations under pandas 3.1
        warnings.simplefilter("ignore")
        history = abc.load(url, 1) if resume else abc.new(url, observed)
        done = history.max_t + 1
        if done < calibration.generations:
            history = abc.run(minimum_epsilon=calibration.minimum_epsilon,
                              max_nr_populations=calibration.generations - done)
        frame, weights = history.get_distribution(m=0, t=history.max_t)
        populations = history.get_all_populations().query("t >= 0")  # -1: pyabc's setup
    posterior = frame.reset_index(drop=True).assign(weight=weights)
    posterior.to_csv(folder / "posterior.csv", index=False)
    populations.to_csv(folder / "populations.csv", index=False)
    _write_result(folder, calibration, posterior, populations)
    return posterior


def _write_result(folder: Path, calibration: Calibration, posterior: pd.DataFrame,
                  populations: pd.DataFrame) -> None:
    summary = {}
    for name in calibration.priors:
        values, weights = posterior[name].to_numpy(), posterior["weight"].to_numpy()
        order = np.argsort(values)
        cumulative = np.cumsum(weights[order]) / weights.sum()
        low, high = (float(values[order][np.searchsorted(cumulative, q)]) for q in (0.025, 0.975))
        summary[name] = {"mean": float(np.average(values, weights=weights)),
                         "low_95": low, "high_95": high,
                         "prior": list(calibration.priors[name])}
    record = {"name": calibration.name, "targets": calibration.targets,
              "posterior": summary, "generations": populations.to_dict("list")}
    (folder / RESULT).write_text(json.dumps(record, indent=2, default=str) + "\n",
                                 encoding="utf-8")


def _typed(name: str, value: float):
    from model import PARAMETERS

    return round(float(value)) if PARAMETERS[name].kind is int else float(value)


def _pyabc():
    with warnings.catch_warnings():  # pyabc imports optional back-ends that warn
        warnings.simplefilter("ignore")
        import pyabc
        import pyabc.sampler

        return pyabc


# --- the command and its figures ----------------------------------------------------------
def run_calibration(args) -> int:
    from .dask_executor import dask_executor
    from .evaluators import process_pool
    from .output import check_writable_folder

    calibration = load_calibration(args.config)
    check_writable_folder(args.out)  # a file, a read-only folder, a full disk: before any run
    if (args.out / DATABASE).exists() and not args.resume:
        raise ValueError(f"{args.out} already holds a calibration; add --resume to continue "
                         f"it, or choose another --out")
    executor = (process_pool(args.workers) if args.dask is None
                else dask_executor(args.dask, args.workers))
    with executor as (pool, _depth):
        posterior = calibrate(calibration, args.out, pool, resume=args.resume)
    page = write_figures(args.out)
    result = json.loads((args.out / RESULT).read_text(encoding="utf-8"))
    print(f"posterior of {len(posterior)} particles in {args.out}:")
    for name, item in result["posterior"].items():
        print(f"  {name:<32} {item['mean']:.4g}  (95%: {item['low_95']:.4g} to "
              f"{item['high_95']:.4g}; prior {item['prior'][0]:g} to {item['prior'][1]:g})")
    print(f"figures: {page}")
    return 0


def write_figures(folder: Path) -> Path:
    """Posterior histograms, and the outcomes of the last population against their target
    ranges, in DIR/calibration.html."""
    import html

    from matplotlib.figure import Figure

    folder = Path(folder)
    result = json.loads((folder / RESULT).read_text(encoding="utf-8"))
    posterior = pd.read_csv(folder / "posterior.csv")
    names = list(result["posterior"])
    figure = Figure(figsize=(4 * len(names), 3.2), layout="constrained")
    for axes, name in zip(np.atleast_1d(figure.subplots(1, len(names))), names, strict=True):
        axes.hist(posterior[name], weights=posterior["weight"], bins=20, color="tab:blue")
        axes.set_xlim(*result["posterior"][name]["prior"])
        axes.set_xlabel(name)
    figure.supylabel("posterior weight")
    figure.savefig(folder / "posterior.png", dpi=120)
    fitted = _fitted_outcomes(folder, result["targets"])
    figure = Figure(figsize=(7, 0.6 + 0.7 * len(fitted)), layout="constrained")
    axes = figure.subplots()
    for row, (name, (low, high)) in enumerate(result["targets"].items()):
        axes.plot([0, 1], [row, row], color="lightgrey", linewidth=8)
        values = (fitted[name] - low) / (high - low)
        axes.scatter(values, np.full(len(values), row), s=8, color="tab:blue", alpha=0.4)
    axes.set_yticks(range(len(result["targets"])), list(result["targets"]))
    axes.set_xlabel("outcome of the last population, 0 = the target's low end, 1 = its high end")
    figure.savefig(folder / "fit.png", dpi=120)
    page = folder / "calibration.html"
    rows = "".join(f"<tr><td>{html.escape(n)}</td><td>{v['mean']:.4g}</td>"
                   f"<td>{v['low_95']:.4g} to {v['high_95']:.4g}</td>"
                   f"<td>{v['prior'][0]:g} to {v['prior'][1]:g}</td></tr>"
                   for n, v in result["posterior"].items())
    page.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>calibration</title></head>"
        f"<body><h1>Calibration {html.escape(result['name'])}</h1><table><tr><th>parameter"
        f"</th><th>posterior mean</th><th>95%</th><th>prior</th></tr>{rows}</table>"
        f"<figure><img src='posterior.png'><figcaption>Posterior of each parameter "
        f"(weighted particles of the last generation) over its prior range.</figcaption>"
        f"</figure><figure><img src='fit.png'><figcaption>Each target's range (grey) and "
        f"the outcomes of the last generation's accepted simulations.</figcaption></figure>"
        f"</body></html>\n", encoding="utf-8")
    return page


def _fitted_outcomes(folder: Path, targets: dict) -> pd.DataFrame:
    """The outcomes of the last generation's accepted simulations, from pyabc's database."""
    history = _pyabc().History(f"sqlite:///{(folder / DATABASE).resolve()}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _weights, statistics = history.get_weighted_sum_stats_for_model(m=0, t=history.max_t)
    return pd.DataFrame([{name: s[name] for name in targets} for s in statistics])
