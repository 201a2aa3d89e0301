from django.contrib import admin
from django.urls import include, path

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
    path("taal/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
