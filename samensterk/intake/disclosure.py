"""The disclosure rule: in what form a viewer gets a signal's story and contact details.

One function decides, for (viewer, signal, purpose), whether the story is shown as told,
pseudonymised, or not at all — and whether the contact details are shown. Every page, file and
message that shows a story asks here (pages, lists, agenda page/PDF/DOCX, signal report,
exports, API, similar-signal snippets, search results, e-mails). The matrix is written out in
docs/architecture.md ("Who reads a story") and tested cell by cell in tests/test_disclosure.py.

The sides of a signal:
- the *teller's side* is whom the reporter told: the group, or the national office for what came
  in there (also after the office handed it down to a group);
- the *receiving side* is the other side after a hand-over (national staff for a signal a group
  handed up, the group for a signal the office handed down). It gets the story pseudonymised —
  the meldknop promises "only the group sees what you write" — except a group that the office
  handed a story to with the reporter's consent to contact: it needs the story to call them.
Nobody else sees the signal at all (the selectors answer 404).
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Q
from django.utils.translation import gettext as _

from samensterk.accounts.permissions import Scope

from .models import STORY_WAITING, Signal


class Purpose(StrEnum):
    PAGE = "page"  # the signal's own page
    LIST = "list"  # signal lists, dossier pages, triage
    SEARCH = "search"  # a search result
    SIMILAR = "similar"  # a similar-signal snippet beside another signal
    AGENDA = "agenda"  # the board agenda: page, PDF, DOCX — papers that are printed and passed on
    EXPORT = "export"  # the signals exchange file (CSV/XLSX), pseudonymised
    EXPORT_FULL = "export_full"  # the same with original stories and contact details (audited)
    API = "api"  # the API's JSON
    REPORT = "report"  # a signal report for the municipality
    COALITION = "coalition"  # what partners of a coalition see
    EMAIL = "email"  # any e-mail
    TELLER = "teller"  # the reporter on /volg/ with their tracking code


class Form(StrEnum):
    TOLD = "told"  # the story as the reporter told it
    PSEUDONYMISED = "pseudonymised"  # personal data replaced by tags
    NONE = "none"  # not shown
    WITHDRAWN = "withdrawn"  # the reporter withdrew it: "ingetrokken" in its place


# Files and papers that leave the screen; inside the organisation, so pseudonymised is enough.
_LEAVES_SCREEN = {Purpose.AGENDA, Purpose.EXPORT}
# Shown to people outside the organisation: only with consent to anonymous use, pseudonymised.
_OUTSIDE = {Purpose.REPORT}
# Never carry a story.
_NEVER = {Purpose.COALITION, Purpose.EMAIL}
# Where contact details may be shown, to those who manage the signal.
_CONTACT_PURPOSES = {Purpose.PAGE, Purpose.EXPORT_FULL}


def told_to_national(signal: Signal) -> bool:
    """The reporter told the national office (a national signal, or one it handed down)."""
    return signal.group_id is None or signal.handed_down


def may_see(scope: Scope, signal: Signal) -> bool:
    """The signal is within the viewer's scope (the Python form of selectors.visible_filter)."""
    if scope.is_side(signal.organisation_id, signal.group_id):
        return True
    return signal.shared_with_national and signal.organisation_id in scope.staff_organisation_ids


def on_tellers_side(scope: Scope, signal: Signal) -> bool:
    if scope.is_superuser:
        return True
    if told_to_national(signal):
        return scope.is_side(signal.organisation_id, None)
    return scope.is_side(signal.organisation_id, signal.group_id)


def told_q(scope: Scope) -> Q:
    """The signals whose story this viewer reads as told on screen (`story_form` for PAGE), as a
    query: search matches the original text only there."""
    if scope.is_superuser:
        return Q()
    groups = list(scope.group_roles)
    return (
        Q(group__in=groups, handed_down=False)
        | Q(group__in=groups, handed_down=True, consent_contact=True)
        | (
            Q(organisation__in=list(scope.staff_organisation_ids))
            & (Q(group__isnull=True) | Q(handed_down=True))
        )
    )


def may_manage(scope: Scope, signal: Signal) -> bool:
    """Set status, theme, assignment, notes; hand over or back: the managers of either side."""
    if scope.manages_side(signal.organisation_id, signal.group_id):
        return True
    return signal.shared_with_national and scope.manages_side(signal.organisation_id, None)


def story_form(scope: Scope, signal: Signal, purpose: Purpose) -> Form:
    if signal.is_withdrawn:
        return Form.WITHDRAWN
    if purpose == Purpose.TELLER:
        return Form.TOLD
    if purpose in _NEVER or not may_see(scope, signal):
        return Form.NONE
    if purpose in _OUTSIDE:
        return published_form(signal)
    if purpose in _LEAVES_SCREEN:
        return Form.PSEUDONYMISED
    if on_tellers_side(scope, signal) or (signal.handed_down and signal.consent_contact):
        return Form.TOLD
    return Form.PSEUDONYMISED


def published_form(signal: Signal) -> Form:
    """In what form a story may appear in what leaves the organisation (a signal report), once
    someone who may see it chose it: pseudonymised, with consent to anonymous use."""
    if signal.is_withdrawn:
        return Form.WITHDRAWN
    return Form.PSEUDONYMISED if signal.consent_anonymous_use else Form.NONE


def published_text(signal: Signal) -> str:
    return _text(signal, published_form(signal))


def story_text(scope: Scope, signal: Signal, purpose: Purpose) -> str:
    """The story in the form the rule gives; "" for nothing, a placeholder while the worker
    has yet to pseudonymise it or after the reporter withdrew it."""
    return _text(signal, story_form(scope, signal, purpose))


def _text(signal: Signal, form: Form) -> str:
    if form == Form.TOLD:
        return signal.story
    if form == Form.PSEUDONYMISED:
        return signal.story_pseudonymised or (str(STORY_WAITING) if signal.story else "")
    if form == Form.WITHDRAWN:
        return withdrawn_text()
    return ""


def withdrawn_text() -> str:
    return _("(ingetrokken door de melder)")


def contact_allowed(scope: Scope, signal: Signal, purpose: Purpose) -> bool:
    """The reporter's contact details: only with their consent, only to those who manage the
    signal and read the story as told, only on its page and in the full export (each look is
    audited there)."""
    return (
        signal.consent_contact
        and purpose in _CONTACT_PURPOSES
        and may_manage(scope, signal)
        and story_form(scope, signal, Purpose.PAGE) == Form.TOLD
    )
