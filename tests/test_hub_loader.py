"""``hf://NAMESPACE/NAME[@REVISION]``: cards and file lists from the Hugging Face Hub (issue 12, item 3).

Never the real Hub: a stub server on 127.0.0.1 (a thread, real HTTP) serves recorded Hub answers
from ``tests/fixtures/hub/*.json`` (written from the Hub API documentation and the shapes
``huggingface_hub`` reads), and ``HF_ENDPOINT`` points ``huggingface_hub`` at it.
"""

from __future__ import annotations

import http.server
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from loopback_server import LoopbackServer

import mlrelease
from mlrelease.cli import cli
from mlrelease.harvest import HarvestOptions, Silent, harvest
from mlrelease.importers.hub import parse_hub_ref
from mlrelease.store import open_store
from mlrelease.terms import MLR
from mlrelease.validation import validate

RECORDED = Path(__file__).parent / "fixtures" / "hub"
TINY_SHA = "6c1d3a5e0f9b8a7c2d4e6f8091a2b3c4d5e6f708"


class StubHub(LoopbackServer):
    """Answers the recorded requests; anything else is a 404 with the Hub's error headers."""

    def __init__(self) -> None:
        self.routes: dict[str, dict] = {}
        for path in sorted(RECORDED.glob("*.json")):
            for response in json.loads(path.read_text(encoding="utf-8"))["responses"]:
                self.routes[response["path"]] = response
        self.requests: list[tuple[str, dict[str, list[str]], dict[str, str]]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                headers = {k.lower(): v for k, v in self.headers.items()}
                outer.requests.append((parts.path, parse_qs(parts.query), headers))
                recorded = outer.routes.get(parts.path)
                if recorded is None:
                    recorded = {"status": 404, "headers": {"X-Error-Code": "EntryNotFound"}, "text": "Entry not found"}
                body = (json.dumps(recorded["json"]) if "json" in recorded else recorded.get("text", "")).encode()
                self.send_response(recorded["status"])
                for k, v in recorded.get("headers", {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        super().__init__(Handler)



@pytest.fixture
def hub(monkeypatch) -> Iterator[StubHub]:
    stub = StubHub()
    monkeypatch.setenv("HF_ENDPOINT", stub.url)
    monkeypatch.setenv("HF_TOKEN", "hf_testtoken")
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    yield stub
    stub.close()


def test_parse_hub_ref():
    assert parse_hub_ref("hf://acme/tiny-lm") == ("acme/tiny-lm", None)
    assert parse_hub_ref("hf://acme/tiny-lm@v1.0") == ("acme/tiny-lm", "v1.0")
    for bad in ("hf://tiny-lm", "hf://a/b/c", "hf://acme/tiny lm", "hf://acme/x@"):
        with pytest.raises(mlrelease.InputError):
            parse_hub_ref(bad)


def test_load_fetches_card_and_files_from_the_endpoint_with_the_token(hub):
    record = mlrelease.load(path="hf://acme/tiny-lm")
    assert record.identifier == "acme/tiny-lm"
    assert record.version == TINY_SHA  # no revision given: the commit the Hub resolved
    assert record.access_tier == "downloadable"
    weights = [a for a in record.artifacts if a.artifact_type == "model-parameters-final"]
    assert len(weights) == 2
    manifest = record.to_manifest()
    shards = [a for a in manifest["artifacts"] if a["artifactType"] == "model-parameters-final"]
    assert shards[0]["downloadURL"] == (f"https://huggingface.co/acme/tiny-lm/resolve/{TINY_SHA}/"
                                        "model-00001-of-00002.safetensors")
    assert shards[0]["byteSize"] == 4997000000
    assert shards[0]["checksum"][0]["algorithm"] == "sha256"
    assert len(shards[0]["checksum"][0]["checksumValue"]) == 64
    notes = {str(record.graph.value(n, MLR.inferredField)): str(record.graph.value(n, MLR.inferredFrom))
             for n in record.graph.objects(record.iri, MLR.inferred)}
    assert notes["artifacts.model-parameters-final"].startswith("the repository's file list (model-00001")
    assert validate(record).conforms
    paths = [p for p, _, _ in hub.requests]
    assert paths == ["/api/models/acme/tiny-lm", f"/acme/tiny-lm/resolve/{TINY_SHA}/README.md"]
    _, query, _ = hub.requests[0]
    assert query.get("blobs") in (["True"], ["true"])  # file sizes and LFS checksums asked for
    assert all(h["authorization"] == "Bearer hf_testtoken" for _, _, h in hub.requests)


def test_a_revision_and_a_gated_repository(hub):
    record = mlrelease.load(path="hf://acme/gated-lm@v1.0")
    assert record.version == "v1.0"
    assert record.access_tier == "gated-manual"  # stated by the Hub, not inferred from the card
    fields = [str(record.graph.value(n, MLR.inferredField)) for n in record.graph.objects(record.iri, MLR.inferred)]
    assert "accessTier" not in fields and "version" in fields
    (weights,) = [a for a in record.artifacts if a.artifact_type == "model-parameters-final"]
    assert weights.status == "released"
    assert hub.requests[0][0] == "/api/models/acme/gated-lm/revision/v1.0"
    assert validate(record).conforms


def test_a_missing_repository_is_an_input_error(hub):
    with pytest.raises(mlrelease.InputError) as info:
        mlrelease.load(path="hf://acme/missing")
    assert "hf://acme/missing" in str(info.value)
    assert "no such model repository" in str(info.value)


def test_convert_init_and_harvest_take_hf_refs(hub, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["convert", "hf://acme/tiny-lm", "--to", "yaml"])
    assert result.exit_code == 0, result.output
    assert "identifier: acme/tiny-lm\n" in result.stdout
    assert "byteSize: 1203000000" in result.stdout
    output = tmp_path / "release.yaml"
    result = runner.invoke(cli, ["init", "--card", "hf://acme/gated-lm@v1.0", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert mlrelease.load(path=output).access_tier == "gated-manual"
    result = runner.invoke(cli, ["convert", "hf://acme/missing", "--to", "yaml"])
    assert result.exit_code == 2
    assert "mlrelease: error: hf://acme/missing: the Hub has no such model repository" in result.output
    with open_store(None) as store:
        summary = harvest(["hf://acme/tiny-lm", "hf://acme/missing"], store, HarvestOptions(), progress=Silent())
        assert summary.counts["new"] == 1
        assert [s for s, _ in summary.failures] == ["hf://acme/missing"]
        assert any("acme%252Ftiny-lm" in g for g in store.named_graphs())


def test_validate_and_publish_take_hf_refs(hub, tmp_path):
    """Every command that reads INPUT takes a Hub reference (the shared INPUT type keeps its ``//``)."""
    runner = CliRunner()
    result = runner.invoke(cli, ["validate", "hf://acme/tiny-lm", "-f", "json"])
    assert result.exit_code in (0, 1), result.output  # read and validated: conforming or not, never unreadable
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 1 and report["summary"]["unreadable"] == 0
    assert report["summary"]["releases"] == 1, report["summary"]
    missing = runner.invoke(cli, ["validate", "hf://acme/missing"])
    assert missing.exit_code == 2  # unreadable: a finding of the report, and the worst outcome
    assert "the Hub has no such model repository" in missing.stdout
    site = tmp_path / "site"
    published = runner.invoke(cli, ["publish", "hf://acme/tiny-lm", "-o", str(site),
                                    "--base-url", "http://127.0.0.1:8000/"])
    assert published.exit_code == 0, published.output
    assert (site / "index.html").is_file() and "tiny-lm" in (site / "index.html").read_text(encoding="utf-8")
