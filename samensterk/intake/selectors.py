"""Permission-checked reads of signals.

Who sees a signal:
- members of the group it belongs to (coordinators and volunteers);
- national staff and administrators of its organisation, when it belongs to the national office
  or was handed over to it (which needs the reporter's consent);
- an installation superuser.
In what form they see the story and whether they see contact details: disclosure.py, the one
rule. Every look at contact details is written to the audit log. Everything else answers 404.
"""

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from samensterk.accounts.permissions import Scope, scope_for
from samensterk.insight.municipality import place_names
from samensterk.insight.problem import facts, known_names
from samensterk.insight.similar import Analyser, analyser_for, explain, same_problem_nearest
from samensterk.places.models import Municipality
from samensterk.privacy.models import AuditLog

from . import disclosure, retention
from .models import Meeting, Signal, SignalContact, Status, tracking_hash


def visible_filter(scope: Scope) -> Q:
    """The owning side, plus national staff for what a group handed over (with consent)."""
    return scope.visible_q(shared_field="shared_with_national")


def _base() -> QuerySet[Signal]:
    return Signal.objects.select_related(
        "organisation", "group", "municipality", "theme", "assigned_to"
    )


def signal_get_in_scope(scope: Scope, reference: str) -> Signal:
    if not scope.has_membership:
        raise Http404
    signal = _base().filter(visible_filter(scope), reference=reference).first()
    if signal is None:
        raise Http404
    return signal


def signal_get_for_user(user, reference: str) -> Signal:
    return signal_get_in_scope(scope_for(user), reference)


# --- What a user may do with a signal they can see ------------------------------------------


def can_manage(scope: Scope, signal: Signal) -> bool:
    """Change status, theme, municipality, assignment, notes; hand over and back."""
    return disclosure.may_manage(scope, signal)


def can_see_contact(scope: Scope, signal: Signal) -> bool:
    return disclosure.contact_allowed(scope, signal, disclosure.Purpose.PAGE)


def story_for(
    scope: Scope, signal: Signal, purpose: disclosure.Purpose = disclosure.Purpose.PAGE
) -> str:
    """The story as this user may read it here (disclosure.py decides)."""
    return disclosure.story_text(scope, signal, purpose)


def signal_contact_for_user(user, signal: Signal) -> SignalContact | None:
    """The reporter's contact details, if the user may see them; the look is audited."""
    scope = scope_for(user)
    if not can_see_contact(scope, signal):
        raise Http404
    contact = SignalContact.objects.filter(signal=signal).first()
    AuditLog.objects.create(
        actor=user,
        organisation_id=signal.organisation_id,
        action=AuditLog.Action.VIEW_CONTACT,
        object_reference=signal.reference,
        detail="" if contact else "geen contactgegevens",
    )
    return contact


@dataclass(frozen=True)
class ContactRetention:
    """How long a signal's contact details are kept, without showing them (so no audit line)."""

    erase_on: date
    retain_until: date | None
    retain_reason: str
    days: int  # the usual term after receipt

    @property
    def overdue(self) -> bool:
        """Past the term: the next daily run erases them."""
        return self.erase_on <= timezone.localdate()


def contact_retention_for(scope: Scope, signal: Signal) -> ContactRetention | None:
    """None when there are no contact details, or the user may not see them."""
    if not can_see_contact(scope, signal):
        return None
    row = (
        SignalContact.objects.filter(signal=signal)
        .values_list("retain_until", "retain_reason")
        .first()
    )
    if row is None:
        return None
    retain_until, reason = row
    return ContactRetention(
        erase_on=retention.contact_erase_on(signal.received_at, retain_until),
        retain_until=retain_until,
        retain_reason=reason,
        days=settings.RETENTION_CONTACT_DAYS,
    )


def signal_get_by_tracking_code(code: str) -> Signal | None:
    code = (code or "").strip()
    if not code or len(code) > 20:
        return None
    return (
        Signal.objects.select_related("group", "organisation")
        .filter(tracking_hash=tracking_hash(code))
        .first()
    )


def submission_received(submission_id) -> bool:
    """True when the form with this token was stored already (it was sent before)."""
    return Signal.objects.filter(submission_id=submission_id).exists()


# --- Lists ----------------------------------------------------------------------------------


@dataclass
class SignalFilters:
    group: str = ""  # a group slug, or "landelijk" for the national office's own signals
    status: str = ""  # a status, or "open"
    theme: str = ""  # a theme code, or "geen"
    municipality: str = ""  # a CBS code
    province: str = ""  # a province's slug
    # The reader's own region (national staff, "regio=mijn"): None for no such filter.
    municipality_ids: set[int] | None = None
    channel: str = ""
    reporter_role: str = ""
    received_from: date | None = None
    received_until: date | None = None
    query: str = ""
    assigned: str = ""  # "mij" or "niemand"
    spam: str = ""  # "ja": only those flagged as possible spam, "nee": none of them


def signal_list_in_scope(scope: Scope, filters: SignalFilters, *, user=None) -> QuerySet[Signal]:
    if not scope.has_membership:
        return Signal.objects.none()
    queryset = _base().filter(visible_filter(scope))
    if filters.group == "landelijk":
        queryset = queryset.filter(group__isnull=True)
    elif filters.group:
        queryset = queryset.filter(group__slug=filters.group)
    if filters.status == "open":
        queryset = queryset.filter(status__in=[Status.NEW, Status.IN_PROGRESS])
    elif filters.status == "geteld":
        queryset = queryset.exclude(status=Status.WITHDRAWN)
    elif filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.theme == "geen":
        queryset = queryset.filter(theme__isnull=True)
    elif filters.theme:
        queryset = queryset.filter(theme__code=filters.theme)
    if filters.municipality:
        queryset = queryset.filter(municipality__code=filters.municipality)
    if filters.province:
        queryset = queryset.filter(municipality__province__slug=filters.province)
    if filters.municipality_ids is not None:
        queryset = queryset.filter(municipality__in=filters.municipality_ids)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if filters.reporter_role:
        queryset = queryset.filter(reporter_role=filters.reporter_role)
    tz = timezone.get_current_timezone()
    if filters.received_from:
        queryset = queryset.filter(
            received_at__gte=datetime.combine(filters.received_from, time.min, tzinfo=tz)
        )
    if filters.received_until:
        queryset = queryset.filter(
            received_at__lte=datetime.combine(filters.received_until, time.max, tzinfo=tz)
        )
    if filters.assigned == "mij" and user is not None:
        queryset = queryset.filter(assigned_to=user)
    elif filters.assigned == "niemand":
        queryset = queryset.filter(assigned_to__isnull=True)
    if filters.spam in ("ja", "nee"):
        queryset = queryset.filter(suspected_spam=filters.spam == "ja")
    if filters.query:
        queryset = _search(queryset, filters.query, scope)
    return queryset.order_by("-received_at", "-pk")


def _search(queryset: QuerySet[Signal], query: str, scope: Scope) -> QuerySet[Signal]:
    """Full-text search; the original story only where the user owns the signal, so that
    nobody finds a signal by a name that was pseudonymised away for them."""
    query = query.strip()[:200]
    if query.upper().startswith("S-") and len(query) == 11:
        return queryset.filter(reference=query.upper())
    owned = disclosure.told_q(scope)
    if connection.vendor == "postgresql":
        # Dutch stemming: "vervoer" also finds "vervoerde".
        search = SearchQuery(query, config="dutch", search_type="websearch")
        return queryset.annotate(
            own_text=SearchVector("story", config="dutch"),
            shared_text=SearchVector("story_pseudonymised", config="dutch"),
        ).filter((owned & Q(own_text=search)) | Q(shared_text=search))
    # SQLite: every word must occur (case-insensitive).
    for word in query.split()[:8]:
        queryset = queryset.filter(
            (owned & Q(story__icontains=word)) | Q(story_pseudonymised__icontains=word)
        )
    return queryset


def signal_events(signal: Signal):
    return signal.events.select_related("actor").order_by("at", "pk")


def with_stories(
    scope: Scope, signals, purpose: disclosure.Purpose = disclosure.Purpose.LIST
) -> list[Signal]:
    """The signals, each with `visible_story` as the disclosure rule gives it to this reader."""
    signals = list(signals)
    for signal in signals:
        signal.visible_story = disclosure.story_text(scope, signal, purpose)
    return signals


def recent_registrations(user, *, limit: int = 5) -> list[Signal]:
    """The last signals this user typed in, for correction (staff intake)."""
    scope = scope_for(user)
    signals = _base().filter(visible_filter(scope), created_by=user).order_by("-created_at")
    return with_stories(scope, signals[:limit])


def meeting_signals(user, meeting: Meeting) -> list[Signal]:
    scope = scope_for(user)
    signals = meeting.signals.filter(visible_filter(scope)).select_related("theme", "municipality")
    return with_stories(scope, signals.order_by("-created_at"))


def meeting_get_for_user(user, reference: str) -> Meeting:
    scope = scope_for(user)
    meeting = (
        Meeting.objects.select_related("group", "municipality").filter(reference=reference).first()
    )
    if meeting is None:
        raise Http404
    if not scope.owns(meeting):
        raise Http404
    return meeting


def signal_visible_to(user, signal: Signal) -> bool:
    return Signal.objects.filter(visible_filter(scope_for(user)), pk=signal.pk).exists()


def signals_manageable_by(scope: Scope, references: list[str]) -> list[Signal]:
    signals = _base().filter(visible_filter(scope), reference__in=references)
    return [s for s in signals if can_manage(scope, s)]


def can_register(scope: Scope) -> bool:
    """Typing in signals (phone, paper, meetings): group members and national staff."""
    return scope.has_membership


def assignable_people(signal: Signal) -> list[tuple[int, str]]:
    """Who a signal can be assigned to: members of its group, and the national staff when the
    office has it (its own, or handed over)."""
    from samensterk.accounts.models import GroupMembership, OrganisationMembership

    people: dict[int, str] = {}
    if signal.group_id is not None:
        rows = GroupMembership.objects.filter(group_id=signal.group_id)
        people.update(rows.values_list("user_id", "user__full_name"))
    if signal.group_id is None or signal.shared_with_national:
        rows = OrganisationMembership.objects.filter(organisation_id=signal.organisation_id)
        people.update(rows.values_list("user_id", "user__full_name"))
    return sorted(people.items(), key=lambda item: (item[1], item[0]))


def handover_state(scope: Scope, signal: Signal) -> str:
    """Where the signal is: "national" (the office alone), "group" (the group alone),
    "handed_up" (a group's, shared with the office), "handed_down" (the office's, given to a
    group)."""
    if signal.group_id is None:
        return "national"
    if signal.handed_down:
        return "handed_down"
    return "handed_up" if signal.shared_with_national else "group"


def handover_groups(signal: Signal) -> list:
    """Groups the national office can hand a signal to; those covering its municipality first."""
    from samensterk.accounts.models import LocalGroup

    groups = list(
        LocalGroup.objects.filter(organisation_id=signal.organisation_id, active=True)
        .prefetch_related("municipalities")
        .order_by("name")
    )
    for group in groups:
        group.covers = signal.municipality_id is not None and any(
            m.pk == signal.municipality_id for m in group.municipalities.all()
        )
    return sorted(groups, key=lambda g: (not g.covers, g.name))


def meetings_for_user(user, *, limit: int = 20) -> QuerySet[Meeting]:
    scope = scope_for(user)
    meetings = Meeting.objects.filter(scope.owned_q())
    return meetings.select_related("group", "municipality").order_by("-date", "-created_at")[:limit]


def open_counts_by_group(group_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{group id: (new, open)} for the overview and the group dashboard, counted from the
    index on (group, status); callers pass only groups the user is in."""
    counts: dict[int, list[int]] = {}
    rows = (
        Signal.objects.filter(group_id__in=group_ids, status__in=[Status.NEW, Status.IN_PROGRESS])
        .values_list("group_id", "status")
        .annotate(n=Count("*"))
        .order_by()
    )
    for group_id, status, n in rows:
        new_open = counts.setdefault(group_id, [0, 0])
        new_open[1] += n
        if status == Status.NEW:
            new_open[0] += n
    return {group_id: tuple(n) for group_id, n in counts.items() if n[1]}


def theme_proposals(signal: Signal) -> list[dict]:
    """The stored suggestions with their Theme objects (retired themes left out)."""
    from samensterk.themes.models import Theme

    codes = [s["code"] for s in signal.theme_suggestions or []]
    themes = {t.code: t for t in Theme.objects.active().filter(code__in=codes)}
    return [
        {**s, "theme": themes[s["code"]], "percent": round(s["confidence"] * 100)}
        for s in signal.theme_suggestions or []
        if s["code"] in themes
    ]


LEXICON_SAMPLE = 20_000  # the newest stories of an organisation its lexicon is made from
LEXICON_SECONDS = 3600  # the lexicon changes slowly; made again at most once an hour
LEXICON_VERSION = 1  # raise when the analyser changes what a lexicon holds


def similar_analyser(organisation_id: int) -> Analyser:
    """The analyser for an organisation's similar signals. Its lexicon (which compound tails
    count) is shared by all processes through the cache: making it reads and stems thousands of
    stories, half the work of a search."""
    key = f"similar-lexicon:{organisation_id}"
    lexicon = cache.get(key, version=LEXICON_VERSION)
    if lexicon is None:
        texts = list(
            Signal.objects.filter(organisation_id=organisation_id)
            .exclude(story_pseudonymised="")
            .exclude(status=Status.WITHDRAWN)
            .order_by("-pk")
            .values_list("story_pseudonymised", flat=True)[:LEXICON_SAMPLE]
        )
        lexicon = sorted(analyser_for(texts).lexicon)
        cache.set(key, lexicon, LEXICON_SECONDS, version=LEXICON_VERSION)
    return Analyser(lexicon)


def similar_for(scope: Scope, signal: Signal, *, limit: int = 5) -> list[dict]:
    """Signals that are the same problem as this one and that the user may see, with the
    facts they share (the same school, place, kind of trouble); possibly none.

    The candidates are the signals of its organisation in the user's scope, read in one query;
    they are scored exactly in memory (insight.similar). Only pseudonymised stories take part:
    what two signals share may not rest on a person's name.
    """
    if not signal.story:
        return []
    candidates = (
        Signal.objects.filter(visible_filter(scope), organisation_id=signal.organisation_id)
        .exclude(pk=signal.pk)
        .exclude(status=Status.WITHDRAWN)
        .exclude(story_pseudonymised="")
        .annotate(place=Coalesce("municipality_id", "suggested_municipality_id"))
        .order_by("pk")  # ties rank the older signal first
        .values_list("pk", "story_pseudonymised", "place")
    )
    pks, texts, places = [], [], []
    for pk, text, place in candidates.iterator(chunk_size=2000):
        pks.append(pk)
        texts.append(text)
        places.append(place or 0)
    own_text = signal.story_pseudonymised or signal.story
    own_place = signal.municipality_id or signal.suggested_municipality_id or 0
    names = place_names()
    found = same_problem_nearest(
        own_text,
        texts,
        limit,
        place=own_place,
        places=places,
        analyser=similar_analyser(signal.organisation_id),
        place_names=names,
    )
    shown = _base().in_bulk([pks[i] for i, _score in found])
    same_place = {places[i] for i, _score in found if own_place and places[i] == own_place}
    place_name = (
        Municipality.objects.filter(pk=own_place).values_list("name", flat=True).first()
        if same_place
        else None
    )
    # The reasons come from the texts the user may see: pseudonymised, never a person's name.
    own_text = signal.story_pseudonymised or story_for(scope, signal)
    own_facts = facts(own_text, names)
    results = []
    for i, score in found:
        other = shown.get(pks[i])
        if other is None:
            continue
        other_text = story_for(scope, other, disclosure.Purpose.SIMILAR)
        other_facts = facts(other_text, names)
        known_names([own_facts, other_facts])
        reasons = explain(
            own_facts,
            other_facts,
            place=place_name if places[i] == own_place else None,
            text_a=own_text,
            text_b=other_text,
        )
        if reasons:  # a match with nothing distinctive to show is not offered
            results.append({"signal": other, "reasons": reasons, "score": score})
    return results


# --- Staff intake: the same story twice ------------------------------------------------------

DUPLICATE_DAYS = 14
DUPLICATE_SIMILARITY = 0.9  # difflib ratio of the normalised texts: a retyped or pasted story
_DUPLICATE_SCAN = 2000  # the most recent signals compared by text; contact details use an index


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", (text or "").casefold()).split())


def possible_duplicates(
    user, *, story: str, email: str = "", phone: str = "", limit: int = 5
) -> list[Signal]:
    """Signals this user may see, registered in the last DUPLICATE_DAYS days, that look like the
    same call again: (nearly) the same text, or the same contact e-mail or phone number. Each
    with `visible_story` and `duplicate_reason`."""
    from difflib import SequenceMatcher

    from django.core.exceptions import ValidationError

    from .services import clean_phone

    scope = scope_for(user)
    if not scope.has_membership:
        return []
    recent = (
        _base()
        .filter(visible_filter(scope), created_at__gte=timezone.now() - timedelta(DUPLICATE_DAYS))
        .exclude(status=Status.WITHDRAWN)
        .order_by("-created_at")
    )
    found: dict[int, Signal] = {}
    contact = Q()
    if email and email.strip():
        contact |= Q(contact__email__iexact=email.strip())
    if phone and phone.strip():
        with suppress(ValidationError):  # not a phone number: nothing to compare
            contact |= Q(contact__phone=clean_phone(phone))
    if contact:
        for signal in recent.filter(contact)[:limit]:
            signal.duplicate_reason = "contact"
            found[signal.pk] = signal
    text = _normalised(story)
    if text:
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(text)
        for signal in recent.exclude(pk__in=list(found))[:_DUPLICATE_SCAN]:
            if len(found) >= limit:
                break
            other = _normalised(signal.story)
            if not other or min(len(text), len(other)) < DUPLICATE_SIMILARITY * max(
                len(text), len(other)
            ):
                continue
            matcher.set_seq1(other)
            if other == text or (
                matcher.real_quick_ratio() >= DUPLICATE_SIMILARITY
                and matcher.quick_ratio() >= DUPLICATE_SIMILARITY
                and matcher.ratio() >= DUPLICATE_SIMILARITY
            ):
                signal.duplicate_reason = "text"
                found[signal.pk] = signal
    return with_stories(scope, list(found.values())[:limit])
