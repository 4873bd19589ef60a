"""The operators' back office: the indicator catalogue and data imports, read-only.

The catalogue is written by ``load_indicator_catalogue`` from its file and imports by their
services (checked, applied in one transaction, undoable): editing either row by row here
would bypass those rules, so operators only read them.
"""

from django.contrib import admin

from territoria.indicators.models import DataImport, Indicator


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "axis", "unit", "aggregation", "formula")
    list_filter = ("axis", "aggregation", "direction")
    search_fields = ("code", "name")


@admin.register(DataImport)
class DataImportAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "territory", "kind", "status", "created_at",
                    "values_created", "values_updated", "values_unchanged")
    list_filter = ("kind", "status")
    exclude = ("file",)
