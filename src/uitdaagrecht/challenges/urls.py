from django.urls import path

from uitdaagrecht.agreements import views as agreements

from . import views

app_name = "challenges"
urlpatterns = [
    path("uitdagingen/", views.challenge_list, name="list"),
    path("uitdagingen/hoe-werkt-het/", views.process, name="process"),
    path("uitdagingen/nieuw/", views.draft_start, name="draft_start"),
    path("uitdagingen/concept/<int:pk>/stap/<int:step>/", views.draft_step, name="draft_step"),
    path("uitdagingen/documenten/<int:pk>/", views.document, name="document"),
    path("uitdagingen/<str:reference>/", views.challenge_detail, name="detail"),
    path("uitdagingen/<str:reference>/dossier/", views.member_view, name="dossier"),
    path(
        "uitdagingen/<str:reference>/dossier/actie/<str:action>/",
        views.member_transition,
        name="dossier_transition",
    ),
    path(
        "uitdagingen/<str:reference>/dossier/afspraken/",
        views.member_page(agreements.overview),
        name="agreements",
    ),
    path(
        "uitdagingen/<str:reference>/dossier/afspraken/nieuw/",
        views.member_page(agreements.propose),
        name="agreements_propose",
    ),
    path(
        "uitdagingen/<str:reference>/dossier/afspraken/<int:number>/ondertekenen/",
        views.member_action(agreements.sign),
        name="agreements_sign",
    ),
    path(
        "uitdagingen/<str:reference>/dossier/bericht/", views.member_message, name="dossier_message"
    ),
    path(
        "uitdagingen/<str:reference>/dossier/documenten/",
        views.member_documents,
        name="dossier_documents",
    ),
    path(
        "uitdagingen/<str:reference>/dossier/documenten/<int:pk>/toestemming/",
        views.member_consent,
        name="dossier_consent",
    ),
]
