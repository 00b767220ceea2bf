"""``python -m mlrelease.build [--check] [--root DIR]``: regenerate (or check) generated files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from . import stale_files, write_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlrelease.build", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: .)")
    parser.add_argument("--check", action="store_true", help="only report stale files; exit 1 if any")
    args = parser.parse_args(argv)
    root: Path = args.root
    if not (root / "ontology" / "mlrelease.ttl").is_file():
        print(f"{root}: not an mlrelease checkout (no ontology/mlrelease.ttl); pass --root", file=sys.stderr)
        return EXIT_USAGE
    if args.check:
        stale = stale_files(root)
        for rel in stale:
            print(f"stale: {rel} (run: python -m mlrelease.build)")
        return EXIT_FAILED if stale else EXIT_OK
    for rel in write_all(root):
        print(f"wrote {rel}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
