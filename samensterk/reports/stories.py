"""The stories of a signal report: their text as a reader of the report gets it.

A chosen story starts as its pseudonymised text (intake.disclosure.published_text) with the
pseudonymiser's tags ("[PERSOON-2]", "[ADRES-1]") written as words a reader understands
("[naam]", "[adres]"); the coordinator may then edit it for the report (ReportStory.text).
"""

from __future__ import annotations

import hashlib
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.intake.disclosure import published_text

# The tags the pseudonymiser emits (privacy.pseudonymise_patterns) and a few that other tools
# write (LOCATIE, INSTELLING, DATUM), so that an imported text reads well too.
TAG_WORDS = {
    "PERSOON": gettext_lazy("naam"),
    "EMAIL": gettext_lazy("e-mailadres"),
    "ACCOUNT": gettext_lazy("gebruikersnaam"),
    "TELEFOON": gettext_lazy("telefoonnummer"),
    "IBAN": gettext_lazy("rekeningnummer"),
    "ADRES": gettext_lazy("adres"),
    "POSTCODE": gettext_lazy("postcode"),
    "BSN": gettext_lazy("BSN"),
    "GEBOORTEDATUM": gettext_lazy("geboortedatum"),
    "LEEFTIJD": gettext_lazy("leeftijd"),
    "LOCATIE": gettext_lazy("plaats"),
    "INSTELLING": gettext_lazy("instelling"),
    "DATUM": gettext_lazy("datum"),
}
# A known kind, or any kind with a number: "[WMO]" or "[CAK]" in a story stays as it is.
_KINDS = "|".join(TAG_WORDS)
_TAG = re.compile(rf"\[({_KINDS})(?:-(\d+))?\]|\[([A-Z]+)-(\d+)\]")


def readable_tags(text: str) -> str:
    """ "[PERSOON-2] belde [PERSOON-5]" -> "[naam 1] belde [naam 2]"; a kind that occurs with
    one number only gets no number ("[naam]"). Unknown kinds read "[weggelaten]"."""
    numbers: dict[str, list[str]] = {}

    def parts(match: re.Match) -> tuple[str, str | None]:
        return (match[1], match[2]) if match[1] else (match[3], match[4])

    for match in _TAG.finditer(text):
        kind, number = parts(match)
        seen = numbers.setdefault(kind, [])
        if number and number not in seen:
            seen.append(number)

    def word(match: re.Match) -> str:
        kind, number = parts(match)
        name = str(TAG_WORDS[kind]) if kind in TAG_WORDS else _("weggelaten")
        if number and len(numbers[kind]) > 1:
            return f"[{name} {numbers[kind].index(number) + 1}]"
        return f"[{name}]"

    return _TAG.sub(word, text)


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def initial_text(signal) -> str:
    """The story as a report shows it before anyone edited it."""
    return readable_tags(published_text(signal))


def report_text(signal, chosen) -> str:
    """The text a report shows for a chosen story (`chosen`: its ReportStory, or None): the
    coordinator's edit while the pseudonymised text it started from is unchanged."""
    if (
        chosen is not None
        and chosen.text
        and chosen.edited_from == fingerprint(published_text(signal))
    ):
        return chosen.text
    return initial_text(signal)


def is_set_aside(signal, chosen) -> bool:
    """An edit that no longer applies: the pseudonymised text changed after it was made."""
    return bool(chosen.text) and chosen.edited_from != fingerprint(published_text(signal))
