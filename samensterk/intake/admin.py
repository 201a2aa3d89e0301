from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samensterk.accounts.admin_site import ScopedAdminMixin

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
