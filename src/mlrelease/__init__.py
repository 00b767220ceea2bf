"""mlrelease: record, check and harvest responsible releases of machine-learning models.

Public names are re-exported here; everything else is internal.

>>> import mlrelease
>>> mlrelease.vocabulary.load().concept("contributor-role", "software").label
'Software'
"""

from . import formats, vocabulary
from ._version import VOCAB_VERSION, __version__
from .codecs.limits import Limits
from .errors import InputError, MlreleaseError, UnknownTermError, VocabularyError
from .formats import detect_format
from .io import INPUT_FORMATS, OUTPUT_FORMATS, dump, load, load_all
from .openness import Assessment, assess
from .record import Artifact, ReleaseRecord
from .validation import ValidationReport, validate

__all__ = [
    "INPUT_FORMATS",
    "OUTPUT_FORMATS",
    "VOCAB_VERSION",
    "Artifact",
    "Assessment",
    "InputError",
    "Limits",
    "MlreleaseError",
    "ReleaseRecord",
    "UnknownTermError",
    "ValidationReport",
    "VocabularyError",
    "__version__",
    "assess",
    "detect_format",
    "dump",
    "formats",
    "load",
    "load_all",
    "validate",
    "vocabulary",
]
