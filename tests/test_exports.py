"""Exports (issue 13): every example in every export format, valid against the format's official schema,
with a warning for every field the format loses or approximates, and round trips through importers.

Schemas are read from ../shared/corpus in these tests only (the package does not need them):
DataCite 4.7 XSD (xmlschema), OpenAIRE CERIF 1.2 XSD (lxml: xmlschema cannot resolve the profile's
element references through a locally declared default namespace), MLDCAT-AP 2.1 SHACL and the SPDX
3.0.1 model shapes (pySHACL). RO-Crate 1.2 is checked by the crs4 RO-Crate validator (``roc-validator``,
which ships the RO-Crate 1.2 profile as SHACL and Python checks) run offline: its HTTP cache is filled
beforehand with the RO-Crate 1.2 JSON-LD context vendored in ``tests/fixtures/ro-crate`` (the CC0
context document as published for 1.2.0, taken from the ``ro-crate`` npm package 3.7.2,
``lib/context.json``), and the metadata-file rules the validator leaves to the reader are checked by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Namespace

import mlrelease
from mlrelease.exports import datacite, hfcard, mldcat
from mlrelease.exports.mapping import FIELDS, KEEPS, MAPPING, carried, markdown_notes, markdown_table
from mlrelease.formats import FORMATS

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "shapes" / "fixtures" / "valid" / "complete-release.yaml"
RECORDS = [*sorted((ROOT / "examples").glob("*.yaml")), FIXTURE]
EXPORTS = list(MAPPING)
SH = Namespace("http://www.w3.org/ns/shacl#")
DATACITE_XSD = "datacite/source/meta/kernel-4.7/metadata.xsd"
CERIF_XSD = "openaire-cris/schemas/openaire-cerif-profile.xsd"
MLDCAT_SHACL = "mldcat-ap/releases/2.1.0/shacl/mldcat-ap-SHACL.jsonld"
ROCRATE_CONTEXT_URL = "https://w3id.org/ro/crate/1.2/context"
ROCRATE_CONTEXT = ROOT / "tests" / "fixtures" / "ro-crate" / "context-1.2.jsonld"
#: Why the validator may skip a check of a detached metadata file validated offline (anything else fails).
ROCRATE_SKIPS = {"attached package context is unavailable", "availability check is disabled or not applicable",
                 "availability check is disabled or not requested"}
SPDX = "spdx/rdf"


def _id(p: Path) -> str:
    return p.stem


@pytest.fixture(scope="module")
def records() -> dict[str, mlrelease.ReleaseRecord]:
    return {p.stem: mlrelease.load(path=p) for p in RECORDS}


# -- schemas, loaded once -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def datacite_schema(corpus: Path) -> Any:
    import xmlschema

    return xmlschema.XMLSchema(str(corpus / DATACITE_XSD))


@pytest.fixture(scope="module")
def cerif_schema(corpus: Path) -> Any:
    from lxml import etree

    tree = etree.parse(str(corpus / CERIF_XSD), etree.XMLParser(no_network=True, resolve_entities=False))
    # The profile uses xml:lang without importing the XML namespace's schema; the corpus caches it.
    tree.getroot().insert(1, etree.Element("{http://www.w3.org/2001/XMLSchema}import",
                                           namespace="http://www.w3.org/XML/1998/namespace",
                                           schemaLocation="./cached/xml.xsd"))
    return etree.XMLSchema(tree)


@pytest.fixture(scope="module")
def mldcat_shapes(corpus: Path) -> Graph:
    return Graph().parse(corpus / MLDCAT_SHACL, format="json-ld")


@pytest.fixture(scope="module")
def spdx_model(corpus: Path) -> tuple[Graph, dict[str, Any]]:
    context = json.loads((corpus / SPDX / "spdx-context.jsonld").read_text())["@context"]
    return Graph().parse(corpus / SPDX / "spdx-model.ttl"), context


@pytest.fixture(scope="module")
def rocrate_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An HTTP cache for roc-validator that holds the vendored RO-Crate 1.2 context, and nothing else.

    The context goes in through requests-cache itself (the cache the validator reads), sent by a
    transport adapter that answers from the vendored file, so no request leaves the process.
    """
    import io

    import requests
    from requests.adapters import BaseAdapter, HTTPAdapter
    from requests_cache import CachedSession
    from urllib3 import HTTPResponse

    class Vendored(BaseAdapter):
        def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
            assert request.url == ROCRATE_CONTEXT_URL, f"only the vendored context is served, not {request.url}"
            raw = HTTPResponse(body=io.BytesIO(ROCRATE_CONTEXT.read_bytes()), status=200, preload_content=False,
                               headers={"Content-Type": "application/ld+json"}, request_url=request.url)
            return HTTPAdapter().build_response(request, raw)

        def close(self) -> None:
            pass

    cache = tmp_path_factory.mktemp("roc-validator") / "http-cache"
    # The settings and request headers of rocrate_validator.utils.http / document_loader, so the keys match.
    with CachedSession(cache_name=str(cache), backend="sqlite", expire_after=-1, allowable_methods=("GET",),
                       allowable_codes=(200, 302, 404)) as session:
        session.mount("https://w3id.org/", Vendored())
        response = session.get(ROCRATE_CONTEXT_URL, allow_redirects=True,
                               headers={"Accept": "application/ld+json, application/json, */*;q=0.1"})
        assert response.json()["@id"] == ROCRATE_CONTEXT_URL
    return cache


def _rocrate_validation(doc: dict[str, Any], cache: Path) -> Any:
    """roc-validator's result for ``doc`` against the RO-Crate 1.2 profile at REQUIRED severity, offline."""
    from rocrate_validator import services
    from rocrate_validator.models import Severity, ValidationSettings

    settings = ValidationSettings(rocrate_uri=None, metadata_dict=doc, profile_identifier="ro-crate-1.2",
                                  requirement_severity=Severity.REQUIRED, packaging_mode="detached",
                                  offline=True, cache_path=cache, skip_availability_check=True)
    result = services.validate(settings)
    skipped = {d.message for d in result.skipped_check_details}
    assert skipped <= ROCRATE_SKIPS, f"checks skipped for another reason (an offline cache miss?): {skipped}"
    assert result.executed_checks, "the validator ran no check"
    return result


def _cerif_errors(schema: Any, text: str) -> list[str]:
    from lxml import etree

    ok = schema.validate(etree.fromstring(text.encode()))
    return [] if ok else [f"{e.line}: {e.message}" for e in schema.error_log]


# -- every record, every format -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", EXPORTS)
@pytest.mark.parametrize("path", RECORDS, ids=_id)
def test_every_field_lost_or_approximated_is_warned(records, path, fmt):
    rec = records[path.stem]
    out = mlrelease.export(rec, fmt)
    assert out.text.strip() and out.format == fmt
    keys = [k for k in rec.to_manifest() if k != "type"]
    for key in keys:
        state = MAPPING[fmt][key][0]
        said = [w for w in out.warnings if w.startswith(f"{key}: ")]
        if state == "carried":
            assert not any("lost in" in w or "approximated in" in w for w in said), (key, said)
        else:
            assert said, f"{fmt} {state} {key} without a warning"


@pytest.mark.corpus
@pytest.mark.parametrize("path", RECORDS, ids=_id)
def test_datacite_xml_is_valid_against_the_4_7_xsd(records, path, datacite_schema):
    text = mlrelease.export(records[path.stem], "datacite-xml").text
    assert [f"{e.path}: {e.reason}" for e in datacite_schema.iter_errors(text)] == []
    assert 'resourceTypeGeneral="Model"' in text


@pytest.mark.corpus
@pytest.mark.parametrize("path", RECORDS, ids=_id)
def test_datacite_json_says_what_the_valid_xml_says(records, path, datacite_schema):
    rec = records[path.stem]
    doc = json.loads(mlrelease.export(rec, "datacite-json").text)
    assert doc["data"]["type"] == "dois"
    attrs = doc["data"]["attributes"]
    assert attrs["types"]["resourceTypeGeneral"] == "Model"
    assert {"creators", "titles", "publisher", "publicationYear", "types"} <= set(attrs)
    xml = datacite.attributes_to_xml(attrs, str(rec.iri))
    assert xml == mlrelease.export(rec, "datacite-xml").text
    assert list(datacite_schema.iter_errors(xml)) == []


@pytest.mark.corpus
def test_the_datacite_schema_rejects_what_it_should(records, datacite_schema):
    text = mlrelease.export(records["complete-release"], "datacite-xml").text
    broken = text.replace('resourceTypeGeneral="Model"', 'resourceTypeGeneral="LanguageModel"')
    assert list(datacite_schema.iter_errors(broken))


@pytest.mark.corpus
@pytest.mark.parametrize("path", RECORDS, ids=_id)
def test_cerif_xml_is_a_valid_openaire_product(records, path, cerif_schema):
    text = mlrelease.export(records[path.stem], "cerif-xml").text
    assert _cerif_errors(cerif_schema, text) == []


@pytest.mark.corpus
def test_the_cerif_schema_rejects_what_it_should(records, cerif_schema, corpus):
    text = mlrelease.export(records["complete-release"], "cerif-xml").text
    assert _cerif_errors(cerif_schema, text.replace("<RORID>https://ror.org/0abcde123", "<RORID>0abcde123"))
    assert _cerif_errors(cerif_schema, text.replace("c_5ce6", "c_0000"))


@pytest.mark.corpus
def test_cerif_funding_and_project_are_linked(records):
    text = mlrelease.export(records["complete-release"], "cerif-xml").text
    assert "<OriginatesFrom>" in text and "<Project>" in text and "ERC-2024-0042" in text
    assert "OpenAIRE_Funding_Types#FundingProgramme" in text and "<RORID>https://ror.org/0fndrx442</RORID>" in text


def _mldcat_results(record: mlrelease.ReleaseRecord, shapes: Graph) -> tuple[Graph, Any, list[str]]:
    """The export of ``record``, its MLDCAT-AP SHACL validation results and the warnings."""
    import pyshacl

    out = mlrelease.export(record, "mldcat-ap")
    data = Graph().parse(data=out.text, format="turtle")
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes)
    return data, results, out.warnings


@pytest.mark.corpus
@pytest.mark.parametrize("path", RECORDS, ids=_id)
def test_mldcat_ap_breaks_no_shape_but_mandatory_facts_records_lack(records, path, mldcat_shapes):
    """Every result is a mandatory fact (mldcat.MANDATORY) the record lacks, and a warning names it:
    the property, and the dataset or file that lacks it (the model's own facts name the field)."""
    rec = records[path.stem]
    data, results, warnings = _mldcat_results(rec, mldcat_shapes)
    other = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus, prop = results.value(r, SH.focusNode), results.value(r, SH.resultPath)
        types = {str(t) for t in data.objects(focus, RDF.type)}
        if (results.value(r, SH.sourceConstraintComponent) == SH.MinCountConstraintComponent
                and any((t, str(prop)) in mldcat.MANDATORY for t in types)):
            local = str(prop).rsplit("/", 1)[-1]
            assert any(local in w and (focus == rec.iri or str(focus) in w) for w in warnings), (focus, prop, warnings)
            continue
        other.append((str(focus), str(prop), str(results.value(r, SH.resultMessage))))
    assert other == []


@pytest.mark.corpus
def test_the_complete_fixture_exports_to_mldcat_ap_with_no_shacl_result(records, mldcat_shapes):
    _, results, warnings = _mldcat_results(records["complete-release"], mldcat_shapes)
    found = [(str(results.value(r, SH.focusNode)), str(results.value(r, SH.resultPath)))
             for r in results.subjects(RDF.type, SH.ValidationResult)]
    assert found == []
    assert not [w for w in warnings if "MLDCAT-AP requires" in w]


def test_mldcat_ap_carries_the_model_file_and_the_dataset_description(records):
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCAT, DCTERMS, SKOS, XSD

    it6 = Namespace("http://data.europa.eu/it6/")
    g = Graph().parse(data=mlrelease.export(records["complete-release"], "mldcat-ap").text, format="turtle")
    model = URIRef("https://models.example.org/example-lm/1.0")
    file = g.value(model, it6.hasOutputFilePrediction)
    assert file == URIRef("https://models.example.org/example-lm/1.0#artifact/model-parameters-final")
    assert g.value(file, it6.url) == URIRef("https://models.example.org/example-lm/1.0/model.safetensors")
    assert g.value(g.value(file, DCTERMS.format), SKOS.prefLabel) == Literal("safetensors")
    assert g.value(file, DCTERMS.identifier) == Literal(str(file))
    assert g.value(file, DCTERMS.title) == Literal("model.safetensors")
    books = g.value(model, it6.trainedOn)
    assert (books, RDF.type, DCAT.Dataset) in g
    assert g.value(books, DCTERMS.title) == Literal("Example Books")
    assert str(g.value(books, DCTERMS.description)).startswith("Public-domain books")
    assert g.value(books, it6.collectionDate) == Literal("2024-06-30", datatype=XSD.date)


def test_mldcat_ap_names_a_file_without_a_name_by_release_and_type_and_warns_of_a_missing_format():
    rec = mlrelease.load("identifier: org/m\nversion: '1'\nname: M\nartifacts:\n"
                         "  - {artifactType: model-parameters-final, status: released, url: https://example.org/m}\n"
                         "  - {artifactType: model-parameters-final, status: withheld}\n"
                         "  - {artifactType: model-parameters-final, status: retracted, url: https://example.org/old}\n",
                         format="yaml")
    out = mlrelease.export(rec, "mldcat-ap")
    g = Graph().parse(data=out.text, format="turtle")
    from rdflib import Literal
    from rdflib.namespace import DCTERMS

    it6 = Namespace("http://data.europa.eu/it6/")
    files = list(g.objects(rec.iri, it6.hasOutputFilePrediction))
    assert len(files) == 1, "only released parameters with a location are files of the model"
    assert g.value(files[0], DCTERMS.title) == Literal("M: Model parameters (Final)")
    assert f"artifacts: {files[0]} states no encodingFormat; MLDCAT-AP requires dcterms:format of an " \
           "mldcat:OutputFilePrediction" in out.warnings


def test_mldcat_ap_warns_of_each_dataset_fact_a_record_lacks():
    rec = mlrelease.load("identifier: org/m\nversion: '1'\ntrainingData:\n  - https://example.org/a\n"
                         "  - {id: https://example.org/b, name: B, description: The B corpus.}\n", format="yaml")
    said = [w for w in mlrelease.export(rec, "mldcat-ap").warnings if w.startswith("trainingData: ")]
    assert said == [
        "trainingData: https://example.org/b has no collectionDate; MLDCAT-AP requires mldcat:collectionDate of a "
        "dcat:Dataset",
        "trainingData: https://example.org/a has no description; MLDCAT-AP requires dcterms:description of a "
        "dcat:Dataset",
        "trainingData: https://example.org/a has no collectionDate; MLDCAT-AP requires mldcat:collectionDate of a "
        "dcat:Dataset",
    ]


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("path", RECORDS, ids=_id)
def test_spdx3_conforms_to_the_spdx_model(records, path, spdx_model):
    import pyshacl

    shapes, context = spdx_model
    doc = json.loads(mlrelease.export(records[path.stem], "spdx3").text)
    assert doc["@context"] == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
    doc["@context"] = context  # the published context, from the corpus (no network)
    data = Graph().parse(data=json.dumps(doc), format="json-ld")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=shapes, inference="none")
    assert conforms, text
    assert any(e["type"] == "ai_AIPackage" and e["spdxId"] == str(records[path.stem].iri) for e in doc["@graph"])


@pytest.mark.parametrize("path", RECORDS, ids=_id)
def test_ro_crate_metadata_file_follows_the_1_2_rules(records, path):
    doc = json.loads(mlrelease.export(records[path.stem], "ro-crate").text)
    assert doc["@context"] == "https://w3id.org/ro/crate/1.2/context"
    by_id = {e["@id"]: e for e in doc["@graph"]}
    assert len(by_id) == len(doc["@graph"]), "one entity per @id (flattened)"
    descriptor = by_id["ro-crate-metadata.json"]
    assert descriptor["conformsTo"] == {"@id": "https://w3id.org/ro/crate/1.2"} and descriptor["about"] == {"@id": "./"}
    root = by_id["./"]
    assert "Dataset" in (root["@type"] if isinstance(root["@type"], list) else [root["@type"]])
    assert root["name"] and root["description"] and len(root["datePublished"]) == 10
    for entity in doc["@graph"]:
        assert "@type" in entity
        for value in entity.values():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and set(item) == {"@id"} and entity["@id"] != "ro-crate-metadata.json":
                    assert item["@id"] in by_id, f"{entity['@id']} refers to undescribed {item['@id']}"
            if isinstance(value, str) and entity["@id"] != "./":
                assert value == value.strip()


@pytest.mark.parametrize("path", RECORDS, ids=_id)
def test_ro_crate_is_valid_against_the_1_2_profile(records, path, rocrate_cache):
    doc = json.loads(mlrelease.export(records[path.stem], "ro-crate").text)
    result = _rocrate_validation(doc, rocrate_cache)
    issues = [f"{i.check.identifier}: {i.message} ({i.violatingEntity} {i.violatingProperty})" for i in result.issues]
    assert result.passed(), "\n".join(issues)


def test_the_ro_crate_profile_rejects_what_it_should(records, rocrate_cache):
    doc = json.loads(mlrelease.export(records[FIXTURE.stem], "ro-crate").text)
    root = next(e for e in doc["@graph"] if e["@id"] == "./")
    del root["license"], root["datePublished"]
    result = _rocrate_validation(doc, rocrate_cache)
    failed = {str(i.violatingProperty) for i in result.issues}
    assert not result.passed()
    assert {"http://schema.org/license", "http://schema.org/datePublished"} <= failed


# -- round trips ---------------------------------------------------------------------------------

#: What each export module lets a format state at all (the rest is warned of, then checked as carried).
STATEABLE = {"hf-card": hfcard.stateable}
ROUND_TRIP = [name for name, f in FORMATS.items() if f.reader is not None and name in MAPPING]


def _project(value: Any, keys: tuple[str, ...] | None) -> Any:
    if keys is None or keys == ("*",):
        return value
    if isinstance(value, list):
        return [_project(v, keys) for v in value]
    if isinstance(value, dict):
        return {k: value[k] for k in keys if k in value}
    return value


def test_round_trip_covers_the_formats_with_an_importer():
    assert {"hf-card", "datacite-xml", "datacite-json", "cerif-xml"} <= set(ROUND_TRIP)


@pytest.mark.parametrize("fmt", ROUND_TRIP)
@pytest.mark.parametrize("path", RECORDS, ids=_id)
def test_round_trip_keeps_what_the_mapping_says_is_carried(records, path, fmt):
    rec = records[path.stem]
    original = rec.to_manifest()
    expected = STATEABLE[fmt](original)[0] if fmt in STATEABLE else original
    text = mlrelease.export(rec, fmt).text
    back = mlrelease.load(text, format=fmt, identifier=original.get("identifier")).to_manifest()
    checks: dict[str, tuple[str, ...] | None] = {k: None for k in carried(fmt)}
    checks.update(KEEPS.get(fmt, {}))
    checked = 0
    for key, keys in checks.items():
        if key in expected and key not in ("id",):
            assert _project(back.get(key), keys) == _project(expected[key], keys), key
            checked += 1
    assert checked >= 4


# -- the mapping, the docs, the command ------------------------------------------------------------


def test_the_mapping_covers_every_release_field_in_every_format(vocab, records):
    release = "https://w3id.org/mlrelease/vocab#Release"
    keys = {t.key for t in vocab.terms.values() if t.key and release in t.domains}
    keys |= {k for rec in records.values() for k in rec.to_manifest() if k != "type"}
    assert sorted(keys - set(FIELDS)) == []
    for fmt, table in MAPPING.items():
        assert list(table) == list(FIELDS), fmt


def test_docs_cris_holds_the_generated_mapping_table(root):
    text = (root / "docs" / "cris.md").read_text()
    assert markdown_table() in text, "regenerate the table in docs/cris.md: python -m mlrelease.build"
    assert markdown_notes() in text, "regenerate the notes in docs/cris.md: python -m mlrelease.build"


def test_convert_to_an_export_warns_on_stderr(root, tmp_path):
    from mlrelease.cli import cli

    out = tmp_path / "release.xml"
    result = CliRunner().invoke(cli, ["convert", str(root / "shapes/fixtures/valid/complete-release.yaml"),
                                      "--to", "datacite-xml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning: gate: lost in datacite-xml (no gating in DataCite)" in result.stderr
    assert out.read_text().startswith('<?xml version="1.0" encoding="UTF-8"?>\n<resource')


def test_datacite_needs_a_publication_date():
    rec = mlrelease.load("identifier: org/m\nversion: '1'\npublisher: https://ror.org/0abcde123\n", format="yaml")
    with pytest.raises(mlrelease.InputError, match="publication year"):
        mlrelease.export(rec, "datacite-xml")


def test_lossless_formats_warn_of_nothing(records):
    assert mlrelease.export(records["complete-release"], "yaml").warnings == []


@pytest.mark.parametrize("fmt", EXPORTS)
def test_golden_exports_of_the_complete_fixture(records, fmt, golden):
    ext = {"datacite-xml": "xml", "cerif-xml": "xml", "mldcat-ap": "ttl", "hf-card": "md"}.get(fmt, "json")
    golden.check("exports", fmt, mlrelease.export(records["complete-release"], fmt).text, ext=ext)


def test_hf_card_funded_by_line_becomes_funding():
    card = ("---\nlicense: mit\n---\n# Demo\n\n## Model Details\n\n- **Developed by:** Org\n"
            "- **Funded by [optional]:** National Science Foundation\n"
            "- **Funded by:** [Example Council](https://ror.org/0fndrx442)\n")
    m = mlrelease.load(card, format="hf-card", identifier="org/demo").to_manifest()
    assert m["funding"] == [{"funder": {"type": "Organization", "name": "National Science Foundation"}},
                            {"funder": {"id": "https://ror.org/0fndrx442", "type": "Organization",
                                        "name": "Example Council"}}]
    assert m["modelCard"]["sections"] == [{"sectionType": "model-details", "text": "- **Developed by:** Org"}]


def test_hf_card_template_placeholder_funder_is_not_a_funding():
    card = ("---\nlicense: mit\n---\n# Demo\n\n## Model Details\n\n"
            "- **Funded by [optional]:** [More Information Needed]\n")
    m = mlrelease.load(card, format="hf-card", identifier="org/demo").to_manifest()
    assert "funding" not in m


def test_schema_org_and_ro_crate_describe_a_described_dataset(records):
    doc = json.loads(mlrelease.export(records["complete-release"], "schema-org").text)
    books = {"@id": "https://doi.org/10.5555/example-books", "@type": "Dataset", "name": "Example Books",
             "description": "Public-domain books in English, transcribed and deduplicated."}
    assert doc["fair4ml:trainedOn"] == [books]
    crate = json.loads(mlrelease.export(records["complete-release"], "ro-crate").text)
    books = next(e for e in crate["@graph"] if e["@id"] == "https://doi.org/10.5555/example-books")
    assert books["name"] == "Example Books" and books["description"].startswith("Public-domain books")
    plain = json.loads(mlrelease.export(records["olmo-7b"], "schema-org").text)
    assert plain["fair4ml:evaluatedOn"] and all(isinstance(d, str) for d in plain["fair4ml:evaluatedOn"])


def test_hf_card_names_a_described_dataset_by_id_and_warns_of_the_rest():
    rec = mlrelease.load("identifier: org/m\nversion: '1'\ntrainingData:\n"
                         "  - {id: https://huggingface.co/datasets/org/corpus, name: Corpus, description: Books.}\n",
                         format="yaml")
    out = mlrelease.export(rec, "hf-card")
    assert "- org/corpus" in out.text
    assert ("trainingData: https://huggingface.co/datasets/org/corpus is named by its Hub id only; its name, "
            "description and collection date are lost") in out.warnings
