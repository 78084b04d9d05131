"""Fill Solara's asset cache from the npm registry, so that the app works with no internet.

A Solara server fetches the page's JavaScript, CSS and fonts from a public CDN (which serves
the files of npm packages) and keeps a copy in its proxy cache. On a laptop with no internet
(or bad Wi-Fi in a workshop room) the page would stay blank. `npm pack` each package the page
needs and unpack it where the server looks first: `<cache>/<package>@<version>/`.

After a Solara upgrade, check the list: the server log says `Could not load URL` for any asset
it could not find (grep Solara's templates and .vue files for `@` versions).
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import ipyvuetify

# The cache directory is named by the package spec exactly as the page asks for it
# (`vega@5`, not the version npm resolves it to).
COMMON_PACKAGES = (
    "requirejs@2.3.6",
    "font-awesome@4.5.0",
    "@widgetti/vue-grid-layout@2.3.13-alpha.2",
    "mermaid@10.8.0",
    "katex@0.16.9",
    "vega@5",
    "vega-lite@5",
    "vega-embed@6",
)
VUETIFY_APP = {2: "@widgetti/solara-vuetify-app@10.1.1", 3: "@widgetti/solara-vuetify3-app@5.2.0"}
COMPLETE = ".interlodge-complete"  # written last: a directory without it is unfinished


def packages() -> tuple[str, ...]:
    """The npm packages the page needs with the installed ipyvuetify (1.x uses Vuetify 2)."""
    vuetify = 3 if int(ipyvuetify.__version__.split(".")[0]) >= 3 else 2
    return (VUETIFY_APP[vuetify], *COMMON_PACKAGES)


def cache_dir() -> Path:
    """Solara's proxy cache (honours SOLARA_ASSETS_PROXY_CACHE_DIR)."""
    from solara.server.settings import assets

    return Path(assets.proxy_cache_dir)


def missing(directory: Path | None = None) -> list[str]:
    """Packages not (completely) in the cache."""
    directory = directory or cache_dir()
    return [spec for spec in packages() if not (directory / spec / COMPLETE).exists()]


def prepare(directory: Path | None = None, log=print) -> Path:
    """Put every missing package in the cache; return the cache directory.

    Raises ValueError (one line) when npm is absent or a package cannot be fetched.
    """
    directory = directory or cache_dir()
    todo = missing(directory)
    if not todo:
        log(f"asset cache complete: {directory}")
        return directory
    if shutil.which("npm") is None:
        raise ValueError("npm is needed to fill the asset cache; install Node.js and npm")
    directory.mkdir(parents=True, exist_ok=True)
    # npm is mostly waiting on the network: fetch all packages at once
    with ThreadPoolExecutor(max_workers=len(todo)) as pool:
        for spec in pool.map(lambda spec: _install(spec, directory), todo):
            log(f"cached {spec}")
    log(f"asset cache complete: {directory}")
    return directory


def _install(spec: str, directory: Path) -> str:
    target = directory / spec
    with tempfile.TemporaryDirectory(dir=directory, prefix=".npm-") as work:
        work = Path(work)
        result = subprocess.run(
            ["npm", "pack", spec, "--silent", "--pack-destination", str(work)],
            cwd=work, capture_output=True, text=True, timeout=300, check=False)
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["no message"])[-1]
            raise ValueError(f"npm pack {spec} failed: {last}")
        unpacked = work / "unpacked"
        with tarfile.open(next(work.glob("*.tgz"))) as archive:  # the one npm just wrote
            archive.extractall(unpacked, filter="data")
        package = unpacked / "package"  # npm tarballs hold everything under package/
        if spec.startswith("requirejs@"):
            # the page loads require.min.js, which the npm tarball lacks
            shutil.copy(package / "require.js", package / "require.min.js")
        (package / COMPLETE).touch()
        if target.exists():
            shutil.rmtree(target)  # an unfinished copy from an interrupted run
        target.parent.mkdir(parents=True, exist_ok=True)
        package.rename(target)  # the directory appears complete or not at all
    return spec

