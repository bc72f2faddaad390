"""/uitdaagrecht/lessen/: the library of lessons across all municipalities (tips 4 and 10: learn
from what worked elsewhere). Every public evaluation of a submitted challenge with what worked,
what did not and the advice to others; filtered by taakveld, kind of task (hoofdtaakveld), take
over or co-produce, the challengers' legal form, the conclusion and the province; searched in
Dutch (PostgreSQL full text with the 'dutch' configuration, a plain substring search on SQLite);
with an Atom feed of new lessons. The same few queries whatever the number of lessons."""

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from uitdaagrecht.accounts.models import LegalForm
from uitdaagrecht.assessment.views import PlainTextAtom1Feed
from uitdaagrecht.budgets.models import Hoofdtaakveld, Taakveld
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.challenges.api import Challenge
from uitdaagrecht.challenges.models import Mode
from uitdaagrecht.core.caching import cache_public_page
from uitdaagrecht.core.forms import Form
from uitdaagrecht.core.links import absolute_url
from uitdaagrecht.monitoring.extension import EXECUTING
from uitdaagrecht.monitoring.models import Conclusion, Evaluation

from .national import PROVINCES

PAGE_SIZE = 20
FEED_SIZE = 50
LESSON_FIELDS = ("lessons_worked", "lessons_failed", "lessons_advice")


def lesson_list(
    *,
    query: str = "",
    taakveld: str = "",
    hoofdtaakveld: str = "",
    mode: str = "",
    legal_form: str = "",
    conclusion: str = "",
    province: str = "",
) -> QuerySet[Evaluation]:
    """Public evaluations of submitted challenges of active municipalities, newest first (the
    best match first when searching); only what the library shows is read. Only of challenges
    in the phases whose public page shows their evaluations (a challenge withdrawn or passed on
    shows none, so its lessons are not here either)."""
    challenges = Challenge.objects.public().filter(
        municipality__is_active=True, state__in=EXECUTING
    )
    if taakveld:
        challenges = challenges.filter(tasks__taakveld_id=taakveld)
    if hoofdtaakveld:
        challenges = challenges.filter(tasks__taakveld__hoofdtaakveld_id=hoofdtaakveld)
    if mode:
        challenges = challenges.filter(mode=mode)
    if legal_form:
        challenges = challenges.filter(organisation__legal_form=legal_form)
    if province:
        challenges = challenges.filter(municipality__province=province)
    lessons = (
        Evaluation.objects.public()
        .filter(challenge__in=challenges.values("pk"))
        .select_related("challenge__municipality", "challenge__organisation")
        .only(
            "kind",
            "conclusion",
            "recorded_at",
            *LESSON_FIELDS,
            "challenge__reference",
            "challenge__title",
            "challenge__mode",
            "challenge__municipality__name",
            "challenge__municipality__slug",
            "challenge__municipality__province",
            "challenge__organisation__name",
            "challenge__organisation__legal_form",
        )
        .prefetch_related(
            Prefetch(
                "challenge__tasks",
                queryset=Task.objects.select_related("taakveld").only(
                    "taakveld__code", "taakveld__name"
                ),
            )
        )
    )
    if conclusion:
        lessons = lessons.filter(conclusion=conclusion)
    order = ["-recorded_at", "-pk"]
    if query:
        if connection.vendor == "postgresql":
            # Stemming: "buurtbewoners" finds "buurtbewoner"; the best match first.
            vector = SearchVector(*LESSON_FIELDS, config="dutch")
            search = SearchQuery(query, config="dutch", search_type="websearch")
            lessons = lessons.annotate(match=vector, rank=SearchRank(vector, search)).filter(
                match=search
            )
            order = [F("rank").desc(), *order]
        else:
            found = Q()
            for name in LESSON_FIELDS:
                found |= Q(**{f"{name}__icontains": query})
            lessons = lessons.filter(found)
    return lessons.order_by(*order)


def _all(label) -> list[tuple[str, str]]:
    return [("", label)]


class LessonFilterForm(Form):
    zoek = forms.CharField(
        label=gettext_lazy("Search in the lessons"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    soort = forms.ChoiceField(label=gettext_lazy("Kind of task"), required=False)
    taakveld = forms.ChoiceField(label=gettext_lazy("Taakveld"), required=False)
    vorm = forms.ChoiceField(
        label=gettext_lazy("Take over or co-produce"),
        required=False,
        choices=[("", gettext_lazy("Both")), *Mode.choices],
    )
    rechtsvorm = forms.ChoiceField(
        label=gettext_lazy("Legal form of the challengers"),
        required=False,
        choices=[("", gettext_lazy("Every legal form")), *LegalForm.choices],
    )
    uitkomst = forms.ChoiceField(
        label=gettext_lazy("Conclusion of the evaluation"),
        required=False,
        choices=[("", gettext_lazy("Every conclusion")), *Conclusion.choices],
    )
    provincie = forms.ChoiceField(label=gettext_lazy("Province"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = _all(_("Every kind of task")) + [
            (h.code, f"{h.code} {h.name}") for h in Hoofdtaakveld.objects.order_by("code")
        ]
        self.fields["taakveld"].choices = _all(_("Every taakveld")) + [
            (t.code, f"{t.code} {t.name}")
            for t in Taakveld.objects.only("code", "name").order_by("code")
        ]
        self.fields["provincie"].choices = _all(_("All provinces")) + [(p, p) for p in PROVINCES]

    def filters(self) -> dict:
        """The valid choices; one that does not exist is left out, the others still apply."""
        data = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data then holds the fields that are valid
            data = self.cleaned_data
        return {
            "query": (data.get("zoek") or "").strip(),
            "hoofdtaakveld": data.get("soort", ""),
            "taakveld": data.get("taakveld", ""),
            "mode": data.get("vorm", ""),
            "legal_form": data.get("rechtsvorm", ""),
            "conclusion": data.get("uitkomst", ""),
            "province": data.get("provincie", ""),
        }


@require_safe
@cache_public_page
def library(request: HttpRequest) -> HttpResponse:
    """A choice that does not exist is named, the rest of the choices kept, and answered 400."""
    form = LessonFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    # Counted and read only when the fragment of the page is not in the cache (core.fragments).
    page = SimpleLazyObject(
        lambda: Paginator(lesson_list(**form.filters()), PAGE_SIZE).get_page(
            request.GET.get("pagina")
        )
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "opendata/lessons.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=200 if valid else 400,
    )


def challenge_path(evaluation: Evaluation) -> str:
    challenge = evaluation.challenge
    return reverse(
        "challenges:detail",
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )


class LessonsFeed(Feed):
    """New lessons from every municipality, newest first (RFC 4287 Atom, plain text)."""

    feed_type = PlainTextAtom1Feed

    def title(self) -> str:
        return _("Lessons of the Right to Challenge — all municipalities")

    def subtitle(self) -> str:
        return _("What worked, what did not and advice to others, from every evaluation.")

    def link(self) -> str:
        return reverse("opendata_pages:lessons")

    def feed_url(self) -> str:
        return reverse("opendata_pages:lessons_feed")

    def author_name(self) -> str:
        return "Open Uitdaagrecht"

    def items(self):
        return list(lesson_list()[:FEED_SIZE])

    def item_title(self, item: Evaluation) -> str:
        challenge = item.challenge
        return _("{municipality}: {title} ({kind})").format(
            municipality=challenge.municipality.name,
            title=challenge.title,
            kind=item.get_kind_display(),
        )

    def item_description(self, item: Evaluation) -> str:
        return "\n\n".join(
            f"{label}: {text}"
            for label, text in (
                (_("What worked"), item.lessons_worked),
                (_("What did not work"), item.lessons_failed),
                (_("Advice to others"), item.lessons_advice),
            )
            if text
        )

    def item_link(self, item: Evaluation) -> str:
        return f"{challenge_path(item)}#evaluatie-{item.pk}"

    def item_guid(self, item: Evaluation) -> str:
        return absolute_url(self.item_link(item))

    def item_pubdate(self, item: Evaluation):
        return item.recorded_at

    def item_updateddate(self, item: Evaluation):
        return item.recorded_at

    def item_author_name(self, item: Evaluation) -> str:
        return item.challenge.organisation.name


lessons_feed = require_safe(cache_public_page(LessonsFeed()))
