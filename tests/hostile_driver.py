"""Run hostile inputs through an entry point in one interpreter: one forked, capped child per input.

Used by tests/test_hostile.py (and by hand)::

    python tests/hostile_driver.py ENTRY WORKDIR FILE...

ENTRY is ``load`` (``mlrelease.load``) or a command: ``convert``, ``convert-o``, ``validate``,
``assess``, ``harvest``. For each FILE a child is forked with its address space and CPU time
capped (``resource.setrlimit``), its working directory a fresh empty folder under WORKDIR and its
standard output and error captured; one JSON line per FILE reports the exit code (a negative
signal number for a native death), both outputs, the wall and CPU time, the peak resident memory
(``wait4``'s ``ru_maxrss``) and the files left in the working directory. Importing mlrelease once
and forking per input keeps the cost of an input to its own work, so every input can go through
every entry point in CI time.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import time
import traceback
from pathlib import Path

#: Caps of each child: address space and CPU seconds (beyond them the child dies and is reported).
MEMORY_CAP = 1536 * 1024 * 1024
CPU_CAP = 20


def _argv(entry: str, path: str) -> list[str]:
    return {
        "convert": ["convert", path, "--to", "jsonld"],
        "convert-o": ["convert", path, "--to", "turtle", "-o", "out.ttl"],
        "validate": ["validate", path],
        "assess": ["assess", path],
        "harvest": ["harvest", "--store", "store", "--journal", "journal.jsonl", path],
    }[entry]


def _child(entry: str, path: str) -> int:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_CAP, CPU_CAP))
    if entry == "harvest":
        shutil.copytree(Path("..") / "template" / "store", "store")
    if entry == "load":
        import mlrelease
        from mlrelease.errors import MlreleaseError

        try:
            mlrelease.load(path=path)
        except MlreleaseError as exc:
            print(f"mlrelease: error: {exc}", file=sys.stderr)
            return exc.exit_code
        return 0
    from mlrelease.cli import main

    return main(_argv(entry, path))


def run_case(entry: str, path: str, workdir: Path, index: int) -> dict[str, object]:
    cwd = workdir / f"{index:04d}"
    cwd.mkdir(parents=True)
    out_file, err_file = workdir / f"{index:04d}.out", workdir / f"{index:04d}.err"
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            os.chdir(cwd)
            fd_out = os.open(out_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            fd_err = os.open(err_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(fd_out, 1)
            os.dup2(fd_err, 2)
            code = _child(entry, path)
        except BaseException:
            traceback.print_exc()
            code = 3
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - start
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    left = sorted(str(p.relative_to(cwd)) for p in cwd.rglob("*"))
    return {"entry": entry, "path": path, "exit": code, "seconds": round(seconds, 3),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
            "maxrss_mib": round(usage.ru_maxrss / 1024, 1), "files": left,
            "stdout": out_file.read_text(encoding="utf-8", errors="replace")[:4000],
            "stderr": err_file.read_text(encoding="utf-8", errors="replace")[:4000]}


def main(entry: str, workdir: str, paths: list[str]) -> None:
    from importlib import import_module

    import mlrelease
    import mlrelease.cli
    import mlrelease.codecs.rdf
    import mlrelease.importers.huggingface
    import mlrelease.importers.mof

    record = mlrelease.load("identifier: org/m\nversion: '1'\nlicense: MIT\n", format="yaml")  # vocabulary
    # Warm what the entry point loads lazily, so that each child pays only for its own input.
    if entry != "load":
        import_module(f"mlrelease.cli.{entry.split('-')[0]}")
    for fmt in ("jsonld", "turtle"):
        mlrelease.dump(record, fmt)
    if entry in ("validate", "harvest"):
        mlrelease.validate(record)
    if entry == "assess":
        mlrelease.assess(record)
    if entry == "harvest":  # a store that holds the reference data already, copied for each input
        from mlrelease.cli import main as cli

        template = Path(workdir) / "template"
        (template / "mini.yaml").parent.mkdir(parents=True)
        (template / "mini.yaml").write_text(mlrelease.dump(record, "yaml"), encoding="utf-8")
        cli(["harvest", "--quiet", "--store", str(template / "store"), str(template / "mini.yaml")])
    for index, path in enumerate(paths):
        print(json.dumps(run_case(entry, str(Path(path).resolve()), Path(workdir), index)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
