"""``python -m mlrelease``: the same as the ``mlrelease`` command."""

from .cli import run

run()
