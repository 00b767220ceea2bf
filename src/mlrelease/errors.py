"""The exception hierarchy of mlrelease.

Every error mlrelease raises on purpose is an :class:`MlreleaseError`; each says what is wrong,
where (file, line, field or focus node) and how to fix it, and carries the exit code the command
line ends with (``docs/cli.md``): 1 the input was read but does not pass, 2 a usage error or an
input that cannot be read, 3 a bug in mlrelease. Any other exception is a bug too (exit 3).

>>> InputError("no such file", location="x.yaml", hint="check the path").exit_code
2
>>> VocabularyError("the bundled vocabulary has no version").exit_code
3
"""

from __future__ import annotations

from typing import ClassVar

#: The exit codes of the command line, one home (docs/cli.md).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class MlreleaseError(Exception):
    """Base class of every error mlrelease raises on purpose."""

    #: The exit code of the command line when this error ends a command.
    exit_code: ClassVar[int] = EXIT_USAGE

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


class UsageError(MlreleaseError):
    """A command or API call given options that do not go together, or that it cannot act on."""


class UnsafeValueError(InputError, ValueError):
    """A value that cannot be written into SPARQL text safely (an IRI with a space, a control character).

    Also a :class:`ValueError`, the type the store's term checks have always raised.
    """


class UnknownTermError(MlreleaseError):
    """A code, key or identifier that the vocabulary or a catalogue does not define."""


class VocabularyError(MlreleaseError):
    """The bundled vocabulary, shapes, queries or licence catalogue are broken or missing.

    A packaging or build bug, never the user's fault: exit code 3.
    """

    exit_code: ClassVar[int] = EXIT_INTERNAL


class NotPassed(MlreleaseError):
    """The input was read but does not pass: validation violations, rejected records, stale files.

    The command has already said why (a report, a summary); the message, when there is one, is a
    one-line summary. Exit code 1.
    """

    exit_code: ClassVar[int] = EXIT_FAILED

    def __init__(self, message: str = "") -> None:
        super().__init__(message)


class StoreError(MlreleaseError):
    """A triple store that cannot be reached, times out or refuses a request.

    ``endpoint`` names the store; ``written`` and ``not_written`` list what a harvest had and had
    not stored when the error happened (release IRIs), so the message can say exactly that.
    ``unconfirmed`` lists releases whose commit was under way when the store failed: all of them
    or none are stored, and only the store can tell which (the next harvest asks it).
    """

    def __init__(self, message: str, *, endpoint: str | None = None, hint: str | None = None,
                 written: list[str] | None = None, not_written: list[str] | None = None,
                 unconfirmed: list[str] | None = None) -> None:
        self.endpoint = endpoint
        self.written = list(written or [])
        self.not_written = list(not_written or [])
        self.unconfirmed = list(unconfirmed or [])
        super().__init__(message, hint=hint, location=endpoint)


class NotRead(NotPassed):
    """Some inputs of a batch could not be read; the report lists them as ``unreadable`` findings.

    The command has written its report for the rest. Exit code 2, as for one unreadable input.
    """

    exit_code: ClassVar[int] = EXIT_USAGE
