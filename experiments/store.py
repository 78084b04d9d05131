"""The output folder of an experiment, written so that no result is lost or half-written.

Layout (column meanings in docs/experiments.md):

    DIR/manifest.json              the experiment (design, root seed, ...), sessions, versions
    DIR/runs.parquet/part-NNNNN.parquet   one row per run: id, point, seed, status, summary
    DIR/daily/part-NNNNN.parquet          one row per run per day: the daily metrics
    DIR/.lock                             held by the session writing the folder

`runs.parquet` is a folder of parts that pandas and pyarrow read as one table
(`pandas.read_parquet(DIR / "runs.parquet")`). Finished runs are buffered and written as a
pair of parts with the same number: first the daily part, then the runs part, each to a hidden
temporary file renamed into place. The runs part is the commit record: a run exists once its
row does, and the manifest holds the checksum of every committed part (experiments.parts).
A process killed at any moment therefore leaves either a complete pair, or a daily part
without its runs part, which the next `--resume` deletes before running those runs again;
hidden temporary files are ignored by readers and deleted on resume. `--resume` also checks
every part against its checksum and runs again the runs of a damaged or missing one.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from model import METRICS, PARAMETERS

from .experiment import Experiment, RunSpec
from .outcomes import OUTCOMES
from .parts import DAILY, RUNS, check_parts, part_files, publish, replace_durably, write_hidden
from .provenance import provenance, write_crate

if TYPE_CHECKING:
    import pandas as pd

    from .evaluators import RunResult

# Writing needs only pyarrow; pandas is imported by the functions that read results, so that
# an experiment's main process starts its workers without waiting for it (pyarrow loads it
# later, at the first stored run, while the workers run).

MANIFEST = "manifest.json"
LOCK = ".lock"
# /2: runs tables hold the outcomes of experiments.outcomes (one definition each, e.g. the
# margin as a ratio of sums) instead of means of daily values
FORMAT = "interlodge-experiment/2"
OUTCOME_COLUMNS = list(OUTCOMES)  # the runs table's per-run values
DAILY_COLUMNS = [name for name in METRICS if name != "day"]
_PYARROW_TYPES = {bool: pa.bool_(), int: pa.int64(), float: pa.float64()}


class FolderInUse(ValueError):
    """The output folder holds something else, or this experiment without --resume."""


class CannotWrite(Exception):
    """The output folder refused results (a full disk, a read-only folder) mid-experiment.

    cause: the OSError; stored: runs committed there before; lost: finished runs that were
    buffered and could not be saved (they run again on resume).
    """

    def __init__(self, folder: Path, cause: OSError, stored: int, lost: int):
        super().__init__(f"cannot write to {folder}: {cause.strerror or cause}")
        self.folder, self.cause, self.stored, self.lost = folder, cause, stored, lost


class ExperimentStore:
    """Writes one experiment's results into `folder` as runs finish.

    folder: the output folder; created if missing.
    experiment: what is being run; an existing folder must hold the same experiment.
    resume: continue the experiment already in `folder` (required if it has one).
    executor: a description of where the runs go, recorded in the manifest.
    flush_rows: rows (daily plus runs) buffered before a pair of parts is written. A daily
        row takes about 600 bytes: 10,000 rows (some 18 runs of 540 days) hold about 6 MB of
        the main process's memory, where 50,000 held up to 30 MB, in every experiment's peak.
    flush_seconds: a pair is also written once the oldest unsaved result is this old, which
        bounds the work lost to a crash.
    """

    def __init__(self, folder: Path, experiment: Experiment, *, resume: bool = False,
                 executor: str = "", flush_rows: int = 10_000, flush_seconds: float = 20.0):
        self.folder = Path(folder)
        self.experiment = experiment
        self.flush_rows, self.flush_seconds = flush_rows, flush_seconds
        self._factors = experiment.design.factors
        self._runs_schema = _runs_schema(self._factors)
        self._daily_schema = _daily_schema()
        self._runs: list[dict[str, Any]] = []
        self._daily: list[pa.Table] = []
        self._buffered_rows = 0
        self._oldest_unsaved: float | None = None
        self.write_error: CannotWrite | None = None
        manifest = claim_folder(self.folder, experiment, resume)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.folder)
        checksummed = "parts" in manifest  # else written before checksums existed
        self._parts = manifest.setdefault("parts", {})  # checksums, by part name
        # what --resume found damaged, missing or unfinished (and will run again), one note
        # per pair of parts, for the command to report
        self.resume_notes = (check_parts(self.folder, self._parts, checksummed) if resume
                             else [])
        self._finished = stored_run_ids(self.folder)
        self._next_part = 1 + max((_part_number(p) for p in part_files(self.folder / RUNS)),
                                  default=0)
        self._session = {"started": _now(), "ended": None, "executor": executor,
                         **provenance()}
        manifest["sessions"].append(self._session)
        self._manifest = manifest
        try:
            self._write_manifest()
        except OSError as error:
            self._lock.close()
            raise CannotWrite(self.folder, error, len(self._finished), 0) from error

    # --- writing ---------------------------------------------------------------------------
    def finished_run_ids(self) -> set[str]:
        """Runs already stored (succeeded or failed); a resumed session skips them."""
        return set(self._finished)

    def add(self, result: RunResult) -> None:
        """Buffer a finished run; write a pair of parts when the buffer is full or old."""
        spec = result.spec
        row = {"run_id": spec.run_id, "point_index": spec.point_index,
               "replicate": spec.replicate, "seed": spec.seed, "status": result.status,
               "error": result.error, "wall_seconds": result.wall_seconds}
        row |= {name: spec.parameters[name] for name in self._factors}
        row |= {name: result.summary.get(name, float("nan")) for name in OUTCOME_COLUMNS}
        self._runs.append(row)
        self._buffered_rows += 1
        if result.daily is not None:
            # buffered in the part's own Arrow form: a buffer of pandas tables was copied
            # twice more when written (joined, then converted), tripling this process's peak
            self._daily.append(_daily_part_rows(result.daily, spec, self._daily_schema))
            self._buffered_rows += result.daily.num_rows
        self._finished.add(spec.run_id)
        if self._oldest_unsaved is None:
            self._oldest_unsaved = time.monotonic()
        if (self._buffered_rows >= self.flush_rows
                or time.monotonic() - self._oldest_unsaved >= self.flush_seconds):
            self.flush()

    def flush(self) -> None:
        """Write the buffered runs: the daily part first, then the runs part (the commit).
        Raises CannotWrite if the folder refuses them (full disk, read-only), then and on
        every later call: the runs already committed stay, the buffered ones are lost."""
        if self.write_error is not None:
            raise self.write_error
        if not self._runs:
            return
        try:
            self._write_pair()
        except OSError as error:
            self.write_error = CannotWrite(self.folder, error, self.stored_runs,
                                           len(self._runs))
            raise self.write_error from error
        self._runs, self._daily, self._buffered_rows = [], [], 0
        self._oldest_unsaved = None

    @property
    def stored_runs(self) -> int:
        """Runs committed to the folder (finished runs still buffered not counted)."""
        return len(self._finished) - len(self._runs)

    def _write_pair(self) -> None:
        name = f"part-{self._next_part:05d}.parquet"
        daily_digest = None
        if self._daily:
            temporary, daily_digest = write_hidden(pa.concat_tables(self._daily),  # no copy
                                                   self.folder / DAILY / name)
            publish(temporary, self.folder / DAILY / name)
        runs = pa.Table.from_pylist(self._runs, self._runs_schema)
        temporary = None
        try:
            temporary, runs_digest = write_hidden(runs, self.folder / RUNS / name)
            # the checksum is recorded before the commit, so every committed part has one
            self._parts[name] = {"runs": runs_digest, "daily": daily_digest,
                                 "run_count": runs.num_rows}
            self._save_manifest()
            publish(temporary, self.folder / RUNS / name)
        except OSError:  # not committed: give back the space (resume would delete them too)
            self._parts.pop(name, None)
            for path in (temporary, self.folder / DAILY / name):
                if path is not None:
                    path.unlink(missing_ok=True)
            raise
        self._next_part += 1

    def close(self) -> None:
        """Save what is buffered and record the end of this session (and of the experiment
        when every run is stored). After a CannotWrite, only the lock is released: the
        folder takes nothing more, and the error already said what it keeps."""
        try:
            if self.write_error is None:
                self.flush()
                self._session["ended"] = _now()
                if len(self._finished) == self.experiment.total_runs:
                    self._manifest["completed"] = self._manifest["completed"] or _now()
                self._write_manifest()
        except OSError as error:  # the manifest: every run is committed, the record is not
            self.write_error = CannotWrite(self.folder, error, self.stored_runs, 0)
            raise self.write_error from error
        finally:
            self._lock.close()  # releases the folder

    def __enter__(self) -> ExperimentStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _write_manifest(self) -> None:
        self._save_manifest()
        write_crate(self.folder, self._manifest)

    def _save_manifest(self) -> None:
        text = json.dumps(self._manifest, indent=2, default=str) + "\n"
        temporary = self.folder / f".{MANIFEST}.tmp"
        try:
            temporary.write_text(text, encoding="utf-8")
            replace_durably(temporary, self.folder / MANIFEST)
        except OSError:
            temporary.unlink(missing_ok=True)  # the old manifest stays, whole
            raise


def claim_folder(folder: Path, experiment: Experiment, resume: bool) -> dict[str, Any]:
    """The manifest to write or continue in `folder`; raises FolderInUse, without writing
    anything, when the folder holds something else, a different experiment, or this
    experiment without `resume`."""
    folder = Path(folder)
    identity = _json_round_trip(experiment.identity())
    if not folder.exists() or all(p.name.startswith(".") for p in folder.iterdir()):
        return {"format": FORMAT, "name": experiment.name,
                "description": experiment.description, "root_seed": experiment.root_seed,
                "total_runs": experiment.total_runs, "identity": identity,
                "created": _now(), "completed": None, "sessions": [], "parts": {}}
    if not (folder / MANIFEST).is_file():
        raise FolderInUse(f"{folder} is not empty and holds no experiment "
                          f"({MANIFEST} missing); choose another --out")
    manifest = read_manifest(folder)
    different = sorted(k for k in identity.keys() | manifest["identity"].keys()
                       if identity.get(k) != manifest["identity"].get(k))
    if different:
        raise FolderInUse(f"{folder} holds a different experiment (it differs in "
                          f"{', '.join(different)}); choose another --out")
    if not resume:
        raise FolderInUse(f"{folder} already holds this experiment; add --resume to "
                          f"continue it, or choose another --out")
    return manifest


# --- reading ------------------------------------------------------------------------------
def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the experiment in `folder`."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise ValueError(f"{folder} is not an experiment folder ({MANIFEST} missing)")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} is damaged (truncated or edited: {error}); the runs in "
                         f"{RUNS} are intact, but this folder cannot be resumed") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValueError(f"{path}: format {getattr(manifest, 'get', dict().get)('format')!r}, "
                         f"this version reads "
                         f"{FORMAT!r}; analyse it with the version that made it")
    return manifest


def recorded_root_seed(folder: Path) -> int | None:
    """The root seed of the experiment already in `folder`, if any (to resume it)."""
    try:
        return read_manifest(folder)["root_seed"]
    except (ValueError, OSError):
        return None


def read_runs(folder: Path) -> pd.DataFrame:
    """One row per stored run, in design order (point, then replicate)."""
    import pandas as pd

    parts = part_files(Path(folder) / RUNS)
    if not parts:
        raise ValueError(f"{folder} holds no finished runs yet")
    runs = pd.concat([_read_part(p) for p in parts], ignore_index=True)
    if runs["run_id"].duplicated().any():  # cannot happen through ExperimentStore
        raise ValueError(f"{folder}: a run is stored twice; the folder was edited by hand")
    return runs.sort_values(["point_index", "replicate"], ignore_index=True)


def iter_daily(folder: Path, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
    """The daily tables part by part (each run lies within one part), only `columns` read:
    memory stays bounded whatever the size of the experiment. A daily part whose runs part
    was never written (a killed session) is not part of the results and is skipped."""
    committed = {p.name for p in part_files(Path(folder) / RUNS)}
    for part in part_files(Path(folder) / DAILY):
        if part.name in committed:
            yield _read_part(part, columns)


def _read_part(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """A part as a table; a damaged one is named, with the way to repair it."""
    import pandas as pd

    try:
        return pd.read_parquet(path, columns=columns)
    except (OSError, pa.ArrowException) as error:
        raise ValueError(f"{path} is damaged ({error}); run the experiment's command again "
                         f"with --resume: it runs the runs of damaged parts again") from None


# --- helpers ------------------------------------------------------------------------------
def _runs_schema(factors: list[str]) -> pa.Schema:
    fields = [("run_id", pa.string()), ("point_index", pa.int64()), ("replicate", pa.int64()),
              ("seed", pa.int64()), ("status", pa.string()), ("error", pa.string()),
              ("wall_seconds", pa.float64())]
    fields += [(name, _PYARROW_TYPES[PARAMETERS[name].kind]) for name in factors]
    fields += [(name, pa.float64()) for name in OUTCOME_COLUMNS]
    return pa.schema(fields)


def _daily_part_rows(daily: pa.Table, spec: RunSpec, schema: pa.Schema) -> pa.Table:
    """A run's daily table as rows of a daily part: named by the run, every metric a float."""
    rows = daily.num_rows
    named = {"run_id": pa.repeat(spec.run_id, rows),
             "point_index": pa.repeat(spec.point_index, rows),
             "replicate": pa.repeat(spec.replicate, rows)}
    return pa.table([named[name] if name in named else daily.column(name)
                     for name in schema.names],
                    names=schema.names).cast(schema)


def _daily_schema() -> pa.Schema:
    # every metric as float64: a count column with a NaN day would otherwise change type
    return pa.schema([("run_id", pa.string()), ("point_index", pa.int64()),
                      ("replicate", pa.int64()), ("day", pa.int64())]
                     + [(name, pa.float64()) for name in DAILY_COLUMNS])


def _lock(folder: Path):
    """An exclusive lock on `folder`, held while the returned file is open: a second
    session on the same folder would write parts with the same numbers. The system releases
    it when the process ends, however it ends, so a killed session leaves no stale lock."""
    file = open(folder / LOCK, "a")  # noqa: SIM115 -- kept open for the store's lifetime
    try:
        fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        file.close()
        raise FolderInUse(f"{folder} is being written by another interlodge session") from None
    return file


def stored_run_ids(folder: Path, *, unreadable_ok: bool = False) -> set[str]:
    """The ids of the runs stored in `folder`. unreadable_ok: a part that does not read
    counts as holding no runs (for an estimate made before --resume checks the parts: it
    will delete that part and run its runs again); else it raises."""
    ids: set[str] = set()
    for part in part_files(Path(folder) / RUNS):
        try:
            ids.update(pq.read_table(part, columns=["run_id"]).column("run_id").to_pylist())
        except (OSError, ValueError, pa.ArrowException):
            if not unreadable_ok:
                raise
    return ids


def _part_number(path: Path) -> int:
    return int(path.stem.removeprefix("part-"))


def _json_round_trip(value: Any) -> Any:
    """`value` as it reads back from JSON, to compare it with a stored manifest."""
    return json.loads(json.dumps(value, default=str))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
