"""`interlodge run`, `factorial`, `sweep`, `analyze` and `report`: runs from the command line.

    interlodge run [--preset P] [--set KEY=VALUE] [--days D] [--seed S] [--out FILE]
    interlodge factorial --replicates R --days D [--workers W | --dask ADDRESS] --out DIR
    interlodge sweep CONFIG.toml --out DIR [--workers W | --dask ADDRESS] [--resume]
    interlodge analyze DIR [--outcome O]
    interlodge report DIR [--outcome O]

Everything about the experiment and the output folder is checked before a worker starts.
Exit codes: 0 all runs succeeded; 1 some runs failed (recorded in runs.parquet), the
workers broke or the folder stopped taking files (full disk); 2 bad input; 130 interrupted
(finished runs are saved; use --resume).
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import os
import sys

from model import LEVERS, preset_parameters

from .config import load_experiment
from .dask_executor import dask_executor
from .designs import factorial
from .evaluators import process_pool, run_experiment
from .experiment import Experiment, new_root_seed
from .outcomes import summarise
from .output import check_writable_file, check_writable_folder, resume_command
from .simulation import parse_assignments, simulate
from .size import check_size, describe
from .store import (
    CannotWrite,
    ExperimentStore,
    claim_folder,
    recorded_root_seed,
    stored_run_ids,
)

RUN_SUMMARY = ("gross_margin", "occupancy", "adr", "held_rooms", "complaints_per_room_night",
               "rebate_share", "housekeeper_report_rate", "maintenance_response_hours",
               "guest_satisfaction")
MAX_PRINTED_POINTS = 40


def run_factorial(args) -> int:
    seed = _unnamed_seed(args)
    experiment = Experiment(factorial(LEVERS, args.replicates), days=args.days,
                            root_seed=new_root_seed() if seed is None else seed,
                            fixed=parse_assignments(args.assignments),
                            name="factorial", description="All combinations of the four "
                            "levers of the case.")
    return _run(experiment, args)


def run_sweep(args) -> int:
    experiment = load_experiment(args.config, default_seed=_unnamed_seed(args))
    if args.seed is not None:  # the command line wins over the file
        experiment = dataclasses.replace(experiment, root_seed=args.seed)
    return _run(experiment, args)


def _unnamed_seed(args) -> int | None:
    """The root seed when the experiment names none: --seed, else the one recorded in DIR
    when resuming (the first session drew it), else None for fresh entropy."""
    if args.seed is not None:
        return args.seed
    return recorded_root_seed(args.out) if args.resume else None


def _run(experiment: Experiment, args) -> int:
    """Check the folder and the options, then run what is not yet stored."""
    experiment = dataclasses.replace(experiment, common_seeds=not args.independent_seeds)
    if args.dask not in (None, "local") and args.workers is not None:
        raise ValueError("--workers sizes a local pool; a Dask cluster has its own workers")
    local = args.dask in (None, "local")
    workers = (args.workers or os.cpu_count() or 1) if local else None
    check_writable_folder(args.out)  # a read-only folder or a full disk: before, not after
    claim_folder(args.out, experiment, args.resume)  # refuses before any worker starts
    # a typo costs a line, not days; a resumed experiment is sized on the runs it has left
    size = check_size(experiment, workers, args.allow_large,
                      stored_run_ids(args.out, unreadable_ok=True) if args.resume else ())
    if not args.quiet:
        print(f"interlodge {args.command}: {describe(size, experiment.days)}",
              file=sys.stderr)
    if args.dask is None:
        executor, where = process_pool(workers), f"local process pool, {workers} workers"
    else:
        executor, where = dask_executor(args.dask, args.workers), f"dask {args.dask}"
    command = args.command
    try:
        with executor as (pool, depth), ExperimentStore(args.out, experiment,
                                                        resume=args.resume,
                                                        executor=where) as store:
            if store.resume_notes:  # runs --resume will not count as stored
                print(f"interlodge {command}: --resume: {'; '.join(store.resume_notes)}",
                      file=sys.stderr)
            tally = run_experiment(experiment, store, pool, depth, progress=not args.quiet)
    except KeyboardInterrupt:
        print(f"interlodge {command}: finished runs are saved in {args.out}; continue with "
              f"--resume", file=sys.stderr)
        raise
    except CannotWrite as error:
        kept = (f"all {error.stored} runs are kept there (only the record of the session's "
                f"end is not)" if error.stored == experiment.total_runs
                else f"{error.stored} of {experiment.total_runs} runs are kept there")
        print(f"interlodge {command}: {error}; {kept}"
              + (f" ({error.lost} finished but not saved: they will run again)"
                 if error.lost else "")
              + f"; once it takes files again, continue with: "
              f"{resume_command(args.argv, experiment.root_seed)}", file=sys.stderr)
        return 1
    except cf.BrokenExecutor as error:
        print(f"interlodge {command}: the workers broke ({error}); finished runs are saved "
              f"in {args.out}; continue with --resume", file=sys.stderr)
        return 1
    print(f"{experiment.total_runs} runs in {args.out}: {tally.skipped} already stored, "
          f"{tally.done} done, {tally.failed} failed", file=sys.stderr)
    if tally.failed:
        print("failed runs have status 'failed' and their traceback in runs.parquet",
              file=sys.stderr)
    return 1 if tally.failed else 0


def print_analysis(args) -> int:
    # the analysis and the report load scipy, SALib and matplotlib: imported by their own
    # commands only, so that an experiment's main process does not hold them during its runs
    from .analysis import analyse

    analysis = analyse(args.folder, args.metric, args.reference)
    identity = analysis.manifest["identity"]
    runs = analysis.runs["status"].value_counts()
    print(f"{args.folder}: {analysis.design.kind} design, {len(analysis.design.points)} "
          f"points x {identity['replicates']} replicates; {runs.get('ok', 0)} runs ok, "
          f"{runs.get('failed', 0)} failed, of {analysis.manifest['total_runs']}")
    print(f"{args.metric} over the last {analysis.summary_days} days of each run; "
          f"95% interval across runs:")
    rows = analysis.summary[analysis.summary["metric"] == args.metric]
    print(rows[["point_index", "label", "runs", "mean", "ci_low", "ci_high"]]
          .head(MAX_PRINTED_POINTS).to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    if len(rows) > MAX_PRINTED_POINTS:
        print(f"... {len(rows) - MAX_PRINTED_POINTS} more points: `interlodge report` writes "
              f"them all to summary.csv")
    for note in analysis.notes:
        print(f"\n{note}")
    if analysis.paired is not None:
        _print_paired(analysis)
    for title, table in (("factorial effects", analysis.effects),
                         ("Sobol indices", analysis.sobol),
                         ("Morris indices", analysis.morris)):
        if table is not None:
            print(f"\n{title} on {args.metric}:")
            print(table.drop(columns="metric").to_string(index=False,
                                                         float_format=lambda x: f"{x:.4g}"))
    return 0


def run_one(args) -> int:
    """`interlodge run`: one hotel, a summary of its first and last 90 days, its table."""
    overrides = parse_assignments(args.assignments)
    preset_parameters(args.preset, overrides)  # validate before running anything
    if args.out is not None and args.out.suffix not in (".csv", ".parquet"):
        raise ValueError(f"--out must end in .csv or .parquet, got {args.out.name!r}")
    if args.out is not None:
        check_writable_file(args.out)  # before minutes of simulation, not after
    table = simulate(args.preset, overrides, args.days, args.seed)
    first, last = summarise(table.head(90)), summarise(table.tail(90))
    print(f"InterLodge, preset {args.preset}, seed {args.seed}, {args.days} days")
    print(f"{'outcome':<28}{'first 90 days':>15}{'last 90 days':>15}")
    for name in RUN_SUMMARY:
        print(f"{name:<28}{first[name]:>15.3f}{last[name]:>15.3f}")
    if args.out is not None:
        partial = args.out.with_name(args.out.name + ".partial")
        try:
            if args.out.suffix == ".csv":
                table.to_csv(partial, index=False)
            else:
                table.to_parquet(partial, index=False)
            partial.replace(args.out)  # never leave a half-written file under the real name
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise ValueError(f"--out {args.out}: cannot write: {error.strerror or error}") \
                from None
        print(f"daily table: {args.out} ({len(table)} rows)", file=sys.stderr)
    return 0


def _print_paired(analysis) -> None:
    reference = analysis.reference
    paired = analysis.paired
    how = ("replicate by replicate, same seeds" if (paired["pairing"] == "paired").all()
           else "unpaired where the seeds differ (Welch)")
    print(f"\n{analysis.metric}: difference from '{reference}' ({how}); mean and 95% "
          f"interval over replicates:")
    print(paired.head(MAX_PRINTED_POINTS)
          .to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    if analysis.bridges is not None:
        print(f"\nmargin bridge against '{reference}' (margin points; each column adds up to "
              f"the change of the margin pooled over the paired runs):")
        points = analysis.bridges.drop(columns="kind") * 100
        print(points.assign(kind=analysis.bridges["kind"]).to_string(
            float_format=lambda x: f"{x:+.2f}"))
        totals = points.sum().to_frame("total").T
        print(totals.to_string(float_format=lambda x: f"{x:+.2f}", header=False))


def make_report(args) -> int:
    from .report import write_report

    path = write_report(args.folder, args.metric, args.reference)
    print(f"report: {path}", file=sys.stderr)
    return 0
