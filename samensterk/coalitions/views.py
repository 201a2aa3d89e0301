"""Coalitions: the list and invitations, starting one, its page, sharing. Thin: the rules live
in services and selectors (others answer 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samensterk.accounts.selectors import staff_organisations
from samensterk.dossiers.selectors import dossier_get_for_editor
from samensterk.lib.forms import add_service_errors
from samensterk.network.selectors import entry_by_key

from . import selectors, services
from .forms import CoalitionForm, InviteForm


@login_required
def coalition_list(request):
    return render(
        request,
        "coalitions/coalition_list.html",
        {
            "coalitions": selectors.coalitions_for_user(request.user),
            "invitations": selectors.invitations_for_user(request.user),
            "can_start": staff_organisations(request.user).exists(),
        },
    )


@login_required
def coalition_create(request):
    organisations = staff_organisations(request.user)
    if not organisations.exists():
        raise Http404
    form = CoalitionForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            coalition = services.coalition_create(
                organisation=data["organisation"],
                user=request.user,
                name=data["name"],
                purpose=data["purpose"],
                municipality=data["municipality"],
                theme=data["theme"],
                invite=data["invite"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De coalitie is gestart. De uitnodigingen staan klaar."))
            return redirect(coalition)
    return render(request, "coalitions/coalition_form.html", {"form": form})


@login_required
def coalition_detail(request, pk):
    try:
        coalition = selectors.coalition_get_for_user(request.user, pk)
    except Http404:
        invitation = selectors.invitation_get_for_user(request.user, pk)
        return render(
            request,
            "coalitions/invitation.html",
            {
                "invitation": invitation,
                "coalition": invitation.coalition,
                "members": selectors.members_of(invitation.coalition),
            },
        )
    acting = selectors.acting_organisations(request.user, coalition)
    return render(
        request,
        "coalitions/coalition_detail.html",
        {
            "coalition": coalition,
            "members": selectors.members_of(coalition),
            "shared": selectors.shared_items(coalition),
            "figures": selectors.coalition_figures(coalition),
            "acting": acting,
            "invite_form": InviteForm(coalition=coalition) if acting else None,
        },
    )


@login_required
@require_POST
def invitation_answer(request, pk):
    invitation = selectors.invitation_get_for_user(request.user, pk)
    accept = request.POST.get("antwoord") == "ja"
    services.invitation_answer(invitation, accept=accept)
    if accept:
        messages.success(request, _("Jullie doen nu mee aan deze coalitie."))
        return redirect(invitation.coalition)
    messages.success(request, _("De uitnodiging is afgewezen."))
    return redirect("coalitions:list")


def _acting_organisation(request, coalition):
    """The member organisation the user acts for (staff of it); chosen if several."""
    acting = selectors.acting_organisations(request.user, coalition)
    wanted = request.POST.get("namens", "")
    for organisation in acting:
        if not wanted or str(organisation.pk) == wanted:
            return organisation
    raise Http404


@login_required
@require_POST
def coalition_invite(request, pk):
    coalition = selectors.coalition_get_for_user(request.user, pk)
    _acting_organisation(request, coalition)
    form = InviteForm(request.POST, coalition=coalition)
    if not form.is_valid():
        messages.error(request, _("Kies een organisatie om uit te nodigen."))
        return redirect(coalition)
    try:
        services.coalition_invite(coalition, form.cleaned_data["organisation"], user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De uitnodiging staat klaar."))
    return redirect(coalition)


@login_required
@require_POST
def coalition_leave(request, pk):
    coalition = selectors.coalition_get_for_user(request.user, pk)
    organisation = _acting_organisation(request, coalition)
    services.coalition_leave(coalition, organisation)
    messages.success(request, _("Jullie doen niet meer mee. Wat jullie deelden, is teruggenomen."))
    return redirect("coalitions:list")


def _item_by_key(user, key: str):
    """'o:7', 'p:12' (the network register) or 'd:<kenmerk>' (a dossier the user may change)."""
    if key.startswith("d:"):
        return dossier_get_for_editor(user, key[2:])
    return entry_by_key(user, key)


@login_required
@require_POST
def share(request):
    item = _item_by_key(request.user, request.POST.get("item", ""))
    wanted = request.POST.get("coalitie", "")
    if not wanted.isdigit():
        messages.error(request, _("Kies een coalitie om mee te delen."))
        return redirect(item.get_absolute_url() + "#coalities")
    coalition = selectors.coalition_get_for_user(request.user, int(wanted))
    try:
        services.share(coalition, item, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Gedeeld met %(coalition)s.") % {"coalition": coalition.name})
    return redirect(item.get_absolute_url() + "#coalities")


@login_required
@require_POST
def unshare(request, pk, item_pk):
    shared = selectors.shared_item_get_for_user(request.user, pk, item_pk)
    # Only who may see (or, for a dossier, change) the thing itself takes it back.
    item = _item_by_key(request.user, shared.key)
    services.unshare(shared)
    messages.success(
        request, _("Niet meer gedeeld met %(coalition)s.") % {"coalition": shared.coalition.name}
    )
    if request.POST.get("terug") == "coalitie":
        return redirect(shared.coalition)
    return redirect(item.get_absolute_url() + "#coalities")


@login_required
def shared_detail(request, pk, item_pk):
    shared = selectors.shared_item_get_for_user(request.user, pk, item_pk)
    context = {"shared": shared, "coalition": shared.coalition}
    if shared.dossier_id:
        context["signal_count"] = selectors.signal_count(shared.dossier).total
    if shared.stakeholder_id:
        context["people"] = selectors.shared_people_of(shared)
    return render(request, "coalitions/shared_detail.html", context)
