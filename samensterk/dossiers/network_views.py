"""Dossiers and the network: whom a dossier wants to reach, and its power/interest grid.
Thin: access through the dossier and network selectors (others answer 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samensterk.network import selectors, services
from samensterk.network.grid import GridEntry, grid_context
from samensterk.network.selectors import entry_key

from . import selectors as dossier_selectors


def target_context(user, dossier, *, editable: bool) -> dict:
    """For the dossier page: its targets and, for editors, whom they can add."""
    targets = selectors.targets_of(user, dossier)
    choices = []
    if editable:
        taken = {entry_key(t.entry) for t in targets}
        entries = list(
            selectors.stakeholders_for_user(user).filter(organisation=dossier.organisation)
        ) + list(selectors.people_for_user(user).filter(organisation=dossier.organisation))
        choices = [(entry_key(e), e.name) for e in entries if entry_key(e) not in taken]
    return {
        "targets": [
            {"target": t, "entry": t.entry, "url": t.entry.get_absolute_url()} for t in targets
        ],
        "target_choices": choices,
    }


@login_required
@require_POST
def target_add(request, reference):
    dossier = dossier_selectors.dossier_get_for_editor(request.user, reference)
    entry = selectors.entry_by_key(request.user, request.POST.get("wie", ""))
    try:
        services.target_add(
            register=selectors.register_for(request.user),
            actor=request.user,
            dossier=dossier,
            entry=entry,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s staat nu bij het dossier.") % {"name": entry.name})
    return redirect("dossiers:dossier_detail", reference=reference)


@login_required
@require_POST
def target_remove(request, reference, pk):
    dossier = dossier_selectors.dossier_get_for_editor(request.user, reference)
    target = next((t for t in selectors.targets_of(request.user, dossier) if t.pk == pk), None)
    if target is None:
        raise Http404
    target.delete()
    messages.success(request, _("Weggehaald bij het dossier."))
    return redirect("dossiers:dossier_detail", reference=reference)


@login_required
def dossier_grid(request, reference):
    dossier = dossier_selectors.dossier_get_for_user(request.user, reference)
    entries = [GridEntry.of(t.entry) for t in selectors.targets_of(request.user, dossier)]
    title = _("Invloed en belang: %(place)s") % {"place": dossier.title}
    description = _(
        "%(n)s organisaties en mensen die dit dossier wil bereiken, geplaatst naar hun invloed "
        "(van onder naar boven) en hun belang (van links naar rechts)."
    ) % {"n": len(entries)}
    return render(
        request,
        "dossiers/network_grid.html",
        {"dossier": dossier, **grid_context(entries, title=title, description=description)},
    )
