"""A real Virtuoso open-source server for the tests: ``virtuoso-t`` on 127.0.0.1 in its own directory.

Debian's ``virtuoso-opensource`` package provides ``virtuoso-t`` and ``isql-vt``; ``.ci/run``
installs it. Tests that need the server are marked ``virtuoso``. They are skipped, with the reason,
when the binary is absent on a developer's machine; in CI (``CI=true``) a missing binary fails them.

The server is configured the way docs/knowledge-graph.md tells an operator to: a user of its own
for mlrelease, granted ``SPARQL_UPDATE`` (which both ``/sparql-auth`` and
``/sparql-graph-crud-auth`` need), and a result-row limit high enough for the query pack.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from kg_support import free_port

#: The user and password the fixture creates for mlrelease (not the ``dba`` administrator).
USER = "mlrelease"
PASSWORD = "harvest-secret"  # noqa: S105 - a throw-away server on 127.0.0.1
ADMIN_PASSWORD = "dba"  # noqa: S105 - Debian's initial dba password, for the throw-away server

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}, {load}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
ServerThreads = 10
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = {query_timeout}
MaxQueryCostEstimationTime = 400
"""

#: What an operator runs once (docs/knowledge-graph.md): a user for mlrelease that may update, and
#: SERVICE calls (federated queries) allowed to anonymous queries.
GRANTS = f"""DB.DBA.USER_CREATE('{USER}', '{PASSWORD}');
GRANT SPARQL_UPDATE TO "{USER}";
GRANT SELECT ON DB.DBA.SPARQL_SINV_2 TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_SINV_IMP TO "SPARQL";
GRANT EXECUTE ON DB.DBA.L_O_LOOK TO "SPARQL";
"""


def binary(name: str = "virtuoso-t") -> str:
    """The path of ``name``; skip (outside CI) or fail (in CI) when Virtuoso is not installed."""
    found = shutil.which(name)
    if found:
        return found
    why = f"{name} not found: install Debian's virtuoso-opensource (.ci/run does)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{why}; CI must run the Virtuoso tests")
    pytest.skip(why)


@dataclass
class VirtuosoServer:
    """A ``virtuoso-t`` process on 127.0.0.1 with its database in ``location`` (created if missing)."""

    location: Path
    http_port: int = field(default_factory=free_port)
    sql_port: int = field(default_factory=free_port)
    load_dir: Path | None = None
    #: 8 KiB pages in memory; the default suits the tests, the bulk-load bench raises it.
    buffers: int = 20000
    #: Seconds a SPARQL query may run (``[SPARQL] MaxQueryExecutionTime``); the bulk-load bench raises it.
    query_timeout: int = 120
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def query_url(self) -> str:
        """The query URL for SERVICE (Virtuoso's default graph is the union of all graphs)."""
        return f"{self.url}/sparql"

    def start(self, *, grant: bool = True, timeout: float = 120.0) -> VirtuosoServer:
        exe = binary()
        self.location.mkdir(parents=True, exist_ok=True)
        load = self.load_dir or self.location
        ini = self.location / "virtuoso.ini"
        ini.write_text(INI.format(d=self.location, sql=self.sql_port, http=self.http_port, load=load,
                                  buffers=self.buffers, dirty=self.buffers * 3 // 4,
                                  query_timeout=self.query_timeout), encoding="utf-8")
        fresh = not (self.location / "virtuoso.db").exists()
        self.process = subprocess.Popen([exe, "+foreground", "+configfile", str(ini)], cwd=self.location,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {self.process.returncode}: {self.log_tail()}")
            try:
                if httpx.get(self.query_url, params={"query": "ASK {}"}, timeout=2.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        else:
            self.kill()
            raise RuntimeError(f"virtuoso did not answer on {self.url} within {timeout:g} s: {self.log_tail()}")
        if grant and fresh:
            self.isql(GRANTS)
        return self

    def isql(self, script: str, *, timeout: float = 3600.0) -> str:
        """Run SQL ``script`` as ``dba`` with ``isql-vt``; raise with its output when a statement fails."""
        run = subprocess.run([binary("isql-vt"), f"127.0.0.1:{self.sql_port}", "dba", ADMIN_PASSWORD],
                             input=script, capture_output=True, text=True, timeout=timeout, check=False)
        out = run.stdout + run.stderr
        if run.returncode != 0 or "*** Error" in out:
            raise RuntimeError(f"isql-vt failed ({run.returncode}): {out[-2000:]}")
        return out

    def log_tail(self, n: int = 20) -> str:
        log = self.location / "virtuoso.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-n:]) if log.exists() else "(no log)"

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()
