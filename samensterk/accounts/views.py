from contextlib import suppress

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samensterk.lib.forms import add_service_errors

from . import selectors, services, two_factor
from .forms import (
    InvitationForm,
    LoginForm,
    MemberRoleForm,
    NewAccountForm,
    PasswordResetForm,
    PrivacyStatementForm,
    ProfileForm,
)
from .permissions import scope_for


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if two_factor.method(form.get_user()) == two_factor.EMAIL:
            # The second step's code is on its way while the next page loads.
            with suppress(ValidationError):  # one sent within the last minute still works
                two_factor.send_login_email(user=form.get_user())
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _("Je wachtwoord is gewijzigd."))
        return super().form_valid(form)


@login_required
def account(request):
    form = ProfileForm(request.POST or None, initial={"full_name": request.user.full_name})
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=request.user, full_name=form.cleaned_data["full_name"])
        messages.success(request, _("Je gegevens zijn opgeslagen."))
        return redirect("accounts:account")
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "memberships": selectors.user_memberships(request.user),
            "two_factor": {
                "method": two_factor.method(request.user),
                "enabled": two_factor.is_enabled(request.user),
                "required": two_factor.required_for(request.user),
                "codes_left": two_factor.recovery_codes_left(request.user),
            },
        },
    )


# --- Groups ---------------------------------------------------------------------------------


@login_required
def group_list(request):
    if scope_for(request.user).is_guest:  # a coalition guest sees nothing of the groups
        raise Http404
    return render(
        request, "accounts/group_list.html", {"groups": selectors.group_list_for_user(request.user)}
    )


@login_required
def group_detail(request, slug):
    group = selectors.group_get_for_user(request.user, slug)
    scope = scope_for(request.user)
    can_manage = scope.can_manage_group(group)
    context = {
        "group": group,
        "members": selectors.group_members(request.user, group),
        "can_manage": can_manage,
        "show_contact": can_manage or scope.is_staff_of(group.organisation_id),
        "invitations": (
            selectors.invitations_pending_for_group(request.user, group) if can_manage else []
        ),
        "role_form": MemberRoleForm(),
    }
    return render(request, "accounts/group_detail.html", context)


@login_required
def group_invite(request, slug):
    group = selectors.group_get_for_manager(request.user, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                group=group,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s.") % {"email": invitation.email},
            )
            return redirect("accounts:group_detail", slug=group.slug)
    return render(
        request,
        "accounts/group_invite.html",
        {"group": group, "form": form, "valid_days": settings.INVITATION_VALID_DAYS},
    )


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    group = selectors.group_get_for_manager(request.user, slug)
    invitation = selectors.invitation_get_for_manager(request.user, group, pk)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("De uitnodiging is ingetrokken."))
    return redirect("accounts:group_detail", slug=group.slug)


@login_required
@require_POST
def member_role(request, slug, pk):
    group = selectors.group_get_for_manager(request.user, slug)
    membership = selectors.group_membership_get_for_manager(request.user, group, pk)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set_role(membership=membership, role=form.cleaned_data["role"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De rol is aangepast."))
    else:
        messages.error(request, _("Kies een rol."))
    return redirect("accounts:group_detail", slug=group.slug)


@login_required
@require_POST
def member_remove(request, slug, pk):
    group = selectors.group_get_for_manager(request.user, slug)
    membership = selectors.group_membership_get_for_manager(request.user, group, pk)
    try:
        services.membership_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is geen lid meer van de groep.") % {"name": membership.user.full_name},
        )
    if membership.user_id == request.user.pk and not scope_for(request.user).can_view_group(group):
        return redirect("front:dashboard")
    return redirect("accounts:group_detail", slug=group.slug)


# --- Privacy statement ----------------------------------------------------------------------


def privacy_statement(request, slug):
    """The organisation's privacy statement for reporters: public, in easy Dutch, linked from
    the form, the receipt, /volg/ and the paper form."""
    organisation = selectors.organisation_get_public(slug)
    statement = selectors.privacy_statement_for(organisation)
    context = {
        "organisation": organisation,
        "statement": statement,
        "contact_groups": (
            [] if statement.has_contact else selectors.privacy_contact_groups(organisation)
        ),
        "contact_days": settings.RETENTION_CONTACT_DAYS,
        # Set where stories are pseudonymised after some years; absent, the page says how
        # stories are protected instead.
        "story_years": getattr(settings, "RETENTION_STORY_YEARS", None),
        "track_url": settings.SITE_URL + reverse("intake:track"),
    }
    return render(request, "accounts/privacy_statement.html", context)


@login_required
def privacy_statement_edit(request, slug):
    """The beheerder fills in the organisation's part of the statement; the rest is default."""
    organisation = selectors.organisation_get_for_admin(request.user, slug)
    statement = selectors.privacy_statement_for(organisation)
    form = PrivacyStatementForm(request.POST or None, instance=statement)
    if request.method == "POST" and form.is_valid():
        try:
            services.privacy_statement_update(
                organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De privacyverklaring is opgeslagen."))
            return redirect("accounts:privacy_statement_edit", slug=organisation.slug)
    return render(
        request,
        "accounts/privacy_statement_edit.html",
        {"organisation": organisation, "form": form, "statement": statement},
    )


# --- Invitations ----------------------------------------------------------------------------


def invitation(request, token):
    """The link in the invitation e-mail: accept, with a new account if needed."""
    found = selectors.invitation_get_by_token(token)
    try:
        services.invitation_check(found)
    except services.InvitationError as error:
        return _invitation_problem(request, error)

    user = request.user
    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(token=token, user=user)
            except services.InvitationError as error:
                return _invitation_problem(request, error)
            messages.success(request, _("Welkom bij %(group)s!") % {"group": found.group.name})
            return redirect("accounts:group_detail", slug=found.group.slug)
        if user.email != found.email.lower():
            return _invitation_problem(
                request, services.InvitationError(services.INVITATION_OTHER_ACCOUNT, status=403)
            )
        return render(request, "accounts/invitation_accept.html", {"invitation": found})

    if selectors.account_exists(found.email):
        login_url = reverse("accounts:login") + "?next=" + request.path
        return render(
            request,
            "accounts/invitation_login.html",
            {"invitation": found, "login_url": login_url},
        )

    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new_user = services.invitation_accept_as_new_user(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationError as error:
            return _invitation_problem(request, error)
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welkom bij %(group)s!") % {"group": found.group.name})
            return redirect("accounts:group_detail", slug=found.group.slug)
    return render(
        request, "accounts/invitation_new_account.html", {"invitation": found, "form": form}
    )


def _invitation_problem(request, error):
    return render(
        request, "accounts/invitation_problem.html", {"message": error.message}, status=error.status
    )
