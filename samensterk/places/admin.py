from django.contrib import admin

from samensterk.lib.admin import InstallationWideAdminMixin

from .models import Municipality, MunicipalityAlias, Place, Province


class AliasInline(InstallationWideAdminMixin, admin.TabularInline):
    model = MunicipalityAlias
    extra = 0
    fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(InstallationWideAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "province", "active"]
    list_filter = ["province", "active"]
    search_fields = ["name", "code", "aliases__name", "places__name"]
    readonly_fields = ["key"]
    inlines = [AliasInline]

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


@admin.register(Province)
class ProvinceAdmin(InstallationWideAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(Place)
class PlaceAdmin(InstallationWideAdminMixin, admin.ModelAdmin):
    list_display = ["name", "municipality"]
    search_fields = ["name", "municipality__name"]
    list_select_related = ["municipality"]
    readonly_fields = ["key"]
