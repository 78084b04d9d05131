"""The `interlodge` command line: builds the parser from the sub-commands' modules and runs
the chosen command's handler.

Bad input (unknown parameter or preset, wrong type, out-of-range value, malformed file)
ends with one line on stderr and exit code 2, before anything runs or is written.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import importlib
import sys

from model import ParameterError

# each module has `register(subparsers)`, which adds its sub-commands; each sets `handler` to
# "module:function", imported only when that command runs. These modules stay light (no
# pandas, numpy or Mesa): `--help` and argument errors must not wait for the simulation.
COMMAND_MODULES = ("experiments.subcommands", "app_components.command")


class UsageError(Exception):
    """Bad command-line input: reported on one line, exit code 2."""


class OneLineParser(argparse.ArgumentParser):
    """Reports bad arguments on one line (no usage block); `--help` shows the usage."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="interlodge",
        description="The InterLodge hotel: how cooperation emerges from the work context.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else list(argv)  # to say how to resume
    try:
        module, _, function = args.handler.partition(":")
        # imports the simulation stack: seconds on a busy machine, when Ctrl-C may come
        handler = getattr(importlib.import_module(module), function)
        return handler(args) or 0
    except (ParameterError, UsageError, ValueError) as error:
        print(f"interlodge {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"interlodge {args.command}: interrupted", file=sys.stderr)
        return 130
    except cf.BrokenExecutor as error:
        # a worker killed from outside (out of memory, kill -9) under a command that keeps
        # its runs in memory (story, validate, bridge); experiments save theirs and say so
        print(f"interlodge {args.command}: a worker process stopped ({error}); nothing was "
              f"lost but this command's results: run it again, with --workers 1 to see a "
              f"run's own error", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
