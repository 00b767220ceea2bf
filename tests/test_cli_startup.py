"""The command line starts without the heavy libraries (issue 11, start-up), and lists its commands right."""

from __future__ import annotations

import subprocess
import sys

import click

HEAVY = ("rdflib", "pyshacl", "pyoxigraph", "jinja2", "httpx", "owlready2", "pyld")


def _imported_after(statement: str) -> list[str]:
    code = f"import sys\n{statement}\nprint('loaded:', *(m for m in {HEAVY!r} if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    last = proc.stdout.splitlines()[-1]
    assert last.startswith("loaded:"), proc.stdout
    return last.split()[1:]


def test_importing_the_cli_pulls_no_heavy_library():
    assert _imported_after("import mlrelease.cli") == []


def test_version_and_help_pull_no_heavy_library():
    assert _imported_after("from mlrelease.cli import main\nmain(['--version'])") == []
    assert _imported_after("from mlrelease.cli import main\nmain(['--help'])") == []


def test_the_listed_short_help_is_each_commands_own():
    from mlrelease.cli import COMMANDS, cli

    for name, (_module, _attribute, listed) in COMMANDS.items():
        command = cli.get_command(click.Context(cli), name)
        assert command is not None, name
        own = " ".join((command.help or "").split("\n\n")[0].split())
        assert listed == own, name


def test_every_command_runs_its_help(capsys):
    from mlrelease.cli import COMMANDS, main

    for name in COMMANDS:
        assert main([name, "--help"]) == 0, name
        assert capsys.readouterr().out.startswith(f"Usage: mlrelease {name}")
