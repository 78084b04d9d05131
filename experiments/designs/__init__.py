"""Experimental designs (samplers): which parameter settings an experiment runs.

`Design` and the registry of kinds are in `base`; each kind lives in its own module:
`enumerated` (factorial, grid, points), `sampled` (latin_hypercube, sobol, morris).
"""

from .base import KINDS, Design, build_design
from .enumerated import factorial, grid, point_list
from .sampled import latin_hypercube, morris, sobol

__all__ = ["KINDS", "Design", "build_design", "factorial", "grid", "latin_hypercube",
           "morris", "point_list", "sobol"]
