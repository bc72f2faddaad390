"""The staff workspace /<slug>/beheer/: one namespace, views from each app."""

from django.urls import path

from uitdaagrecht.accounts import workspace as accounts
from uitdaagrecht.budgets import workspace as budgets
from uitdaagrecht.tenants import workspace as tenants

app_name = "workspace"
urlpatterns = [
    path("", tenants.dashboard, name="dashboard"),
    path("pagina/", tenants.texts, name="texts"),
    path("huisstijl/", tenants.theme, name="theme"),
    path("afdelingen/", tenants.departments, name="departments"),
    path("afdelingen/<int:pk>/", tenants.department_edit, name="department_edit"),
    path("afdelingen/<int:pk>/verwijderen/", tenants.department_delete, name="department_delete"),
    path("medewerkers/", accounts.staff, name="staff"),
    path("medewerkers/<int:pk>/", accounts.staff_member, name="staff_member"),
    path("begrotingscyclus/", budgets.cycle, name="budget_cycle"),
    path("begrotingscyclus/<int:pk>/", budgets.cycle, name="budget_cycle_edit"),
    path(
        "begrotingscyclus/<int:pk>/verwijderen/", budgets.cycle_delete, name="budget_cycle_delete"
    ),
]
