from django.contrib import admin

from .models import BudgetCycleMoment, Hoofdtaakveld, Taakveld


@admin.register(Hoofdtaakveld)
class HoofdtaakveldAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Taakveld)
class TaakveldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "hoofdtaakveld", "first_year", "last_year"]
    list_filter = ["hoofdtaakveld"]
    search_fields = ["code", "name"]


@admin.register(BudgetCycleMoment)
class BudgetCycleMomentAdmin(admin.ModelAdmin):
    list_display = ["municipality", "kind", "date"]
    list_select_related = ["municipality"]
