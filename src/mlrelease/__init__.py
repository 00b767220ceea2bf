"""mlrelease: record, check and harvest responsible releases of machine-learning models.

Public names are re-exported here; everything else is internal.

>>> import mlrelease
>>> mlrelease.vocabulary.load().concept("contributor-role", "software").label
'Software'
"""

from typing import TYPE_CHECKING, Any

from ._version import VOCAB_VERSION, __version__
from .errors import InputError, MlreleaseError, UnknownTermError, VocabularyError

if TYPE_CHECKING:
    from . import formats, vocabulary
    from .codecs.limits import Limits
    from .exports import Exported
    from .formats import detect_format
    from .io import INPUT_FORMATS, OUTPUT_FORMATS, dump, export, load, load_all
    from .openness import Assessment, assess
    from .record import Artifact, ReleaseRecord
    from .validation import ValidationReport, validate

#: Public names imported on first use (PEP 562), so that ``import mlrelease`` (and the command line's
#: ``--version`` and ``--help``) does not load rdflib, pySHACL or pyoxigraph: name -> (module, attribute).
_LAZY: dict[str, tuple[str, str | None]] = {
    "formats": ("formats", None),
    "vocabulary": ("vocabulary", None),
    "Limits": ("codecs.limits", "Limits"),
    "detect_format": ("formats", "detect_format"),
    "INPUT_FORMATS": ("io", "INPUT_FORMATS"),
    "OUTPUT_FORMATS": ("io", "OUTPUT_FORMATS"),
    "dump": ("io", "dump"),
    "export": ("io", "export"),
    "Exported": ("exports", "Exported"),
    "load": ("io", "load"),
    "load_all": ("io", "load_all"),
    "Assessment": ("openness", "Assessment"),
    "assess": ("openness", "assess"),
    "Artifact": ("record", "Artifact"),
    "ReleaseRecord": ("record", "ReleaseRecord"),
    "ValidationReport": ("validation", "ValidationReport"),
    "validate": ("validation", "validate"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'mlrelease' has no attribute {name!r}") from None
    from importlib import import_module

    value = import_module(f"{__name__}.{module}")
    if attribute is not None:
        value = getattr(value, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "INPUT_FORMATS",
    "OUTPUT_FORMATS",
    "VOCAB_VERSION",
    "Artifact",
    "Assessment",
    "Exported",
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
    "export",
    "formats",
    "load",
    "load_all",
    "validate",
    "vocabulary",
]
