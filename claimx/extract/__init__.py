"""Extractors: each a pure function of a parsed spaCy ``Doc`` (plus context)."""
