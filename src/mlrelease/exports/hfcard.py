"""Hugging Face model cards: a release as a README.md (YAML metadata and Markdown), via ``huggingface_hub``.

The metadata is written with :class:`huggingface_hub.ModelCardData` (``model-index`` from
:class:`~huggingface_hub.EvalResult`), the card with :class:`huggingface_hub.ModelCard`. The
Markdown has the release's name as its title, the description under it, and one section per
model-card section, under a heading the importer recognises for its type. Reading the card back
(``mlrelease convert README.md --identifier ORG/NAME``) gives the same values for the fields the
mapping table says a card carries (tests/test_exports.py checks this for every example).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..importers import HUB
from ..importers.huggingface import section_patterns
from ..record import ReleaseRecord
from ..vocabulary import load as load_vocabulary
from . import Exported
from ._facts import agent, as_list, dataset_iris, licence
from .mapping import warnings_for

#: Lineage relation codes -> the Hub's base_model_relation values.
RELATIONS = {"fine-tune": "finetune", "adapter": "adapter", "quantization": "quantized", "merge": "merge"}


@cache
def _headings() -> dict[str, str]:
    """A heading for each model-card section type that the importer maps back to that type."""
    patterns = section_patterns()
    out: dict[str, str] = {}
    for concept in load_vocabulary().scheme("model-card-section").concepts:
        label = concept.label
        if patterns.get(label.lower()) == concept.notation:
            out[concept.notation] = label
            continue
        pattern = next((p for p, code in sorted(patterns.items()) if code == concept.notation), None)
        if pattern is not None:
            out[concept.notation] = pattern[:1].upper() + pattern[1:]
    return out


def _hub_id(iri: str, kind: str = "") -> str | None:
    prefix = HUB + (f"{kind}/" if kind else "")
    if not iri.startswith(prefix):
        return None
    rest = iri[len(prefix):].strip("/")
    return rest if rest.count("/") <= 1 and rest and not rest.startswith(("datasets/", "spaces/")) else None


def _funded_by(record: ReleaseRecord, funder: Any) -> str:
    """A funder as the template's "Funded by" value: ``[NAME](IRI)``, the name, or the IRI."""
    a = agent(record, funder)
    if a.iri and a.name:
        return f"[{a.name}]({a.iri})"
    return a.name or a.iri or ""


def stateable(manifest: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The part of a manifest a card can state (Hub base models, Hub datasets, results on Hub datasets,
    one licence), and a warning for each value left out."""
    m = dict(manifest)
    warnings: list[str] = []
    lineage = []
    for d in as_list(m.get("lineage")):
        if _hub_id(str(d.get("baseModel", ""))) is None:
            warnings.append(f"lineage: {d.get('baseModel')} is not a Hub model; a card cannot name it")
        else:
            lineage.append(d)
    data = []
    for d, iri in zip(as_list(m.get("trainingData")), dataset_iris(m.get("trainingData")), strict=True):
        if _hub_id(iri, "datasets") is None:
            warnings.append(f"trainingData: {iri} is not a Hub dataset; a card cannot name it")
            continue
        data.append(iri)
        if isinstance(d, dict) and set(d) - {"id", "type"}:
            warnings.append(f"trainingData: {iri} is named by its Hub id only; its name, description and "
                            "collection date are lost")
    results = []
    for r in as_list(m.get("evaluationResults")):
        sets = dataset_iris(r.get("evaluationData"))
        if (len(sets) == 1 and _hub_id(sets[0], "datasets") and r.get("task") and r.get("metric")
                and r.get("value") is not None):
            results.append({**r, "evaluationData": sets})
        else:
            warnings.append(f"evaluationResults: {r.get('name') or r.get('metric')} has no task or is not on one "
                            "Hub dataset; the Hub's model-index cannot state it")
    licences = [str(x) for x in as_list(m.get("license"))]
    if len(licences) > 1:
        warnings.append(f"license: a card states one licence; {', '.join(licences[1:])} lost")
    for key, kept in (("lineage", lineage), ("trainingData", data), ("evaluationResults", results),
                      ("license", licences[:1])):
        if kept:
            m[key] = kept
        else:
            m.pop(key, None)
    return m, warnings


def card(record: ReleaseRecord) -> tuple[str, list[str]]:
    """The model card text of ``record`` and the warnings."""
    from huggingface_hub import EvalResult, ModelCard, ModelCardData

    original = record.to_manifest()
    warnings = warnings_for("hf-card", original.keys())
    m, left_out = stateable(original)
    warnings += left_out
    data: dict[str, Any] = {}
    name = str(m.get("name") or m.get("identifier") or record.iri)
    data["model_name"] = name
    if m.get("version"):
        data["version"] = str(m["version"])
    licences = [str(x) for x in as_list(m.get("license"))]
    if licences:
        lic = licence(licences[0])
        if lic is not None and lic.huggingface_id:
            data["license"] = lic.huggingface_id
        else:
            data["license"] = "other"
            data["license_name"] = lic.name if lic else licences[0]
            if lic is not None and lic.url:
                data["license_link"] = lic.url
    if m.get("keywords"):
        data["tags"] = [str(k) for k in as_list(m["keywords"])]
    if m.get("task"):
        data["pipeline_tag"] = str(m["task"])
    bases, relations = [], set()
    for d in as_list(m.get("lineage")):
        hub = _hub_id(str(d.get("baseModel", "")))
        if hub is not None:
            bases.append(hub)
        if d.get("relation") in RELATIONS:
            relations.add(RELATIONS[str(d["relation"])])
    if bases:
        data["base_model"] = bases if len(bases) > 1 else bases[0]
    if len(relations) == 1:
        data["base_model_relation"] = relations.pop()
    elif relations:
        warnings.append("lineage: a card states one base_model_relation; the relations are lost")
    datasets = []
    for d in dataset_iris(m.get("trainingData")):
        hub = _hub_id(d, "datasets")
        if hub is not None:
            datasets.append(hub)
    if datasets:
        data["datasets"] = datasets
    tier = m.get("accessTier")
    gate = m.get("gate") if isinstance(m.get("gate"), dict) else None
    if tier in ("gated-automatic", "gated-manual"):
        data["gated"] = "auto" if tier == "gated-automatic" else "manual"
    if gate:
        if gate.get("prompt"):
            data["extra_gated_prompt"] = str(gate["prompt"])
        if gate.get("fields"):
            data["extra_gated_fields"] = {str(f): "text" for f in as_list(gate["fields"])}
    results = []
    for r in as_list(m.get("evaluationResults")):
        hub = str(_hub_id(dataset_iris(r["evaluationData"])[0], "datasets"))
        results.append(EvalResult(task_type=str(r["task"]),
                                  dataset_type=hub, dataset_name=str(r.get("name") or hub),
                                  metric_type=str(r["metric"]), metric_value=r["value"],
                                  metric_name=str(r.get("name")) if r.get("name") else None))
    if results:
        data["eval_results"] = results
    metadata = ModelCardData(**data)
    body = [f"# {name}", ""]
    if m.get("description"):
        body += [str(m["description"]), ""]
    headings = _headings()
    card_node = m.get("modelCard") if isinstance(m.get("modelCard"), dict) else {}
    sections = [dict(s) for s in as_list(card_node.get("sections"))] if card_node else []
    funded_by = [_funded_by(record, f["funder"]) for f in as_list(m.get("funding")) if f.get("funder")]
    if funded_by:  # the template's "Funded by" line, in Model Details
        details = next((s for s in sections if s.get("sectionType") == "model-details"), None)
        if details is None:
            details = {"sectionType": "model-details", "text": ""}
            sections.insert(0, details)
        details["text"] = "\n".join([*([str(details["text"])] if details.get("text") else []),
                                     *(f"- **Funded by:** {v}" for v in funded_by)])
    for s in sections:
        heading = headings.get(str(s.get("sectionType")))
        if heading is None or not s.get("text"):
            warnings.append(f"modelCard: the section {s.get('sectionType')} has no heading a card reader knows; lost")
            continue
        body += [f"## {heading}", "", str(s["text"]), ""]
    text = f"---\n{metadata.to_yaml()}\n---\n\n" + "\n".join(body)
    return str(ModelCard(text)), warnings


def export(record: ReleaseRecord) -> Exported:
    """``record`` as a Hugging Face model card (README.md)."""
    text, warnings = card(record)
    return Exported("hf-card", text.rstrip("\n") + "\n", warnings)
