"""Exports: a release record written in another community's vocabulary (one module per format).

Each module offers a function from a :class:`~mlrelease.record.ReleaseRecord` to text, registered
as a writer in :mod:`mlrelease.formats`; what a format cannot carry is listed, never silently lost.
"""
