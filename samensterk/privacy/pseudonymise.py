"""Pseudonymise Dutch text wherever a story leaves its group.

Replaced by tags, consistently within one text (the same person gets the same tag): names of
persons, e-mail addresses, phone numbers, street addresses, postcodes, BSN numbers, dates of
birth and ages. Kept, because advocacy needs them: place names and municipalities,
organisations and care providers, laws, and dates other than birth dates.

Names, phone numbers and most addresses come from `deduce` (Dutch de-identification, which
ships its own name and place lists and runs offline); our own patterns add and correct the rest.
"""

from __future__ import annotations

import csv
import os
import re
import threading
import time
from dataclasses import dataclass
from functools import cache

from samensterk.lib.text import fold

PERSON, EMAIL, PHONE, ADDRESS, POSTCODE, BSN, BIRTH_DATE, AGE = (
    "PERSOON",
    "EMAIL",
    "TELEFOON",
    "ADRES",
    "POSTCODE",
    "BSN",
    "GEBOORTEDATUM",
    "LEEFTIJD",
)
# When two findings overlap, the longer one wins; on equal length, the earlier category here.
PRIORITY = [EMAIL, BSN, PHONE, POSTCODE, ADDRESS, BIRTH_DATE, AGE, PERSON]

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = (
    rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}})"
)
_STREET_SUFFIX = (
    "straat|laan|weg|plein|dijk|kade|gracht|singel|hof|pad|steeg|dreef|park|baan|markt|veld"
    "|erf|wal|plantsoen|boulevard|haven|hoek|ring|burg|oord|akker|weide|zoom|donk|heuvel"
)
PATTERNS = [
    (EMAIL, re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    (POSTCODE, re.compile(r"\b[1-9]\d{3}\s?(?!SA\b|SD\b|SS\b)[A-Z]{2}\b")),
    (
        PHONE,
        re.compile(r"(?<![\w+])(?:\+31|0031|0)(?:[\s.()-]{0,2}\d){9}(?!\d)"),
    ),
    (
        ADDRESS,
        re.compile(
            rf"\b(?:[A-Z][\w'-]*\s){{0,3}}[A-Z]?[\w'-]*(?:{_STREET_SUFFIX})\s+\d{{1,5}}(?:\s?[a-zA-Z]\b|-\d+)?",
        ),
    ),
    (
        BIRTH_DATE,
        re.compile(
            rf"(?<=\b)(?:(?:geboren|geb\.|geboortedatum|geboren op|jarig op)[:\s]+(?:op\s+)?)"
            rf"(?P<value>{_DATE})",
            re.IGNORECASE,
        ),
    ),
    (
        AGE,
        re.compile(r"\b(?P<value>\d{1,3})(?=(?:\s+jaar(?:\s+oud)?\b|-?jarige?\b))", re.IGNORECASE),
    ),
    (BSN, re.compile(r"\b(?P<value>\d{3}[.\s]?\d{3}[.\s]?\d{3})\b")),
    # People writing simply often leave names in lower case, which name lists do not catch.
    (
        PERSON,
        re.compile(
            r"\b(?:ik heet|mijn naam is|heet|genaamd|naam is)\s+(?P<value>[^\W\d_][\w'-]+)",
            re.IGNORECASE,
        ),
    ),
]
# Words that start a sentence and that name lists also know as surnames ("Bel Piet Jansen").
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
}
_BIRTH_CONTEXT = re.compile(r"(geboren|geb\.|geboortedatum|jarig)\W*(op\W*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    category: str

    @property
    def length(self) -> int:
        return self.end - self.start


def is_bsn(digits: str) -> bool:
    """The Dutch 11-test (elfproef) for a BSN."""
    digits = re.sub(r"\D", "", digits)
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


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
# (they stay), and its loose identifier pattern (phone numbers and BSNs have their own patterns
# below, which find them either way). Skipping them takes about 7 % off a text and changes no
# result (checked on 4,236 texts: the benchmark's, the development sets and the seeds). The
# institution lists stay: without them a care provider's name would read as a person's.
_DEDUCE_SKIPPED = frozenset({"redactor", "urls", "identifiers"})


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
            if fold(surface) not in _place_names():
                findings.append(Finding(start, end, PERSON))
        elif tag == "emailadres":
            findings.append(Finding(start, end, EMAIL))
        elif tag == "telefoonnummer":
            findings.append(Finding(start, end, PHONE))
        elif tag == "bsn" and is_bsn(surface):
            findings.append(Finding(start, end, BSN))
        elif tag == "leeftijd":
            findings.append(Finding(start, end, AGE))
        elif tag == "datum" and _BIRTH_CONTEXT.search(text[max(0, start - 30) : start]):
            findings.append(Finding(start, end, BIRTH_DATE))
        elif tag == "locatie" and re.search(r"\d", surface):
            # "Dorpsstraat 12" is an address; in "4331 AB Middelburg" only the postcode is.
            postcode = PATTERNS[1][1].search(surface)
            if postcode:
                findings.append(Finding(start + postcode.start(), start + postcode.end(), POSTCODE))
                rest = surface[: postcode.start()].rstrip(" ,")
                if re.search(r"[A-Za-z].*\d", rest):
                    findings.append(Finding(start, start + len(rest), ADDRESS))
            elif re.search(r"[A-Za-z].*\d", surface):
                findings.append(Finding(start, end, ADDRESS))
        # Everything else deduce finds (places, institutions, other dates, URLs) stays.
    return findings


def _pattern_findings(text: str) -> list[Finding]:
    findings = []
    for category, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if "value" in pattern.groupindex:
                start, end = match.span("value")
            else:
                start, end = match.span()
            if category == BSN and not is_bsn(match.group("value")):
                continue
            findings.append(Finding(start, end, category))
    return findings


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
    return fold(surface)


def find(text: str) -> list[Finding]:
    """The personal data in `text`, in order, without overlaps (what `pseudonymise` replaces)."""
    return _resolve(_deduce_findings(text) + _pattern_findings(text))


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
