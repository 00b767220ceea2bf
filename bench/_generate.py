"""Generated release manifests for the benchmarks: distinct, deterministic, shaped like examples/*.yaml.

Not a test and not part of the package. ``manifest(i)`` is the i-th release: its own identifier,
version and dates; a publisher from a pool of institutions (ROR-style IRIs); licences drawn from
the bundled catalogue by family (weights, code, data and documents each from families that fit);
an access tier from the scheme (with a gate for gated tiers, withheld weights for API, hosted and
closed releases, stages for staged ones); a varying set of artifacts with statuses, licence
overrides, checksums and sizes; model-card sections, risk assessments, contributions (ORCID and
ROR agents with CRediT roles), lineage, training data, evaluation results and, for RAIL-licensed
releases, use restrictions taken from the licence's own clauses. Every code comes from the
bundled vocabulary, so every generated manifest passes the ``core`` profile (``bench_convert.py``
checks a sample); the other profiles report findings on many of them, as they do on the examples.

    from _generate import manifest, write_manifests     # with bench/ on sys.path (as when run as a script)
"""

from __future__ import annotations

import functools
import hashlib
import random
from pathlib import Path

import yaml

from mlrelease import vocabulary
from mlrelease.licenses import catalog

WORDS = ["aurora", "basalt", "cirrus", "delta", "ember", "fjord", "granite", "halcyon", "iris", "juniper",
         "kestrel", "lumen", "meridian", "nimbus", "onyx", "prairie", "quartz", "river", "sierra", "tundra"]
SIZES = ["125m", "350m", "1b", "1.3b", "3b", "7b", "8b", "13b", "34b", "70b", "180b"]
VARIANTS = ["", "-base", "-instruct", "-chat", "-code", "-vision"]
TASKS = ["text-generation", "text-to-image", "image-classification", "automatic-speech-recognition",
         "translation", "text-to-speech", "image-to-text", "feature-extraction"]
KEYWORDS = ["multilingual", "open-science", "llm", "diffusion", "speech", "code", "vision", "safety",
            "instruction-tuned", "quantized", "research", "benchmark"]
COUNTRIES = ["EU", "CN", "RU", "IR", "KP", "US"]
FORM_FIELDS = ["Name", "Affiliation", "Country", "Intended use", "Email", "Job title", "Date of birth"]
METRICS = ["accuracy", "exact-match", "f1", "bleu", "pass@1", "word-error-rate", "fid"]
BENCHMARKS = ["mmlu", "hellaswag", "arc", "gsm8k", "humaneval", "truthfulqa", "winogrande", "coco", "librispeech"]
PLATFORMS = ["https://huggingface.co", "https://github.com", "https://zenodo.org/records", "https://models.example.org"]
FORMATS = {"safetensors": "safetensors", "gguf": "GGUF", "ckpt": "PyTorch checkpoint (.ckpt)", "onnx": "ONNX"}
WITHHELD = [
    "The weights are withheld for safety reasons: the capability evaluations found meaningful uplift.",
    "Withheld for competitive reasons; the model is offered only as a service.",
    "The crawl contains personal data that cannot be redistributed.",
    "Third-party licensed data that the publisher may not redistribute.",
    "Internal infrastructure code, not released; no reason given.",
]
SECTION_TEXT = "This section of the model card summarises {what} for release {n}, in a paragraph of plain text."

# Tiers a release can have (gated and the abstract parent are left out, as in the examples).
TIERS = ["fully-open", "downloadable", "gated-automatic", "gated-manual", "api", "hosted", "staged", "fully-closed"]
OPTIONAL_ARTIFACTS = [
    "model-parameters-intermediate", "model-architecture", "configuration", "tokenizer", "training-code",
    "inference-code", "evaluation-code", "data-preprocessing-code", "datasets", "data-card", "model-card",
    "research-paper", "technical-report", "evaluation-data", "evaluation-results", "model-metadata",
    "sample-model-outputs", "supporting-libraries-and-tools", "adapter",
]
CODE_TYPES = {"training-code", "inference-code", "evaluation-code", "data-preprocessing-code", "model-architecture",
              "supporting-libraries-and-tools", "tokenizer", "configuration"}
DATA_TYPES = {"datasets", "evaluation-data", "sample-model-outputs"}
DOC_TYPES = {"data-card", "model-card", "research-paper", "technical-report", "evaluation-results", "model-metadata"}


@functools.cache
def _codes(scheme: str) -> tuple[str, ...]:
    return tuple(c.notation for c in vocabulary.load().scheme(scheme).concepts)


@functools.cache
def _licenses(*families: str) -> tuple[str, ...]:
    """Catalogue ids of ``families``, leaving out the vague ones ("licence not stated")."""
    cat = catalog()
    return tuple(lic.id for f in families for lic in cat.in_family(f) if "not stated" not in lic.name)


def _weights_license(rnd: random.Random, tier: str) -> str:
    if tier == "fully-open":
        return rnd.choice(_licenses("open-source") if rnd.random() < 0.8 else _licenses("open-model"))
    if tier in ("api", "hosted", "fully-closed"):
        return rnd.choice(_licenses("proprietary"))
    family = rnd.choices(["open-source", "open-rail", "community", "research-only", "non-commercial",
                          "restricted-rail"], weights=[30, 25, 25, 8, 8, 4])[0]
    return rnd.choice(_licenses(family))


def _orcid(rnd: random.Random) -> str:
    digits = f"{rnd.randrange(10**15):015d}"
    return f"https://orcid.org/0000-{digits[:3]}{rnd.randrange(10)}-{digits[3:7]}-{digits[7:11]}"


def _ror(k: int) -> str:
    return f"https://ror.org/0{hashlib.sha256(str(k).encode()).hexdigest()[:6]}{k % 100:02d}"


def _date(rnd: random.Random, year: int) -> str:
    return f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"


def manifest(i: int, seed: int = 0) -> dict:
    """The i-th generated release manifest (a dict ready for YAML); the same (i, seed) gives the same dict."""
    rnd = random.Random(f"{seed}:{i}")  # noqa: S311 (reproducible test data, not cryptography)
    institution = rnd.randrange(250)
    org = f"{rnd.choice(WORDS)}-lab-{institution:03d}"
    base = f"{rnd.choice(WORDS)}{i}"
    size = rnd.choice(SIZES)
    slug = f"{base}-{size}{rnd.choice(VARIANTS)}"
    identifier = f"{org}/{slug}"
    version = rnd.choice([f"{rnd.randint(0, 4)}.{rnd.randint(0, 12)}", f"v{rnd.randint(1, 3)}",
                          f"{rnd.randint(2019, 2025)}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}"])
    year = rnd.randint(2019, 2025)
    published = _date(rnd, year)
    tier = rnd.choice(TIERS)
    task = rnd.choice(TASKS)
    platform = rnd.choice(PLATFORMS)
    url = f"{platform}/{identifier}"
    release_iri = f"{url}/{version}" if tier == "staged" or rnd.random() < 0.5 else None
    weights_license = _weights_license(rnd, tier)

    doc: dict = {}
    if release_iri:
        doc["id"] = release_iri
    doc.update({
        "type": "Release",
        "name": f"{base.rstrip('0123456789').title()} {i} {size.upper()}",
        "identifier": identifier,
        "version": version,
        "datePublished": published,
        "description": (f"{slug} is a {size}-parameter model for {task.replace('-', ' ')}, released by "
                        f"institution {institution} in {year} (generated release {i} for the benchmarks)."),
        "publisher": {"id": _ror(institution), "type": "Organization", "name": f"{org.replace('-', ' ').title()}"},
    })
    if rnd.random() < 0.6:
        doc["model"] = {"type": "Model", "name": base.title(),
                        **({"id": f"https://models.example.org/{org}/{base}"} if rnd.random() < 0.5 else {})}
    if rnd.random() < 0.4:
        doc["pid"] = [f"https://doi.org/10.{5000 + institution}/{slug}.{i}"]
    doc["url"] = url
    doc["keywords"] = [task, *rnd.sample(KEYWORDS, rnd.randint(0, 3))]
    doc["task"] = task
    release_licenses = [weights_license]
    if rnd.random() < 0.15:
        release_licenses.append(rnd.choice(_licenses("open-data")))
    doc["license"] = release_licenses
    doc["accessTier"] = tier
    if tier.startswith("gated") or (tier in ("hosted", "downloadable") and rnd.random() < 0.3):
        conditions = ["agree-to-terms", *rnd.sample([c for c in _codes("gating-condition") if c != "agree-to-terms"],
                                                    rnd.randint(1, 4))]
        if tier == "gated-manual" and "manual-approval" not in conditions:
            conditions.append("manual-approval")
        gate: dict = {"conditions": conditions,
                      "prompt": f"You agree to the {weights_license} terms and to share the information below."}
        if rnd.random() < 0.7:
            gate["fields"] = rnd.sample(FORM_FIELDS, rnd.randint(2, 5))
        if "geographic-restriction" in conditions:
            gate["excludedRegions"] = rnd.sample(COUNTRIES, rnd.randint(1, 2))
        doc["gate"] = gate
    claims = {"fully-open": ["open-science", "open-source", "open-weights"],
              "downloadable": ["open-weights", "open-source", "open-access"],
              "gated-automatic": ["open-weights", "open-access", "open-source"],
              "gated-manual": ["open-weights", "open-source"]}.get(tier, [])
    if claims and rnd.random() < 0.7:
        doc["claims"] = rnd.sample(claims, rnd.randint(1, len(claims)))

    # Artifacts: the final weights always (released, or withheld with a reason), then a varying set.
    artifacts: list[dict] = []
    weights: dict = {"artifactType": "model-parameters-final"}
    if tier in ("api", "hosted", "fully-closed"):
        weights.update(status="withheld", withheldReason=rnd.choice(WITHHELD[:2]))
        if tier != "fully-closed" and rnd.random() < 0.5:
            weights["accessTier"] = "fully-closed"
    else:
        ext = rnd.choice(list(FORMATS))
        weights.update(status="released", downloadURL=f"{url}/resolve/main/model.{ext}", encodingFormat=FORMATS[ext])
        if rnd.random() < 0.6:
            weights["byteSize"] = rnd.randrange(10**8, 4 * 10**11)
            weights["checksum"] = [{"algorithm": "sha256",
                                    "checksumValue": hashlib.sha256(f"{identifier}@{version}".encode()).hexdigest()}]
    artifacts.append(weights)
    for kind in rnd.sample(OPTIONAL_ARTIFACTS, rnd.randint(2, 9)):
        art: dict = {"artifactType": kind}
        status = rnd.choices(["released", "withheld", "planned", "retracted"], weights=[70, 18, 9, 3])[0]
        art["status"] = status
        if status == "withheld":
            art["withheldReason"] = rnd.choice(WITHHELD[2:])
        elif status == "planned":
            art["plannedDate"] = _date(rnd, year + 1)
        else:
            art["url"] = f"{platform}/{identifier}/{kind}"
            if kind in CODE_TYPES and rnd.random() < 0.6:
                art["license"] = [rnd.choice(_licenses("open-source"))]
            elif kind in DATA_TYPES and rnd.random() < 0.6:
                art["license"] = [rnd.choice(_licenses("open-data", "non-commercial"))]
            elif kind in DOC_TYPES and rnd.random() < 0.4:
                art["license"] = [rnd.choice(["CC-BY-4.0", "CC-BY-SA-4.0", "arXiv-1.0", "CC0-1.0"])]
        if kind == "evaluation-data" and status == "released" and rnd.random() < 0.3:
            art["accessTier"] = "gated-automatic"
            art["gate"] = {"conditions": ["agree-to-terms", "identify", "stated-purpose"]}
        artifacts.append(art)
    doc["artifacts"] = artifacts

    if tier == "staged":
        doc["stages"] = [
            {"stageNumber": 1, "datePublished": published,
             "artifacts": [f"{release_iri}#artifact/model-parameters-final"]},
            {"stageNumber": 2, "plannedDate": _date(rnd, year + 1),
             "artifacts": [f"{release_iri}#artifact/{artifacts[-1]['artifactType']}"]},
        ]

    if rnd.random() < 0.8:
        sections = rnd.sample(_codes("model-card-section"), rnd.randint(1, 6))
        doc["modelCard"] = {"url": f"{url}/blob/main/README.md",
                            "sections": [{"sectionType": s, "text": SECTION_TEXT.format(what=s.replace("-", " "), n=i)}
                                         for s in sections]}
    if rnd.random() < 0.5:
        doc["riskAssessments"] = [{
            "hazards": rnd.sample(_codes("hazard-category"), rnd.randint(1, 4)),
            "riskLevel": rnd.choice(_codes("risk-level")),
            "method": "Red-teaming by an external team and automated capability evaluations.",
            "assessor": [_ror(institution)],
            "date": _date(rnd, year),
            "mitigations": rnd.sample(["Gated access with manual approval", "Usage policies and monitoring",
                                       "Safety fine-tuning", "Output filtering"], rnd.randint(1, 2)),
            "decision": f"Release at the {tier} tier.",
            "resultingAccessTier": tier,
        } for _ in range(rnd.randint(1, 2))]
    contributions = [{"agent": _ror(institution), "role": rnd.sample(_codes("contributor-role"), rnd.randint(2, 5)),
                      "degree": "lead"}]
    for _ in range(rnd.randint(0, 3)):
        person: dict | str = _orcid(rnd)
        if rnd.random() < 0.4:
            person = {"id": person, "type": "Person", "name": f"Researcher {rnd.randrange(10**5)}",
                      "affiliation": _ror(institution)}
        contributions.append({"agent": person, "role": rnd.sample(_codes("contributor-role"), rnd.randint(1, 3)),
                              "degree": rnd.choice(["equal", "supporting"])})
    doc["contributions"] = contributions
    if rnd.random() < 0.3:
        lineage: dict = {"baseModel": f"https://huggingface.co/{rnd.choice(WORDS)}-lab/{rnd.choice(WORDS)}-base",
                         "relation": rnd.choice(_codes("lineage-relation"))}
        if rnd.random() < 0.5:
            lineage["license"] = [weights_license]
        doc["lineage"] = [lineage]
    if rnd.random() < 0.6:
        doc["trainingData"] = [f"https://huggingface.co/datasets/{org}/corpus-{rnd.randrange(1000)}"
                               for _ in range(rnd.randint(1, 3))]
    if rnd.random() < 0.6:
        doc["evaluationResults"] = [{
            "task": task, "name": f"{bench.upper()} ({rnd.randint(0, 25)}-shot)",
            "evaluationData": [f"https://huggingface.co/datasets/bench/{bench}"],
            "metric": rnd.choice(METRICS), "value": round(rnd.uniform(0, 100), 1),
        } for bench in rnd.sample(BENCHMARKS, rnd.randint(1, 4))]
    rail = catalog()[weights_license]
    if rail.use_restrictions and rnd.random() < 0.5:
        doc["useRestrictions"] = [
            {"restrictionDomain": r.domains[0], **({"clause": r.clause} if r.clause else {}),
             "restrictionText": r.text}
            for r in rnd.sample(rail.use_restrictions, min(3, len(rail.use_restrictions)))
            if r.domains
        ]
        if not doc["useRestrictions"]:
            del doc["useRestrictions"]
    return doc


def to_yaml(doc: dict, i: int) -> str:
    """The manifest as YAML, with a header comment like the examples'."""
    header = f"# Generated release {i} for the mlrelease benchmarks (bench/_generate.py); not a real release.\n"
    return header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def write_manifests(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write releases 0..n-1 as YAML files under ``folder`` (1,000 per subfolder); return their paths."""
    paths = []
    for i in range(n):
        sub = folder / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"release-{i:07d}.yaml"
        path.write_text(to_yaml(manifest(i, seed), i), encoding="utf-8")
        paths.append(path)
    return paths
