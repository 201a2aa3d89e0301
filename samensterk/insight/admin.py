from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from samensterk.accounts.admin import OrganisationAdmin
from samensterk.accounts.admin_site import ScopedAdminMixin
from samensterk.accounts.models import Organisation

from .models import ClassifierModel


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
    from .services import MIN_LABELS, classifier_retrain

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
