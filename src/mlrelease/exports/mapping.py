"""What each export format carries of each record field: the one source of the mapping.

The exporters warn from it (:func:`warnings_for`), the round-trip tests check the fields it says a
format carries, and ``docs/cris.md`` holds the table :func:`markdown_table` writes (a test keeps
them equal). A status is ``carried`` (the format states the field and an importer can read it back
unchanged), ``approximated`` (the format states it less precisely: the note says how) or ``lost``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final, Literal

Status = Literal["carried", "approximated", "lost"]
CARRIED: Final[Status] = "carried"
APPROXIMATED: Final[Status] = "approximated"
LOST: Final[Status] = "lost"

#: The top-level fields of a release record (manifest keys), in the order of the table.
FIELDS: Final[dict[str, str]] = {
    "id": "the release IRI",
    "name": "what people call the release",
    "identifier": "repository id or other local identifier",
    "version": "version string",
    "datePublished": "publication date",
    "dateModified": "date of the last change",
    "description": "abstract",
    "publisher": "organisation or person making it available",
    "model": "the model the release is a version of",
    "pid": "persistent identifiers (DOI, Handle)",
    "url": "landing page",
    "keywords": "keywords and tags",
    "task": "the ML task",
    "license": "licences (catalogue ids)",
    "accessTier": "access tier",
    "gate": "gating conditions, prompt and fields",
    "claims": "openness claims",
    "artifacts": "artifacts with type, status, licence, URL",
    "stages": "stages of a staged release",
    "modelCard": "model card URL and typed sections",
    "riskAssessments": "dual-use risk assessments",
    "contributions": "contributors with CRediT roles and degree",
    "lineage": "base models and derivation kind",
    "trainingData": "training datasets",
    "evaluationData": "evaluation datasets",
    "evaluationResults": "metric values on tasks and datasets",
    "useRestrictions": "behavioural use restrictions",
    "openness": "computed openness assessment",
    "inferred": "which values an importer inferred",
    "funding": "fundings: funder, award number, title, IRI, programme",
    "projects": "projects: name, identifier, IRI, fundings",
    "relatedOutputs": "papers, datasets, software and releases linked by relation type",
}

_C: Final[Status] = CARRIED
_A: Final[Status] = APPROXIMATED
_L: Final[Status] = LOST

_DATACITE: dict[str, tuple[Status, str]] = {
    "id": (_A, "the identifier (identifierType URL) when the record has no DOI; else an alternateIdentifier"),
    "name": (_C, "titles/title"),
    "identifier": (_C, "alternateIdentifier (type local)"),
    "version": (_C, "version"),
    "datePublished": (_C, "publicationYear and date Issued"),
    "dateModified": (_C, "date Updated"),
    "description": (_C, "description Abstract"),
    "publisher": (_A, "publisher with publisherIdentifier (ROR) or name; a publisher IRI other than a ROR is lost"),
    "model": (_A, "relatedIdentifier IsVersionOf"),
    "pid": (_C, "identifier DOI (the first DOI); others as alternateIdentifiers"),
    "url": (_A, "alternateIdentifier URL"),
    "keywords": (_C, "subjects"),
    "task": (_A, "a subject with subjectScheme 'ML task'"),
    "license": (_C, "rightsList: rightsURI, SPDX rightsIdentifier"),
    "accessTier": (_A, "a rights entry with the COAR access right the tier maps to"),
    "gate": (_L, "no gating in DataCite"),
    "claims": (_L, "no openness claims in DataCite"),
    "artifacts": (_A, "released artifacts with a URL as relatedIdentifiers HasPart; type, status and licence lost"),
    "stages": (_L, "no staged releases in DataCite"),
    "modelCard": (_A, "card URL as relatedIdentifier IsDocumentedBy; sections lost"),
    "riskAssessments": (_L, "no risk assessments in DataCite"),
    "contributions": (_A, "lead contributors as creators, others as contributors (type Other); CRediT roles lost"),
    "lineage": (_A, "relatedIdentifier IsDerivedFrom (Model); derivation kind lost"),
    "trainingData": (_A, "relatedIdentifier References (Dataset); training role and the dataset's name, "
                        "description and collection date lost"),
    "evaluationData": (_A, "relatedIdentifier References (Dataset); evaluation role and the dataset's name, "
                          "description and collection date lost"),
    "evaluationResults": (_L, "no evaluation results in DataCite"),
    "useRestrictions": (_L, "no use restrictions in DataCite"),
    "openness": (_L, "computed; recompute with mlrelease assess"),
    "inferred": (_L, "no provenance of values in DataCite"),
    "funding": (_A, "fundingReferences (funderName, funderIdentifier ROR/Crossref Funder ID, awardNumber, awardURI, "
                    "awardTitle); programme lost"),
    "projects": (_A, "each project's fundings as fundingReferences; project name, identifier and IRI lost"),
    "relatedOutputs": (_C, "relatedIdentifiers with the relation type's DataCite relationType and resource type"),
}

_DATACITE_JSON: dict[str, tuple[Status, str]] = {**_DATACITE, "url": (_C, "url (the DOI's landing page)")}

_CERIF: dict[str, tuple[Status, str]] = {
    "id": (_C, "URL identifier of the Product"),
    "name": (_C, "Name"),
    "identifier": (_L, "the profile has no local identifier element for Products"),
    "version": (_C, "VersionInfo"),
    "datePublished": (_C, "Dates/Available"),
    "dateModified": (_L, "no modification date for Products"),
    "description": (_C, "Description"),
    "publisher": (_A, "Publishers/Publisher with OrgUnit or Person (ROR or ORCID identifier); another IRI is lost"),
    "model": (_A, "PartOf a Product (the model)"),
    "pid": (_C, "DOI or Handle"),
    "url": (_L, "one URL identifier per Product, taken by the release IRI"),
    "keywords": (_C, "Keyword"),
    "task": (_A, "a Keyword"),
    "license": (_C, "License with the licence IRI"),
    "accessTier": (_A, "Access with the COAR access right the tier maps to"),
    "gate": (_L, "no gating in the OpenAIRE profile"),
    "claims": (_L, "no openness claims in the OpenAIRE profile"),
    "artifacts": (_L, "no parts of a Product with types and status (FileLocations need file media)"),
    "stages": (_L, "no staged releases"),
    "modelCard": (_L, "no documentation link for Products"),
    "riskAssessments": (_L, "no risk assessments"),
    "contributions": (_A, "Creators/Creator (Person or OrgUnit with ORCID or ROR); CRediT roles and degree lost"),
    "lineage": (_A, "References a Product (the base model); derivation kind lost"),
    "trainingData": (_A, "References a Product typed dataset; training role and the dataset's name, description "
                        "and collection date lost"),
    "evaluationData": (_A, "References a Product typed dataset; evaluation role and the dataset's name, "
                          "description and collection date lost"),
    "evaluationResults": (_L, "no evaluation results"),
    "useRestrictions": (_L, "no use restrictions"),
    "openness": (_L, "computed; recompute with mlrelease assess"),
    "inferred": (_L, "no provenance of values"),
    "funding": (_A, "OriginatesFrom/Funding (award: Identifier, Name, Funder OrgUnit with ROR or Crossref "
                    "Funder ID identifier, PartOf a FundingProgramme Funding); the award IRI becomes the Funding "
                    "identifier"),
    "projects": (_C, "OriginatesFrom/Project (Title, Identifier, URL; its fundings as Funded By the funder, As the "
                     "Funding)"),
    "relatedOutputs": (_A, "References a Publication (described-by) or Product (others); relation type lost"),
}

_MLDCAT: dict[str, tuple[Status, str]] = {
    "id": (_C, "the MachineLearningModel IRI"),
    "name": (_C, "dcterms:title"),
    "identifier": (_C, "dcterms:identifier"),
    "version": (_C, "dcat:version"),
    "datePublished": (_C, "dcterms:created and mldcat:releaseDate"),
    "dateModified": (_C, "dcterms:modified"),
    "description": (_C, "dcterms:description"),
    "publisher": (_C, "mldcat:hasProvider (foaf:Agent)"),
    "model": (_L, "no model-of-a-release link in MLDCAT-AP"),
    "pid": (_C, "adms:identifier"),
    "url": (_C, "dcat:landingPage"),
    "keywords": (_C, "dcat:keyword"),
    "task": (_A, "mldcat:hasTaskType, a TaskType labelled with the task code"),
    "license": (_C, "dcterms:license (dcterms:LicenseDocument)"),
    "accessTier": (_L, "MLDCAT-AP 2.1 gives a MachineLearningModel no access rights"),
    "gate": (_L, "no gating in MLDCAT-AP"),
    "claims": (_L, "no openness claims"),
    "artifacts": (_A, "the released model parameters with a location as mldcat:hasOutputFilePrediction (an "
                      "OutputFilePrediction: mldcat:url the download URL, else the URL; dcterms:format the "
                      "encodingFormat; dcterms:identifier the artifact IRI; dcterms:title the name, else the "
                      "release name and artifact type; spdx:checksum); other artifacts, statuses and licences lost"),
    "stages": (_L, "no staged releases"),
    "modelCard": (_A, "foaf:page to the card; sections as mldcat:intendedUse, bias, limitations, "
                      "trainingProcess, howToUse, testingDescription; other sections lost"),
    "riskAssessments": (_L, "no risk assessments"),
    "contributions": (_A, "dcterms:creator (lead) and dcterms:contributor; roles lost"),
    "lineage": (_A, "prov:wasDerivedFrom; derivation kind lost"),
    "trainingData": (_C, "mldcat:trainedOn (dcat:Dataset: dcterms:title the name, else the IRI; dcterms:description; "
                         "mldcat:collectionDate)"),
    "evaluationData": (_A, "mldcat:testedOn (dcat:Dataset, described as under trainingData)"),
    "evaluationResults": (_A, "mldcat:evaluationResults as text (name: metric value)"),
    "useRestrictions": (_L, "no use restrictions"),
    "openness": (_L, "computed; recompute with mlrelease assess"),
    "inferred": (_L, "no provenance of values"),
    "funding": (_A, "frapo:isFundedBy the funder (foaf:Agent); award lost"),
    "projects": (_A, "frapo:isFundedBy the funders of the project's fundings; project lost"),
    "relatedOutputs": (_A, "dcterms:relation; relation type lost"),
}

_SPDX3: dict[str, tuple[Status, str]] = {
    "id": (_C, "spdxId of the ai_AIPackage"),
    "name": (_C, "name"),
    "identifier": (_A, "an ExternalIdentifier of type other"),
    "version": (_C, "software_packageVersion"),
    "datePublished": (_C, "releaseTime"),
    "dateModified": (_L, "no modification date"),
    "description": (_C, "description"),
    "publisher": (_C, "suppliedBy (an Organization or Person)"),
    "model": (_L, "no model-of-a-release link"),
    "pid": (_C, "an ExternalIdentifier (doi or urlScheme)"),
    "url": (_C, "software_homePage"),
    "keywords": (_A, "ai_domain"),
    "task": (_A, "ai_typeOfModel"),
    "license": (_C, "hasDeclaredLicense relationships to a LicenseExpression"),
    "accessTier": (_L, "no access tiers in SPDX"),
    "gate": (_L, "no gating in SPDX"),
    "claims": (_L, "no openness claims"),
    "artifacts": (_A, "software_downloadLocation of the final parameters; other artifacts lost"),
    "stages": (_L, "no staged releases"),
    "modelCard": (_A, "ai_limitation and ai_informationAboutTraining from the card's sections; others lost"),
    "riskAssessments": (_A, "ai_safetyRiskAssessment (the highest level)"),
    "contributions": (_A, "originatedBy (lead contributors); roles lost"),
    "lineage": (_A, "a descendantOf relationship; derivation kind lost"),
    "trainingData": (_A, "a trainedOn relationship to a dataset_DatasetPackage (name, description); collection "
                        "date lost"),
    "evaluationData": (_A, "a testedOn relationship to a dataset_DatasetPackage (name, description); collection "
                          "date lost"),
    "evaluationResults": (_A, "ai_metric dictionary entries (name: value)"),
    "useRestrictions": (_L, "no use restrictions"),
    "openness": (_L, "computed; recompute with mlrelease assess"),
    "inferred": (_L, "no provenance of values"),
    "funding": (_L, "no funding in SPDX"),
    "projects": (_L, "no projects in SPDX"),
    "relatedOutputs": (_A, "externalRef entries (other); relation type lost"),
}

_ROCRATE: dict[str, tuple[Status, str]] = {
    "id": (_C, "identifier of the root data entity"),
    "name": (_C, "name"),
    "identifier": (_C, "identifier (as a PropertyValue)"),
    "version": (_C, "version"),
    "datePublished": (_C, "datePublished"),
    "dateModified": (_C, "dateModified"),
    "description": (_C, "description"),
    "publisher": (_C, "publisher (Organization or Person entity)"),
    "model": (_A, "isPartOf"),
    "pid": (_C, "identifier"),
    "url": (_C, "url"),
    "keywords": (_C, "keywords"),
    "task": (_A, "keywords"),
    "license": (_C, "license (CreativeWork entities with the licence IRI)"),
    "accessTier": (_A, "conditionsOfAccess (text)"),
    "gate": (_A, "conditionsOfAccess (text)"),
    "claims": (_L, "no openness claims"),
    "artifacts": (_A, "hasPart web-based data entities (released artifacts with a URL); type and status lost"),
    "stages": (_L, "no staged releases"),
    "modelCard": (_A, "subjectOf the card URL; sections lost"),
    "riskAssessments": (_L, "no risk assessments"),
    "contributions": (_A, "author (lead) and contributor; roles lost"),
    "lineage": (_A, "isBasedOn; derivation kind lost"),
    "trainingData": (_A, "isBasedOn (entities with the dataset's name and description); collection date lost"),
    "evaluationData": (_A, "mentions (Dataset entities with name and description); collection date lost"),
    "evaluationResults": (_L, "no evaluation results"),
    "useRestrictions": (_L, "no use restrictions"),
    "openness": (_L, "computed; recompute with mlrelease assess"),
    "inferred": (_L, "no provenance of values"),
    "funding": (_C, "funder and funding (Grant entities: identifier, name, url, funder)"),
    "projects": (_A, "funding Grant entities of the project's fundings; project name as the grant's name lost"),
    "relatedOutputs": (_A, "citation (described-by), isBasedOn (others); relation type partly lost"),
}

_HFCARD: dict[str, tuple[Status, str]] = {
    # What a card can state at all is hfcard.stateable(); these statuses are of that part.
    "id": (_A, "the repository URL the card is read with (identifier)"),
    "name": (_C, "model_name"),
    "identifier": (_A, "the repository the card belongs to (given when it is read back)"),
    "version": (_C, "version"),
    "datePublished": (_L, "no publication date in card metadata"),
    "dateModified": (_L, "no modification date in card metadata"),
    "description": (_C, "the text under the title"),
    "publisher": (_L, "the Hub infers it from the repository namespace"),
    "model": (_L, "no model-of-a-release link"),
    "pid": (_L, "no persistent identifiers in card metadata"),
    "url": (_A, "the repository URL (given when it is read back)"),
    "keywords": (_C, "tags"),
    "task": (_C, "pipeline_tag"),
    "license": (_C, "license (Hub id, or other with license_name and license_link; one licence)"),
    "accessTier": (_A, "gated (auto or manual); other tiers are not stated by a card"),
    "gate": (_A, "extra_gated_prompt and extra_gated_fields; conditions are re-derived from the gating mode and "
                 "fields"),
    "claims": (_L, "no openness claims"),
    "artifacts": (_L, "the Hub lists the repository files; a card does not"),
    "stages": (_L, "no staged releases"),
    "modelCard": (_A, "the Markdown sections; the card URL becomes the repository's README"),
    "riskAssessments": (_L, "no risk assessments"),
    "contributions": (_L, "no contributors in card metadata"),
    "lineage": (_A, "base_model and base_model_relation (Hub models only); the base model's licence lost"),
    "trainingData": (_A, "datasets (Hub dataset ids only; other datasets, and names, descriptions and "
                        "collection dates lost)"),
    "evaluationData": (_L, "only per result, as the model-index dataset"),
    "evaluationResults": (_A, "model-index results on Hub datasets (task, dataset, metric, value); result names "
                              "and results on other datasets lost"),
    "useRestrictions": (_L, "no use restrictions"),
    "openness": (_L, "computed; recompute with mlrelease assess"),
    "inferred": (_L, "no provenance of values"),
    "funding": (_A, "the template's 'Funded by' lines in Model Details (funder name and IRI); award lost"),
    "projects": (_L, "no projects in cards"),
    "relatedOutputs": (_L, "card metadata has no related outputs"),
}

#: format name -> field -> (status, how the format carries it).
_SCHEMA_ORG: dict[str, tuple[Status, str]] = {
    "id": (_C, "@id"),
    "name": (_C, "name"),
    "identifier": (_C, "identifier"),
    "version": (_C, "version"),
    "datePublished": (_C, "datePublished"),
    "dateModified": (_C, "dateModified"),
    "description": (_C, "description"),
    "publisher": (_A, "publisher (Organization or Person with its name)"),
    "model": (_L, "no model a release is a version of"),
    "pid": (_A, "sameAs (the first persistent identifier)"),
    "url": (_C, "url"),
    "keywords": (_C, "keywords"),
    "task": (_C, "fair4ml:mlTask"),
    "license": (_A, "license: the licence's URL, else its catalogue IRI"),
    "accessTier": (_A, "conditionsOfAccess (its label) and isAccessibleForFree"),
    "gate": (_L, "no gating conditions"),
    "claims": (_L, "no openness claims"),
    "artifacts": (_A, "hasPart: released artifacts with a URL (name, url, license); type and status lost"),
    "stages": (_L, "no staged releases"),
    "modelCard": (_A, "subjectOf the card URL; sections lost"),
    "riskAssessments": (_L, "no risk assessments"),
    "contributions": (_L, "no contributors in the landing-page view"),
    "lineage": (_L, "no base models"),
    "trainingData": (_A, "fair4ml:trainedOn (a Dataset with name and description where the record describes "
                        "it); collection date lost"),
    "evaluationData": (_L, "only the data of evaluation results (fair4ml:evaluatedOn)"),
    "evaluationResults": (_A, "fair4ml:evaluatedOn: the datasets only; metrics and values lost"),
    "useRestrictions": (_L, "no use restrictions"),
    "openness": (_L, "computed; the landing page shows it beside the view"),
    "inferred": (_L, "no provenance of values"),
    "funding": (_L, "no fundings in the landing-page view"),
    "projects": (_L, "no projects in the landing-page view"),
    "relatedOutputs": (_L, "no related outputs in the landing-page view"),
}

MAPPING: Final[dict[str, dict[str, tuple[Status, str]]]] = {
    "datacite-xml": _DATACITE,
    "datacite-json": _DATACITE_JSON,
    "cerif-xml": _CERIF,
    "mldcat-ap": _MLDCAT,
    "spdx3": _SPDX3,
    "ro-crate": _ROCRATE,
    "hf-card": _HFCARD,
    "schema-org": _SCHEMA_ORG,
}


#: For fields a format approximates: the parts that survive a round trip (for a list, of each item the
#: format can state), so that the round-trip tests check them too. format -> field -> subkeys.
KEEPS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "datacite-xml": {"publisher": ("type", "name")},
    "datacite-json": {"publisher": ("type", "name")},
    "cerif-xml": {"publisher": ("type", "name")},
    "hf-card": {
        "lineage": ("baseModel", "relation"),
        "trainingData": ("*",),
        "evaluationResults": ("task", "evaluationData", "metric", "value"),
        "modelCard": ("sections",),
        "funding": ("funder",),
    },
}


def status(fmt: str, key: str) -> Status:
    """The status of record field ``key`` in export format ``fmt`` (``lost`` for a field not in the table)."""
    return MAPPING[fmt].get(key, (LOST, ""))[0]


def carried(fmt: str) -> list[str]:
    """The fields format ``fmt`` carries (an importer of the format reads them back unchanged)."""
    return [k for k, (s, _) in MAPPING[fmt].items() if s == CARRIED]


def warnings_for(fmt: str, keys: Iterable[str]) -> list[str]:
    """One warning per field of ``keys`` (the record's top-level manifest keys) that ``fmt`` loses or approximates."""
    table = MAPPING[fmt]
    out = []
    for key in keys:
        if key == "type":
            continue
        state, how = table.get(key, (LOST, f"{fmt} has no mapping for this field"))
        if state == LOST:
            out.append(f"{key}: lost in {fmt} ({how})")
        elif state == APPROXIMATED:
            out.append(f"{key}: approximated in {fmt}: {how}")
    return out


def markdown_table(mapping: Mapping[str, Mapping[str, tuple[Status, str]]] = MAPPING) -> str:
    """The mapping as a Markdown table: one row per record field, one column per format."""
    formats = list(mapping)
    mark = {CARRIED: "carried", APPROXIMATED: "approx.", LOST: "lost"}
    lines = ["| field | " + " | ".join(f"`{f}`" for f in formats) + " |",
             "|---|" + "---|" * len(formats)]
    for key in FIELDS:
        cells = [mark[mapping[f].get(key, (LOST, ""))[0]] for f in formats]
        lines.append(f"| `{key}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def markdown_notes(mapping: Mapping[str, Mapping[str, tuple[Status, str]]] = MAPPING) -> str:
    """How each format carries or approximates each field, one list per format."""
    parts = []
    for fmt, table in mapping.items():
        parts.append(f"#### `{fmt}`\n")
        parts.extend(f"- `{key}` ({table[key][0]}): {table[key][1]}" for key in FIELDS if key in table)
        parts.append("")
    return "\n".join(parts)
