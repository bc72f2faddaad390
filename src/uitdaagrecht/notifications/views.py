"""Public alert pages: subscribe, confirm, unsubscribe. None of them is cached and none of them
ever shows the e-mail address. Links from e-mails only show a button on GET, so that mail
scanners that open links do not confirm or cancel anything."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from uitdaagrecht.accounts.decorators import second_factor_required
from uitdaagrecht.core.forms import posted
from uitdaagrecht.tenants.selectors import municipality_by_slug

from . import personal
from .forms import EmailSettingsForm, SubscribeForm
from .models import Horizon
from .selectors import scope_challenge, scope_taakveld, scope_task
from .services import (
    CONFIRM_DAYS,
    subscription_by_confirm_token,
    subscription_by_unsubscribe_token,
    subscription_cancel,
    subscription_confirm,
    subscription_request,
)


def _scopes(request: HttpRequest, place) -> tuple[list[tuple[str, str]], dict]:
    """The scopes the form offers, widest first, and the objects behind them.

    `?taak=<slug>` offers the task, its taakveld and the whole municipality; `?taakveld=<code>`
    the taakveld and the municipality. An unknown task or taakveld is a 404, not a silent
    subscription to something else.
    """
    if reference := request.GET.get("uitdaging", ""):
        challenge = scope_challenge(municipality=place, reference=reference)
        if challenge is None:
            raise Http404(_("There is no such challenge."))
        label = _("Challenge {reference} “{title}”: each new phase").format(
            reference=challenge.reference, title=challenge.title
        )
        return [("challenge", label)], {"challenge": challenge, "task": None, "taakveld": None}
    scopes = [("municipality", _("All tasks of {name}").format(name=place.name))]
    objects: dict = {"municipality": None}
    task = taakveld = None
    if slug := request.GET.get("taak", ""):
        task = scope_task(municipality=place, slug=slug)
        if task is None:
            raise Http404(_("There is no such task."))
        taakveld = task.taakveld
    elif code := request.GET.get("taakveld", ""):
        taakveld = scope_taakveld(code=code)
        if taakveld is None:
            raise Http404(_("There is no such taakveld."))
    if taakveld is not None:
        scopes.append(
            (
                "taakveld",
                _("All tasks in taakveld {code} {name}").format(
                    code=taakveld.code, name=taakveld.name
                ),
            )
        )
        objects["taakveld"] = taakveld
    if task is not None:
        scopes.append(("task", _("Only the task “{title}”").format(title=task.title)))
        objects["task"] = task
    return scopes, objects


@sensitive_post_parameters("email")
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    scopes, objects = _scopes(request, place)
    form = SubscribeForm(posted(request)[0], scopes=scopes, horizon="challenge" not in objects)
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data["scope"]
        subscription_request(
            municipality=place,
            email=form.cleaned_data["email"],
            horizon_months=form.cleaned_data.get("horizon_months") or Horizon.SIX,
            task=objects["task"] if scope == "task" else None,
            taakveld=objects["taakveld"] if scope == "taakveld" else None,
            challenge=objects.get("challenge"),
        )
        return redirect("notifications:requested", municipality=place.slug)
    return render(
        request,
        "notifications/subscribe.html",
        {
            "municipality": place,
            "section": "tasks",
            "form": form,
            "task": objects.get("task"),
            "taakveld": objects.get("taakveld"),
            "challenge": objects.get("challenge"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_safe
def requested(request: HttpRequest, municipality: str) -> HttpResponse:
    """The same answer for a new, a waiting and an already confirmed address."""
    place = municipality_by_slug(municipality)
    return render(
        request,
        "notifications/requested.html",
        {"municipality": place, "section": "tasks", "days": CONFIRM_DAYS},
    )


def _invalid(request: HttpRequest, place) -> HttpResponse:
    return render(
        request,
        "notifications/link_invalid.html",
        {"municipality": place, "days": CONFIRM_DAYS},
        status=404,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, municipality: str, token: str) -> HttpResponse:
    """GET shows a button, POST confirms."""
    place = municipality_by_slug(municipality)
    subscription = subscription_by_confirm_token(token)
    if subscription is None or subscription.municipality_id != place.pk:
        return _invalid(request, place)
    if request.method == "POST":
        subscription_confirm(subscription=subscription)
        return redirect(
            reverse("notifications:confirm", kwargs={"municipality": place.slug, "token": token})
        )
    done = subscription.confirmed_at is not None and subscription.pending_horizon_months is None
    return render(
        request,
        "notifications/confirm.html",
        {
            "municipality": place,
            "subscription": subscription,
            "horizon": subscription.pending_horizon_months or subscription.horizon_months,
            "done": done,
        },
    )


@csrf_exempt  # RFC 8058 one-click: mail programs POST without a token; the URL is the secret
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, municipality: str, token: str) -> HttpResponse:
    """GET shows a button; POST (from that button or a mail program) deletes the subscription."""
    place = municipality_by_slug(municipality)
    subscription = subscription_by_unsubscribe_token(token)
    if subscription is None or subscription.municipality_id != place.pk:
        return _invalid(request, place)
    if request.method == "POST":
        subscription_cancel(subscription=subscription)
        return render(request, "notifications/unsubscribed.html", {"municipality": place})
    return render(
        request,
        "notifications/unsubscribe.html",
        {"municipality": place, "subscription": subscription},
    )


@login_required
@second_factor_required
@never_cache
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's own notifications; opening the page marks them as read."""
    items = personal.notifications_of(request.user)
    if request.method == "POST":
        personal.notifications_mark_read(user=request.user)
        return redirect("portal:notifications")
    return render(request, "notifications/inbox.html", {"items": items})


@login_required
@never_cache
def email_settings(request: HttpRequest) -> HttpResponse:
    data, _files = posted(request)
    wanted = sorted(personal.email_preferences_of(request.user))
    form = EmailSettingsForm(data, initial={"kinds": wanted})
    if form.is_valid():
        personal.email_preferences_set(user=request.user, wanted=form.cleaned_data["kinds"])
        messages.success(request, _("Your e-mail settings have been saved."))
        return redirect("portal:notification_settings")
    return render(request, "notifications/email_settings.html", {"form": form})
