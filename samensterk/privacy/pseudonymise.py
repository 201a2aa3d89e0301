"""Pseudonymise Dutch text wherever a story leaves its group.

Replaced by tags, consistently within one text (the same person gets the same tag): names of
persons (also in lower case, by context), e-mail addresses (also written "jan [at] example
[dot] nl"), social-media names, phone numbers (Dutch and foreign), IBANs, street addresses,
postcodes, BSN numbers, dates of birth and ages. Kept, because advocacy needs them: place
names and municipalities, organisations and care providers, laws, durations ("wachtlijst van
2 jaar"), amounts, and dates other than birth dates.

Names and most addresses come from `deduce` (Dutch de-identification, which ships its own name
and place lists and runs offline); our own patterns (`pseudonymise_patterns.py`) and name rules
(`pseudonymise_names.py`) add and correct the rest. `pseudonymise_devset.py` scores the whole on
the hand-labelled `tools/devset/pseudonymise.jsonl`.
"""

from __future__ import annotations

import csv
import os
import re
import threading
import time
from functools import cache

from samensterk.lib.text import fold
from samensterk.privacy import pseudonymise_names as names
from samensterk.privacy.pseudonymise_patterns import (
    ACCOUNT,
    ADDRESS,
    AGE,
    AGE_AFTER_NAME,
    AGE_AFTER_SUBJECT,
    AGE_BESIDE_SUBJECT,
    AGE_IN_BRACKETS,
    AGE_PATTERNS,
    BIRTH_DATE,
    BSN,
    DATE_IN_BRACKETS,
    EMAIL,
    HANDLE_AFTER_PLATFORM,
    IBAN,
    PATTERNS,
    PERSON,
    PHONE,
    POSTCODE,
    POSTCODE_PATTERN,
    PRIORITY,
    SUBJECT_NOUNS,
    Finding,
    is_bsn,
    is_iban,
    list_continuation,
)

__all__ = ["Finding", "find", "is_bsn", "pseudonymise", "warm_up"]

# Words that start a sentence and that name lists also know as surnames ("Bel Piet Jansen"),
# and roles written with a capital before a name ("Vrijwilliger Kees").
_NOT_A_NAME_START = {
    "bel",
    "mail",
    "vraag",
    "zeg",
    "stuur",
    "neem",
    "geef",
    "laat",
    "ook",
    "dan",
    "maar",
    "en",
    "want",
    "toen",
    "daarna",
    "volgens",
    "aan",
    "met",
    "van",
    "voor",
    "bij",
    "door",
    "vrijwilliger",
    "begeleider",
    "begeleidster",
    "mentor",
    "beller",
    "cliënt",
    "client",
    "zoon",
    "dochter",
    "moeder",
    "vader",
    "broer",
    "zus",
    "notitie",
    "betreft",
    "gebeld",
}
# Organisations that deduce's lists take for a person ("Zilveren Kruis"), and the words that
# start the name of an organisation ("Zorggroep Linde"): neither is a person.
_ORGANISATION = re.compile(
    r"\b(?:Zilveren\s+Kruis|Zorg\s+en\s+Zekerheid|Menzis|VGZ|DSW|ONVZ|Achmea|Salland|Eno"
    r"|MEE|CIZ|SVB|UWV|CAK|DUO|GGD|Wmo(?:-loket)?|Wlz|Jeugdwet)\b"
)
_ORGANISATION_WORD = re.compile(
    r"(?:stichting|zorggroep|groep|centrum|school|praktijk|team|bedrijf|boerderij|kantoor"
    r"|instelling|loket|vereniging|huis|zorg|locatie|woongroep|woonvorm|gemeente)$",
    re.IGNORECASE,
)


_deduce_lock = threading.Lock()


@cache
def _deduce():
    """The deduce de-identifier, loaded once per process (a few seconds, from its own cache)."""
    with _deduce_lock:
        import deduce

        return deduce.Deduce()


@cache
def _place_names() -> frozenset[str]:
    """Folded municipality, alias and woonplaats names: never a person."""
    from samensterk.places.gazetteer import DATA_DIR

    names = set()
    for filename, columns in [
        ("gemeenten.csv", ["naam"]),
        ("aliases.csv", ["alias"]),
        ("woonplaatsen.csv", ["woonplaats"]),
    ]:
        with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                names.update(fold(row[c]) for c in columns)
    return frozenset(names)


# deduce's steps whose results are never used here: its own redacted text (we write ours), URLs
# (they stay), its loose identifier pattern (phone numbers and BSNs have their own patterns),
# and its dates and ages: it takes every number of years for an age ("wachtlijst van 2 jaar")
# and every date for one to remove, where only a context can tell (pseudonymise_patterns.py).
# The institution lists stay: without them a care provider's name would read as a person's.
_DEDUCE_SKIPPED = frozenset({"redactor", "urls", "identifiers", "dates", "ages"})


def _deduce_findings(text: str) -> list[Finding]:
    findings = []
    document = _deduce().deidentify(text, disabled=set(_DEDUCE_SKIPPED))
    for annotation in document.annotations:
        tag = annotation.tag.lower()
        start, end = annotation.start_char, annotation.end_char
        surface = text[start:end]
        if tag in {"persoon", "patient"}:
            first, _space, rest = surface.partition(" ")
            if rest and first.casefold() in _NOT_A_NAME_START:
                start, surface = start + len(first) + 1, rest
            if _ORGANISATION.search(surface):
                continue
            first, _space, rest = surface.partition(" ")
            if _ORGANISATION_WORD.search(first):
                # "Zorggroep Linde" is an organisation; "Praktijk Kiki Oei" is named after
                # a person, who stays a person.
                if len(rest.split()) < 2 or all(fold(w) in _place_names() for w in rest.split()):
                    continue
                start, surface = start + len(first) + 1, rest
            if fold(surface) not in _place_names():
                findings.append(Finding(start, end, PERSON))
        elif tag == "emailadres":
            findings.append(Finding(start, end, EMAIL))
        elif tag == "telefoonnummer":
            findings.append(Finding(start, end, PHONE))
        elif tag == "locatie" and re.search(r"\d", surface):
            # "Dorpsstraat 12" is an address; in "4331 AB Middelburg" only the postcode is.
            postcode = POSTCODE_PATTERN.search(surface)
            if postcode:
                findings.append(Finding(start + postcode.start(), start + postcode.end(), POSTCODE))
                rest = surface[: postcode.start()].rstrip(" ,")
                if re.search(r"[A-Za-z].*\d", rest):
                    findings.append(Finding(start, start + len(rest), ADDRESS))
            elif re.search(r"[A-Za-z].*\d", surface):
                findings.append(Finding(start, end, ADDRESS))
        # Everything else deduce finds (places, institutions, URLs) stays.
    return findings


def _pattern_findings(text: str) -> list[Finding]:
    findings = []
    for category, pattern in PATTERNS:
        for match in pattern.finditer(text):
            span = match.span("value") if "value" in pattern.groupindex else match.span()
            if category == BSN and not (is_bsn(match.group()) or match.group() != match["value"]):
                continue  # nine digits that fail the 11-test, unless introduced as a BSN
            if category == IBAN and not is_iban(match.group()):
                continue
            findings.append(Finding(*span, category))
    for match in HANDLE_AFTER_PLATFORM.finditer(text):
        handle, intro = match["value"], match["intro"].strip()
        looks_like_one = re.search(r"[._\d]", handle) or "@" in match.group()
        introduced = intro in {":", "="} and fold(handle) not in names.name_lists().words
        if looks_like_one or introduced:
            findings.append(Finding(*match.span("value"), ACCOUNT))
    return findings


def _name_findings(text: str, found: list[Finding]) -> list[Finding]:
    """Names deduce missed: in lower case by context, listed after a name, and every other
    occurrence of a name found once ("ik ben sanne ... sanne wil")."""
    people = [f for f in found if f.category == PERSON]
    keys = set()
    for start, end, key in names.name_spans(text, _place_names()):
        people.append(Finding(start, end, PERSON))
        keys.add(key)
    for person in list(people):
        for start, end, key in names.names_in_a_row(text, person.end):
            people.append(Finding(start, end, PERSON))
            keys.add(key)
    lists = names.name_lists()
    capitalised = set()
    for person in people:
        for word in re.findall(r"[^\W\d_][\w'-]*", text[person.start : person.end]):
            key = fold(word)
            if len(key) > 2 and key not in lists.words and " " not in key:
                (keys if names.is_first_name(key) else capitalised).add(key)
    for key in keys | capitalised:
        only_capitalised = key in capitalised or names.is_ambiguous(key)
        for start, end in names.occurrences(text, key, capitalised_only=only_capitalised):
            people.append(Finding(start, end, PERSON))
    organisations = [m.span() for m in _ORGANISATION.finditer(text)]
    return [p for p in people if not any(p.start < e and s < p.end for s, e in organisations)]


def _is_subject(text: str, start: int, end: int, people: list[Finding]) -> bool:
    """Whether the word at start:end is someone whose age may follow: a pronoun, a relative,
    or a name found in the text."""
    if SUBJECT_NOUNS.fullmatch(text[start:end].rstrip(".")):
        return True
    return any(p.start <= start and end <= p.end for p in people)


def _context_findings(text: str, found: list[Finding]) -> list[Finding]:
    """Ages and dates of birth that need to know who the text is about."""
    people = [f for f in found if f.category == PERSON]
    findings = []
    for person in people:
        if date := DATE_IN_BRACKETS.match(text, person.end):
            findings.append(Finding(*date.span("value"), BIRTH_DATE))
        if age := AGE_AFTER_NAME.match(text, person.end):
            findings.append(Finding(*age.span("value"), AGE))
    lowered = text.lower()
    if not re.search(r"\d", text) and "jaar" not in lowered and "jarig" not in lowered:
        return findings  # no number, no age: most texts skip the patterns below
    spans = []
    for pattern in AGE_PATTERNS:
        for match in pattern.finditer(text):
            group = "value" if match["value"] else "word"
            spans.append(match.span(group))
    for pattern in (AGE_AFTER_SUBJECT, AGE_BESIDE_SUBJECT, AGE_IN_BRACKETS):
        for match in pattern.finditer(text):
            if _is_subject(text, *match.span("subject"), people):
                group = "value" if match["value"] else "bare"
                spans.append(match.span(group))
    spans += [more for span in spans for more in list_continuation(text, span[1])]
    return findings + [Finding(start, end, AGE) for start, end in spans]


def _resolve(findings: list[Finding]) -> list[Finding]:
    """Drop findings that overlap a longer (or higher-priority) one."""
    ordered = sorted(findings, key=lambda f: (-f.length, PRIORITY.index(f.category), f.start))
    chosen: list[Finding] = []
    for finding in ordered:
        if all(finding.end <= c.start or finding.start >= c.end for c in chosen):
            chosen.append(finding)
    return sorted(chosen, key=lambda f: f.start)


def _key(category: str, surface: str) -> str:
    if category in (PHONE, BSN):
        return re.sub(r"\D", "", surface)[-9:]
    if category in (IBAN, ACCOUNT):  # "NL91 ABNA ..." is "NL91ABNA...", "@sanne" is "sanne"
        return re.sub(r"[\s@]", "", surface).lower()
    return fold(surface)


def find(text: str) -> list[Finding]:
    """The personal data in `text`, in order, without overlaps (what `pseudonymise` replaces)."""
    found = _deduce_findings(text) + _pattern_findings(text)
    found += _name_findings(text, found)
    return _resolve(found + _context_findings(text, found))


def pseudonymise(text: str) -> str:
    if not text or not text.strip():
        return text
    findings = find(text)
    numbers: dict[tuple[str, str], int] = {}
    counters: dict[str, int] = {}
    people: list[tuple[list[str], int]] = []  # (name words, number): "Jan" after "Jan de Vries"
    parts, position = [], 0
    for finding in findings:
        surface = text[finding.start : finding.end]
        key = (finding.category, _key(finding.category, surface))
        number = numbers.get(key)
        if number is None and finding.category == PERSON:
            words = key[1].split()
            for known_words, known_number in people:
                if set(words) <= set(known_words) or set(known_words) <= set(words):
                    number = known_number
                    break
        if number is None:
            counters[finding.category] = counters.get(finding.category, 0) + 1
            number = counters[finding.category]
            if finding.category == PERSON:
                people.append((key[1].split(), number))
        numbers[key] = number
        parts.append(text[position : finding.start])
        parts.append(f"[{finding.category}-{number}]")
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


# deduce stamps its cache with the local time and rejects it when one of its lists is newer, in
# whatever time zone the reading process runs (Django sets Europe/Amsterdam). A cache written in
# UTC right after installation would look stale for an hour, and every process would rebuild and
# rewrite it while others read it. Written at UTC+14, the latest time zone, it is valid everywhere.
_LATEST_TIME_ZONE = "SAV-14"  # POSIX notation: UTC+14, no tz database needed


def warm_up() -> None:
    """Build or load deduce's cache now (once per installation) instead of at the first story."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = _LATEST_TIME_ZONE
    time.tzset()
    try:
        _deduce()
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        time.tzset()
    _place_names()
    names.name_lists()
