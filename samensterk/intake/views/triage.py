"""Triage: the signal list, one signal's page, and the actions on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samensterk.accounts import selectors as account_selectors
from samensterk.accounts.models import User
from samensterk.accounts.permissions import scope_for
from samensterk.insight.classifier import is_sure
from samensterk.lib.forms import add_service_errors
from samensterk.themes import selectors as theme_selectors

from .. import disclosure, notifications, selectors, services
from ..forms import (
    AssignForm,
    MunicipalityForm,
    RetainContactForm,
    SignalFilterForm,
    StatusForm,
    ThemeForm,
)
from ..models import Status
from .transfer import managed_owners

PAGE_SIZE = 50


def _owner_choices(user) -> list[tuple[str, str]]:
    """The inboxes a user can look at: their groups, and the national office for staff."""
    scope = scope_for(user)
    choices = [(g.slug, g.name) for g in account_selectors.group_list_for_user(user)]
    for organisation in account_selectors.organisation_list_for_user(user):
        if scope.is_staff_of(organisation.pk):
            choices.insert(0, ("landelijk", organisation.office_name))
    return choices


@login_required
def signal_list(request):
    scope = scope_for(request.user)
    if not scope.has_membership:
        raise Http404
    form = SignalFilterForm(request.GET or None)
    owners = _owner_choices(request.user)
    group = request.GET.get("groep", "")
    if group and group not in {slug for slug, _name in owners}:
        raise Http404
    filters = selectors.SignalFilters(group=group)
    if form.is_valid():
        data = form.cleaned_data
        filters.status = data["status"]
        filters.theme = data["theme"]
        filters.municipality = data["municipality"].code if data["municipality"] else ""
        filters.province = data["province"]
        filters.channel = data["channel"]
        filters.reporter_role = data["reporter_role"]
        filters.received_from = data["received_from"]
        filters.received_until = data["received_until"]
        filters.query = data["q"]
        filters.assigned = data["assigned"]
        filters.spam = data["spam"]
    if request.GET.get("regio") == "mijn":
        # The dashboards' "my region" (a staff member's own setting); none chosen: nothing.
        filters.municipality_ids = (
            account_selectors.staff_region_municipality_ids(request.user) or set()
        )
    signals = selectors.signal_list_in_scope(scope, filters, user=request.user)
    page = Paginator(signals, PAGE_SIZE).get_page(request.GET.get("pagina"))
    for signal in page.object_list:
        signal.visible_story = selectors.story_for(scope, signal, disclosure.Purpose.LIST)
        signal.manageable = selectors.can_manage(scope, signal)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "owners": owners,
        "current_owner": group,
        "page": page,
        "query_string": query.urlencode(),
        "statuses": Status.choices,
        "can_register": selectors.can_register(scope),
        "can_transfer": bool(managed_owners(request.user)),
    }
    template = "intake/signal_list.html"
    if request.htmx and request.htmx.target == "signal-results":
        template += "#results"
    return render(request, template, context)


@login_required
def signal_detail(request, reference, show_contact=False, retain_form=None):
    signal = selectors.signal_get_for_user(request.user, reference)
    scope = scope_for(request.user)
    manageable = selectors.can_manage(scope, signal)
    contact_retention = selectors.contact_retention_for(scope, signal)
    if retain_form is None and contact_retention is not None:
        retain_form = RetainContactForm(initial={"retain_until": contact_retention.retain_until})
    contact = selectors.signal_contact_for_user(request.user, signal) if show_contact else None
    proposals = selectors.theme_proposals(signal)
    # Unsure (low calibrated confidence, or a close second): ask, never pre-select (issue 36).
    confident = is_sure([p["confidence"] for p in proposals])
    initial_theme = signal.theme or (proposals[0]["theme"] if confident else None)
    context = {
        "signal": signal,
        "story": selectors.story_for(scope, signal),
        "story_form": disclosure.story_form(scope, signal, disclosure.Purpose.PAGE),
        "handover": selectors.handover_state(scope, signal),
        "manageable": manageable,
        "can_see_contact": selectors.can_see_contact(scope, signal),
        "contact": contact,
        "show_contact": show_contact,
        "contact_retention": contact_retention,
        "retain_form": retain_form,
        "events": selectors.signal_events(signal),
        "status_choices": [(s, Status(s).label) for s in signal.allowed_transitions()],
        # Told before the change, not only after: which choices e-mail the reporter.
        "mailed_choices": [
            Status(s).label
            for s in signal.allowed_transitions()
            if s in notifications.STATUS_MAILED
        ]
        if manageable and notifications.status_mail_expected(signal)
        else [],
        "theme_form": ThemeForm(initial={"theme": initial_theme}),
        "proposals": proposals if signal.theme is None else [],
        "other_themes": (
            [
                t
                for t in theme_selectors.active_themes()
                if t.code not in {p["code"] for p in proposals}
            ]
            if proposals and not confident and signal.theme is None
            else []
        ),
        "confident": confident,
        "similar": selectors.similar_for(scope, signal),
        "municipality_form": MunicipalityForm(initial={"municipality": signal.municipality}),
        "assign_form": AssignForm(
            initial={"assignee": signal.assigned_to_id or ""},
            people=selectors.assignable_people(signal),
        ),
        "handover_groups": (
            selectors.handover_groups(signal) if manageable and signal.group_id is None else []
        ),
    }
    if request.htmx and show_contact:
        return render(request, "intake/signal_detail.html#contact", context)
    return render(request, "intake/signal_detail.html", context)


@login_required
def signal_contact(request, reference):
    return signal_detail(request, reference, show_contact=True)


@login_required
@require_POST
def signal_retain_contact(request, reference):
    """Keep the contact details past their term. Bad input: the page again, with the form's
    Dutch messages and what was typed; nothing stored."""
    signal = selectors.signal_get_for_user(request.user, reference)
    if not selectors.can_see_contact(scope_for(request.user), signal):
        raise Http404
    form = RetainContactForm(request.POST)
    if form.is_valid():
        try:
            services.signal_contact_retain(signal=signal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # nothing (left) to keep: no form to show it on
                _report(request, error)
                return _back(signal)
            add_service_errors(form, error)
        else:
            messages.success(request, _("De contactgegevens worden langer bewaard."))
            return _back(signal)
    response = signal_detail(request, reference, retain_form=form)
    response.status_code = 400
    return response


def _manageable_signal(request, reference):
    signal = selectors.signal_get_for_user(request.user, reference)
    if not selectors.can_manage(scope_for(request.user), signal):
        raise Http404
    return signal


def _back(signal):
    return redirect("intake:signal_detail", reference=signal.reference)


def _report(request, error: ValidationError):
    messages.error(request, " ".join(error.messages))


@login_required
@require_POST
def signal_status(request, reference):
    signal = _manageable_signal(request, reference)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een status."))
        return _back(signal)
    try:
        services.signal_transition(
            signal=signal,
            to_status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ValidationError as error:
        _report(request, error)
    else:
        mailed = form.cleaned_data["status"] in notifications.STATUS_MAILED
        if mailed and notifications.status_mail_expected(signal):
            messages.success(
                request, _("De status is aangepast. De melder krijgt hierover een e-mail.")
            )
        else:
            messages.success(request, _("De status is aangepast."))
    return _back(signal)


@login_required
@require_POST
def signal_theme(request, reference):
    signal = _manageable_signal(request, reference)
    form = ThemeForm(request.POST)
    if form.is_valid():
        services.signal_set_theme(
            signal=signal, theme=form.cleaned_data["theme"], actor=request.user
        )
        messages.success(request, _("Het thema is opgeslagen."))
    else:
        messages.error(request, _("Kies een thema uit de lijst."))
    return _back(signal)


@login_required
@require_POST
def signal_municipality(request, reference):
    signal = _manageable_signal(request, reference)
    form = MunicipalityForm(request.POST)
    if form.is_valid():
        services.signal_set_municipality(
            signal=signal, municipality=form.cleaned_data["municipality"], actor=request.user
        )
        messages.success(request, _("De gemeente is opgeslagen."))
    else:
        messages.error(request, " ".join(form.errors["municipality"]))
    return _back(signal)


@login_required
@require_POST
def signal_assign(request, reference):
    signal = _manageable_signal(request, reference)
    people = selectors.assignable_people(signal)
    form = AssignForm(request.POST, people=people)
    if not form.is_valid():
        messages.error(request, _("Kies iemand uit de lijst."))
        return _back(signal)
    pk = form.cleaned_data["assignee"]
    assignee = User.objects.get(pk=pk) if pk else None
    try:
        services.signal_assign(signal=signal, assignee=assignee, actor=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("De toewijzing is opgeslagen."))
    return _back(signal)


@login_required
@require_POST
def signal_handover(request, reference):
    signal = _manageable_signal(request, reference)
    try:
        if signal.group_id is None:
            group = next(
                (
                    g
                    for g in selectors.handover_groups(signal)
                    if g.slug == request.POST.get("group")
                ),
                None,
            )
            if group is None:
                raise ValidationError(_("Kies een groep."))
            services.signal_handover_to_group(signal=signal, group=group, actor=request.user)
            messages.success(
                request, _("Het signaal is overgedragen aan %(group)s.") % {"group": group.name}
            )
        else:
            services.signal_handover_to_national(signal=signal, actor=request.user)
            messages.success(request, _("Het signaal is doorgegeven aan het landelijk bureau."))
    except ValidationError as error:
        _report(request, error)
    if selectors.signal_visible_to(request.user, signal):
        return _back(signal)
    return redirect("intake:signal_list")


@login_required
@require_POST
def signal_hand_back(request, reference):
    signal = _manageable_signal(request, reference)
    try:
        services.signal_hand_back(signal=signal, actor=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("Het signaal is teruggegeven."))
    if selectors.signal_visible_to(request.user, signal):
        return _back(signal)
    return redirect("intake:signal_list")


@login_required
@require_POST
def signal_not_spam(request, reference):
    signal = _manageable_signal(request, reference)
    services.signal_clear_spam_flag(signal=signal, actor=request.user)
    messages.success(request, _("Dit signaal staat niet meer als mogelijk spam."))
    return _back(signal)


@login_required
@require_POST
def signal_note(request, reference):
    signal = _manageable_signal(request, reference)
    try:
        services.signal_add_note(signal=signal, actor=request.user, text=request.POST.get("note"))
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("De notitie is opgeslagen."))
    return _back(signal)


@login_required
@require_POST
def signal_bulk(request):
    scope = scope_for(request.user)
    references = request.POST.getlist("signals")[:500]
    action = request.POST.get("action")
    signals = selectors.signals_manageable_by(scope, references)
    changed, failed = 0, 0
    for signal in signals:
        try:
            if action == "status":
                services.signal_transition(
                    signal=signal,
                    to_status=request.POST.get("status", ""),
                    reason=request.POST.get("reason", ""),
                    actor=request.user,
                )
            elif action == "assign_me":
                services.signal_assign(signal=signal, assignee=request.user, actor=request.user)
            else:
                raise ValidationError("unknown action")
            changed += 1
        except ValidationError:
            failed += 1
    failed += len(references) - len(signals)
    if changed:
        messages.success(
            request,
            ngettext("%(n)d signaal aangepast.", "%(n)d signalen aangepast.", changed)
            % {"n": changed},
        )
    if failed or not references:
        messages.error(
            request,
            _(
                "%(n)d niet aangepast: die stap past niet bij hun status, "
                "of je mag ze niet aanpassen."
            )
            % {"n": failed}
            if references
            else _("Kies eerst een of meer signalen."),
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "intake:signal_list"
    return redirect(next_url)
