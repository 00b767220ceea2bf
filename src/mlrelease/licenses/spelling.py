"""Spelling keys: how licence names written in the wild are compared with the catalogue's spellings.

Two spellings name the same licence when their keys are equal. The key ignores case, punctuation,
white space, British and American spelling (licence/license) and a ``v``/``version`` before a
number; it keeps digits and ``+`` (``GPL-2.0+`` is not ``GPL-2.0``), so versions never merge.

>>> spelling_key("Apache License, Version 2.0") == spelling_key("apache license 2.0")
True
>>> spelling_key("Llama 3.1 Community Licence"), spelling_key("llama3.1")
('llama 3 1 community license', 'llama 3 1')
>>> spelling_key("GPL-2.0+") == spelling_key("GPL-2.0")
False
>>> url_key("https://www.Apache.org/licenses/LICENSE-2.0/")
'apache.org/licenses/license-2.0'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_SPLIT_LETTER_DIGIT: Final = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_NON_WORD: Final = re.compile(r"[\W_]+")
_URL: Final = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.IGNORECASE)
_VERSION_WORDS: Final = frozenset({"v", "version", "ver"})


def spelling_key(text: str) -> str:
    """The comparison key of a licence spelling (see the module docstring)."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = t.replace("licence", "license").replace("+", " plus ")
    t = _SPLIT_LETTER_DIGIT.sub(" ", t)
    tokens = _NON_WORD.sub(" ", t).split()
    kept = [tok for i, tok in enumerate(tokens)
            if not (tok in _VERSION_WORDS and i + 1 < len(tokens) and tokens[i + 1].isdigit())]
    return " ".join(kept)


def is_url(text: str) -> bool:
    """Whether ``text`` is a single absolute URL."""
    return _URL.match(text.strip()) is not None


def url_key(url: str) -> str:
    """The comparison key of a URL: no scheme, no ``www.``, no trailing slash or ``.html``, lower case."""
    u = url.strip().casefold()
    u = re.sub(r"^[a-z][a-z0-9+.-]*://", "", u)
    u = u.removeprefix("www.").split("#", 1)[0].rstrip("/")
    return u.removesuffix(".html")
