"""``mlrelease fix``: apply the safe, unambiguous fixes to YAML manifests and show the diff."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import NotPassed, UsageError
from ..files import write_atomically
from ..fix import fix_text
from ..validation.batch import STDIN_NAME, read_source
from ._options import STDIN, input_files, inputs_argument


@click.command()
@inputs_argument()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the fixed copy here (one INPUT only). Default: INPUT's name with .fixed before the "
                   "suffix, beside it; for - (standard input), standard output.")
@click.option("--in-place", is_flag=True, help="Rewrite each INPUT (atomically) instead of writing a copy.")
@click.option("--check", is_flag=True, help="Write nothing: show the diff and exit 1 if anything would change.")
def fix(inputs: tuple[Path, ...], output: Path | None, in_place: bool, check: bool) -> None:
    """Fix licence spellings, code case and key typos in YAML manifests, keeping comments and order.

    Only fixes with one right answer are made: a licence spelling the catalogue knows becomes its
    id (Apache 2 -> Apache-2.0), a code in the wrong case becomes the code, and a key one or two
    edits from exactly one manifest key becomes that key (licence -> license). The diff is printed
    (on standard error when the fixed text goes to standard output). Exit codes: 0 done (or nothing
    to fix), 1 with --check when something would change, 2 unreadable input or usage error.
    """
    found = input_files(inputs)
    hub = [p for p in found if isinstance(p, str)]
    if hub:
        raise UsageError(f"{hub[0]}: a model on the Hub cannot be fixed here",
                         hint="fix the card on the Hub, or convert it to a manifest first (mlrelease convert)")
    files = [p for p in found if isinstance(p, Path)]
    if output is not None and (len(files) != 1 or in_place):
        raise UsageError("-o takes one INPUT and no --in-place", hint="give one file, or use --in-place")
    if in_place and STDIN in files:
        raise UsageError("standard input cannot be fixed in place", hint="drop --in-place, or give the file")
    changed = 0
    for path in files:
        text = read_source(path)
        name = STDIN_NAME if path == STDIN else str(path)
        result = fix_text(text, source=name)
        to_stdout = path == STDIN and output is None and not check
        diff = result.diff(text, name)
        if diff:
            click.echo(diff, nl=False, err=to_stdout)
        for one in result.fixes:
            click.echo(f"{name}: fixed {one}", err=True)
        changed += bool(result.fixes)
        if check:
            continue
        if to_stdout:
            click.echo(result.text, nl=False)
            continue
        if not result.fixes and output is None:
            continue
        target = path if in_place else output or path.with_name(f"{path.stem}.fixed{path.suffix}")
        write_atomically(result.text, target)
        click.echo(f"wrote {target}", err=True)
    if not changed:
        click.echo("nothing to fix", err=True)
    elif check:
        raise NotPassed(f"{changed} file(s) would change; run mlrelease fix --in-place to fix them")
