"""The staff workspace /<slug>/beheer/: one namespace, views from each app."""

from django.urls import path

from uitdaagrecht.accounts import workspace as accounts
from uitdaagrecht.assessment import workspace as assessment
from uitdaagrecht.budgets import workspace as budgets
from uitdaagrecht.catalog import bulk_views as catalog_bulk
from uitdaagrecht.catalog import workspace as catalog
from uitdaagrecht.challenges import workspace as challenges
from uitdaagrecht.challenges.api import STAFF, registry
from uitdaagrecht.notifications import workspace as notifications
from uitdaagrecht.portal import workspace as portal

app_name = "workspace"
urlpatterns = [
    path("", portal.dashboard, name="dashboard"),
    path("pagina/", portal.texts, name="texts"),
    path("huisstijl/", portal.theme, name="theme"),
    path("afdelingen/", portal.departments, name="departments"),
    path("afdelingen/<int:pk>/", portal.department_edit, name="department_edit"),
    path("afdelingen/<int:pk>/verwijderen/", portal.department_delete, name="department_delete"),
    path("medewerkers/", accounts.staff, name="staff"),
    path("medewerkers/<int:pk>/", accounts.staff_member, name="staff_member"),
    path(
        "medewerkers/<int:pk>/tweestapsverificatie/",
        accounts.staff_second_factor_reset,
        name="staff_second_factor_reset",
    ),
    path("e-mail/", notifications.email_queue, name="email_queue"),
    path("begrotingscyclus/", budgets.cycle, name="budget_cycle"),
    path("begrotingscyclus/<int:pk>/", budgets.cycle, name="budget_cycle_edit"),
    path(
        "begrotingscyclus/<int:pk>/verwijderen/", budgets.cycle_delete, name="budget_cycle_delete"
    ),
    path("taken/", catalog.index, name="catalog"),
    path("taken/nieuw/", catalog.task_edit, name="catalog_task_new"),
    path("taken/<int:pk>/", catalog.task_manage, name="catalog_task"),
    path("taken/<int:pk>/wijzigen/", catalog.task_edit, name="catalog_task_edit"),
    path("taken/<int:pk>/verwijderen/", catalog.task_remove, name="catalog_task_remove"),
    path("uitvoerders/nieuw/", catalog.provider_edit, name="catalog_provider_new"),
    path("uitvoerders/<int:pk>/", catalog.provider_edit, name="catalog_provider_edit"),
    path(
        "uitvoerders/<int:pk>/verwijderen/", catalog.provider_remove, name="catalog_provider_remove"
    ),
]
for kind, segment in [
    ("contract", "contracten"),
    ("finance", "begroting"),
    ("indicator", "resultaten"),
]:
    edit, remove = getattr(catalog, f"{kind}_edit"), getattr(catalog, f"{kind}_remove")
    urlpatterns += [
        path(f"taken/<int:task_pk>/{segment}/nieuw/", edit, name=f"catalog_{kind}_new"),
        path(f"taken/<int:task_pk>/{segment}/<int:pk>/", edit, name=f"catalog_{kind}_edit"),
        path(
            f"taken/<int:task_pk>/{segment}/<int:pk>/verwijderen/",
            remove,
            name=f"catalog_{kind}_remove",
        ),
    ]
urlpatterns += [
    path(
        "taken/<int:task_pk>/resultaten/<int:indicator_pk>/waarden/nieuw/",
        catalog.value_edit,
        name="catalog_value_new",
    ),
    path(
        "taken/<int:task_pk>/resultaten/<int:indicator_pk>/waarden/<int:pk>/",
        catalog.value_edit,
        name="catalog_value_edit",
    ),
    path(
        "taken/<int:task_pk>/resultaten/<int:indicator_pk>/waarden/<int:pk>/verwijderen/",
        catalog.value_remove,
        name="catalog_value_remove",
    ),
]
urlpatterns += [
    path("taken/importeren/", catalog_bulk.upload, name="catalog_import"),
    path(
        "taken/importeren/sjabloon.csv",
        catalog_bulk.template_csv,
        name="catalog_import_template_csv",
    ),
    path(
        "taken/importeren/sjabloon.xlsx",
        catalog_bulk.template_xlsx,
        name="catalog_import_template_xlsx",
    ),
    path("taken/importeren/toepassen/", catalog_bulk.apply, name="catalog_import_apply"),
]
urlpatterns += [
    path("uitdagingen/", portal.challenges, name="challenges"),
    path("uitdagingen/termijnen/", challenges.terms, name="challenge_terms"),
    path("uitdagingen/<str:reference>/", challenges.challenge, name="challenge"),
]
# The staff's dossier actions of the kernel and of every phase extension.
urlpatterns += [
    path(
        f"uitdagingen/<str:reference>/{action.path}",
        challenges.staff_action(action),
        name=f"challenge_{action.name}",
    )
    for action in registry.actions_for(STAFF)
]
urlpatterns += [
    path("beoordelingskader/", assessment.framework, name="framework"),
    path("beoordelingskader/concept/", assessment.framework_draft, name="framework_draft"),
    path("beoordelingskader/publiceren/", assessment.framework_publish, name="framework_publish"),
    path("beoordelingskader/criteria/nieuw/", assessment.criterion_edit, name="criterion_new"),
    path("beoordelingskader/criteria/<int:pk>/", assessment.criterion_edit, name="criterion_edit"),
    path(
        "beoordelingskader/criteria/<int:pk>/verwijderen/",
        assessment.criterion_delete,
        name="criterion_delete",
    ),
    path("advies/", assessment.advice_list, name="advice_list"),
    path("advies/<int:pk>/", assessment.advice, name="advice"),
]
