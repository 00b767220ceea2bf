"""The local web application over a knowledge graph (``mlrelease serve``); see :mod:`.app`."""

from .app import create_app

__all__ = ["create_app"]
