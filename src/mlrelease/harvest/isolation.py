"""Running one untrusted piece of work in a child process with a time and memory budget.

A harvest reads documents that strangers write. The readers check limits while they read, but a
native parser can still abort the process (``memory allocation failed``) or take too long; such a
failure must be reported for that document, never end the run. :func:`run_budgeted` forks a
child, caps its address space (``RLIMIT_AS``: what it has plus ``memory`` bytes) and CPU time,
waits at most ``seconds`` for its answer, and turns a crash, a signal or an overrun into a
:class:`BudgetExceeded` that names the cause.

The boundary: what is given to the child is copied by ``fork`` (nothing is pickled on the way
in); what it returns is pickled back through a pipe, so it must be plain data.
"""

from __future__ import annotations

import faulthandler
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class BudgetExceeded(Exception):
    """The child ran out of time or memory, or died (a native abort, a signal)."""


def _address_space() -> int:
    """The bytes of address space this process has mapped now."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except OSError:  # not Linux: count from the peak resident size instead
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _cap(which: int, value: int) -> None:
    """Lower the soft and hard limit ``which`` to ``value`` (never above a hard limit already set)."""
    _soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, value if hard == resource.RLIM_INFINITY else hard))


def _child(fn: Callable[..., Any], args: tuple[Any, ...], seconds: float, memory: int, write_end: int) -> None:
    try:
        faulthandler.disable()  # a native crash is reported by the parent, never as a traceback
        try:
            _cap(resource.RLIMIT_AS, _address_space() + memory)
            _cap(resource.RLIMIT_CPU, int(seconds) + 1)
            payload = pickle.dumps((True, fn(*args)))
        except MemoryError:
            payload = pickle.dumps((False, "it needs more memory than the budget"))
        except BaseException as exc:  # the parent reports it; the child must not unwind into the parent's code
            payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
        with os.fdopen(write_end, "wb") as fh:
            fh.write(payload)
    finally:
        os._exit(0)


def run_budgeted(fn: Callable[..., T], *args: Any, seconds: float, memory: int) -> T:
    """Return ``fn(*args)`` computed in a forked child with at most ``seconds`` and ``memory`` more bytes.

    :raises BudgetExceeded: the child overran, crashed or raised (the message says which).
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        _child(fn, args, seconds, memory, write_end)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_end], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if timed_out:
        raise BudgetExceeded(f"it took longer than the budget of {seconds:g} s")
    if os.WIFSIGNALED(status):
        sig = signal.Signals(os.WTERMSIG(status))
        cause = {signal.SIGXCPU: "it used more CPU time than the budget",
                 signal.SIGKILL: "it was killed (out of memory?)"}.get(sig, "it crashed the reader natively")
        raise BudgetExceeded(f"{cause} ({sig.name})")
    try:
        ok, value = pickle.loads(b"".join(chunks))  # noqa: S301 - our own child's answer
    except Exception:
        raise BudgetExceeded(f"it ended the reader without an answer (exit status {os.WEXITSTATUS(status)})") from None
    if not ok:
        raise BudgetExceeded(value)
    return value
