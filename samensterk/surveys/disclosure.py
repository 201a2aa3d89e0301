"""The one rule for survey results — the panel, any questionnaire, course evaluations — on every
page and in every file, whoever looks: a panel member, a coordinator, national staff.

- All or nothing per group of respondents (everyone, one municipality, province, local group or
  theme): its results are shown only when at least `threshold()` people in it answered
  (SURVEY_RESPONDENT_THRESHOLD, default 10, never below 5). Then exact counts and percentages;
  otherwise one line (`hidden_message`) and no figure at all, not even how many answered
  ("minder dan 10"). No per-cell "< 5": with a handful of respondents any figure gives answers
  away, and with enough of them no cell needs hiding.
- Break-downs: places under the threshold are merged into an "overige ..." row. Is that row still
  under it, the smallest place shown on its own joins it, until it is not (or nothing is left on
  its own). A row is never just left out: the overall result minus the rows shown would give it
  away. Municipalities are merged within their province ("overige gemeenten in Utrecht"), so a
  province row is always the sum of municipality rows shown and no difference between the two
  tables points at a small place. One municipality or group on its own (a filter, a local
  group's page) is shown only when it stands alone in that table. Themes overlap (a respondent
  counts under each of theirs), so no subtraction recovers the merged themes exactly: that row
  is left out when it is under the threshold.
- Free text only pseudonymised (Answer.text_pseudonymised, made by the task worker, tasks.py).
- Who answered an anonymous questionnaire is never listed: only how many were invited and
  answered, overall (see `invitee_list`).

Rounds sent to member groups under their own name (the monitor, not anonymous) are outside the
rule: the respondents are groups answering on the record for their group (the questionnaire says
so), and staff see each group's own answers anyway. The rule protects people.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from . import results
from .models import Answer, Audience, Round

NEVER_BELOW = 5
DEFAULT = 10
BY = ("gemeente", "provincie", "groep", "thema")


def threshold() -> int:
    """SURVEY_RESPONDENT_THRESHOLD, checked (settings.py checks it at start-up too)."""
    k = getattr(settings, "SURVEY_RESPONDENT_THRESHOLD", DEFAULT)
    if k < NEVER_BELOW:
        raise ImproperlyConfigured(
            f"SURVEY_RESPONDENT_THRESHOLD must be {NEVER_BELOW} or more, not {k}."
        )
    return k


def applies(survey_round: Round) -> bool:
    """False only for a round sent to member groups under their own name (see above)."""
    return survey_round.questionnaire.anonymous or survey_round.audience != Audience.GROUPS


def hidden_message(k: int) -> str:
    return _(
        "Te weinig mensen hebben gereageerd (minder dan %(k)d). "
        "Daarom tonen we hier geen uitkomsten."
    ) % {"k": k}


def less_than(k: int) -> str:
    return _("minder dan %(k)d") % {"k": k}


@dataclass
class Outcome:
    """The results of one group of respondents, or why there are none."""

    shown: bool
    k: int
    respondents: int | None = None  # None when not shown: the count itself is not told
    results: list = field(default_factory=list)  # results.QuestionResult
    merged: bool = False  # not shown on its own: merged with other places in the break-down

    @property
    def message(self) -> str:
        if self.shown:
            return ""
        if self.merged:
            return _(
                "Hier hebben te weinig mensen gereageerd om deze plaats apart te tonen: ze "
                "tellen mee met andere plaatsen. Daarom tonen we hier geen uitkomsten."
            )
        return hidden_message(self.k)

    @property
    def respondents_text(self) -> str:
        return str(self.respondents) if self.shown else less_than(self.k)


def outcome(survey_round: Round, responses=None, *, charts: bool = True) -> Outcome:
    """The results of `responses` (completed ones of the round; default all of them)."""
    k = threshold()
    if responses is None:
        responses = results.completed(survey_round)
    n = responses.count()
    protected = applies(survey_round)
    if protected and n < k:
        return Outcome(False, k)
    found = results.question_results(
        survey_round, responses, pseudonymised=protected, charts=charts
    )
    return Outcome(True, k, n, found)


def response_rate(survey_round: Round) -> dict:
    """Invited and answered, overall; how many answered only when at the threshold."""
    rate = results.response_rate(survey_round)
    k = threshold()
    shown = not applies(survey_round) or rate.answered >= k
    return {
        "invited": rate.invited,
        "answered": str(rate.answered) if shown else less_than(k),
        "percent": rate.percent if shown else None,
        "shown": shown,
    }


def invitee_list(survey_round: Round) -> bool:
    """Whether staff see who was invited with who answered: never for an anonymous
    questionnaire (the status would tell who answered)."""
    return not survey_round.questionnaire.anonymous


# --- Break-downs ----------------------------------------------------------------------------


@dataclass
class Partition:
    """The respondents of a round split into rows that may be shown."""

    by: str
    k: int
    shown: bool
    rows: list[str] = field(default_factory=list)
    row_of: dict[int, list[str]] = field(default_factory=dict)  # response pk -> rows
    sizes: dict[str, int] = field(default_factory=dict)  # row -> respondents
    merged: list[str] = field(default_factory=list)  # the places merged into "overige" rows
    left_out: bool = False  # only themes: the merged row was under the threshold

    @property
    def table(self) -> list[tuple[str, int]]:
        """(row, respondents): every count at least the threshold."""
        return [(row, self.sizes[row]) for row in self.rows]


def _fold(sizes: dict[str, int], k: int) -> set[str]:
    """The names that stand alone: each with at least k, and the rest together none or at
    least k (the smallest ones that stood alone join the rest until it is)."""
    alone = {name for name, n in sizes.items() if n >= k}
    rest = sum(n for name, n in sizes.items() if name not in alone)
    for name in sorted(alone, key=lambda name: (sizes[name], name)):
        if rest == 0 or rest >= k:
            break
        alone.discard(name)
        rest += sizes[name]
    return alone


def partition(survey_round: Round, by: str) -> Partition:
    k = threshold()
    responses = results.completed(survey_round)
    protected = applies(survey_round)
    if by in ("gemeente", "provincie"):
        unknown = _("onbekend")
        items = [
            (pk, place or unknown, province or unknown)
            for pk, place, province in responses.values_list(
                "pk", "municipality__name", "municipality__province__name"
            )
        ]
    elif by == "groep":
        items = [
            (pk, name or _("geen groep"), "")
            for pk, name in responses.values_list("pk", "group__name")
        ]
    elif by == "thema":
        return _theme_partition(responses, k, protected)
    else:
        raise ValueError(by)
    if protected and len(items) < k:
        return Partition(by, k, shown=False)
    if not protected:
        k = 1  # every place stands alone
    provinces = Counter(province for _pk, _place, province in items)
    provinces_alone = _fold(provinces, k)
    places_alone: dict[str, set[str]] = {
        province: _fold(Counter(place for _pk, place, other in items if other == province), k)
        for province in provinces_alone
    }
    row_of, merged, merges = {}, set(), set()
    for pk, place, province in items:
        own = province if by == "provincie" else place
        if by == "provincie":
            row = province if province in provinces_alone else _("overige provincies")
        elif by == "groep":
            row = place if place in places_alone[province] else _("overige groepen")
        elif province not in provinces_alone:
            row = _("gemeenten in overige provincies")
        elif place in places_alone[province]:
            row = place
        elif places_alone[province]:
            row = _("overige gemeenten in %(province)s") % {"province": province}
        else:
            row = _("gemeenten in %(province)s") % {"province": province}
        if row != own:
            merged.add(own)
            merges.add(row)
        row_of[pk] = [row]
    sizes = Counter(rows[0] for rows in row_of.values())
    rows = sorted(set(sizes) - merges) + sorted(merges)
    return Partition(by, threshold(), True, rows, row_of, dict(sizes), merged=sorted(merged))


def _theme_partition(responses, k: int, protected: bool) -> Partition:
    items = [
        (pk, [str(t) for t in themes] or [_("geen thema")])
        for pk, themes in responses.values_list("pk", "themes")
    ]
    if protected and len(items) < k:
        return Partition("thema", k, shown=False)
    sizes = Counter(theme for _pk, themes in items for theme in themes)
    alone = {theme for theme, n in sizes.items() if n >= k or not protected}
    other = _("overige thema's")
    in_other = [pk for pk, themes in items if any(t not in alone for t in themes)]
    show_other = len(in_other) >= k
    row_of = {}
    for pk, themes in items:
        rows = sorted(t for t in themes if t in alone)
        if show_other and pk in in_other:
            rows.append(other)
        row_of[pk] = rows
    rows = sorted(alone) + ([other] if show_other else [])
    row_sizes = Counter(row for rows_ in row_of.values() for row in rows_)
    return Partition(
        "thema", k, True, rows, row_of, dict(row_sizes),
        merged=sorted(set(sizes) - alone), left_out=bool(in_other) and not show_other,
    )  # fmt: skip


@dataclass
class Breakdown:
    """One question's answers per row of a partition: counts and percentages of the row."""

    partition: Partition
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str, list[tuple[int, int]], int]] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.partition.shown


def breakdown(survey_round: Round, question, by: str) -> Breakdown:
    part = partition(survey_round, by)
    found = Breakdown(part)
    if not part.shown:
        return found
    found.columns = results.option_labels(question)
    counts: Counter = Counter()
    answered: Counter = Counter()
    values = Answer.objects.filter(
        question=question, response__in=results.completed(survey_round)
    ).values_list("response_id", "value")
    for response_id, value in values:
        for row in part.row_of.get(response_id, []):
            answered[row] += 1
            for label in results.labels_of(value):
                counts[(row, label)] += 1
    for row in part.rows:
        cells = [
            (counts[(row, c)], results.percent(counts[(row, c)], answered[row]))
            for c in found.columns
        ]
        found.rows.append((row, cells, answered[row]))
    return found


def place_outcome(survey_round: Round, *, municipality=None, group=None, charts=True) -> Outcome:
    """The results of one municipality or group: only when it stands alone in the break-down
    by municipality or group (else a difference of shown figures would point at others)."""
    by, name = (
        ("gemeente", municipality.name) if municipality is not None else ("groep", group.name)
    )
    responses = results.completed(survey_round)
    if municipality is not None:
        responses = responses.filter(municipality=municipality)
    else:
        responses = responses.filter(group=group)
    found = outcome(survey_round, responses, charts=charts)
    if found.shown and name not in partition(survey_round, by).rows:
        return Outcome(False, found.k, merged=True)
    return found
