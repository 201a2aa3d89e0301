"""Addresses without arguments, worked out once per process.

reverse() walks the URL patterns on every call (about 25-60 microseconds here); the main menu
of every page asks for a dozen addresses that never change while the process runs. The key
holds the URL configuration and the script prefix, so a request with another configuration
(or a test that overrides it) gets its own.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def fixed_reverse(name: str) -> str:
    """reverse(name) for a URL pattern without arguments."""
    return _reverse(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@lru_cache(maxsize=1024)
def _reverse(name: str, urlconf, _prefix: str) -> str:
    return reverse(name, urlconf=urlconf)
