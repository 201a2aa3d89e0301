"""Coalitions: the list and invitations, starting one, its page, sharing. Thin: the rules live
in services and selectors (others answer 404)."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samensterk.accounts.forms import NewAccountForm
from samensterk.accounts.selectors import account_exists, staff_organisations
from samensterk.accounts.services import INVITATION_OTHER_ACCOUNT, InvitationError
from samensterk.dossiers.selectors import dossier_get_for_editor
from samensterk.lib.forms import add_service_errors
from samensterk.network.selectors import entry_by_key

from . import selectors, services
from .forms import CoalitionForm, GroupCoalitionForm, InviteForm, PartnerInviteForm


@login_required
def coalition_list(request):
    return render(
        request,
        "coalitions/coalition_list.html",
        {
            "coalitions": selectors.coalitions_for_user(request.user),
            "invitations": selectors.invitations_for_user(request.user),
            "can_start": staff_organisations(request.user).exists()
            or selectors.starting_groups(request.user).exists(),
        },
    )


@login_required
def coalition_create(request):
    """National staff start one for their organisation; a coordinator for their group."""
    organisations = staff_organisations(request.user)
    groups = selectors.starting_groups(request.user)
    if organisations.exists():
        form = CoalitionForm(request.POST or None, organisations=organisations)
    elif groups.exists():
        form = GroupCoalitionForm(request.POST or None, groups=groups)
    else:
        raise Http404
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = data.get("group")
        try:
            coalition = services.coalition_create(
                group=group,
                organisation=group.organisation if group else data["organisation"],
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
    return _detail(request, coalition)


def _detail(request, coalition, partner_form=None):
    acting = selectors.acting_organisations(request.user, coalition)
    if acting and partner_form is None:
        partner_form = PartnerInviteForm()
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
            "partner_form": partner_form if acting else None,
            "partner_invitations": selectors.partner_invitations_of(coalition) if acting else [],
        },
        status=400 if partner_form is not None and partner_form.errors else 200,
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
def partner_invite(request, pk):
    """Invite a partner without its own account by e-mail (a guest organisation)."""
    coalition = selectors.coalition_get_for_user(request.user, pk)
    _acting_organisation(request, coalition)
    form = PartnerInviteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.partner_invite_by_email(
                coalition,
                name=data["name"],
                email=data["email"],
                contact_name=data["contact_name"],
                invited_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s is uitgenodigd. De e-mail gaat naar %(email)s.")
                % {"organisation": data["name"], "email": data["email"]},
            )
            return redirect(coalition)
    return _detail(request, coalition, partner_form=form)


@never_cache
def partner_invitation(request, token):
    """The link in the e-mail to a partner: make a guest account (or accept with the account
    one already has), and the partner takes part in the coalition."""
    found = selectors.partner_invitation_by_token(token)
    try:
        services.partner_invitation_check(found)
    except InvitationError as error:
        return _invitation_problem(request, error)
    coalition = found.member.coalition
    context = {
        "invitation": found,
        "coalition": coalition,
        "organisation": found.member.organisation,
    }
    user = request.user
    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.partner_invitation_accept(token=token, user=user)
            except InvitationError as error:
                return _invitation_problem(request, error)
            messages.success(
                request, _("Welkom in de coalitie %(name)s!") % {"name": coalition.name}
            )
            return redirect(coalition)
        if user.email != found.email:
            return _invitation_problem(
                request, InvitationError(INVITATION_OTHER_ACCOUNT, status=403)
            )
        return render(request, "coalitions/partner_invitation_accept.html", context)
    if account_exists(found.email):
        context["login_url"] = reverse("accounts:login") + "?next=" + request.path
        return render(request, "coalitions/partner_invitation_login.html", context)
    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new_user = services.partner_invitation_accept_as_new_user(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except InvitationError as error:
            return _invitation_problem(request, error)
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welkom in de coalitie %(name)s!") % {"name": coalition.name}
            )
            # The second log-in step comes first (the middleware), then the coalition.
            return redirect(coalition)
    context["form"] = form
    return render(
        request,
        "coalitions/partner_invitation_new_account.html",
        context,
        status=400 if form.errors else 200,
    )


def _invitation_problem(request, error):
    return render(
        request, "accounts/invitation_problem.html", {"message": error.message}, status=error.status
    )


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
