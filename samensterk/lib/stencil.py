"""Pages that are the same for every visitor except a value or two: rendered once, filled in per
request.

The public form is the same page for every reporter of a group except its signed form token,
and its receipt the same except the tracking code; rendering either with Django's templates
costs most of its request (the form page three quarters). A stencil is such a page rendered
once with a marker in place of each of those values; each request then fills in its own values,
escaped as the template would have escaped them.

Only where the page is the same for everyone: a visitor who is logged in (their name, a CSRF
token) or has a message waiting gets the page rendered as usual. The caller keys the stencil
by what else the page depends on, and keeps the stencils where they are forgotten when that
changes (lib.memo).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Hashable, MutableMapping
from dataclasses import dataclass

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.translation import get_language

# Random per process: no text a visitor sends can contain a marker by chance or on purpose.
_SECRET = secrets.token_hex(8)
_MARKER = re.compile(rf"stencil-{_SECRET}-([a-z_]+)-")
MAX_PER_STORE = 16


def _marker(name: str) -> str:
    return f"stencil-{_SECRET}-{name}-"


@dataclass(frozen=True)
class Stencil:
    parts: tuple[str, ...]  # the page cut at the markers: text, name, text, name, ..., text

    def fill(self, values: dict[str, str]) -> str:
        pieces = list(self.parts)
        for i in range(1, len(pieces), 2):
            pieces[i] = conditional_escape(values[pieces[i]])
        return "".join(pieces)


def cut(html: str, names) -> Stencil | None:
    """The page cut at its markers; None unless every value's marker came through unchanged."""
    parts = tuple(_MARKER.split(html))
    if set(parts[1::2]) != set(names):
        return None
    return Stencil(parts)


def same_for_everyone(request: HttpRequest) -> bool:
    """Nothing on the page depends on who asks: nobody logged in, no message waiting."""
    return not request.user.is_authenticated and not len(get_messages(request))


def stencil_response(
    request: HttpRequest,
    *,
    store: MutableMapping[Hashable, Stencil],
    key: Hashable,
    template_name: str,
    context: Callable[[dict[str, str]], dict],
    values: dict[str, str],
) -> HttpResponse:
    """The page `template_name` renders from context(values), through a stencil kept in `store`
    under `key` (with the language and the address added) when the page is the same for
    everyone. `context` gets the values, or markers in their place: the page may show them (a
    filter that changes them, or showing one not at all, means no stencil) and test whether
    they are empty (a marker is not; an empty value is never filled in), nothing else."""

    def rendered(with_values: dict[str, str]) -> str:
        return render_to_string(template_name, context(with_values), request)

    if not all(values.values()) or not same_for_everyone(request):
        return HttpResponse(rendered(values))
    key = (key, template_name, get_language(), request.get_full_path())
    stencil = store.get(key)
    if stencil is None:
        stencil = cut(rendered({n: _marker(n) for n in values}), values)
        if stencil is None:  # a marker was changed or left out: no stencil for this page
            return HttpResponse(rendered(values))
        if len(store) < MAX_PER_STORE:
            store[key] = stencil
    return HttpResponse(stencil.fill(values))
