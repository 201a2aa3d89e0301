"""The benchmark's URLs: the real ones plus bare views that insert one row (the baseline of
the public form) and render one row (the baseline of a staff page), so that both go through
the same middleware."""

import uuid

from django.http import HttpResponse
from django.template import engines
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


def bare_row(request, reference):
    from samensterk.intake.models import Signal

    signal = Signal.objects.get(reference=reference)
    template = engines["django"].from_string("<p>{{ s.reference }}</p><p>{{ s.story }}</p>")
    return HttpResponse(template.render({"s": signal}, request))


urlpatterns = [
    path("benchmark/bare-insert/", bare_insert),
    path("benchmark/bare-row/<str:reference>/", bare_row),
    path("", include("samensterk.urls")),
]
