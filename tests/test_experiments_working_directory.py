"""Workers import the installed model, not a folder named `model/` in the working directory
(a researcher's own copy, or another project's): the pool's processes start from the main
process's sys.path, on which the working directory is not first (multiprocessing replaces an
empty entry with the directory the main process started in, and the console script's own
folder comes first)."""

import subprocess
import sys
from pathlib import Path

from conftest import SMALL_HOTEL

SMALL = [word for name, value in SMALL_HOTEL.items() for word in ("--set", f"{name}={value}")]
INTERLODGE = Path(sys.executable).with_name("interlodge")


def test_a_model_folder_in_the_working_directory_does_not_reach_the_workers(tmp_path):
    impostor = tmp_path / "model"
    impostor.mkdir()
    (impostor / "__init__.py").write_text('raise ImportError("imported ./model")\n')
    done = subprocess.run([str(INTERLODGE), "factorial", "--replicates", "1", "--days", "5",
                           *SMALL, "--workers", "2", "--quiet", "--out", "out"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "imported ./model" not in done.stderr
    assert "16 done, 0 failed" in done.stderr
