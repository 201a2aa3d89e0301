from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from samensterk.accounts.admin import OrganisationAdmin
from samensterk.accounts.admin_site import ScopedAdminMixin
from samensterk.accounts.models import Organisation
from samensterk.insight.models import ClassifierModel

from .models import ApiToken, ConsentText


@admin.register(ConsentText)
class ConsentTextAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Consent wording is versioned: a change is saved as a new version, never an edit."""

    organisation_path = "organisation"
    list_display = ["organisation", "version", "created_at"]
    readonly_fields = ["version", "created_at"]
    fields = [
        "organisation",
        "version",
        "anonymous_use",
        "share_national",
        "contact",
        "explanation",
        "created_at",
    ]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        from .services import consent_text_publish

        published = consent_text_publish(
            organisation=obj.organisation,
            anonymous_use=obj.anonymous_use,
            share_national=obj.share_national,
            contact=obj.contact,
            explanation=obj.explanation,
        )
        obj.pk, obj.version = published.pk, published.version


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdminMixin, admin.ModelAdmin):
    organisation_path = "organisation"
    beheerder_may_add = False
    list_display = ["name", "organisation", "group", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["organisation", "group", "name", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request, obj=None):
        return False  # tokens are made with `samensterk create_api_token` (shown once)

    @admin.action(description=_("Intrekken"))
    def revoke(self, request, queryset):
        queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


# --- The theme suggester, trained on the organisation's confirmed themes -----------------


@admin.register(ClassifierModel)
class ClassifierModelAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The suggester's quality, cross-validated on the organisation's own confirmed themes."""

    organisation_path = "organisation"
    beheerder_may_add = False
    list_display = ["organisation", "created_at", "n_labels", "accuracy", "macro_f1"]
    fields = ["organisation", "created_at", "n_labels", "accuracy", "macro_f1", "per_theme"]
    readonly_fields = fields
    actions = ["retrain"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("juist (kruisvalidatie)"))
    def accuracy(self, obj):
        return obj.quality.get("accuracy")

    @admin.display(description=_("macro-F1"))
    def macro_f1(self, obj):
        return obj.quality.get("macro_f1")

    @admin.display(description=_("per thema (precisie / recall / F1 / aantal)"))
    def per_theme(self, obj):
        rows = sorted(obj.quality.get("per_theme", {}).items())
        return format_html_join(
            "\n",
            "<div>{}: {} / {} / {} / {}</div>",
            ((c, q["precision"], q["recall"], q["f1"], q["support"]) for c, q in rows),
        )

    @admin.action(description=_("Opnieuw trainen met de bevestigde thema's"))
    def retrain(self, request, queryset):
        _retrain(self, request, {m.organisation for m in queryset})


def _retrain(model_admin, request, organisations) -> None:
    from .suggestions import MIN_LABELS, classifier_retrain

    for organisation in organisations:
        model = classifier_retrain(organisation)
        if model is None:
            model_admin.message_user(
                request,
                _("%(org)s: minder dan %(n)d bevestigde thema's; de startversie blijft.")
                % {"org": organisation, "n": MIN_LABELS},
                messages.WARNING,
            )
        else:
            model_admin.message_user(
                request,
                _("%(org)s: getraind op %(n)d voorbeelden, juist %(acc)s.")
                % {"org": organisation, "n": model.n_labels, "acc": model.quality["accuracy"]},
            )


# The organisations' page gets the same action (also for an organisation without a trained
# model yet); the accounts app below does not know about the suggester.
admin.site.unregister(Organisation)


@admin.register(Organisation)
class OrganisationWithSuggesterAdmin(OrganisationAdmin):
    actions = [*OrganisationAdmin.actions, "retrain_classifier"]

    @admin.action(description=_("Themasuggesties opnieuw trainen"))
    def retrain_classifier(self, request, queryset):
        _retrain(self, request, queryset)
