"""Where results go: checked before any work starts, and a failure to write them reported
with what is kept and the exact command that continues.

A read-only folder or a full disk found after an hour of runs would lose that hour; found
before the first run it costs nothing. So `--out` is probed first: a small file is written,
flushed to disk (a full disk refuses the flush even when it accepts the write) and removed.
"""

from __future__ import annotations

import contextlib
import os
import shlex
from pathlib import Path


def check_writable_file(out: Path) -> None:
    """--out names a file that can be created: its folder exists, it is not a folder, and a
    file can be written there."""
    if out.is_dir():
        raise ValueError(f"--out {out} is a folder; give a file name ending in .csv or "
                         f".parquet")
    if not out.parent.is_dir():
        raise ValueError(f"--out {out}: the folder {out.parent} does not exist")
    _probe(out.with_name(out.name + ".partial"), out)


def check_writable_folder(out: Path) -> None:
    """--out names a folder that exists and takes files, or one that can be created (the
    nearest existing folder above it takes files). Nothing is left behind."""
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out} is a file; give a folder")
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise ValueError(f"--out {out}: {existing} is a file, not a folder")
    _probe(existing / f".interlodge-probe-{os.getpid()}", out)


def _probe(path: Path, out: Path) -> None:
    try:
        with open(path, "wb") as file:
            file.write(b"\0" * 4096)
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        raise ValueError(f"--out {out}: cannot write: {error.strerror or error}") from None
    finally:
        with contextlib.suppress(OSError):  # a read-only folder: nothing to remove either
            path.unlink(missing_ok=True)


def resume_command(argv: list[str], root_seed: int) -> str:
    """The command line that continues the experiment `argv` started: the same arguments,
    with --resume, and the root seed named (the one drawn for it, or given)."""
    words = list(argv)
    if "--resume" not in words:
        words.append("--resume")
    if not any(word == "--seed" or word.startswith("--seed=") for word in words):
        words += ["--seed", str(root_seed)]
    return shlex.join(["interlodge", *words])
