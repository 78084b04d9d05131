"""The output folder of an experiment, written so that no result is lost or half-written.

Layout (column meanings in docs/experiments.md):

    DIR/manifest.json              the experiment (design, root seed, ...), sessions, versions
    DIR/runs.parquet/part-NNNNN.parquet   one row per run: id, point, seed, status, summary
    DIR/daily/part-NNNNN.parquet          one row per run per day: the daily metrics
    DIR/.lock                             held by the session writing the folder

`runs.parquet` is a folder of parts that pandas and pyarrow read as one table
(`pandas.read_parquet(DIR / "runs.parquet")`). Runs finish in chunks (experiments.evaluators),
which the worker that ran them encodes as a pair of parts (experiments.part_tables); the
store writes each pair with the next number: first the daily part, then the runs part, each
to a hidden
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
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model import METRICS

from .experiment import Experiment
from .outcomes import OUTCOMES
from .parts import (
    DAILY,
    RUNS,
    EncodedPart,
    check_parts,
    part_files,
    publish,
    replace_durably,
    write_hidden,
)
from .provenance import provenance, write_crate

if TYPE_CHECKING:
    import pandas as pd

    from .evaluators import RunResult

# Writing commits bytes the workers encoded: pyarrow and pandas are imported by the functions
# that read results (and by --resume, which reads the stored runs' ids), so that they are not
# in the memory of an experiment's main process while its workers run.

MANIFEST = "manifest.json"
LOCK = ".lock"
# /2: runs tables hold the outcomes of experiments.outcomes (one definition each, e.g. the
# margin as a ratio of sums) instead of means of daily values
FORMAT = "interlodge-experiment/2"
OUTCOME_COLUMNS = list(OUTCOMES)  # the runs table's per-run values
DAILY_COLUMNS = [name for name in METRICS if name != "day"]


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
    """Writes one experiment's results into `folder` as chunks of runs finish.

    folder: the output folder; created if missing.
    experiment: what is being run; an existing folder must hold the same experiment.
    resume: continue the experiment already in `folder` (required if it has one).
    executor: a description of where the runs go, recorded in the manifest.
    part_rows: daily rows at most in a pair of parts (a part holds at least one run):
        `run_experiment` sends runs to workers in chunks of at most this many rows, and a
        worker encodes each chunk as a pair of parts. A daily row takes about 600 bytes
        while a worker holds its chunk: 10,000 rows (some 18 runs of 540 days) about 6 MB.
        What a crash can lose is the chunks being run, never a committed one.
    """

    def __init__(self, folder: Path, experiment: Experiment, *, resume: bool = False,
                 executor: str = "", part_rows: int = 10_000):
        self.folder = Path(folder)
        self.experiment = experiment
        self.part_rows = part_rows
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

    def add(self, delivered: EncodedPart | list[RunResult]) -> None:
        """Commit a pair of parts as a worker encoded it (experiments.part_tables), or
        results to encode here first (runs an executor lost, to record them as failed).
        Raises CannotWrite if the folder refuses them (full disk, read-only), then and on
        every later call: the runs already committed stay, these are lost."""
        if self.write_error is not None:
            raise self.write_error
        if not isinstance(delivered, EncodedPart):
            from .part_tables import encode_part  # pyarrow, in this process only here

            delivered = encode_part(delivered, self.experiment.design.factors)
        try:
            self._write_pair(delivered)
        except OSError as error:
            self.write_error = CannotWrite(self.folder, error, self.stored_runs,
                                           len(delivered.results))
            raise self.write_error from error
        self._finished.update(result.spec.run_id for result in delivered.results)

    @property
    def stored_runs(self) -> int:
        """Runs committed to the folder."""
        return len(self._finished)

    def _write_pair(self, part: EncodedPart) -> None:
        """The daily part first, then the runs part (the commit)."""
        name = f"part-{self._next_part:05d}.parquet"
        daily_digest = None
        if part.daily is not None:
            temporary, daily_digest = write_hidden(part.daily, self.folder / DAILY / name)
            publish(temporary, self.folder / DAILY / name)
        temporary = None
        try:
            temporary, runs_digest = write_hidden(part.runs, self.folder / RUNS / name)
            # the checksum is recorded before the commit, so every committed part has one
            self._parts[name] = {"runs": runs_digest, "daily": daily_digest,
                                 "run_count": len(part.results)}
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
        """Record the end of this session (and of the experiment when every run is stored).
        After a CannotWrite, only the lock is released: the folder takes nothing more, and
        the error already said what it keeps."""
        try:
            if self.write_error is None:
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
    import pyarrow as pa

    try:
        return pd.read_parquet(path, columns=columns)
    except (OSError, pa.ArrowException) as error:
        raise ValueError(f"{path} is damaged ({error}); run the experiment's command again "
                         f"with --resume: it runs the runs of damaged parts again") from None


# --- helpers ------------------------------------------------------------------------------
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
    parts = part_files(Path(folder) / RUNS)
    if parts:  # a new experiment's main process never loads pyarrow
        import pyarrow as pa
        import pyarrow.parquet as pq
    for part in parts:
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
