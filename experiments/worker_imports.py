"""What a worker imports: the model and what a run needs, not Mesa's spaces.

Importing Mesa (any of it: `from mesa import Model` runs `mesa/__init__.py`) imports its grids
and networks (`mesa.discrete_space`, which imports scipy.spatial and networkx; the older
`mesa.space`, networkx) and its continuous space (`mesa.experimental.continuous_space`,
scipy.spatial.distance). The hotel uses none of them: it has rooms, not cells. They cost the
fork server 0.4 s of CPU before the first worker starts (serial time, which bounds parallel
efficiency) and some 38 MB in every experiment's peak memory.

Importing this module first (the fork server preloads it before the model) puts a stand-in
for each of them in `sys.modules`, so that Mesa's own import finds them already there. The
stand-in has the real module's `__spec__`, `__path__` and `__file__` (what the import system
and `inspect` read of a module in `sys.modules`) and loads the real module on the first other
attribute asked of it, hands it over and from then on forwards to it: code that does use
Mesa's spaces in a worker still gets them, one import later. Python's
`importlib.util.LazyLoader` cannot do this: the import statement itself reads `__spec__` of a
module found in `sys.modules`, which makes a LazyLoader module load at once. Nothing of Mesa
is copied or changed.

pandas is deferred the same way, but whole: Mesa's agents import it at the top of their module
(for a type check in `Agent.create_agents`, which the hotel does not call), and an experiment's
workers reduce and store a run's daily columns without it (experiments.part_tables). Loaded,
it cost the fork server 46 MB of memory, which every worker shares until it writes a page.
Its stand-in has no `__path__`: importing any of its submodules (`pandas.testing`) loads all
of pandas first, as an import of a real pandas would. Code that uses pandas in a worker (the
story's and the validation's runs, which return daily tables) gets it on first use.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import types

DEFERRED = ("mesa.discrete_space", "mesa.space", "mesa.experimental.continuous_space")
DEFERRED_WHOLE = ("pandas",)  # loaded, submodules and all, when any of it is first used


class DeferredModule(types.ModuleType):
    """Stands in `sys.modules` for a module not yet loaded; loads it when first used."""

    def __getattr__(self, name: str):
        # only called for what the stand-in lacks: everything but its spec and path
        return getattr(self._load(), name)

    def _load(self) -> types.ModuleType:
        real = sys.modules.get(self.__name__)
        if real is self:
            del sys.modules[self.__name__]  # lets the import system load the real one
            try:
                real = importlib.import_module(self.__name__)
            except BaseException:
                sys.modules[self.__name__] = self
                raise
        parent, _, child = self.__name__.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, real)  # `mesa.discrete_space` is the real one
        return real


def defer(name: str, *, whole: bool = False) -> None:
    """Put a stand-in for module `name` (not yet imported) in `sys.modules`. Its parent
    packages are located, not imported. whole: importing a submodule of `name` loads `name`
    first (the stand-in has no `__path__`, which the import system asks of it); otherwise
    submodules load alone."""
    if name in sys.modules:
        return
    spec = _find_spec(name)
    stand_in = DeferredModule(name)
    stand_in.__spec__ = spec
    stand_in.__loader__ = spec.loader
    # what tools read of every module in sys.modules (inspect.getmodule, used by Mesa's
    # logging at import, reads __file__ of each): answered without loading
    stand_in.__file__, stand_in.__cached__ = spec.origin, spec.cached
    if spec.submodule_search_locations is not None and not whole:
        stand_in.__path__ = list(spec.submodule_search_locations)  # its submodules load alone
    sys.modules[name] = stand_in


def _find_spec(name: str) -> importlib.machinery.ModuleSpec:
    parent, _, _ = name.rpartition(".")
    path = None
    if parent:
        parent_spec = sys.modules[parent].__spec__ if parent in sys.modules \
            else _find_spec(parent)
        path = parent_spec.submodule_search_locations
    spec = importlib.machinery.PathFinder.find_spec(name, path)
    if spec is None:
        raise ModuleNotFoundError(f"no module named {name!r}", name=name)
    return spec


def is_loaded(name: str) -> bool:
    """Is module `name` really imported (not absent, not a stand-in)?"""
    module = sys.modules.get(name)
    return module is not None and not isinstance(module, DeferredModule)


for _name in DEFERRED:
    defer(_name)
for _name in DEFERRED_WHOLE:
    defer(_name, whole=True)
