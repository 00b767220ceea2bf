"""Versions of the package and of the vocabulary it bundles (kept apart: see CHANGELOG.md)."""

__version__ = "0.1.0.dev0"
#: The version of the bundled vocabulary (ontology and concept schemes); equals ``owl:versionInfo``.
VOCAB_VERSION = "0.1.0"
