"""The pseudonymiser's own patterns: numbers, accounts, addresses, dates of birth and ages.

Kept apart from `pseudonymise.py` (which combines them with deduce and the name rules) so that
each stays readable. Everything here is plain `re`: no lists to load, nothing slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PERSON, EMAIL, ACCOUNT, PHONE, IBAN, ADDRESS, POSTCODE, BSN, BIRTH_DATE, AGE = (
    "PERSOON",
    "EMAIL",
    "ACCOUNT",
    "TELEFOON",
    "IBAN",
    "ADRES",
    "POSTCODE",
    "BSN",
    "GEBOORTEDATUM",
    "LEEFTIJD",
)
# When two findings overlap, the longer one wins; on equal length, the earlier category here.
PRIORITY = [EMAIL, IBAN, BSN, PHONE, ACCOUNT, POSTCODE, ADDRESS, BIRTH_DATE, AGE, PERSON]


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


def is_iban(value: str) -> bool:
    """A Dutch IBAN by its shape (a typo in it is still someone's account); others by mod 97."""
    compact = re.sub(r"\s", "", value).upper()
    if re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", compact):
        return True
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:(?:19|20)\d{2}|['`]?\d{2})"
DATE = (
    rf"(?:{_DAY}\s?[-/.]\s?{_MONTH}\s?[-/.]\s?{_YEAR}"
    rf"|{_DAY}\s+(?:{_MONTHS})\.?,?\s+{_YEAR}"
    rf"|(?:19|20)\d{{2}}[-/.]{_MONTH}[-/.]{_DAY})(?!\d)"
)
_STREET_SUFFIX = (
    "straat|laan|weg|plein|dijk|kade|gracht|singel|hof|pad|steeg|dreef|park|baan|markt|veld"
    "|erf|wal|plantsoen|boulevard|haven|hoek|ring|burg|oord|akker|weide|zoom|donk|heuvel"
)
# Separators people put inside numbers: spaces, dots, dashes, brackets, a slash.
_SEP = r"[\s.()/-]{0,3}"
_TLD = r"(?:nl|com|be|net|org|eu|de|info|nu|frl|fr|uk)"
_AT = r"(?:\s*[\[({<]\s*(?:at|@|apenstaartje)\s*[\])}>]\s*|\s+(?:at|apenstaartje)\s+)"
_DOT = r"(?:\s*[\[({<]\s*(?:dot|punt)\s*[\])}>]\s*|\s+(?:dot|punt)\s+|\.)"
_PLATFORMS = (
    r"insta(?:gram)?|ig|fb|facebook|tiktok|snap(?:chat)?|twitter|linkedin|youtube|threads"
    r"|twitch|discord|telegram|bluesky"
)

POSTCODE_PATTERN = re.compile(r"\b[1-9]\d{3}\s?(?!SA\b|SD\b|SS\b)[A-Z]{2}\b")
PATTERNS = [
    (EMAIL, re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    # "jan [at] example [dot] nl", "jan(at)example.nl": written so that robots miss them.
    (
        EMAIL,
        re.compile(rf"\b[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_DOT}{_TLD}\b", re.IGNORECASE),
    ),
    (ACCOUNT, re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[\w.]{0,28}[A-Za-z0-9_])?")),
    (POSTCODE, POSTCODE_PATTERN),
    # Dutch numbers: 0 and nine digits, or +31 / 0031 and nine, however they are grouped.
    (
        PHONE,
        re.compile(
            rf"(?<![\w+])(?!{_DAY}[-/.]{_MONTH}[-/.])"
            rf"(?:(?:\+|00)31{_SEP}(?:\(0\){_SEP})?|0)(?:\d{_SEP}){{8}}\d(?!\d)"
        ),
    ),
    # Other countries (Belgium, Germany ...): a country code after + or 00, then 6 to 12 digits.
    (
        PHONE,
        re.compile(rf"(?<![\w+])(?:\+|00)[1-9]\d{{0,2}}(?:{_SEP}\d){{6,12}}(?!\d)"),
    ),
    (
        IBAN,
        re.compile(r"(?<!\w)NL\s?\d{2}\s?[A-Z]{4}(?:\s?\d){10}(?!\d)", re.IGNORECASE),
    ),
    (
        IBAN,
        re.compile(r"(?<!\w)[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?(?!\w)"),
    ),
    (
        ADDRESS,
        re.compile(
            rf"\b(?:[A-Z][\w'-]*\s){{0,3}}[A-Z]?[\w'-]*(?<!er)(?:{_STREET_SUFFIX})"
            r"\s+\d{1,5}(?!\d)(?:\s?[a-zA-Z]\b|-\d+)?",
        ),
    ),
    (
        BIRTH_DATE,
        re.compile(
            r"\b(?:geboren|geb\.?|geboortedatum|geb\.?\s?datum|geboortedag|d\.?o\.?b\.?)"
            # up to three words between: "geboortedatum cliënt 07-09-1990", "geboren in Ede op"
            r"(?:\s*[:=]\s*|\s+)(?:[^\W\d_][\w'-]*\s*[:=]?\s+){0,3}?"
            rf"(?P<value>{DATE}|{_DAY}\s+(?:{_MONTHS})\b|(?:19|20)\d{{2}}\b)",
            re.IGNORECASE,
        ),
    ),
    (
        BIRTH_DATE,
        re.compile(
            rf"\b(?:jarig|verjaardag)(?:\s+is)?\s+op\s+(?P<value>{DATE}|{_DAY}\s+(?:{_MONTHS})\b)",
            re.IGNORECASE,
        ),
    ),
    # Nine digits, grouped any way, that pass the 11-test: a BSN (checked in `find`).
    (BSN, re.compile(r"(?<!\d)(?<!\d[.\s-])(?P<value>\d(?:[.\s-]?\d){8})(?![.\s-]?\d)")),
    # Introduced as a BSN it is one, whatever the 11-test says (a typo is still a BSN).
    (
        BSN,
        re.compile(
            r"\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)\b(?:\s*(?:nr|nummer)\b\.?)?"
            r"\s*[:=]?\s*(?:is\s+)?(?P<value>\d(?:[.\s-]?\d){7,8})(?![.\s-]?\d)",
            re.IGNORECASE,
        ),
    ),
]
# A social-media name after the platform: "insta: sanne.vd.berg", "mijn tiktok is sannetje2001".
# Only taken when it looks like a handle or is introduced as one, so "op facebook zag ik" stays.
HANDLE_AFTER_PLATFORM = re.compile(
    rf"\b(?:{_PLATFORMS})\b(?:\s+(?:account|naam|profiel))?"
    r"(?P<intro>\s*[:=]\s*|\s+is\s+|\s+als\s+|\s+onder\s+|\s+)(?:@)?"
    r"(?P<value>[A-Za-z0-9_][\w.]{1,28}[A-Za-z0-9_])",
    re.IGNORECASE,
)

# --- Ages -----------------------------------------------------------------------------------
# An age is a number in a context that says so; a number of years alone is usually a duration
# ("wachtlijst van 2 jaar", "al 3 jaar", "2 jaar geleden") and the point of the story.
_NUMBER_WORD = (
    r"(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)[eë]n)?"
    r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"
    r"|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien"
    r"|twee|drie|vier|vijf|zes|zeven|acht|negen|honderd"
)
AGE_VALUE = rf"(?:1[01]\d|\d{{1,2}}|{_NUMBER_WORD})"
_YEARS = r"(?:jaar|jr\.?)"
# Relatives and others whose age a story gives. Parents are left out of "X van N": "moeder van
# 3" is about her children.
CHILD_NOUNS = (
    r"zoon|zoontje|zonen|dochter|dochtertje|dochters|kind|kindje|kinderen|jongen|jongens|meisje"
    r"|meisjes|jongeman|jongedame|man|vrouw|broer|broertje|broers|zus|zusje|zussen|neef|neefje"
    r"|nicht|nichtje|kleinzoon|kleindochter|kleinkind|pleegzoon|pleegdochter|pleegkind"
    r"|stiefzoon|stiefdochter|schoonzoon|schoondochter|cliënt|client|bewoner|leerling|deelnemer"
    r"|baby|peuter|kleuter|puber|tiener|dame|heer|meneer|mevrouw|vriend|vriendin|partner"
    r"|echtgenoot|echtgenote|patiënt|beller|melder"
)
PARENT_NOUNS = (
    r"moeder|vader|ouder|ouders|mama|papa|mam|pap|opa|oma|oom|tante|stiefvader|stiefmoeder"
    r"|schoonmoeder|schoonvader|grootvader|grootmoeder|pleegmoeder|pleegvader|buurman|buurvrouw"
)
_PRONOUNS = r"ik|hij|zij|ze|jij|je|u"
# What may follow an age ("hij is 36 jaar en woont ..."); anything else after "N jaar" ("is 3
# jaar op de wachtlijst", "is 2 jaar geleden verhuisd") makes it a duration.
_AGE_END = (
    r"(?=\s*(?:$|[.,;:!?)\n]|\s(?:en|maar|dus|want|nu|oud|jong|of|toen|geworden|en\s+\w+)\b))"
)
# Units after a bare number: "is 3 keer", "van 4 kinderen" are no ages.
_NOT_AGE_AFTER = (
    r"(?!\s*(?:keer|x\b|uur|uren|min|minuten|dag|dagen|week|weken|maand|maanden|jaren|euro|eur"
    r"|€|procent|%|kinderen|kids|zonen|dochters|broers|zussen|mensen|personen|cliënten|bewoners"
    r"|klachten|brieven|km|kilometer|meter|kilo|kg|cm|stuks|plekken|plaatsen|punten|jaar\s+geleden"
    r"|jaar\s+lang|jaar\s+later|e\b|ste\b|de\b|van\s+de\b|van\s+het\b|uit\b))"
)
_LIST_MORE = re.compile(rf"\s*(?:,|en|&|of)\s*(?P<value>{AGE_VALUE})\b{_NOT_AGE_AFTER}", re.I)

AGE_PATTERNS = [
    # "82-jarige", "zestienjarige", "17 jarig"
    re.compile(
        rf"\b(?P<value>{AGE_VALUE})(?:\s*-\s*|\s+)?jarige?n?\b"
        r"(?!\s+(?:opleiding|contract|periode|traject|indicatie|project|termijn|beschikking"
        r"|studie|cursus|proef|plan|garantie|looptijd))",
        re.IGNORECASE,
    ),
    # "68 jaar oud"
    re.compile(rf"\b(?P<value>{AGE_VALUE})\s+{_YEARS}\s+oud\b", re.IGNORECASE),
    # "leeftijd: 34", "lft 34", "leeftijd van 34"
    re.compile(
        rf"\b(?:leeftijd|lft\.?)(?:\s+van)?\s*[:=]?\s*(?P<value>{AGE_VALUE})\b", re.IGNORECASE
    ),
    # "toen hij 14 was"
    re.compile(
        rf"\btoen\s+(?:{_PRONOUNS})\s+(?P<value>{AGE_VALUE})(?:\s+{_YEARS})?(?:\s+oud)?"
        r"\s+(?:was|werd)\b",
        re.IGNORECASE,
    ),
    # "zoon van 14", "een jongen van 16 jaar", "twee zonen van 12 en 15 jaar"
    re.compile(
        rf"\b(?:{CHILD_NOUNS})\s+van\s+(?:(?P<value>\d{{1,3}}){_NOT_AGE_AFTER}"
        rf"|(?P<word>{_NUMBER_WORD})(?=\s+{_YEARS}))(?!\d)",
        re.IGNORECASE,
    ),
    # "(en) is 91", "en is 88 jaar": the subject was named before
    re.compile(
        rf"\ben\s+(?:is|ben|wordt|werd)\s+(?:nu\s+|al\s+|bijna\s+|net\s+)?(?P<value>{AGE_VALUE})"
        rf"(?:\s+{_YEARS})?{_AGE_END}",
        re.IGNORECASE,
    ),
]
# "<subject> is 82", "ik ben 19", "ze zijn allebei 70": the subject decides (checked in `find`:
# a pronoun, a relative, or a name found in the text).
AGE_AFTER_SUBJECT = re.compile(
    r"(?P<subject>\b[^\W\d_][\w'-]*)\s+(?:is|ben|bent|zijn|wordt|word|werd|was|waren)"
    r"\s+(?:(?:nu|al|bijna|net|pas|inmiddels|allebei|beiden|beide|ongeveer|ruim|zo'n|sinds"
    r"\s+kort)\s+)*"
    rf"(?:(?P<value>{AGE_VALUE})(?:\s+{_YEARS})?(?:\s+oud)?(?:\s+geworden)?{_AGE_END}"
    rf"|(?P<bare>\d{{1,3}})\b{_NOT_AGE_AFTER}(?!\s*{_YEARS}))",
    re.IGNORECASE,
)
# "Zoon 34 jr,", "nina 22 jaar en", "zoon, 23 jaar,": an age beside whom it is about.
AGE_BESIDE_SUBJECT = re.compile(
    rf"(?P<subject>\b[^\W\d_][\w'-]*),?\s+(?P<value>{AGE_VALUE})\s+{_YEARS}{_AGE_END}",
    re.IGNORECASE,
)
# "Vader (53)", "Fleur (17)", "mijn dochter (nu 30)", "Zoon (24 jaar)".
AGE_IN_BRACKETS = re.compile(
    rf"(?P<subject>\b[^\W\d_][\w'-]*\.?)\s*\(\s*(?:(?:m|v|man|vrouw|jongen|meisje)\s*[,/]\s*)?"
    r"(?:nu\s+|bijna\s+|ca\.?\s+)?"
    rf"(?P<value>1[01]\d|\d{{1,2}})(?:\s*{_YEARS})?\s*\)",
    re.IGNORECASE,
)
# "Mees van 8": an age after "van" right after a name found in the text.
AGE_AFTER_NAME = re.compile(
    rf"\s+van\s+(?P<value>\d{{1,3}})(?!\d|[.,]\d){_NOT_AGE_AFTER}", re.IGNORECASE
)
# "Sarah Visser (12-03-1980)": a date in brackets right after a person is a date of birth.
DATE_IN_BRACKETS = re.compile(rf"\s*\(\s*(?:geb\.?\s*|geboren\s+|\*\s*)?(?P<value>{DATE})\s*\)")
SUBJECT_NOUNS = re.compile(rf"(?:{_PRONOUNS}|{CHILD_NOUNS}|{PARENT_NOUNS})", re.IGNORECASE)


def list_continuation(text: str, end: int) -> list[tuple[int, int]]:
    """Further ages in a list after the one ending at `end`: "60 en 62", "12, 14 en 15"."""
    spans = []
    while match := _LIST_MORE.match(text, end):
        spans.append(match.span("value"))
        end = match.end("value")
    return spans
