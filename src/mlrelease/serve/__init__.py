"""The local web application over a knowledge graph (``mlrelease serve``)."""
