"""Friendly Dutch error pages in the site's own layout."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    # No context processors: something may be broken; the template needs no request data.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
