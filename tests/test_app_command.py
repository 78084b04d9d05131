"""`interlodge app`: its options, bad input, and the offline asset cache (with a fake npm)."""

import io
import logging
import socket
import stat
import textwrap

import pytest

from app_components import offline_assets
from app_components.command import ShutdownRaceInOneLine
from experiments.cli import main


def test_help_names_host_port_and_offline(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["app", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for option in ("--host", "--port", "--prepare-offline", "127.0.0.1"):
        assert option in out


def test_bad_port_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["app", "--port", "70000"])
    assert exit_.value.code == 2
    assert "must be a port number from 1 to 65535" in capsys.readouterr().err


def test_a_taken_port_gets_one_line_before_anything_starts(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["app", "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"interlodge app: error: cannot listen on 127.0.0.1:{port}")
    assert "\n" not in err


@pytest.fixture
def fake_npm(tmp_path, monkeypatch):
    """An `npm` on PATH whose `pack` writes a small tarball, as the real one does."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npm = bin_dir / "npm"
    npm.write_text(textwrap.dedent("""\
        #!/bin/sh
        # npm pack SPEC --silent --pack-destination DIR
        mkdir -p "$5/package" && echo "/* $2 */" > "$5/package/require.js"
        tar -czf "$5/fake-1.0.0.tgz" -C "$5" package && rm -r "$5/package"
        """))
    npm.chmod(npm.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    return npm


def test_prepare_fills_every_package_and_then_has_nothing_to_do(tmp_path, fake_npm):
    cache = tmp_path / "cdn"
    assert offline_assets.missing(cache) == list(offline_assets.packages())
    offline_assets.prepare(cache, log=lambda line: None)
    assert offline_assets.missing(cache) == []
    assert (cache / "requirejs@2.3.6" / "require.min.js").exists()  # the page asks for it
    assert (cache / "vega@5" / "require.js").read_text().strip() == "/* vega@5 */"
    fake_npm.unlink()  # a complete cache needs no npm
    offline_assets.prepare(cache, log=lambda line: None)


def test_prepare_without_npm_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ValueError, match="npm is needed"):
        offline_assets.prepare(tmp_path / "cdn", log=lambda line: None)


def _server_log(error: Exception, message: str) -> str:
    """What Solara's shutdown writes when closing a session raises `error`."""
    stream = io.StringIO()
    logger = logging.getLogger(f"test.shutdown.{id(stream)}")
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    logger.addFilter(ShutdownRaceInOneLine())
    try:
        raise error
    except type(error):
        logger.exception(message)
    logger.removeHandler(handler)
    return stream.getvalue()


def test_solaras_shutdown_race_is_one_line_and_other_errors_keep_their_traceback():
    race = _server_log(KeyError("Thread-37 (runner)1406"), "error closing kernel on shutdown")
    assert race == "a session's thread ended while it was closed\n"
    other = _server_log(ValueError("broken"), "error closing kernel on shutdown")
    assert "Traceback" in other and "ValueError: broken" in other
    elsewhere = _server_log(KeyError("x"), "error draining state workers on shutdown")
    assert "Traceback" in elsewhere
