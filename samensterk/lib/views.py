"""View helpers shared by the apps' lists that can be kept up to date."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


def confirm_delete(request, *, name, delete, refusal, done_message, done_url, context):
    """The confirmation page of a removal that history may forbid (works without JavaScript).

    GET shows `refusal` (a message, or None when it may go) before anyone presses the button;
    POST calls `delete()`, which raises the service's ValidationError when history depends on
    it after all. `context`: back_url, breadcrumb and an optional explanation."""
    problem = refusal
    if request.method == "POST":
        try:
            delete()
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, done_message)
            return redirect(done_url)
    return render(
        request,
        "includes/confirm_delete.html",
        {"object_name": name, "problem": problem, **context},
        status=400 if problem and request.method == "POST" else 200,
    )
