"""The part files of an experiment folder: written whole or not at all, checked before reuse.

A part is one Parquet file (`runs.parquet/part-NNNNN.parquet` or `daily/part-NNNNN.parquet`).
It is written to a hidden temporary file, flushed to disk and renamed into place, so a reader
never sees half of it. Its SHA-256 checksum goes into the manifest before the runs part is
renamed into place (the commit), so every committed part has a recorded checksum. A part
damaged later (a disk error, a copy cut short, an edit by hand) no longer matches it:
`--resume` finds that with `check_parts` and runs its runs again, instead of counting them as
stored.

The manifest's `parts` table, by part name: `runs` and `daily` (the checksums; daily is null
when every run of the pair failed) and `run_count` (runs in the part).

The bytes of a pair are encoded by the worker that ran its runs (experiments.part_tables);
writing them needs no pyarrow, which only reading a part (to check a folder written before
checksums existed) imports.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .evaluators import RunResult

RUNS = "runs.parquet"
DAILY = "daily"


@dataclass
class EncodedPart:
    """A pair of parts as a worker encoded it, for the store to commit.

    results: the runs it holds, in order, without their daily tables (for counting).
    runs, daily: the Parquet bytes of the runs part and of the daily part (None when every
        run failed).
    """

    results: list[RunResult]
    runs: bytes
    daily: bytes | None


def write_hidden(data: bytes, path: Path) -> tuple[Path, str]:
    """Write `data` to a hidden temporary file beside `path`, on disk; return it and its
    checksum. On any error the temporary file is removed: on a full disk it would hold the
    space that the rest of the experiment needs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")  # hidden: readers skip it
    try:
        with open(temporary, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary, hashlib.sha256(data).hexdigest()


def publish(temporary: Path, path: Path) -> None:
    """Rename `temporary` (already on disk) to `path`, and make the rename itself durable."""
    os.replace(temporary, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def replace_durably(temporary: Path, path: Path) -> None:
    """Rename `temporary` to `path` once its bytes are on disk, so `path` is never partial."""
    with open(temporary, "rb") as file:
        os.fsync(file.fileno())
    publish(temporary, path)


def checksum(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def part_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("part-*.parquet")) if directory.is_dir() else []


def check_parts(folder: Path, recorded: dict[str, dict[str, Any]], checksummed: bool = True
                ) -> list[str]:
    """Make the parts in `folder` exactly the committed, intact ones, and say what was not.

    Deletes hidden temporary files, and every pair of parts that is not intact: a runs part
    or a daily part whose bytes differ from the checksum in `recorded` (damaged or
    truncated), a part that is missing, or a daily part without a runs part (a session killed
    between the two). Their runs are then not stored, so a resumed session runs them again.
    `recorded` (the manifest's `parts`) is updated to match. In a folder written before
    checksums existed (`checksummed` false), a runs part is read whole instead, and its
    checksums recorded if it reads; in any other, a part with no recorded checksum was not
    written by the experiment (a copy, say: its runs would count twice) and is removed too.
    Returns one note per pair removed.
    """
    for temporary in folder.rglob(".*.tmp"):
        temporary.unlink()
    runs = {p.name: p for p in part_files(folder / RUNS)}
    daily = {p.name: p for p in part_files(folder / DAILY)}
    notes = []
    for name in sorted(runs.keys() | daily.keys() | recorded.keys()):
        entry = recorded.get(name)
        if checksummed and entry is None and name in runs:
            runs[name].unlink()
            if name in daily:
                daily[name].unlink()
            notes.append(f"{name} was not written by this experiment (no checksum in the "
                         f"manifest): removed, its runs not counted")
            continue
        problem = _problem(runs.get(name), daily.get(name), entry)
        if problem is None:
            continue
        for path in (runs.get(name), daily.get(name)):
            if path is not None:
                path.unlink()
        recorded.pop(name, None)
        count = entry.get("run_count") if entry else None
        if name in runs or entry is not None:  # an orphan daily part held no committed run
            what = f"its {count} runs" if count is not None else "its runs"
            notes.append(f"{name} {problem}: {what} will run again")
    for name, path in runs.items():
        if path.exists() and name not in recorded:  # written before checksums; it read whole
            recorded[name] = _entry(path, daily.get(name))
    return notes


def _problem(runs: Path | None, daily: Path | None, entry: dict[str, Any] | None) -> str | None:
    """Why this pair of parts cannot be kept, or None if it is intact."""
    if runs is None:
        return "is missing (deleted, or its session was killed while committing it)" \
            if entry is not None else "was left unfinished by a killed session"
    if entry is None:  # no checksum to compare with: the file must at least read whole
        for path in (runs, daily):
            if path is not None and not _reads_whole(path):
                return f"is damaged ({path.parent.name}/{path.name} does not read)"
        return None
    if checksum(runs) != entry["runs"]:
        return "is damaged (checksum of the runs part differs)"
    if entry.get("daily") is not None and daily is None:
        return "is damaged (its daily part is missing)"
    if entry.get("daily") is not None and checksum(daily) != entry["daily"]:
        return "is damaged (checksum of the daily part differs)"
    return None


def _entry(runs: Path, daily: Path | None) -> dict[str, Any]:
    import pyarrow.parquet as pq

    return {"runs": checksum(runs), "daily": checksum(daily) if daily else None,
            "run_count": pq.read_metadata(runs).num_rows}


def _reads_whole(path: Path) -> bool:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pq.read_table(path)
    except (OSError, pa.ArrowException):
        return False
    return True
