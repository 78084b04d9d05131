"""Workers import the installed model, not a folder named `model/` in the working directory
(a researcher's own copy, another project's, or a plain folder of files): the pool's processes
start from the main process's sys.path, and the fork server they are forked from starts in
safe-path mode, without the working directory on its path."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SMALL_HOTEL

SMALL = [word for name, value in SMALL_HOTEL.items() for word in ("--set", f"{name}={value}")]
INTERLODGE = Path(sys.executable).with_name("interlodge")


@pytest.mark.parametrize("package", ["regular", "namespace"])
def test_a_model_folder_in_the_working_directory_does_not_reach_the_workers(tmp_path, package):
    impostor = tmp_path / "model"
    impostor.mkdir()
    if package == "regular":
        (impostor / "__init__.py").write_text('raise ImportError("imported ./model")\n')
    else:
        # a plain folder of scripts or data named model/: Python imports it as a namespace
        # package, which broke every worker before the fork server left the folder out
        (impostor / "notes.py").write_text("")
    done = subprocess.run([str(INTERLODGE), "factorial", "--replicates", "1", "--days", "5",
                           *SMALL, "--workers", "2", "--quiet", "--out", "out"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "imported ./model" not in done.stderr
    assert "16 done, 0 failed" in done.stderr
