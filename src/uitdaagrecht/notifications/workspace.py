"""Staff workspace: the municipal admin sees which e-mails could not be sent, and sends them again."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from uitdaagrecht.accounts.decorators import staff_view
from uitdaagrecht.core.outbox import SENT_MAIL_DAYS, mail_retry, mail_trouble, masked


@staff_view("accounts.manage_staff")
def email_queue(request: HttpRequest) -> HttpResponse:
    place = request.municipality
    if request.method == "POST":
        count = mail_retry(municipality_id=place.pk)
        messages.success(
            request,
            ngettext(
                "{count} e-mail will be sent again.",
                "{count} e-mails will be sent again.",
                count,
            ).format(count=count),
        )
        return redirect(request.path)
    state = mail_trouble(municipality_id=place.pk)
    rows = [(mail, masked(mail.to)) for mail in state.pop("trouble")]
    return render(
        request,
        "workspace/email_queue.html",
        {"municipality": place, "rows": rows, "days": SENT_MAIL_DAYS, **state},
    )
