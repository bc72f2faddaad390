"""'Klopt dit niet?': the form anyone can use from a task, taakveld or challenge page, and the
queue in the staff workspace where coordinators and admins answer within the term."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from uitdaagrecht.accounts.decorators import staff_view
from uitdaagrecht.core.forms import posted
from uitdaagrecht.tenants.selectors import municipality_by_slug

from . import reports
from .models import ErrorReport, Subject
from .report_forms import AnswerForm, ReportForm

PERMISSION = "opendata.answer_reports"


@require_http_methods(["GET", "HEAD", "POST"])
def report(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    subject, key = request.GET.get("over", ""), request.GET.get("id", "")
    targets = reports.targets_of(municipality=place, subject=subject, key=key)
    if not targets:
        raise Http404(subject)
    data, _files = posted(request)
    form = ReportForm(data, targets=targets)
    status = 200
    if form.is_valid():
        if reports.rate_limited(client=request.META.get("REMOTE_ADDR", "")):
            form.add_error(
                None,
                _("You have sent many reports in the past hour. Please try again later."),
            )
            status = 429
        else:
            reports.report_create(
                municipality=place,
                target=form.target,
                wrong=form.cleaned_data["wrong"],
                should_be=form.cleaned_data["should_be"],
                source=form.cleaned_data["source"],
                email=form.cleaned_data["email"],
            )
            thanks = reverse("opendata_pages:report_sent", kwargs={"municipality": place.slug})
            return redirect(f"{thanks}?over={subject}")
    elif data is not None:
        status = 400
    return render(
        request,
        "opendata/report.html",
        {
            "municipality": place,
            "form": form,
            "targets": targets,
            "page": targets[0].page,
            "term": reports.TERM_DAYS,
            "cbs": subject == Subject.TAAKVELD,
        },
        status=status,
    )


@require_safe
def report_sent(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    return render(
        request,
        "opendata/report_sent.html",
        {
            "municipality": place,
            "term": reports.TERM_DAYS,
            "cbs": request.GET.get("over") == Subject.TAAKVELD,
        },
    )


@staff_view(PERMISSION)
def queue(request: HttpRequest) -> HttpResponse:
    place = request.municipality
    return render(
        request,
        "opendata/staff/queue.html",
        {
            "municipality": place,
            "open": list(reports.queue(place)),
            "answered": reports.answered(place),
        },
    )


@staff_view(PERMISSION)
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    place = request.municipality
    item = get_object_or_404(ErrorReport.objects.open(), pk=pk, municipality=place)
    data, _files = posted(request)
    form = AnswerForm(data)
    if form.is_valid():
        reports.report_answer(
            report=item,
            actor=request.user,
            outcome=form.cleaned_data["outcome"],
            answer=form.cleaned_data["answer"],
        )
        messages.success(request, _("The answer is public on the page."))
        return redirect("opendata_staff:queue", municipality=place.slug)
    return render(
        request,
        "opendata/staff/answer.html",
        {"municipality": place, "form": form, "report": item},
        status=400 if data is not None else 200,
    )
