"""Publishing release records as a static catalogue that people read and other institutions harvest.

>>> from mlrelease.publish import publish  # doctest: +SKIP
>>> publish(records, "site/", base_url="https://models.example.org/")  # doctest: +SKIP
"""

from .facts import ReleaseFacts, facts_of
from .site import PublishSummary, publish

__all__ = ["PublishSummary", "ReleaseFacts", "facts_of", "publish"]
