"""The rules for what a reporter types: the story and the contact details. Every way in (the
meldknop, staff intake, the API, imports) uses them, so one rule gives one message."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

STORY_MAX = 10_000

STORY_EMPTY = _("Vertel wat er is gebeurd. Schrijf het in je eigen woorden.")
STORY_TOO_LONG = _("Je verhaal is te lang: %(count)s tekens. Het mag hoogstens 10.000 tekens zijn.")
# E-mail: a message for the actual problem, so nobody is told to add an @ that is there.
EMAIL_INVALID = _(
    "Dit e-mailadres klopt niet. Kijk of je het goed hebt geschreven, "
    "bijvoorbeeld naam@voorbeeld.nl."
)
EMAIL_NO_AT = _("Er staat geen @ in dit e-mailadres. Schrijf het zo: naam@voorbeeld.nl.")
EMAIL_TWO_ATS = _("Er staat meer dan één @ in dit e-mailadres. Er mag maar één @ in staan.")
EMAIL_SPACE = _("Er staat een spatie in dit e-mailadres. Haal de spatie weg.")
EMAIL_COMMA = _("Er staat een komma in dit e-mailadres. Gebruik een punt: naam@voorbeeld.nl.")
EMAIL_NOTHING_BEFORE_AT = _(
    "Voor de @ ontbreekt iets. Schrijf het hele adres, bijvoorbeeld naam@voorbeeld.nl."
)
EMAIL_BAD_DOMAIN = _("Na de @ ontbreekt iets of klopt iets niet. Bijvoorbeeld: naam@voorbeeld.nl.")
# Phone: Dutch numbers, or international ones with 00 or + and the country code; a short note
# after the number ("0612345678 (na 17u)") is kept.
PHONE_INVALID = _(
    "Dit telefoonnummer klopt niet. Schrijf het zo: 06 12345678, of met de landcode: "
    "+32 470 12 34 56."
)
PHONE_NO_DIGITS = _(
    "Hier staat geen telefoonnummer. Schrijf het nummer met cijfers, bijvoorbeeld 06 12345678."
)
PHONE_DUTCH_LENGTH = _(
    "Dit telefoonnummer heeft %(count)s cijfers. Een Nederlands nummer heeft 10 cijfers, "
    "bijvoorbeeld 06 12345678."
)
PHONE_START = _(
    "Begin het nummer met 0, of met + of 00 en de landcode. Bijvoorbeeld 06 12345678 of "
    "+32 470 12 34 56."
)
PHONE_FOREIGN_LENGTH = _(
    "Dit buitenlandse nummer heeft %(count)s cijfers. Met de landcode zijn het er 8 tot 15, "
    "bijvoorbeeld +32 470 12 34 56."
)
PHONE_NOTE_TOO_LONG = _(
    "De tekst achter het nummer is te lang. Schrijf hoogstens 30 tekens, bijvoorbeeld: na 17 uur."
)
PHONE_NOTE_MAX = 30
CONTACT_MISSING = _("Je wilt dat we contact opnemen. Vul dan je e-mailadres of telefoonnummer in.")

_PHONE_CLEAN = re.compile(r"[\s().\-/]")
_PHONE = re.compile(r"^(?:\+31|0031|0)([1-9]\d{8})$")
_PHONE_FOREIGN = re.compile(r"^(?:\+|00)([1-9]\d{7,14})$")
# The number: digits with the usual separators; whatever follows is a note about it.
_PHONE_NUMBER_PART = re.compile(r"^\+?[\d\s().\-/]*")
_PHONE_NOTE = re.compile(r"[^\W\d_]")  # a note has words in it


def clean_story(story: str) -> str:
    story = (story or "").replace("\r\n", "\n").strip()
    if not strip_tags(story).strip():
        raise ValidationError({"story": STORY_EMPTY})
    if len(story) > STORY_MAX:
        raise ValidationError(
            {"story": ValidationError(STORY_TOO_LONG, params={"count": story_length(story)})}
        )
    return story


def story_length(story: str) -> str:
    """The length as the reporter reads numbers: 10.250."""
    return f"{len(story):,}".replace(",", ".")


def _phone_number(digits: str) -> str | None:
    """The stored form of a number without separators, or None if it is no phone number."""
    digits = digits.replace("(0)", "")  # +31 (0)6 ...: the 0 is not dialled from abroad
    digits = _PHONE_CLEAN.sub("", digits)
    if match := _PHONE.match(digits):
        return "0" + match.group(1)
    match = _PHONE_FOREIGN.match(digits)
    if match and not match.group(1).startswith("31"):  # a Dutch one follows the Dutch rule
        return "+" + match.group(1)
    return None


def _phone_problem(number: str):
    """Why a number without a note is no phone number: the message for that problem."""
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    compact = _PHONE_CLEAN.sub("", number)
    if not digits:
        return PHONE_NO_DIGITS
    if compact.startswith("+31") or compact.startswith("0031"):
        national = digits[4:] if compact.startswith("0031") else digits[2:]
        return ValidationError(PHONE_DUTCH_LENGTH, params={"count": len(national) + 1})
    if compact.startswith("+") or compact.startswith("00"):
        count = len(digits) - (2 if compact.startswith("00") else 0)
        return ValidationError(PHONE_FOREIGN_LENGTH, params={"count": count})
    if compact.startswith("0"):
        return ValidationError(PHONE_DUTCH_LENGTH, params={"count": len(digits)})
    return PHONE_START


def clean_phone(phone: str) -> str:
    """A phone number in one notation: Dutch ones as 0612345678 (+31... too), foreign ones as
    +32470123456. A short note after it ("0612345678 (na 17u)") is kept behind the number."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    head = _PHONE_NUMBER_PART.match(phone).group(0)
    # The longest start that is a valid number: "0612345678 17u" is the number and "17u".
    for end in range(len(head), 0, -1):
        if not head[end - 1].isdigit() and head[end - 1] != ")":
            continue
        number = _phone_number(head[:end])
        if number is None:
            continue
        note = phone[end:].strip()
        if note and (note[0].isdigit() or not _PHONE_NOTE.search(note)):
            continue  # digits after it are part of a (mistyped) number, not a note
        if len(note) > PHONE_NOTE_MAX:
            raise ValidationError({"contact_phone": PHONE_NOTE_TOO_LONG})
        return f"{number} {note}" if note else number
    raise ValidationError({"contact_phone": _phone_problem(head.strip() or phone)})


def _email_problem(email: str):
    if " " in email:
        return EMAIL_SPACE
    if "@" not in email:
        return EMAIL_NO_AT
    if email.count("@") > 1:
        return EMAIL_TWO_ATS
    if "," in email:
        return EMAIL_COMMA
    local, domain = email.split("@")
    if not local:
        return EMAIL_NOTHING_BEFORE_AT
    if not domain or "." not in domain or domain.startswith(".") or domain.endswith("."):
        return EMAIL_BAD_DOMAIN
    return EMAIL_INVALID


def clean_email(email: str) -> str:
    email = (email or "").strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"contact_email": _email_problem(email)}) from None
    return email.lower()


def clean_contact(*, consent_contact: bool, name: str, email: str, phone: str) -> dict:
    """Contact details only with consent; without it they are dropped, never stored."""
    if not consent_contact:
        return {}
    errors = {}
    cleaned = {"name": (name or "").strip()[:150]}
    for field, cleaner in (("email", clean_email), ("phone", clean_phone)):
        try:
            cleaned[field] = cleaner(email if field == "email" else phone)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if not cleaned["email"] and not cleaned["phone"]:
        raise ValidationError({"contact_email": CONTACT_MISSING})
    return cleaned
