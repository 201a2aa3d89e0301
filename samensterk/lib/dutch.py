"""Stored Dutch text on a page that may be in another language.

Consent wording and the fields of a privacy statement are written and stored in Dutch. On an
English page they stay Dutch, marked lang="nl", so that a screen reader reads them as Dutch,
unless the translation catalogue has an English version of exactly that text (the default
consent wording has one).
"""

from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext


def _in_dutch_page() -> bool:
    return (get_language() or "nl").split("-")[0] == "nl"


def _shown(text: str) -> tuple[str, bool]:
    """The text to show and whether it is (still) Dutch on a page in another language."""
    if not text or _in_dutch_page():
        return text, False
    translated = gettext(text)
    return (translated, False) if translated != text else (text, True)


def dutch(value) -> SafeString:
    """One line of stored Dutch, escaped; wrapped in <span lang="nl"> where the page is not."""
    text, foreign = _shown(str(value or ""))
    if foreign:
        return format_html('<span lang="nl">{}</span>', text)
    return conditional_escape(text)


def dutch_paragraphs(value) -> SafeString:
    """Stored Dutch with line breaks, as escaped paragraphs; in a <div lang="nl"> where the
    page is not Dutch."""
    text, foreign = _shown(str(value or "").strip())
    if not text:
        return mark_safe("")
    html = mark_safe(linebreaks(text, autoescape=True))  # noqa: S308 (linebreaks escapes it)
    if foreign:
        return format_html('<div lang="nl">{}</div>', html)
    return html
