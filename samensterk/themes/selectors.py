from .models import Theme


def theme_overview() -> dict[str, list[Theme]]:
    themes = list(Theme.objects.order_by("position", "name"))
    return {
        "active_themes": [t for t in themes if t.active],
        "retired_themes": [t for t in themes if not t.active],
    }


def active_themes():
    return Theme.objects.active().order_by("position", "name")
