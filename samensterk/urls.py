from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from samensterk.api import api
from samensterk.front import errors, health

urlpatterns = [
    path("health/", health.health, name="health"),
    path("", include("samensterk.front.urls")),
    path("", include("samensterk.accounts.urls")),
    path("", include("samensterk.intake.urls")),
    path("", include("samensterk.dossiers.urls")),
    path("", include("samensterk.reports.urls")),
    path("", include("samensterk.network.urls")),
    path("", include("samensterk.coalitions.urls")),
    path("", include("samensterk.surveys.urls")),
    path("", include("samensterk.courses.urls")),
    path("", include("samensterk.knowledge.urls")),
    path("", include("samensterk.advocacy.urls")),
    path("", include("samensterk.privacy.urls")),
    path("", include("samensterk.notify.urls")),
    # Without a CSRF token: switching the language is all it can do (and `next` stays on this
    # site), and the public pages then set no cookie until the visitor chooses a language; the
    # group's form, embedded on other websites, cannot rely on cookies anyway.
    path("taal/setlang/", csrf_exempt(set_language), name="set_language"),
    path("beheer/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
