"""Support requests and the advocate pool. Thin: rules in services and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samensterk.accounts.permissions import scope_for
from samensterk.accounts.selectors import staff_organisation
from samensterk.lib.views import confirm_delete
from samensterk.places.models import Municipality

from . import selectors, services
from .forms import AdvocateForm, OutcomeForm, RequestForm
from .models import RequestStatus


@login_required
def request_list(request):
    if scope_for(request.user).is_guest:  # a coalition guest sees nothing of the requests
        raise Http404
    requests = selectors.requests_for_user(request.user)
    return render(
        request,
        "advocacy/request_list.html",
        {
            "open": requests.exclude(status__in=[RequestStatus.DONE, RequestStatus.CANCELLED]),
            "closed": requests.filter(status__in=[RequestStatus.DONE, RequestStatus.CANCELLED])[
                :50
            ],
            "can_file": selectors.filing_groups(request.user).exists(),
            "is_staff": bool(scope_for(request.user).staff_organisation_ids),
        },
    )


@login_required
def request_create(request):
    groups = selectors.filing_groups(request.user)
    group = groups.filter(slug=request.GET.get("groep", "")).first() or groups.first()
    if group is None:
        raise Http404
    municipalities = (
        group.municipalities.order_by("name")
        if group.municipalities.exists()
        else Municipality.objects.filter(active=True).order_by("name")
    )
    form = RequestForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = services.request_create(
            organisation=group.organisation, group=group, user=request.user,
            contact={"name": data["member_name"], "email": data["member_email"],
                     "phone": data["member_phone"]},
            kind=data["kind"], what=data["what"], municipality=data["municipality"],
            when=data["when"], theme=data["theme"],
        )  # fmt: skip
        messages.success(
            request, _("De hulpvraag staat klaar. Een coördinator kiest een vrijwilliger.")
        )
        return redirect(created)
    return render(
        request, "advocacy/request_form.html", {"form": form, "group": group},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def request_detail(request, reference):
    support = selectors.request_get_for_user(request.user, reference)
    show_contact = request.GET.get("contactgegevens") == "1"
    can_assign = selectors.can_assign(request.user, support)
    return render(
        request,
        "advocacy/request_detail.html",
        {
            "support": support,
            "contact": selectors.request_contact_for_user(request.user, support)
            if show_contact
            else None,
            "show_contact": show_contact,
            "can_assign": can_assign,
            "suggestions": services.suggestions(support) if can_assign else [],
            "can_log": selectors.can_log_outcome(request.user, support),
            "outcome_form": OutcomeForm(
                initial={"outcome": support.outcome, "consent_signal": support.consent_signal}
            ),
        },
    )


@login_required
@require_POST
def request_assign(request, reference):
    support = selectors.request_get_for_user(request.user, reference)
    if not selectors.can_assign(request.user, support):
        raise Http404
    advocate = support.organisation.advocates.filter(
        pk=request.POST.get("vrijwilliger", "0") or 0
    ).first()
    if advocate is None:
        messages.error(request, _("Kies een vrijwilliger."))
        return redirect(support)
    try:
        services.assign(support, advocate, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s helpt bij deze vraag.") % {"name": advocate.name})
    return redirect(support)


@login_required
@require_POST
def request_outcome(request, reference):
    support = selectors.request_get_for_user(request.user, reference)
    if not selectors.can_log_outcome(request.user, support):
        raise Http404
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf eerst op wat er is gebeurd."))
        return redirect(support)
    services.outcome_save(support, **form.cleaned_data)
    messages.success(request, _("De uitkomst is bewaard."))
    return redirect(support)


@login_required
@require_POST
def request_signal(request, reference):
    support = selectors.request_get_for_user(request.user, reference)
    if not selectors.can_assign(request.user, support):
        raise Http404
    try:
        signal = services.make_signal(support, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(support)
    messages.success(
        request, _("Er is een signaal van gemaakt: %(ref)s.") % {"ref": signal.reference}
    )
    return redirect(support)


@login_required
def pool(request):
    advocates = selectors.advocates_for_user(request.user)
    organisation = staff_organisation(request.user)
    form = AdvocateForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        form.instance.organisation = organisation
        services.advocate_save(form.instance, form=form, user=request.user)
        messages.success(request, _("%(name)s staat in de pool.") % {"name": form.instance.name})
        return redirect("advocacy:pool")
    return render(
        request, "advocacy/pool.html", {"advocates": advocates, "form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def advocate_edit(request, pk):
    advocate = selectors.advocate_get_for_user(request.user, pk)
    form = AdvocateForm(request.POST or None, instance=advocate, organisation=advocate.organisation)
    if request.method == "POST" and form.is_valid():
        services.advocate_save(advocate, form=form, user=request.user)
        messages.success(
            request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": advocate.name}
        )
        return redirect("advocacy:pool")
    return render(
        request,
        "advocacy/advocate_form.html",
        {"form": form, "advocate": advocate, "can_delete": services.advocate_can_delete(advocate)},
        status=400 if form.errors else 200,
    )


@login_required
def advocate_delete(request, pk):
    """Refused with the reason when requests hang on the volunteer, with switching off as the
    way out."""
    advocate = selectors.advocate_get_for_user(request.user, pk)
    return confirm_delete(
        request,
        name=advocate.name,
        delete=lambda: services.advocate_delete(advocate, user=request.user),
        refusal=None
        if services.advocate_can_delete(advocate)
        else str(services.ADVOCATE_HAS_HISTORY),
        done_message=_("%(name)s is uit de pool gehaald.") % {"name": advocate.name},
        done_url=reverse("advocacy:pool"),
        context={
            "back_url": reverse("advocacy:advocate_edit", args=[advocate.pk]),
            "breadcrumb": [(reverse("advocacy:pool"), _("Pool van vrijwilligers"))],
        },
    )
