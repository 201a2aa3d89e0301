"""What a round's answers say: response rate, per question the counts (or the average, or the
texts) and the trend over the rounds of a questionnaire's versions (questions matched by key).
Only completed responses count. These are the exact figures: what may be shown, to anyone, is
decided by disclosure.py (one rule for every page and file), never here."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from samensterk.lib import spreadsheet
from samensterk.lib.charts import bar_chart

from . import engine
from .models import Answer, Kind, Question, Questionnaire, Response, Round


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


def labels_of(value) -> list[str]:
    if isinstance(value, bool):
        return [_("ja") if value else _("nee")]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def percent(n: int, of: int) -> int:
    return round(100 * n / of) if of else 0


@dataclass
class QuestionResult:
    question: Question
    answered: int
    counts: list[tuple[str, int, int]] = field(default_factory=list)  # label, n, percent
    average: float | None = None
    texts: list[str] = field(default_factory=list)
    texts_waiting: int = 0  # text answers the worker has yet to pseudonymise: not shown
    matrix: list[tuple[str, list[int]]] = field(default_factory=list)
    chart: str = ""


def question_results(
    survey_round: Round, responses, *, pseudonymised: bool = True, charts: bool = True
) -> list[QuestionResult]:
    """Per question of the round's questionnaire, from `responses` (completed ones): exact
    counts. Whether they may be shown at all is for disclosure.outcome to say; texts are the
    pseudonymised ones unless `pseudonymised` is off (rounds outside the rule)."""
    answers = Answer.objects.filter(response__in=responses)
    by_question: dict[int, list] = {}
    texts: dict[int, list] = {}
    for question_id, value, text in answers.values_list(
        "question_id", "value", "text_pseudonymised"
    ):
        by_question.setdefault(question_id, []).append(value)
        texts.setdefault(question_id, []).append(text)
    results = []
    for question in survey_round.questionnaire.questions.order_by("position", "pk"):
        values = by_question.get(question.pk, [])
        result = QuestionResult(question=question, answered=len(values))
        if question.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
            if pseudonymised:
                result.texts = [t for t in texts.get(question.pk, []) if t]
                result.texts_waiting = sum(
                    1
                    for v, t in zip(values, texts.get(question.pk, []), strict=True)
                    if not t and str(v).strip()
                )
            else:
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
            tally = Counter(label for v in values for label in labels_of(v))
            result.counts = [
                (label, tally[label], percent(tally[label], len(values)))
                for label in option_labels(question)
            ]
            if question.kind == Kind.SCALE:
                scores = [v for v in values if isinstance(v, int)]
                result.average = round(sum(scores) / len(scores), 1) if scores else None
            if charts:
                result.chart = bar_chart(
                    [(label, n) for label, n, _p in result.counts],
                    title=question.text,
                    description=_("Aantal antwoorden per keuze, n = %(n)d") % {"n": len(values)},
                )
        results.append(result)
    return results


def trend(survey_round: Round) -> list[tuple[Round, dict[str, str]]]:
    """The rounds of this questionnaire's versions, oldest first, with per question key a short
    figure: the share of "ja", or the average on a scale or number."""
    questionnaire = survey_round.questionnaire
    family = questionnaire.family_id or questionnaire.pk
    rounds = Round.objects.filter(
        questionnaire__in=Questionnaire.objects.filter(pk=family)
        | Questionnaire.objects.filter(family_id=family)
    ).order_by("opened_at", "pk")
    from .disclosure import applies, less_than, threshold

    table = []
    k = threshold()
    for other in rounds:
        figures = {}
        if applies(other) and completed(other).count() < k:
            # The rule per round: too few answered, no figure (each cell says so).
            hidden = less_than(k)
            table.append((other, {q.key: hidden for q in other.questionnaire.questions.all()}))
            continue
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


def _cell(question, value):
    """An answer for a file: a number stays a number (a number cell in Excel, to sum and
    sort), anything else as a person reads it."""
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    if question.kind in (Kind.SCALE, Kind.NUMBER) and numeric:
        return value
    return engine.display(question, value)


def export_rows(survey_round: Round) -> tuple[list[str], list[list]]:
    """What a round's file holds (counts, averages and numeric answers as numbers). A round
    outside the disclosure rule (member groups answering under their own name): one row per
    completed response, with the group. Any other: the results as on the page, under the same
    rule (disclosure.py) — nothing per respondent."""
    from .disclosure import applies

    if applies(survey_round):
        return _results_rows(survey_round)
    questions = list(survey_round.questionnaire.questions.order_by("position", "pk"))
    header = ["antwoord", "ingevuld_op", "groep", "naam"] + [q.key for q in questions]
    rows = []
    responses = (
        completed(survey_round).select_related("group", "invitation").prefetch_related("answers")
    )
    for number, response in enumerate(responses, start=1):
        values = {a.question_id: a.value for a in response.answers.all()}
        row = [number, timezone.localdate(response.completed_at)]
        row += [
            response.group.name if response.group else "",
            response.invitation.name if response.invitation else "",
        ]
        row += [_cell(q, values.get(q.pk)) for q in questions]
        rows.append(row)
    return header, rows


def _results_rows(survey_round: Round) -> tuple[list[str], list[list[str]]]:
    """Per question its answers with count and percentage, the average, the pseudonymised
    texts; and the respondents per municipality for a panel round. Under the threshold: the
    line that says why there is nothing."""
    from . import disclosure

    header = ["vraag", "antwoord", "aantal", "procent"]
    found = disclosure.outcome(survey_round, charts=False)
    if not found.shown:
        return header, [["", found.message, "", ""]]
    rows = [["", _("Aantal mensen dat reageerde"), found.respondents, ""]]
    for result in found.results:
        key = result.question.key
        rows += [[key, label, n, p] for label, n, p in result.counts]
        if result.average is not None:
            rows.append([key, _("gemiddeld"), result.average, ""])
        for row, counts in result.matrix:
            rows += [
                [f"{key}: {row}", option, n, percent(n, result.answered)]
                for option, n in zip(result.question.options, counts, strict=True)
            ]
        rows += [[key, text, "", ""] for text in result.texts]
    if survey_round.audience == "panel":
        part = disclosure.partition(survey_round, "gemeente")
        rows += [["gemeente", row, part.sizes[row], ""] for row in part.rows]
    return header, rows


def _csv_value(value):
    """CSV is text: a decimal number written the Dutch way (5,8), as the page shows it."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return value


def export_csv(survey_round: Round) -> str:
    header, rows = export_rows(survey_round)
    out = io.StringIO()
    spreadsheet.write_csv([header, *([_csv_value(v) for v in row] for row in rows)], out)
    return out.getvalue()


def export_xlsx(survey_round: Round) -> bytes:
    header, rows = export_rows(survey_round)
    return spreadsheet.write_xlsx([header, *rows], title=_("Antwoorden"))
