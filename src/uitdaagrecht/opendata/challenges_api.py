"""Challenges as open data: exactly what the public pages show, never residents' personal data,
drafts, staff notes or documents that are not public."""

import django_filters
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.functional import cached_property
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.pagination import CursorPagination

from uitdaagrecht.catalog.models import Task
from uitdaagrecht.challenges.api import Document, Event, State, public_challenges
from uitdaagrecht.core.fragments import cached_parts

from .rows import RowFilterBackend, datetime_text


def challenge_page(context: dict, challenge) -> str:
    """The challenge's public page. The URL is worked out once per response (kept in the
    serializer context that all rows share) instead of with a reverse() for every row."""
    return challenge_page_of(context, challenge.municipality.slug, challenge.reference)


def challenge_page_of(context: dict, municipality_slug: str, reference: str) -> str:
    if "_challenge_page" not in context:
        page = context["request"].build_absolute_uri(
            reverse(
                "challenges:detail",
                kwargs={"municipality": "__municipality__", "reference": "__reference__"},
            )
        )
        before, _, rest = page.partition("__municipality__")
        middle, _, after = rest.partition("__reference__")
        context["_challenge_page"] = (before, middle, after)
    before, middle, after = context["_challenge_page"]
    return f"{before}{municipality_slug}{middle}{reference}{after}"


_DATETIME = serializers.DateTimeField()


class PublicEventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField(help_text="A role, never a person's name.")

    class Meta:
        model = Event
        fields = ["created_at", "kind", "from_state", "to_state", "action", "actor", "text"]

    def get_actor(self, obj: Event) -> str:
        return obj.actor_role


class PublicDocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["name", "content_type", "size", "published_at", "url"]

    def get_url(self, obj: Document) -> str:
        return self.context["request"].build_absolute_uri(
            reverse(
                "challenges:document",
                kwargs={"municipality": obj.challenge.municipality.slug, "pk": obj.pk},
            )
        )


class ChallengeSerializer(serializers.Serializer):
    reference = serializers.CharField()
    municipality = serializers.CharField(source="municipality.cbs_code")
    title = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    organisation_legal_form = serializers.CharField(source="organisation.legal_form")
    summary = serializers.CharField()
    tasks = serializers.SerializerMethodField(help_text="Slugs of the challenged catalogue tasks.")
    other_task = serializers.CharField(help_text="A task not in the catalogue, in words.")
    mode = serializers.CharField(help_text="take_over or co_produce")
    part = serializers.CharField()
    phase = serializers.CharField(source="state")
    classification = serializers.CharField()
    redirected_to = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    events = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    def get_tasks(self, obj) -> list[str]:
        return [t.slug for t in obj.tasks.all()]

    # The events written out as dicts (the schema is PublicEventSerializer's): a serializer's
    # fields for each of ~125 events per page were most of the CPU time (bench/README.md).
    @cached_property
    def _document_serializer(self) -> PublicDocumentSerializer:
        return PublicDocumentSerializer(context=self.context)

    @extend_schema_field(PublicEventSerializer(many=True))
    def get_events(self, obj):
        created_at = _DATETIME.to_representation
        return [
            {
                "created_at": created_at(e.created_at),
                "kind": e.kind,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "action": e.action,
                "actor": e.actor_role,
                "text": e.text,
            }
            for e in obj.public_events
        ]

    @extend_schema_field(PublicDocumentSerializer(many=True))
    def get_documents(self, obj):
        return [self._document_serializer.to_representation(d) for d in obj.public_documents]

    def get_page(self, obj) -> str:
        return challenge_page(self.context, obj)


class ChallengeFilterSet(django_filters.FilterSet):
    municipality = django_filters.CharFilter(
        field_name="municipality__cbs_code", help_text="CBS code, e.g. GM0193."
    )
    phase = django_filters.ChoiceFilter(
        field_name="state", choices=[c for c in State.choices if c[0] != State.DRAFT]
    )
    reference = django_filters.CharFilter(help_text="Unique within a municipality.")
    task = django_filters.CharFilter(field_name="tasks__slug", distinct=True)
    submitted_after = django_filters.DateFilter(field_name="submitted_at", lookup_expr="date__gte")


# What the API shows of a challenge (its parts aside).
CHALLENGE_ROW = (
    "reference",
    "municipality__cbs_code",
    "municipality__slug",
    "title",
    "organisation__name",
    "organisation__legal_form",
    "summary",
    "other_task",
    "mode",
    "part",
    "state",
    "classification",
    "redirected_to",
    "submitted_at",
)


class ChallengePagination(CursorPagination):
    page_size = 25
    ordering = "-submitted_at"


class ChallengeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Submitted challenges with their phase, public timeline and public documents.

    A reference is unique within a municipality: filter on both to get one challenge."""

    serializer_class = ChallengeSerializer
    filter_backends = [RowFilterBackend]
    filterset_class = ChallengeFilterSet
    pagination_class = ChallengePagination

    def list(self, request, *args, **kwargs):
        # What `ChallengeSerializer` gives, from `values()` rows: tasks, events and documents read
        # in three queries for the page (tests/opendata/test_api_rows.py compares them).
        rows = self.paginate_queryset(
            self.filter_queryset(public_challenges().order_by("-submitted_at")).values(
                "id", *CHALLENGE_ROW
            )
        )
        return self.get_paginated_response(challenge_rows(rows, request))

    def get_queryset(self):
        return (
            public_challenges()
            .prefetch_related(None)  # the tasks below: only their slugs
            .prefetch_related(
                Prefetch("tasks", queryset=Task.objects.only("slug")),
                Prefetch(
                    "events",
                    queryset=Event.objects.public().order_by("created_at", "pk"),
                    to_attr="public_events",
                ),
                # A prefetched document's challenge is the row it hangs from (Django sets it),
                # so its URL needs no join that would read every challenge again.
                Prefetch(
                    "documents",
                    queryset=Document.objects.public(),
                    to_attr="public_documents",
                ),
            )
            # Only what the API shows: not the plan, the values and the other long texts.
            .only(*CHALLENGE_ROW)
            .order_by("-submitted_at")
        )


def challenge_rows(challenges: list[dict], request) -> list[dict]:
    """Challenges as `ChallengeSerializer` represents them; their tasks, events and documents
    kept per challenge (core.fragments.cached_parts), the ones not kept read in three queries."""
    slugs = {c["id"]: c["municipality__slug"] for c in challenges}
    parts = cached_parts("api-challenge-parts", slugs, lambda ids: _challenge_parts(ids, slugs))
    origin = request.build_absolute_uri("/")[:-1]
    moment = datetime_text()
    context = {"request": request}
    rows = []
    for c in challenges:
        slug = c["municipality__slug"]
        tasks, events, documents = parts[c["id"]]
        rows.append(
            {
                "reference": c["reference"],
                "municipality": c["municipality__cbs_code"],
                "title": c["title"],
                "organisation": c["organisation__name"],
                "organisation_legal_form": c["organisation__legal_form"],
                "summary": c["summary"],
                "tasks": tasks,
                "other_task": c["other_task"],
                "mode": c["mode"],
                "part": c["part"],
                "phase": c["state"],
                "classification": c["classification"],
                "redirected_to": c["redirected_to"],
                "submitted_at": None if c["submitted_at"] is None else moment(c["submitted_at"]),
                "events": events,
                "documents": [{**d, "url": origin + d["url"]} for d in documents],
                "page": challenge_page_of(context, slug, c["reference"]),
            }
        )
    return rows


def _challenge_parts(ids: list[int], slugs: dict[int, str]) -> dict[int, tuple]:
    """(task slugs, public events, public documents with their URL's path) of each challenge;
    `slugs`: the municipality of each."""
    tasks: dict[int, list[str]] = {pk: [] for pk in ids}
    for challenge_id, slug in (
        Task.challenges.through.objects.filter(challenge_id__in=ids)
        .order_by("task__title", "task_id")  # as Task's own ordering, which the serializer follows
        .values_list("challenge_id", "task__slug")
    ):
        tasks[challenge_id].append(slug)
    moment = datetime_text()
    events: dict[int, list[dict]] = {pk: [] for pk in ids}
    for e in (
        Event.objects.public()
        .filter(challenge_id__in=ids)
        .order_by("created_at", "pk")
        .values(
            "challenge_id",
            "created_at",
            "kind",
            "from_state",
            "to_state",
            "action",
            "actor_role",
            "text",
        )
    ):
        events[e["challenge_id"]].append(
            {
                "created_at": moment(e["created_at"]),
                "kind": e["kind"],
                "from_state": e["from_state"],
                "to_state": e["to_state"],
                "action": e["action"],
                "actor": e["actor_role"],
                "text": e["text"],
            }
        )
    document_path = reverse(
        "challenges:document", kwargs={"municipality": "__m__", "pk": 1}
    ).rpartition("1/")[0]
    documents: dict[int, list[dict]] = {pk: [] for pk in ids}
    for d in (
        Document.objects.public()
        .filter(challenge_id__in=ids)
        .order_by("pk")
        .values(
            "challenge_id",
            "pk",
            "name",
            "content_type",
            "size",
            "published_at",
        )
    ):
        documents[d["challenge_id"]].append(
            {
                "name": d["name"],
                "content_type": d["content_type"],
                "size": d["size"],
                "published_at": None if d["published_at"] is None else moment(d["published_at"]),
                "url": document_path.replace("__m__", slugs[d["challenge_id"]]) + f"{d['pk']}/",
            }
        )
    return {pk: (tasks[pk], events[pk], documents[pk]) for pk in ids}
