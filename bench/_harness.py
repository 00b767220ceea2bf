"""Process plumbing shared by the benchmarks: standard library only, so the parent process stays small.

Peak memory is measured as ``ru_maxrss`` of each child process, as ``os.wait4`` returns it. Linux
carries ``ru_maxrss`` across fork and exec, so a child's figure is at least the parent's resident
size at the fork: the parent therefore never imports mlrelease (about 60 MiB and more) and hands all
work to children (the ``--child NAME ARGS...`` entry points of each benchmark script).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CHILD = "--child"


class Failed(Exception):
    """The benchmark cannot go on (a child failed, or the output is wrong)."""


@dataclass
class Run:
    """One finished child process."""

    code: int
    stdout: str
    stderr: str
    wall: float
    max_rss_kib: int
    killed: bool = False


def run_measured(cmd: list[str], env: dict[str, str] | None = None, kill_after: float | None = None) -> Run:
    """Run ``cmd`` to the end (or kill it after ``kill_after`` seconds); return its figures."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)  # noqa: S603 (our interpreter and CLI)
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, 0 if kill_after is None else os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > kill_after:  # type: ignore[operator]
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                _pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.2)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   wall, usage.ru_maxrss, killed)


def run_child(script: str, name: str, *args: str, hash_seed: str = "0",
              kill_after: float | None = None) -> tuple[dict, Run]:
    """Run ``script --child name args...`` in a fresh interpreter; return (its last stdout line as JSON, the run)."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    run = run_measured([sys.executable, str(Path(script).resolve()), CHILD, name, *args], env, kill_after)
    if run.killed:
        return {}, run
    if run.code != 0:
        raise Failed(f"the {name} child exited {run.code}:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.splitlines()[-1]), run


def child_main(argv: list[str], children: dict) -> int:
    """Entry point of a child: run ``children[argv[0]](*argv[1:])`` and print its result as one JSON line."""
    print(json.dumps(children[argv[0]](*argv[1:])))
    return 0


def self_rss_kib() -> int:
    """This process's peak resident size so far (KiB on Linux)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def mlrelease_command() -> list[str]:
    """The ``mlrelease`` console script of this interpreter's environment (or ``python -m mlrelease``)."""
    script = Path(sys.executable).with_name("mlrelease")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mlrelease"]


def spread(items: list[Path], k: int) -> list[Path]:
    """``k`` items spread evenly over ``items``."""
    if k <= 0:
        return []
    if k >= len(items):
        return list(items)
    step = len(items) / k
    return [items[int(j * step)] for j in range(k)]


def write_listing(path: Path, items: list[Path]) -> str:
    """Write one path per line (children read their inputs from such a file); return the file's path."""
    path.write_text("\n".join(map(str, items)), encoding="utf-8")
    return str(path)


def read_listing(listing: str) -> list[Path]:
    return [Path(line) for line in Path(listing).read_text(encoding="utf-8").splitlines() if line]


def child_generate(folder: str, n: str, seed: str) -> dict:
    """Child: write the generated manifests (see _generate.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _generate import write_manifests

    start = time.perf_counter()
    paths = write_manifests(Path(folder), int(n), int(seed))
    return {"paths": [str(p) for p in paths], "seconds": time.perf_counter() - start}


def ensure_manifests(script: str, work: Path, n: int, seed: int) -> tuple[list[Path], str]:
    """Generate ``n`` manifests in ``work/manifests`` in a child, or reuse the first ``n`` already there.

    Manifest i depends only on (i, seed), so a folder generated for at least ``n`` with the same seed
    is reused. ``script`` must route ``--child generate`` to :func:`child_generate`.
    """
    folder = work / "manifests"
    stamp = folder / "params.json"
    params = {"n": n, "seed": seed}
    if stamp.is_file():
        found = json.loads(stamp.read_text(encoding="utf-8"))
        if found["seed"] == seed and found["n"] >= n:
            return sorted(folder.glob("*/release-*.yaml"))[:n], f"reused (of {found['n']})"
    shutil.rmtree(folder, ignore_errors=True)
    result, _run = run_child(script, "generate", str(folder), str(n), str(seed))
    stamp.write_text(json.dumps(params), encoding="utf-8")
    return [Path(p) for p in result["paths"]], f"generated in {result['seconds']:.1f} s"
