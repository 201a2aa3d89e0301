from django.conf import settings
from django.http import QueryDict
from django.utils import translation

from .errors import bad_request, page_not_found

# Browser features no page of the product uses, switched off for it and for anything it embeds.
# Only features of the current standard (no interest-cohort: FLoC is gone). The public form's
# "read aloud" uses speechSynthesis, which no Permissions-Policy feature governs.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
)


class PermissionsPolicyMiddleware:
    """Django has no setting for the Permissions-Policy header: this sets it on every response
    (first in MIDDLEWARE, so that static files served by WhiteNoise get it too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class LanguageMiddleware:
    """Dutch unless the person chose another language with the switch (the language cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: many people here
    have an English browser but expect the Dutch site their organisation uses.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class NulCharacterMiddleware:
    """No NUL character (\\x00) reaches a view: PostgreSQL cannot store or even compare text
    holding one, so it would become a server error. Nothing real is ever named with one.

    In the address: 404 (nothing has such a name). In the query string: 400 with the Dutch page.
    In a submitted form: the character is taken out, so that what the person typed survives.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            return self.get_response(request)  # the API refuses it itself, with a JSON 422
        if "\x00" in request.path:
            return page_not_found(request)
        if any("\x00" in key or "\x00" in value for key, value in _pairs(request.GET)):
            return bad_request(request)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            pairs = list(_pairs(request.POST))
            if any("\x00" in key or "\x00" in value for key, value in pairs):
                cleaned = QueryDict(mutable=True)
                for key, value in pairs:
                    cleaned.appendlist(key.replace("\x00", ""), value.replace("\x00", ""))
                cleaned._mutable = False
                request.POST = cleaned
        return self.get_response(request)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _pairs(query_dict):
    for key, values in query_dict.lists():
        for value in values:
            yield key, value
