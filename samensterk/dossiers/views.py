"""Dossier pages: the list, one dossier, and the changes to it. Thin: rules live in services
and selectors."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samensterk.accounts.models import GroupMembership, OrganisationMembership
from samensterk.accounts.permissions import scope_for
from samensterk.intake import patterns
from samensterk.intake.views.owners import owner_choices, resolve_owner
from samensterk.lib.forms import add_service_errors
from samensterk.network import selectors as network_selectors
from samensterk.places.selectors import municipality_lookup
from samensterk.themes.models import Theme

from . import selectors, services
from .forms import ActionForm, CostItemFormSet, CostNoteForm, DossierForm
from .models import Area, DossierStatus
from .network_views import target_context


@login_required
def dossier_list(request):
    scope = scope_for(request.user)
    if not scope.has_membership:
        raise Http404
    owners = owner_choices(request.user)
    owner = request.GET.get("van", "")
    if owner and owner not in {value for value, _label in owners}:
        raise Http404
    status = request.GET.get("status", "open")
    if status not in {"open", ""} | set(DossierStatus.values):
        status = "open"
    owner_filter = ""
    if owner.startswith("o:"):
        owner_filter = "landelijk"
    elif owner.startswith("g:"):
        owner_filter = owner[2:]
    dossiers = selectors.dossier_list_for_user(request.user, owner=owner_filter, status=status)
    return render(
        request,
        "dossiers/dossier_list.html",
        {
            "dossiers": dossiers[:200],
            "owners": owners,
            "current_owner": owner,
            "statuses": DossierStatus.choices,
            "current_status": status,
            "can_create": bool(owners),
        },
    )


def _pattern_start(request, owner: str):
    """Initial values and signals for a dossier started from an emerging pattern."""
    key = request.GET.get("patroon", "") or request.POST.get("patroon", "")
    if not key or ":" not in key:
        return {}, []
    place_code, theme_code = key.split(":", 1)
    theme = Theme.objects.filter(code=theme_code).first()
    if theme is None:
        return {}, []
    organisation, group = resolve_owner(request.user, owner)
    if group is not None:
        references = patterns.pattern_references(group=group, key=key)
    else:
        references = patterns.pattern_references(organisation=organisation, key=key)
    municipality = municipality_lookup(place_code) if place_code != "NL" else None
    initial = {
        "themes": [theme],
        "area": Area.MUNICIPALITY if municipality else Area.NATIONAL,
        "municipalities": [municipality] if municipality else [],
        "title": f"{theme.name}{' in ' + municipality.name if municipality else ''}",
    }
    return initial, references


def _owner_of(signal) -> str:
    return f"g:{signal.group.slug}" if signal.group_id else f"o:{signal.organisation.slug}"


def _selection_start(signals, owners) -> tuple[str, dict]:
    """The owner and initial values of a dossier started from signals chosen in the list: the
    side most of them belong to, their themes and places, and a title the user can change."""
    allowed = {value for value, _label in owners}
    sides = Counter(_owner_of(s) for s in signals if _owner_of(s) in allowed)
    owner = sides.most_common(1)[0][0] if sides else owners[0][0]
    themes = list({s.theme_id: s.theme for s in signals if s.theme_id}.values())
    places = list(
        {s.municipality_id: s.municipality for s in signals if s.municipality_id}.values()
    )
    initial = {"themes": themes}
    if len(places) == 1:
        initial.update(area=Area.MUNICIPALITY, municipalities=places)
    elif places:
        initial.update(area=Area.REGION, municipalities=sorted(places, key=lambda m: m.name))
    if len(themes) == 1:
        title = themes[0].name
        if len(places) == 1:
            title = _("%(theme)s in %(place)s") % {"theme": title, "place": places[0].name}
    else:
        title = ngettext(
            "Dossier met %(n)d signaal", "Dossier met %(n)d signalen", len(signals)
        ) % {"n": len(signals)}
    initial["title"] = title[:150]
    return owner, initial


def _back_to_list(request):
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "intake:signal_list"
    return redirect(next_url)


@login_required
def dossier_create(request):
    """A new dossier: empty, from an emerging pattern (?patroon=), or with the signals chosen in
    the signal list (its bulk form posts them here with start=signalen; the form then carries
    them as `signalen`)."""
    owners = owner_choices(request.user)
    if not owners:
        raise Http404
    scope = scope_for(request.user)
    starting = request.method == "POST" and request.POST.get("start") == "signalen"
    chosen = request.POST.getlist("signals" if starting else "signalen")[:500]
    selection = selectors.signals_for_new_dossier(scope, chosen) if chosen else []
    if starting and not selection:
        messages.error(request, _("Kies eerst een of meer signalen."))
        return _back_to_list(request)
    owner = request.POST.get("owner") or request.GET.get("van") or owners[0][0]
    if starting:
        owner, initial = _selection_start(selection, owners)
        references = []
    else:
        initial, references = _pattern_start(request, owner)
    if owner not in {value for value, _label in owners}:
        raise Http404
    if request.method == "POST" and not starting:
        form = DossierForm(request.POST, owners=owners)
        if form.is_valid():
            organisation, group = resolve_owner(request.user, form.cleaned_data["owner"])
            try:
                dossier = services.dossier_create(
                    organisation=organisation, group=group, actor=request.user, **form.values()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                wanted = references + [s.reference for s in selection]
                signals = list(selectors.linkable_signals(scope, dossier, wanted))
                linked = services.dossier_link_signals(
                    dossier=dossier, signals=signals, actor=request.user
                )
                messages.success(
                    request,
                    ngettext(
                        "Dossier %(ref)s is gemaakt, met %(n)d signaal.",
                        "Dossier %(ref)s is gemaakt, met %(n)d signalen.",
                        linked,
                    )
                    % {"ref": dossier.reference, "n": linked},
                )
                left_out = len({s.pk for s in selection} - {s.pk for s in signals})
                if left_out:
                    messages.warning(
                        request,
                        ngettext(
                            "%(n)d gekozen signaal hoort bij een ander dan dit dossier en is "
                            "niet gekoppeld.",
                            "%(n)d gekozen signalen horen bij een ander dan dit dossier en zijn "
                            "niet gekoppeld.",
                            left_out,
                        )
                        % {"n": left_out},
                    )
                return redirect("dossiers:dossier_detail", dossier.reference)
    else:
        form = DossierForm(owners=owners, initial={"owner": owner, **initial})
    return render(
        request,
        "dossiers/dossier_form.html",
        {
            "form": form,
            "pattern": request.GET.get("patroon", "") or request.POST.get("patroon", ""),
            "pattern_count": len(references),
            "selection": selection,
        },
    )


@login_required
def dossier_edit(request, reference):
    dossier = selectors.dossier_get_for_editor(request.user, reference)
    if request.method == "POST":
        form = DossierForm(request.POST, instance=dossier)
        if form.is_valid():
            try:
                services.dossier_update(dossier=dossier, actor=request.user, **form.values())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het dossier is opgeslagen."))
                return redirect("dossiers:dossier_detail", dossier.reference)
    else:
        form = DossierForm(instance=dossier)
    return render(
        request,
        "dossiers/dossier_form.html",
        {"form": form, "dossier": dossier},
    )


@login_required
def dossier_detail(request, reference):
    dossier = selectors.dossier_get_for_user(request.user, reference)
    scope = scope_for(request.user)
    editable = selectors.can_edit(scope, dossier)
    signals, hidden = selectors.linked_signals(scope, dossier)
    return render(
        request,
        "dossiers/dossier_detail.html",
        {
            "dossier": dossier,
            "editable": editable,
            "signals": signals,
            "hidden_signals": hidden,
            "affected": selectors.affected_count(dossier),
            "actions": selectors.dossier_actions(dossier),
            "costs": selectors.cost_sheet(dossier),
            "can_edit_costs": selectors.can_edit_costs(scope, dossier),
            "history": selectors.history(scope, dossier),
            "proposals": selectors.proposals_for(scope, dossier),
            "today": selectors.today(),
            **target_context(request.user, dossier, editable=editable),
        },
    )


def _references(request) -> list[str]:
    values = request.POST.getlist("signalen") + request.POST.get("kenmerken", "").split()
    return [v.strip().upper().strip(",;") for v in values if v.strip()][:500]


@login_required
@require_POST
def dossier_link(request, reference):
    dossier = selectors.dossier_get_for_editor(request.user, reference)
    wanted = _references(request)
    signals = list(selectors.linkable_signals(scope_for(request.user), dossier, wanted))
    found = {s.reference for s in signals}
    unknown = [r for r in wanted if r not in found]
    if unknown:
        # All or nothing: name what could not be added and add none of them.
        messages.error(
            request,
            _(
                "Niets toegevoegd. Deze kenmerken kennen we niet, of ze horen niet bij dit "
                "dossier: %(refs)s"
            )
            % {"refs": ", ".join(unknown[:20])},
        )
    elif not wanted:
        messages.error(request, _("Kies een signaal of typ een kenmerk (zoals S-ABCD-2345)."))
    else:
        linked = services.dossier_link_signals(dossier=dossier, signals=signals, actor=request.user)
        messages.success(
            request,
            ngettext("%(n)d signaal toegevoegd.", "%(n)d signalen toegevoegd.", linked)
            % {"n": linked},
        )
    return _back(request, dossier)


def _back(request, dossier):
    signal_reference = request.POST.get("terug_naar_signaal", "")
    if signal_reference:
        return redirect("intake:signal_detail", signal_reference)
    return redirect("dossiers:dossier_detail", dossier.reference)


def _one_signal(request, dossier):
    signals = list(
        selectors.linkable_signals(
            scope_for(request.user), dossier, [request.POST.get("signaal", "")]
        )
    )
    if not signals:
        raise Http404
    return signals[0]


@login_required
@require_POST
def dossier_unlink(request, reference):
    dossier = selectors.dossier_get_for_editor(request.user, reference)
    signal = _one_signal(request, dossier)
    services.dossier_unlink_signal(dossier=dossier, signal=signal, actor=request.user)
    messages.success(
        request, _("Signaal %(ref)s hoort niet meer bij dit dossier.") % {"ref": signal.reference}
    )
    return _back(request, dossier)


@login_required
@require_POST
def proposal_decline(request, reference):
    dossier = selectors.dossier_get_for_editor(request.user, reference)
    signal = _one_signal(request, dossier)
    services.proposal_decline(dossier=dossier, signal=signal)
    messages.success(
        request,
        _("Signaal %(ref)s wordt niet meer voorgesteld voor dit dossier.")
        % {"ref": signal.reference},
    )
    return _back(request, dossier)


def _people(dossier) -> list[tuple[int, object]]:
    """Who can own an action: members of the dossier's group, or the office's staff."""
    if dossier.group_id is not None:
        memberships = GroupMembership.objects.filter(group_id=dossier.group_id)
    else:
        memberships = OrganisationMembership.objects.filter(organisation_id=dossier.organisation_id)
    users = [m.user for m in memberships.select_related("user").order_by("user__full_name")]
    return [(user.pk, user) for user in users if user.is_active]


@login_required
def action_edit(request, reference, pk=None):
    dossier = selectors.dossier_get_for_editor(request.user, reference)
    action = selectors.action_get_for_editor(request.user, dossier, pk) if pk else None
    people = _people(dossier)
    contacts = network_selectors.people_for_user(request.user).filter(
        organisation=dossier.organisation, left_role_on__isnull=True
    )
    if request.method == "POST":
        if action is not None and request.POST.get("verwijderen"):
            services.action_delete(action=action, actor=request.user)
            messages.success(request, _("De actie is verwijderd."))
            return redirect("dossiers:dossier_detail", dossier.reference)
        form = ActionForm(request.POST, instance=action, people=people, contacts=contacts)
        if form.is_valid():
            saved = form.save(commit=False)
            saved.dossier = dossier
            saved.owner = form.cleaned_data["owner"]
            try:
                services.action_save(action=saved, actor=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De actie is opgeslagen."))
                return redirect("dossiers:dossier_detail", dossier.reference)
    else:
        initial = {} if action else {"date": selectors.today(), "owner": str(request.user.pk)}
        form = ActionForm(instance=action, people=people, contacts=contacts, initial=initial)
    return render(
        request,
        "dossiers/action_form.html",
        {"form": form, "dossier": dossier, "action": action},
    )


@login_required
def cost_sheet(request, reference):
    dossier = selectors.dossier_get_for_cost_editor(request.user, reference)
    items = dossier.cost_items.all()
    if request.method == "POST":
        formset = CostItemFormSet(request.POST, queryset=items)
        note_form = CostNoteForm(request.POST)
        if formset.is_valid() and note_form.is_valid():
            rows = [
                {k: v for k, v in form.cleaned_data.items() if k not in {"id", "DELETE"}}
                for form in formset.forms
                if form.has_changed() or form.instance.pk
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            try:
                services.cost_items_replace(
                    dossier=dossier,
                    items=rows,
                    note=note_form.cleaned_data["note"],
                    actor=request.user,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("De kostenberekening is opgeslagen."))
                return redirect("dossiers:dossier_detail", dossier.reference)
    else:
        formset = CostItemFormSet(queryset=items)
        note_form = CostNoteForm(initial={"note": dossier.cost_note})
    return render(
        request,
        "dossiers/cost_sheet.html",
        {"dossier": dossier, "formset": formset, "note_form": note_form},
    )
