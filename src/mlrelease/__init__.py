"""mlrelease: record, check and harvest responsible releases of machine-learning models.

Public names are re-exported here; everything else is internal.

>>> import mlrelease
>>> mlrelease.vocabulary.load().concept("contributor-role", "software").label
'Software'
"""

from . import vocabulary
from ._version import VOCAB_VERSION, __version__
from .errors import InputError, MlreleaseError, UnknownTermError, VocabularyError

__all__ = [
    "VOCAB_VERSION",
    "InputError",
    "MlreleaseError",
    "UnknownTermError",
    "VocabularyError",
    "__version__",
    "vocabulary",
]
