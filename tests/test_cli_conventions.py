"""One set of conventions for every command (issue 15): walks the click tree and checks them.

-f/--format, -o/--output, -p/--profile (validate and harvest only), --param (no -p) for query;
folders and - (standard input) wherever inputs are read; one error wording with FILE:LINE:COL.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import click
import pytest

from mlrelease.cli import COMMANDS, cli, main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _commands() -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []

    def walk(prefix: str, command: click.Command) -> None:
        out.append((prefix, command))
        if isinstance(command, click.Group):
            for name in command.list_commands(click.Context(command)):
                sub = command.get_command(click.Context(command), name)
                assert sub is not None
                walk(f"{prefix} {name}", sub)

    for name in COMMANDS:
        command = cli.get_command(click.Context(cli), name)
        assert command is not None
        walk(name, command)
    return out


def _options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option)]


@pytest.mark.parametrize(("path", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_follows_the_option_conventions(path, command):
    for option in _options(command):
        flags = set(option.opts) | set(option.secondary_opts)
        if "--format" in flags:
            assert flags == {"-f", "--format"}, (path, flags)
        if "--output" in flags:
            assert flags == {"-o", "--output"}, (path, flags)
        if "-f" in flags:
            assert "--format" in flags, (path, flags)
        if "-o" in flags:
            assert "--output" in flags, (path, flags)
        if "-p" in flags:
            assert flags == {"-p", "--profile"} and path in ("validate", "harvest"), (path, flags)
        if "--profile" in flags:
            assert "-p" in flags, (path, flags)
        if "--param" in flags:
            assert flags == {"--param"}, (path, flags)


@pytest.mark.parametrize(("path", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_input_argument_takes_folders_and_stdin(path, command):
    for argument in (p for p in command.params if isinstance(p, click.Argument)):
        if argument.name not in ("inputs", "input_path"):
            continue
        assert isinstance(argument.type, click.Path), path
        assert argument.type.allow_dash, f"{path}: INPUT does not take - (standard input)"
        assert argument.type.dir_okay, f"{path}: INPUT does not take a folder"


def test_query_has_format_output_and_param_but_no_p():
    command = cli.get_command(click.Context(cli), "query")
    assert command is not None
    flags = {flag for o in _options(command) for flag in o.opts}
    assert {"-f", "--format", "-o", "--output", "--param", "--wide"} <= flags
    assert "-p" not in flags


def test_query_help_tells_the_truth_about_store(capsys):
    assert main(["query", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "created if missing" not in text
    assert "must exist" in text


@pytest.mark.parametrize(("path", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_option_is_documented(path, command, root):
    doc = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [flag for option in _options(command) for flag in option.opts
               if flag.startswith("--") and flag not in ("--help", "--version")
               and not re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", doc)]
    assert not missing, f"mlrelease {path}: {missing} not in docs/cli.md"


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))


@pytest.mark.parametrize("argv", [
    ["harvest", "-", "--quiet", "-q", "credit-roles"],
    ["validate", "-"],
    ["convert", "-", "--to", "turtle"],
    ["assess", "-"],
])
def test_commands_read_standard_input(argv, monkeypatch, capsys):
    _stdin(monkeypatch, (EXAMPLES / "gpt2.yaml").read_text(encoding="utf-8"))
    assert main(argv) == 0
    assert "gpt-2" in capsys.readouterr().out.lower()


@pytest.mark.parametrize("argv", [
    ["validate", str(EXAMPLES)],
    ["convert", str(EXAMPLES), "--to", "ntriples"],
    ["assess", str(EXAMPLES)],
])
def test_commands_read_folders(argv, capsys):
    code = main(argv)
    out = capsys.readouterr().out
    assert code in (0, 1), out  # validate: violations are allowed here
    assert "gpt-2" in out.lower() and "llama" in out.lower()


def test_errors_name_file_line_and_column(tmp_path, capsys, monkeypatch):
    bad = tmp_path / "typo.yaml"
    bad.write_text("identifier: org/m\nversion: '1'\n  \nlicence: MIT\n", encoding="utf-8")
    assert main(["convert", str(bad), "--to", "json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mlrelease: error: {bad}:4:1: field licence: unknown key 'licence'\n  hint: "), err
    _stdin(monkeypatch, bad.read_text(encoding="utf-8"))
    assert main(["convert", "-", "--to", "json"]) == 2
    assert capsys.readouterr().err.startswith("mlrelease: error: <stdin>:4:1: field licence: ")


def test_the_documented_github_workflow_validates_and_uploads_sarif(root):
    import yaml

    doc = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    block = doc.split("# .github/workflows/mlrelease.yml\n", 1)[1].split("```", 1)[0]
    workflow = yaml.safe_load(block)
    steps = workflow["jobs"]["validate"]["steps"]
    run = next(s["run"] for s in steps if "mlrelease validate" in s.get("run", ""))
    assert "-f sarif -o mlrelease.sarif" in run
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["if"] == "always()" and upload["with"]["sarif_file"] == "mlrelease.sarif"
    assert workflow["permissions"]["security-events"] == "write"
