from django.urls import path

from . import views
from .extensions import CHALLENGERS, registry

app_name = "challenges"
urlpatterns = [
    path("uitdagingen/", views.challenge_list, name="list"),
    path("uitdagingen/hoe-werkt-het/", views.process, name="process"),
    path("uitdagingen/nieuw/", views.draft_start, name="draft_start"),
    path("uitdagingen/concept/<int:pk>/stap/<int:step>/", views.draft_step, name="draft_step"),
    path("uitdagingen/documenten/<int:pk>/", views.document, name="document"),
    path("uitdagingen/<str:reference>/", views.challenge_detail, name="detail"),
    path("uitdagingen/<str:reference>/dossier/", views.member_view, name="dossier"),
]
# The challengers' dossier actions of the kernel and of every phase extension.
urlpatterns += [
    path(
        f"uitdagingen/<str:reference>/dossier/{action.path}",
        views.member_action(action),
        name=f"dossier_{action.name}",
    )
    for action in registry.actions_for(CHALLENGERS)
]
