from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .admin_site import ScopedAdminMixin
from .models import (
    GroupMembership,
    Invitation,
    LocalGroup,
    Organisation,
    OrganisationMembership,
    User,
)
from .permissions import scope_for


class GroupMembershipInline(ScopedAdminMixin, admin.TabularInline):
    model = GroupMembership
    organisation_path = "group__organisation"
    parent_organisation_path = "organisation"
    beheerder_may_delete = True
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


class OrganisationMembershipInline(ScopedAdminMixin, admin.TabularInline):
    model = OrganisationMembership
    organisation_path = "organisation"
    parent_organisation_path = ""
    beheerder_may_delete = True
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    organisation_path = ""
    list_display = ["name", "slug", "group_count"]
    search_fields = ["name", "slug"]
    inlines = [OrganisationMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_groups=Count("groups"))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not scope_for(request.user).is_superuser:
            return ["slug"]
        return []

    @admin.display(description=_("groepen"), ordering="n_groups")
    def group_count(self, obj):
        return obj.n_groups


@admin.register(LocalGroup)
class LocalGroupAdmin(ScopedAdminMixin, admin.ModelAdmin):
    organisation_path = "organisation"
    list_display = ["name", "slug", "organisation", "kind", "active", "municipality_count"]
    list_filter = ["kind", "active", "organisation"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["municipalities"]
    inlines = [GroupMembershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("organisation")
            .annotate(n_municipalities=Count("municipalities"))
        )

    @admin.display(description=_("gemeenten"), ordering="n_municipalities")
    def municipality_count(self, obj):
        return obj.n_municipalities


@admin.register(Invitation)
class InvitationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    organisation_path = "group__organisation"
    beheerder_may_add = False
    list_display = [
        "email",
        "group",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role"]
    search_fields = ["email", "group__name"]
    readonly_fields = [
        "group",
        "email",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]
    fields = readonly_fields + ["revoked_at"]

    def has_add_permission(self, request, obj=None):
        # Invitations are sent from the group page, which e-mails the link.
        return False


@admin.register(User)
class UserAdmin(ScopedAdminMixin, BaseUserAdmin):
    organisation_path = None  # a person can belong to several organisations: superusers edit
    ordering = ["full_name"]
    list_display = ["full_name", "email", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser"]
    search_fields = ["full_name", "email"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = []
    actions = ["reset_two_factor"]

    def has_reset_two_factor_permission(self, request):
        # Beheerders may do this for the people of their own organisations (the queryset).
        return scope_for(request.user).can_use_admin()

    @admin.action(
        description=_("Inloggen in twee stappen opnieuw laten instellen (telefoon kwijt)"),
        permissions=["reset_two_factor"],
    )
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor.reset_for(user=user)
        self.message_user(
            request,
            _("Bij de volgende keer inloggen stellen zij inloggen in twee stappen opnieuw in."),
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = scope_for(request.user)
        if scope.is_superuser:
            return queryset
        ids = list(scope.admin_organisation_ids)
        return queryset.filter(
            pk__in=User.objects.filter(group_memberships__group__organisation__in=ids).values("pk")
        ) | queryset.filter(
            pk__in=User.objects.filter(organisation_memberships__organisation__in=ids).values("pk")
        )


# The devices' secrets are never shown in the admin: people set up and reset their own.
for _model in (TOTPDevice, EmailDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
