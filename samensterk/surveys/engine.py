"""The rules of answering, the same for the respondent, the phone entry by staff and the
results: which questions are shown (conditions), what a valid answer is, and how an answer
reads as text. No views here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Kind, Question

YES, NO = "ja", "nee"
MAX_TEXT = {Kind.SHORT_TEXT: 300, Kind.LONG_TEXT: 5000}


def as_strings(value) -> set[str]:
    """An answer as the strings a condition compares with."""
    if value is None:
        return set()
    if isinstance(value, bool):
        return {YES if value else NO}
    if isinstance(value, list):
        return {str(v) for v in value}
    if isinstance(value, dict):
        return {str(v) for v in value.values()}
    if isinstance(value, float) and value.is_integer():
        return {str(int(value))}
    return {str(value)}


def visible(questions: list[Question], answers: dict[int, object]) -> list[Question]:
    """The questions shown, in order: a question with a condition only when its condition
    question is shown and answered with one of the chosen values."""
    shown: list[Question] = []
    shown_ids: set[int] = set()
    for question in questions:
        condition = question.condition_question_id
        if condition is not None:
            if condition not in shown_ids:
                continue
            if not as_strings(answers.get(condition)) & set(map(str, question.condition_values)):
                continue
        shown.append(question)
        shown_ids.add(question.pk)
    return shown


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def parse(question: Question, data, prefix: str = "") -> object:
    """The answer to one question from a submitted form (a QueryDict); None when left empty.
    Raises ValidationError with a Dutch message for an answer that cannot be."""
    name = f"{prefix}q{question.pk}"
    kind = question.kind
    if kind == Kind.MULTIPLE:
        chosen = [v for v in data.getlist(name) if v]
        unknown = [v for v in chosen if v not in question.options]
        if unknown:
            raise ValidationError(_("Kies uit de antwoorden die er staan."))
        value = [o for o in question.options if o in chosen]  # the questionnaire's order
    elif kind == Kind.MATRIX:
        value = {}
        for row in question.rows:
            cell = data.get(f"{name}_{question.rows.index(row)}", "")
            if cell and cell not in question.options:
                raise ValidationError(_("Kies uit de antwoorden die er staan."))
            if cell:
                value[row] = cell
        if value and question.required and len(value) < len(question.rows):
            raise ValidationError(_("Kies bij elk onderdeel een antwoord."))
    else:
        raw = (data.get(name) or "").strip()
        value = _parse_one(question, raw) if raw else None
    if question.required and is_empty(value):
        raise ValidationError(_("Deze vraag moet je beantwoorden."))
    return None if is_empty(value) else value


def _parse_one(question: Question, raw: str):
    kind = question.kind
    if kind == Kind.SINGLE:
        if raw not in question.options:
            raise ValidationError(_("Kies uit de antwoorden die er staan."))
        return raw
    if kind == Kind.YES_NO:
        if raw not in (YES, NO):
            raise ValidationError(_("Kies ja of nee."))
        return raw == YES
    if kind == Kind.SCALE:
        try:
            number = int(raw)
        except ValueError:
            number = None
        if number is None or not question.scale_min <= number <= question.scale_max:
            raise ValidationError(
                _("Kies een getal van %(low)d tot en met %(high)d.")
                % {"low": question.scale_min, "high": question.scale_max}
            )
        return number
    if kind == Kind.NUMBER:
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            raise ValidationError(_("Vul een getal in, bijvoorbeeld 12.")) from None
        if abs(number) > 1e9 or number != number:
            raise ValidationError(_("Vul een getal in, bijvoorbeeld 12."))
        return int(number) if number.is_integer() else number
    limit = MAX_TEXT.get(kind, 300)
    if len(raw) > limit:
        raise ValidationError(_("Dit antwoord is te lang (hoogstens %(n)d tekens).") % {"n": limit})
    return raw


def display(question: Question, value) -> str:
    """An answer as a person reads it."""
    if is_empty(value):
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, dict):
        return "; ".join(f"{row}: {value[row]}" for row in question.rows if row in value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)
