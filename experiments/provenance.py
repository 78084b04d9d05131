"""Provenance: what made an experiment's numbers, recorded beside them.

Every session writing an experiment folder records the project's commit and whether the tree
had uncommitted changes, the full command line, the Python and package versions and the
machine (in manifest.json's `sessions`). `write_crate` restates the folder as an RO-Crate
(`ro-crate-metadata.json`, via the `rocrate` library): the data (manifest, runs, daily
tables, report), the software that made them, and one CreateAction per session with its
command line, times, environment, design and root seed, so that general research-data tools
can read where the results came from.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import shlex
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

PACKAGES = ("interlodge", "mesa", "numpy", "pandas", "pyarrow", "SALib", "dask",
            "distributed", "matplotlib", "ema_workbench", "pyabc", "rocrate")
CRATE = "ro-crate-metadata.json"
DATA = {"manifest.json": "the experiment: design, root seed, sessions",
        "runs.parquet/": "one row per run: parameters, seed, status, outcomes",
        "daily/": "one row per run and day: the daily metrics",
        "report.html": "figures and tables (interlodge report)",
        "summary.csv": "outcomes per design point"}


def provenance() -> dict[str, Any]:
    """Where and with what the runs were made: code commit, command line, Python, packages,
    machine."""
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    return {"git_commit": _git("rev-parse", "HEAD"),
            "git_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
            "command": shlex.join(sys.argv), "python": sys.version.split()[0],
            "packages": versions, "host": platform.node(), "cpus": os.cpu_count(),
            "machine": f"{platform.system()} {platform.release()} {platform.machine()}"}


def write_crate(folder: Path, manifest: dict[str, Any]) -> Path:
    """Write DIR/ro-crate-metadata.json describing the experiment in `folder`."""
    with warnings.catch_warnings():  # rocrate's optional dependencies warn at import
        warnings.simplefilter("ignore")
        from rocrate.model.contextentity import ContextEntity
        from rocrate.rocrate import ROCrate

    folder = Path(folder)
    crate = ROCrate()
    crate.root_dataset["name"] = manifest["name"] or folder.name
    crate.root_dataset["description"] = manifest.get("description") or "InterLodge experiment"
    crate.root_dataset["dateCreated"] = manifest["created"]
    results = []
    for path, description in DATA.items():
        if (folder / path).exists():
            add = crate.add_dataset if path.endswith("/") else crate.add_file
            results.append(add(dest_path=path, properties={"description": description}))
    identity = manifest["identity"]
    design = crate.add(ContextEntity(crate, "#design", properties={
        "@type": "PropertyValue", "name": "design and seeds",
        "value": json.dumps({"design": identity["design"], "replicates":
                             identity["replicates"], "days": identity["days"],
                             "root_seed": manifest["root_seed"],
                             "seeds": "SeedSequence(root_seed, spawn_key=(point or world, "
                                      "replicate)); each run's seed in runs.parquet"},
                            default=str)}))
    for number, session in enumerate(manifest["sessions"], start=1):
        commit = session.get("git_commit") or "unknown"
        software = crate.add(ContextEntity(crate, f"#interlodge-{commit[:12]}", properties={
            "@type": "SoftwareApplication", "name": "interlodge",
            "version": commit + (" (uncommitted changes)" if session.get("git_dirty") else ""),
            "softwareRequirements": [f"{name} {version}" for name, version
                                     in session.get("packages", {}).items() if version]}))
        environment = crate.add(ContextEntity(crate, f"#environment-{number}", properties={
            "@type": "PropertyValue", "name": "environment",
            "value": f"Python {session.get('python')} on {session.get('machine', '')}, "
                     f"host {session.get('host')}, {session.get('cpus')} cores, "
                     f"executor: {session.get('executor', '')}"}))
        crate.add_action(software, identifier=f"#session-{number}",
                         object=[design, environment], result=results, properties={
                             "name": f"session {number}",
                             "description": session.get("command", ""),
                             "startTime": session.get("started"),
                             "endTime": session.get("ended")})
    record = crate.metadata.generate()
    temporary = folder / f".{CRATE}.tmp"
    try:
        temporary.write_text(json.dumps(record, indent=2, default=str) + "\n",
                             encoding="utf-8")
        os.replace(temporary, folder / CRATE)
    except OSError:  # a full disk: the old crate stays whole, the space is given back
        temporary.unlink(missing_ok=True)
        raise
    return folder / CRATE


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=Path(__file__).resolve().parent,
                              capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()
