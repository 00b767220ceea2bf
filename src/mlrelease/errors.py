"""The exception hierarchy of mlrelease.

Every error a user can cause is an :class:`MlreleaseError`; each says what is wrong, where
(file, line, field or focus node) and how to fix it. The CLI maps them to exit codes (see
``docs/cli.md``): usage and input errors exit with 2.
"""

from __future__ import annotations


class MlreleaseError(Exception):
    """Base class of every error mlrelease raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None, location: str | None = None) -> None:
        self.message = message
        self.hint = hint
        self.location = location
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(MlreleaseError):
    """Input that cannot be read: a missing file, a syntax error, an unknown format."""


class UnknownTermError(MlreleaseError):
    """A code, key or identifier that the vocabulary or a catalogue does not define."""


class VocabularyError(MlreleaseError):
    """The bundled vocabulary is broken (a packaging or build bug, never the user's fault)."""


class StoreError(MlreleaseError):
    """A triple store that cannot be reached, times out or refuses a request.

    ``endpoint`` names the store; ``written`` and ``not_written`` list what a harvest had and had
    not stored when the error happened (release IRIs), so the message can say exactly that.
    """

    def __init__(self, message: str, *, endpoint: str | None = None, hint: str | None = None,
                 written: list[str] | None = None, not_written: list[str] | None = None) -> None:
        self.endpoint = endpoint
        self.written = list(written or [])
        self.not_written = list(not_written or [])
        super().__init__(message, hint=hint, location=endpoint)
