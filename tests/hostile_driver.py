"""Run hostile cases through ``mlrelease.load`` in one interpreter: one forked, capped child per case.

Used by tests/test_hostile.py (and by hand): ``python tests/hostile_driver.py FILE...`` prints one
JSON line per file: exit (2 for an InputError, 3 for anything else, the signal for a native
death), the message, the child's wall time and peak resident memory (``wait4``'s ru_maxrss).
Importing mlrelease once and forking per case keeps the cost of a case to its own work.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
import traceback

#: Caps of each child: address space and CPU seconds (beyond them the child dies and is reported).
MEMORY_CAP = 1024 * 1024 * 1024
CPU_CAP = 10


def run_case(path: str) -> dict[str, object]:
    read_end, write_end = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        code, message = 0, ""
        try:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
            resource.setrlimit(resource.RLIMIT_CPU, (CPU_CAP, CPU_CAP))
            import mlrelease
            from mlrelease.errors import MlreleaseError

            try:
                mlrelease.load(path=path)
            except MlreleaseError as exc:
                code, message = exc.exit_code, str(exc)
        except BaseException:
            code, message = 3, traceback.format_exc()
        with os.fdopen(write_end, "w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(json.dumps({"exit": code, "message": message}))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as fh:
        answer = fh.read()
    _, status, usage = os.wait4(pid, 0)
    out: dict[str, object] = json.loads(answer) if answer else {"exit": -os.WTERMSIG(status) if os.WIFSIGNALED(status)
                                                               else 3, "message": "no answer"}
    out.update(path=path, seconds=round(time.monotonic() - start, 3), maxrss_mib=round(usage.ru_maxrss / 1024, 1))
    return out


def main(paths: list[str]) -> None:
    import mlrelease  # noqa: F401 - loaded once, before the children fork
    import mlrelease.codecs.rdf  # noqa: F401
    import mlrelease.importers.huggingface  # noqa: F401
    import mlrelease.importers.mof  # noqa: F401

    mlrelease.load("identifier: org/m\nversion: '1'\nlicense: MIT\n", format="yaml")  # vocabulary, catalogue

    for path in paths:
        print(json.dumps(run_case(path)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
