"""Codecs: the only code that parses untrusted text (YAML, JSON, RDF) into Python or RDF values."""
