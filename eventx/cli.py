"""The ``eventx`` command line. Each command parses its arguments and calls a library function."""

from __future__ import annotations

import argparse
import logging
import sys

from eventx.errors import EventxError


def build_parser() -> argparse.ArgumentParser:
    from eventx.version import __version__
    from eventx.corpus import cli as corpus_cli

    parser = argparse.ArgumentParser(
        prog="eventx",
        description="Extract structured event records (what, who, where, when, casualties, "
        "seizures) from news text.",
    )
    parser.add_argument("--version", action="version", version=f"eventx {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _command_modules():
        module.add_commands(sub)
    corpus_cli.add_commands(sub)
    return parser


def _command_modules() -> list:
    import importlib

    names = ["eventx.extract_cli", "eventx.incident.cli", "eventx.show_cli",
             "eventx.training.cli", "eventx.calibrate_cli"]
    mods = []
    for name in names:
        try:
            mods.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return mods


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except EventxError as exc:
        print(f"eventx: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("eventx: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
