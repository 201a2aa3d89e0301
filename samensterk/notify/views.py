from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import selectors, services
from .forms import PreferencesForm


@login_required
def page(request):
    """What the person receives, how they want it, and what they were told lately."""
    initial = {
        **services.preferences_of(request.user),
        "language": services.language_for(request.user),
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(
            request.user, deliveries=form.deliveries(), language=form.cleaned_data["language"]
        )
        messages.success(request, _("Je keuzes voor meldingen zijn opgeslagen."))
        return redirect("notify:page")
    return render(
        request,
        "notify/page.html",
        {"form": form, "notifications": selectors.notifications_for(request.user)},
        status=400 if form.errors else 200,
    )
