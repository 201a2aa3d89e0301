"""Text helpers that need no Django."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(value: str) -> str:
    """A lookup key for a name: lower case, no accents, punctuation as single spaces.

    "'s-Hertogenbosch" -> "s hertogenbosch", "Súdwest-Fryslân" -> "sudwest fryslan".
    """
    value = value.casefold()
    if not value.isascii():
        decomposed = unicodedata.normalize("NFKD", value)
        value = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", value).strip()
