"""The benchmark's URLs: the real ones plus a bare view that inserts one row (the baseline of
the public form), so that both go through the same middleware."""

import uuid

from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

BARE: dict = {}  # organisation and group, set by the benchmark


@csrf_exempt
def bare_insert(request):
    from samensterk.intake.models import Signal

    Signal.objects.create(
        organisation=BARE["organisation"],
        group=BARE["group"],
        reference=f"B-{uuid.uuid4().hex[:9]}",
        submission_id=uuid.uuid4(),
        tracking_hash=uuid.uuid4().hex,
        channel="meldknop",
        received_at=timezone.now(),
        story=request.POST.get("story", ""),
    )
    return HttpResponse("ok")


urlpatterns = [
    path("benchmark/bare-insert/", bare_insert),
    path("", include("samensterk.urls")),
]
