"""What a round's answers say: response rate, per question the counts (or the average, or the
texts), break-downs by group, municipality or province — always suppressed (lib.suppression),
since a small cell could point at a person — and the trend over the rounds of a questionnaire's
versions (questions matched by key). Only completed responses count."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samensterk.lib import spreadsheet
from samensterk.lib.charts import bar_chart
from samensterk.lib.suppression import minimum, suppress_list, suppress_table

from . import engine
from .models import Answer, Kind, Question, Questionnaire, Response, Round

BREAKDOWNS = {
    "groep": "response__group__name",
    "gemeente": "response__municipality__name",
    "provincie": "response__municipality__province__name",
    "thema": "response__themes",  # a list: a respondent counts once under each theme
}


def completed(survey_round: Round):
    return Response.objects.filter(round=survey_round, completed_at__isnull=False)


def answers_by_key(survey_round: Round) -> dict[str, list]:
    found: dict[str, list] = {}
    rows = Answer.objects.filter(
        response__round=survey_round, response__completed_at__isnull=False
    ).values_list("question__key", "value")
    for key, value in rows:
        found.setdefault(key, []).append(value)
    return found


@dataclass
class Rate:
    invited: int
    answered: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0


def response_rate(survey_round: Round) -> Rate:
    return Rate(survey_round.invitations.count(), completed(survey_round).count())


def option_labels(question: Question) -> list[str]:
    if question.kind == Kind.YES_NO:
        return [_("ja"), _("nee")]
    if question.kind == Kind.SCALE:
        return [str(n) for n in range(question.scale_min, question.scale_max + 1)]
    return list(question.options)


def _labels_of(question: Question, value) -> list[str]:
    if isinstance(value, bool):
        return [_("ja") if value else _("nee")]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


@dataclass
class QuestionResult:
    question: Question
    answered: int
    counts: list[tuple[str, int, int]] = field(default_factory=list)  # label, n, percent
    average: float | None = None
    texts: list[str] = field(default_factory=list)
    matrix: list[tuple[str, list[int]]] = field(default_factory=list)
    chart: str = ""


def question_results(
    survey_round: Round, *, group=None, municipality=None, suppress: bool = False
) -> list[QuestionResult]:
    """Per question of the round's questionnaire, from the completed responses, optionally of
    one group or municipality. With `suppress` (a filter is a break-down) the counts become
    suppressed cells and no chart is drawn."""
    answers = Answer.objects.filter(response__in=_filtered(survey_round, group, municipality))
    by_question: dict[int, list] = {}
    for question_id, value in answers.values_list("question_id", "value"):
        by_question.setdefault(question_id, []).append(value)
    results = []
    for question in survey_round.questionnaire.questions.order_by("position", "pk"):
        values = by_question.get(question.pk, [])
        result = QuestionResult(question=question, answered=len(values))
        if question.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
            result.texts = [str(v) for v in values]
        elif question.kind == Kind.NUMBER:
            numbers = [v for v in values if isinstance(v, int | float)]
            result.average = round(sum(numbers) / len(numbers), 1) if numbers else None
        elif question.kind == Kind.MATRIX:
            result.matrix = [
                (row, [sum(1 for v in values if v.get(row) == o) for o in question.options])
                for row in question.rows
            ]
        else:
            tally = Counter(label for v in values for label in _labels_of(question, v))
            result.counts = [
                (label, tally[label], round(100 * tally[label] / len(values)) if values else 0)
                for label in option_labels(question)
            ]
            if suppress:
                table = suppress_list({label: n for label, n, _p in result.counts})
                result.counts = [
                    (label, table.cell(label, "n"), "") for label, _n, _p in result.counts
                ]
                result.average = None
                results.append(result)
                continue
            if question.kind == Kind.SCALE:
                scores = [v for v in values if isinstance(v, int)]
                result.average = round(sum(scores) / len(scores), 1) if scores else None
            result.chart = bar_chart(
                [(label, n) for label, n, _p in result.counts],
                title=question.text,
                description=_("Aantal antwoorden per keuze, n = %(n)d") % {"n": len(values)},
            )
        results.append(result)
    return results


def _filtered(survey_round: Round, group, municipality):
    responses = completed(survey_round)
    if group is not None:
        responses = responses.filter(group=group)
    if municipality is not None:
        responses = responses.filter(municipality=municipality)
    return responses


def breakdown(survey_round: Round, question: Question, by: str, k: int | None = None):
    """A suppressed table: rows = groups, municipalities or provinces, columns = answers."""
    path = BREAKDOWNS[by]
    counts: Counter = Counter()
    rows_seen: list[str] = []
    answers = Answer.objects.filter(
        question=question, response__round=survey_round, response__completed_at__isnull=False
    ).values_list(path, "value")
    for place, value in answers:
        for row in _rows_of(place):
            if row not in rows_seen:
                rows_seen.append(row)
            for label in _labels_of(question, value):
                counts[(row, label)] += 1
    rows = sorted(rows_seen)
    return suppress_table(counts, rows, option_labels(question), k=minimum(k))


def _rows_of(place) -> list[str]:
    if isinstance(place, list):
        return [str(p) for p in place] or [_("geen thema")]
    return [place or _("onbekend")]


def respondents_per_place(survey_round: Round, by: str = "gemeente", k: int | None = None):
    """How many answered per municipality (or province, or group), suppressed."""
    path = BREAKDOWNS[by].removeprefix("response__")
    counts = Counter(
        row
        for place in completed(survey_round).values_list(path, flat=True)
        for row in _rows_of(place)
    )
    return suppress_table(
        {(place, "n"): n for place, n in counts.items()}, sorted(counts), ["n"], k=minimum(k)
    )


def trend(survey_round: Round) -> list[tuple[Round, dict[str, str]]]:
    """The rounds of this questionnaire's versions, oldest first, with per question key a short
    figure: the share of "ja", or the average on a scale or number."""
    questionnaire = survey_round.questionnaire
    family = questionnaire.family_id or questionnaire.pk
    rounds = Round.objects.filter(
        questionnaire__in=Questionnaire.objects.filter(pk=family)
        | Questionnaire.objects.filter(family_id=family)
    ).order_by("opened_at", "pk")
    table = []
    for other in rounds:
        figures = {}
        answers = answers_by_key(other)
        for question in other.questionnaire.questions.all():
            values = answers.get(question.key, [])
            if not values:
                continue
            if question.kind == Kind.YES_NO:
                share = round(100 * sum(1 for v in values if v is True) / len(values))
                figures[question.key] = _("%(n)d%% ja") % {"n": share}
            elif question.kind in (Kind.SCALE, Kind.NUMBER):
                numbers = [v for v in values if isinstance(v, int | float)]
                if numbers:
                    figures[question.key] = f"{sum(numbers) / len(numbers):.1f}".replace(".", ",")
        table.append((other, figures))
    return table


def export_rows(survey_round: Round) -> tuple[list[str], list[list[str]]]:
    """One row per completed response; named only where the questionnaire is not anonymous."""
    questions = list(survey_round.questionnaire.questions.order_by("position", "pk"))
    header = ["antwoord", "ingevuld_op"]
    identified = not survey_round.questionnaire.anonymous
    if identified:
        header += ["groep", "naam"]
    header += [q.key for q in questions]
    rows = []
    responses = (
        completed(survey_round).select_related("group", "invitation").prefetch_related("answers")
    )
    for number, response in enumerate(responses, start=1):
        values = {a.question_id: a.value for a in response.answers.all()}
        row = [str(number), response.completed_at.date().isoformat()]
        if identified:
            row += [
                response.group.name if response.group else "",
                response.invitation.name if response.invitation else "",
            ]
        row += [engine.display(q, values.get(q.pk)) for q in questions]
        rows.append(row)
    return header, rows


def export_csv(survey_round: Round) -> str:
    header, rows = export_rows(survey_round)
    out = io.StringIO()
    spreadsheet.write_csv([header, *rows], out)
    return out.getvalue()


def export_xlsx(survey_round: Round) -> bytes:
    header, rows = export_rows(survey_round)
    return spreadsheet.write_xlsx([header, *rows], title=_("Antwoorden"))
