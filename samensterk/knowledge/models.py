"""The knowledge base (seeds 002 section 3): webinars, articles, guides, templates and good
examples from the groups, by theme and tag, searchable; good examples are reviewed by national
staff before all groups see them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    WEBINAR = "webinar", _("Webinar")
    ARTICLE = "artikel", _("Artikel")
    GUIDE = "handreiking", _("Handreiking")
    EXAMPLE = "voorbeeld", _("Goed voorbeeld")
    TEMPLATE = "sjabloon", _("Sjabloon of formulier")


class ItemStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    SUBMITTED = "ingediend", _("Wacht op beoordeling")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")
    REJECTED = "afgewezen", _("Niet geplaatst")


class Item(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="knowledge_items"
    )
    kind = models.CharField(_("soort"), max_length=12, choices=ItemKind)
    title = models.CharField(_("titel"), max_length=250)
    summary = models.TextField(_("korte samenvatting"), max_length=1000, blank=True)
    body = models.TextField(_("tekst"), max_length=50000, blank=True)
    # Good examples: what the group did (body), what came of it, tips for others.
    result = models.TextField(_("wat het opleverde"), max_length=5000, blank=True)
    tips = models.TextField(_("tips voor andere groepen"), max_length=5000, blank=True)
    video_url = models.URLField(_("link naar de video"), blank=True)
    slides_url = models.URLField(_("link naar de dia's of het bestand"), blank=True)
    event_date = models.DateField(_("datum"), null=True, blank=True)
    view_count = models.PositiveIntegerField(_("aantal keer bekeken"), default=0)
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="knowledge_items", verbose_name=_("thema's")
    )
    tags = models.CharField(
        _("trefwoorden"), max_length=300, blank=True, help_text=_("Gescheiden door komma's.")
    )
    status = models.CharField(max_length=14, choices=ItemStatus, default=ItemStatus.DRAFT)
    # Content that comes with the app (knowledge/data) keeps a stable key, so other screens
    # can link to it ("the four networking steps") and loading it twice adds nothing.
    key = models.SlugField(_("vaste sleutel"), max_length=50, blank=True, editable=False)
    # Search terms (Dutch stems), kept up to date on save: the same search on any database.
    search_title = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    group = models.ForeignKey(
        "accounts.LocalGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("van de groep"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    review_note = models.TextField(_("toelichting bij de beoordeling"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("kennisitem")
        verbose_name_plural = _("kennisitems")
        indexes = [models.Index(fields=["organisation", "status"], name="knowledge_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"],
                condition=~models.Q(key=""),
                name="knowledge_item_key",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        from .search import index_terms

        self.search_title, self.search_text = index_terms(self)
        fields = kwargs.get("update_fields")
        if fields is not None:
            kwargs["update_fields"] = {*fields, "search_title", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("knowledge:detail", args=[self.pk])

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


# --- The communication calendar (seeds 002, "Borging") --------------------------------------


class Channel(models.TextChoices):
    NEWSLETTER = "nieuwsbrief", _("Nieuwsbrief")
    WEBSITE = "website", _("Website")
    FACEBOOK = "facebook", _("Facebook")
    X = "x", _("X (Twitter)")
    LINKEDIN = "linkedin", _("LinkedIn")
    MAGAZINE = "ledenblad", _("Ledenblad")


class PublicationStatus(models.TextChoices):
    IDEA = "idee", _("Idee")
    PLANNED = "gepland", _("Gepland")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")


class CalendarTheme(models.Model):
    """A theme that gets attention for a month or two, across the channels."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="calendar_themes"
    )
    title = models.CharField(_("thema"), max_length=200)
    description = models.TextField(_("waarom en wat"), max_length=3000, blank=True)
    starts_on = models.DateField(_("vanaf"))
    ends_on = models.DateField(_("tot en met"))
    items = models.ManyToManyField(
        Item, blank=True, related_name="calendar_themes", verbose_name=_("uit de kennisbank")
    )
    active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Uitgezet: niet meer te kiezen bij iets nieuws; wat gepland was, blijft."),
    )

    class Meta:
        ordering = ["starts_on", "title"]
        verbose_name = _("thema van de communicatiekalender")
        verbose_name_plural = _("thema's van de communicatiekalender")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="calendar_theme_order"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Publication(models.Model):
    """One planned item on one channel."""

    theme = models.ForeignKey(CalendarTheme, on_delete=models.CASCADE, related_name="publications")
    channel = models.CharField(_("kanaal"), max_length=12, choices=Channel)
    title = models.CharField(_("wat"), max_length=250)
    planned_on = models.DateField(_("datum"))
    status = models.CharField(
        _("status"), max_length=12, choices=PublicationStatus, default=PublicationStatus.IDEA
    )
    item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="publications",
        verbose_name=_("uit de kennisbank"),
    )  # fmt: skip

    class Meta:
        ordering = ["planned_on", "channel"]
        verbose_name = _("publicatie in de communicatiekalender")
        verbose_name_plural = _("publicaties in de communicatiekalender")

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.title}"
