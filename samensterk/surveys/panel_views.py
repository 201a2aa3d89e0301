"""The digital panel: staff keep the members (with their consent) and see the panel's size and
the overall response; a member's own page through their personal link shows their rounds, the
overall results of rounds they took part in and lets them leave at any time; a local group's
coordinators see the results of their own municipalities. Results: disclosure.py."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samensterk.accounts.models import Organisation
from samensterk.privacy import tokens
from samensterk.privacy.ratelimit import allow

from . import disclosure, selectors, services
from .forms import PanelMemberForm, PanelSignupForm
from .models import Audience, Invitation, Round


@login_required
def panel(request):
    members = selectors.panel_for_user(request.user)
    organisations = Organisation.objects.filter(pk__in=selectors.require_staff(request.user))
    form = PanelMemberForm(request.POST or None)
    form.fields["consent"] = _consent_field()
    if request.method == "POST" and form.is_valid():
        member = form.save(commit=False)
        member.organisation = organisations.order_by("pk")[0]
        member.consent_at = timezone.now()
        member.secret = tokens.new_nonce()
        try:
            with transaction.atomic():
                member.save()
                form.save_m2m()
        except IntegrityError:
            form.add_error("email", _("Dit e-mailadres staat al in het panel."))
        else:
            messages.success(request, _("%(name)s staat in het panel.") % {"name": member.name})
            return redirect("surveys:panel")
    active = members.filter(opted_out_at__isnull=True)
    latest = (
        Round.objects.filter(audience=Audience.PANEL, questionnaire__organisation__in=organisations)
        .order_by("-opened_at")
        .first()
    )
    # Members per municipality; who answered the (anonymous) rounds only overall (disclosure).
    per_municipality = (
        active.values("municipality__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("municipality__name")
    )
    return render(
        request,
        "surveys/panel.html",
        {
            "members": members.order_by("opted_out_at", "name")[:500],
            "size": active.count(),
            "left": members.filter(opted_out_at__isnull=False).count(),
            "per_municipality": per_municipality,
            "latest": latest,
            "latest_rate": disclosure.response_rate(latest) if latest else None,
            "form": form,
            "organisations": organisations,
        },
        status=400 if form.errors else 200,
    )


def _consent_field():
    return forms.BooleanField(
        label=_("Deze persoon weet waar het panel voor is en geeft toestemming om mee te doen."),
        error_messages={"required": _("Zonder toestemming kan iemand niet in het panel.")},
    )


def _member(token):
    member = selectors.panel_member_by_token(token)
    if member is None:
        raise Http404
    return member


@never_cache
def panel_home(request, token):
    member = _member(token)
    invitations = (
        Invitation.objects.filter(panel_member=member)
        .select_related("round", "round__questionnaire")
        .order_by("-round__opened_at")
    )
    closed = set(
        selectors.rounds_taken_part(member).values_list("pk", flat=True)
    )  # whose results are out
    return render(
        request,
        "surveys/panel_home.html",
        {"member": member, "token": token, "invitations": invitations, "closed": closed},
    )


@require_POST
def panel_leave(request, token):
    member = _member(token)
    if member.opted_out_at is None:
        member.opted_out_at = timezone.now()
        member.save(update_fields=["opted_out_at"])
    messages.success(
        request, _("Je bent afgemeld voor het panel. Je krijgt geen vragenlijsten meer.")
    )
    return redirect("surveys:panel_home", token=token)


@never_cache
def panel_results(request, token, round_pk):
    """The overall results of a round the member took part in, under the disclosure rule."""
    member = _member(token)
    survey_round = selectors.rounds_taken_part(member).filter(pk=round_pk).first()
    if survey_round is None:
        raise Http404
    return render(
        request,
        "surveys/panel_results.html",
        {
            "member": member,
            "token": token,
            "round": survey_round,
            "outcome": disclosure.outcome(survey_round, charts=False),
        },
    )


@login_required
def group_panel(request, slug):
    """A local group's coordinators: the panel results of their own municipalities, each only
    when it stands alone under the disclosure rule."""
    group, rounds = selectors.group_panel_for_user(request.user, slug)
    municipalities = list(group.municipalities.order_by("name"))
    return render(
        request,
        "surveys/group_panel.html",
        {
            "group": group,
            "rounds": [
                (
                    survey_round,
                    [
                        (m, disclosure.place_outcome(survey_round, municipality=m, charts=False))
                        for m in municipalities
                    ],
                )
                for survey_round in rounds
            ],
        },
    )


SIGNUP_LIMIT = 10  # sign-ups per client per hour


def panel_signup(request, organisation_slug):
    """The public sign-up page. Whether the address was new or known, the answer is the same
    (an e-mail with the personal link), so that nobody can find out who is in the panel."""
    organisation = Organisation.objects.filter(slug=organisation_slug).first()
    if organisation is None:
        raise Http404
    form = PanelSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow(request, "panel-signup", limit=SIGNUP_LIMIT, window=3600):
            form.add_error(
                None,
                _("Even wachten: er zijn net veel aanmeldingen. Probeer het over een uur opnieuw."),
            )
        else:
            services.panel_signup(organisation, **form.cleaned_data)
            return render(request, "surveys/panel_signup_done.html", {"organisation": organisation})
    return render(
        request,
        "surveys/panel_signup.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )
