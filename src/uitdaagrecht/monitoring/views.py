"""Pages of execution and evaluation. The dossier pages take (request, challenge, staff) and are
registered as dossier actions (extension.py), so the kernel generates the challengers' and the
staff URLs; the feedback form on the public page is the one page for anyone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from uitdaagrecht.accounts.decorators import second_factor_required
from uitdaagrecht.agreements.selectors import applying
from uitdaagrecht.challenges.api import (
    Challenge,
    ChallengeChanged,
    State,
    dossier_url,
    public_challenges,
)
from uitdaagrecht.core.forms import errors_into, posted
from uitdaagrecht.tenants.selectors import municipality_by_slug

from . import selectors
from .forms import EvaluationForm, FeedbackForm, HandoverForm, HideForm, MomentForm, ReportForm
from .models import Feedback, Moment, Report
from .services import evaluations, feedback, handover, reports


def _page(request, challenge, staff: bool, template: str, context: dict, status: int = 200):
    return render(
        request,
        template,
        {
            "municipality": challenge.municipality,
            "challenge": challenge,
            "staff": staff,
            "section": "challenges",
            "back": dossier_url(challenge, staff=staff),
            **context,
        },
        status=status,
    )


def handover_page(request: HttpRequest, challenge: Challenge, staff: bool) -> HttpResponse:
    """Staff record what moves and start execution; afterwards the page shows the handover."""
    existing = selectors.handover_of(challenge)
    form = None
    if existing is None:
        if not request.user.has_perm("monitoring.hand_over", challenge):
            raise PermissionDenied
        span = handover.agreement_end(challenge)
        data, _files = posted(request)
        form = HandoverForm(
            data,
            tasks=challenge.tasks.all(),
            initial={
                "version": challenge.version,
                "starts_on": span[0] if span else None,
                "task": challenge.tasks.first(),
                "amount_eur": (challenge.budget_asked_eur or ""),
            },
        )
        if data is not None and form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                handover.handover_record(
                    challenge=challenge,
                    actor=request.user,
                    version=form.cleaned_data["version"],
                    values=values,
                )
            except ChallengeChanged as changed:
                messages.error(request, str(changed))
                return redirect(dossier_url(challenge, staff=True))
            except ValidationError as error:
                errors_into(form, error)
            else:
                messages.success(request, _("The task is handed over; execution has started."))
                return redirect(dossier_url(challenge, staff=True, name="reports"))
    return _page(
        request,
        challenge,
        staff,
        "monitoring/handover.html",
        {
            "handover": existing,
            "form": form,
            "span": handover.agreement_end(challenge),
            "budget": handover.task_budget(existing.task) if existing else None,
            "ready": challenge.state == State.AGREEMENTS and applying(challenge) is not None,
        },
        status=400 if form is not None and form.errors else 200,
    )


def reports_page(request: HttpRequest, challenge: Challenge, staff: bool) -> HttpResponse:
    """The reporting moments, the reports with their figures, and which results lag."""
    if not request.user.has_perm("monitoring.view_reports", challenge):
        raise PermissionDenied
    all_reports = selectors.reports_of(challenge, public=False)
    return _page(
        request,
        challenge,
        staff,
        "monitoring/reports.html",
        {
            "moments": selectors.moments_of(challenge),
            "interim": selectors.interim_moments_of(challenge),
            "reports": all_reports,
            "progress": selectors.progress(challenge, public=False, reports=all_reports),
            "may_report": request.user.has_perm("monitoring.report", challenge)
            and challenge.state in reports.REPORTING_STATES,
            "may_acknowledge": staff and request.user.has_perm("monitoring.acknowledge", challenge),
            "moment_form": MomentForm() if staff else None,
            "today": timezone.localdate(),
        },
    )


def report_page(
    request: HttpRequest, challenge: Challenge, staff: bool, moment: int = 0, corrects: int = 0
) -> HttpResponse:
    """The challengers report for a moment (or correct an acknowledged report)."""
    if not request.user.has_perm("monitoring.report", challenge):
        raise PermissionDenied
    version = applying(challenge)
    if challenge.state not in reports.REPORTING_STATES or version is None:
        raise Http404
    due = get_object_or_404(Moment, challenge=challenge, pk=moment) if moment else None
    old = get_object_or_404(Report, challenge=challenge, pk=corrects) if corrects else None
    data, files = posted(request)
    form = ReportForm(data, files, results=version.results.all())
    if data is not None and form.is_valid():
        try:
            reports.report_submit(
                challenge=challenge,
                actor=request.user,
                moment=due,
                values=form.values(),
                account=form.cleaned_data["account"],
                went_well=form.cleaned_data["went_well"],
                went_badly=form.cleaned_data["went_badly"],
                files=form.cleaned_data["files"],
                corrects=old,
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Thank you: your report has been sent."))
            return redirect(dossier_url(challenge, staff=staff, name="reports"))
    return _page(
        request,
        challenge,
        staff,
        "monitoring/report.html",
        {"form": form, "moment": due, "corrects": old, "version": version},
        status=400 if form.errors else 200,
    )


def correction_page(request, challenge, staff: bool, pk: int) -> HttpResponse:
    return report_page(request, challenge, staff, corrects=pk)


def _act(request, challenge, staff: bool, back: str, call, done: str) -> HttpResponse:
    """Run a POST action's service; say what happened (or why not) on the page it came from."""
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(dossier_url(challenge, staff=staff, name=back))


def acknowledge(request: HttpRequest, challenge: Challenge, staff: bool, pk: int) -> HttpResponse:
    report = get_object_or_404(Report, challenge=challenge, pk=pk)
    return _act(
        request,
        challenge,
        staff,
        "reports",
        lambda: reports.report_acknowledge(report=report, actor=request.user),
        _("Acknowledged: the report is public now."),
    )


def moment_add(request: HttpRequest, challenge: Challenge, staff: bool) -> HttpResponse:
    form = MomentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the date of the reporting moment."))
        return redirect(dossier_url(challenge, staff=staff, name="reports"))
    return _act(
        request,
        challenge,
        staff,
        "reports",
        lambda: reports.moment_add(
            challenge=challenge, actor=request.user, due_on=form.cleaned_data["due_on"]
        ),
        _("The reporting moment has been added."),
    )


def evaluation_page(
    request: HttpRequest, challenge: Challenge, staff: bool, independent: bool = False
) -> HttpResponse:
    """Staff (the case handlers write) and the independent evaluator assigned to the challenge
    (on a page of its own: `evaluator_page`) read the results and record the evaluation."""
    may = request.user.has_perm("monitoring.evaluate", challenge)
    data, _files = posted(request)
    initial = {"view_challengers": evaluations.latest_challengers_view(challenge)}
    form = (
        EvaluationForm(data, initial=initial)
        if may and challenge.state == State.EVALUATION
        else None
    )
    if data is not None and form is None:
        raise PermissionDenied
    if form is not None and data is not None and form.is_valid():
        try:
            evaluations.evaluation_record(
                challenge=challenge, actor=request.user, values=form.cleaned_data
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            if independent:
                messages.success(
                    request,
                    _("The evaluation is published. The municipality takes the next step."),
                )
                return redirect(request.path)
            messages.success(
                request, _("The evaluation is published. Take the next step on the dossier.")
            )
            return redirect(dossier_url(challenge, staff=staff))
    context = {
        "form": form,
        "evaluations": selectors.evaluations_of(challenge),
        "progress": selectors.progress(challenge, public=False),
        "totals": selectors.feedback_totals(challenge),
        "independent": independent,
        "interim": selectors.interim_moments_of(challenge),
    }
    if independent:
        context["back"] = reverse("portal:account")
    elif staff:
        context["assignment"] = evaluations.assignment_of(challenge)
        context["may_assign"] = request.user.has_perm(
            "monitoring.assign_evaluator", challenge
        ) and (challenge.state in evaluations.ASSIGNABLE)
    return _page(
        request,
        challenge,
        staff,
        "monitoring/evaluation.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@second_factor_required
@never_cache
def evaluator_page(request: HttpRequest, municipality: str, reference: str) -> HttpResponse:
    """The one page the independent evaluator opens: the evaluation of a challenge assigned to
    it. Anyone else is told it does not exist (staff use the workspace, challengers the
    dossier)."""
    place = municipality_by_slug(municipality)
    challenge = get_object_or_404(
        Challenge.objects.select_related("organisation", "municipality", "contact_person"),
        municipality=place,
        reference=reference,
        submitted_at__isnull=False,
    )
    if not request.user.has_perm("monitoring.evaluate_independently", challenge):
        raise Http404
    return evaluation_page(request, challenge, staff=False, independent=True)


def feedback_page(request: HttpRequest, challenge: Challenge, staff: bool) -> HttpResponse:
    if not request.user.has_perm("monitoring.moderate_feedback", challenge):
        raise PermissionDenied
    return _page(
        request,
        challenge,
        staff,
        "monitoring/feedback.html",
        {
            "items": selectors.feedback_of(challenge, public=False),
            "periods": selectors.feedback_per_quarter(challenge),
            "hide_form": HideForm(),
        },
    )


def feedback_hide(request: HttpRequest, challenge: Challenge, staff: bool, pk: int):
    item = get_object_or_404(Feedback, challenge=challenge, pk=pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why it is hidden: the reason is shown."))
        return redirect(dossier_url(challenge, staff=staff, name="feedback"))
    return _act(
        request,
        challenge,
        staff,
        "feedback",
        lambda: feedback.feedback_hide(
            feedback=item, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        _("The feedback is hidden; the reason is shown instead."),
    )


@csrf_exempt
@never_cache
@require_POST
def feedback_leave(request: HttpRequest, municipality: str, reference: str) -> HttpResponse:
    """The feedback form on the public challenge page: anyone, without an account.

    Without CSRF protection on purpose: the form sits on a cached public page (no token there),
    and it acts for nobody's session — an anonymous, rate-limited reaction that staff moderate."""
    place = municipality_by_slug(municipality)
    challenge = get_object_or_404(public_challenges(place), reference=reference)
    form = FeedbackForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            feedback.feedback_leave(
                challenge=challenge,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
                email=form.cleaned_data["email"],
                address=request.META.get("REMOTE_ADDR", ""),
            )
        except feedback.TooMany:
            form.add_error(None, _("Thank you, but we have received a lot from you: try later."))
            status = 429
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect(f"{challenge_url(challenge)}#ervaringen")
    return render(
        request,
        "monitoring/feedback_form.html",
        {"municipality": place, "challenge": challenge, "form": form, "section": "challenges"},
        status=status,
    )


def challenge_url(challenge: Challenge) -> str:
    return reverse(
        "challenges:detail",
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )
