"""The benchmark's URLs: the real ones, plus bare views (the baselines) that go through the
same middleware: one that renders one row, one that inserts one."""

import uuid

from django.http import HttpResponse
from django.template import Context, Template
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

BARE: dict = {}  # the signal the bare page shows, set by the benchmark

PAGE = Template(
    "<!doctype html><html lang=nl><title>{{ signal.reference }}</title>"
    "<p>{{ user.get_username }}</p><p>{{ signal.reference }}: {{ signal.story }}</p></html>"
)


def bare_page(request):
    from samensterk.intake.models import Signal

    signal = Signal.objects.get(pk=BARE["signal"].pk)
    return HttpResponse(PAGE.render(Context({"signal": signal, "user": request.user})))


@csrf_exempt
def bare_insert(request):
    from samensterk.intake.models import Signal

    signal = BARE["signal"]
    Signal.objects.create(
        organisation_id=signal.organisation_id,
        group_id=signal.group_id,
        reference=f"B-{uuid.uuid4().hex[:9]}",
        submission_id=uuid.uuid4(),
        tracking_hash=uuid.uuid4().hex,
        channel="meldknop",
        received_at=timezone.now(),
        story=request.POST.get("story", ""),
    )
    return HttpResponse("ok")


urlpatterns = [
    path("benchmark/bare-page/", bare_page),
    path("benchmark/bare-insert/", bare_insert),
    path("", include("samensterk.urls")),
]
