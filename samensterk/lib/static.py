"""Static file storages that remember each file's address.

Every page asks for the addresses of its style sheet, scripts and images ({% static %}); the
storages work each one out again (joining, quoting, and in production looking up the hashed
name), about 40 microseconds each. The files and their names do not change while a process runs
(collectstatic comes before the server starts), so each address is worked out once.
"""

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

_LIMIT = 2_000  # names a process remembers at most (templates name a few dozen)


class RememberedURLs:
    def url(self, name, *args, **kwargs):
        if args or kwargs:  # the manifest storage's force=True: worked out as asked
            return super().url(name, *args, **kwargs)
        remembered = self.__dict__.setdefault("_remembered_urls", {})
        url = remembered.get(name)
        if url is None:
            url = super().url(name)
            if len(remembered) < _LIMIT:
                remembered[name] = url
        return url


class DevelopmentStaticStorage(RememberedURLs, StaticFilesStorage):
    """Development and tests: the files as they are."""


class ProductionStaticStorage(RememberedURLs, CompressedManifestStaticFilesStorage):
    """Production: hashed, compressed copies made by collectstatic (whitenoise)."""
