"""Experimental designs (samplers): which parameter settings an experiment runs.

`Design` and the registry of kinds are in `base`; each kind lives in its own module:
`enumerated` (factorial, grid, points), `sampled` (latin_hypercube, sobol, morris),
`policies` (policies_x_uncertainties).
"""

from .base import KINDS, Design, build_design
from .enumerated import factorial, grid, point_list
from .policies import policies_x_uncertainties
from .sampled import latin_hypercube, morris, sobol

__all__ = ["KINDS", "Design", "build_design", "factorial", "grid", "latin_hypercube",
           "morris", "point_list", "policies_x_uncertainties", "sobol"]
