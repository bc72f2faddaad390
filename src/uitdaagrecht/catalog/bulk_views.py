"""Staff views of the bulk import: upload → preview → apply, and the template downloads.

Between preview and apply the uploaded file waits in the cache (Redis in production, shared by
all app servers) under a random token, with the SHA-256 of its content; the preview form carries
the token, that hash and the plan's fingerprint. Apply reads the file again and plans again, so
what is written is always checked against the catalogue as it is at that moment.
"""

import csv
import datetime
import hashlib
import io
import re
import secrets

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.accounts.decorators import staff_view
from uitdaagrecht.core.forms import Form, posted

from . import bulk
from .bulk.safe import spreadsheet_safe
from .workspace import PERMISSION

STASH_SECONDS = 2 * 60 * 60
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "A CSV file (UTF-8, separated by semicolons or commas) or an Excel workbook (.xlsx) "
            "of at most 2 MB and 2000 tasks, with the columns of the template."
        ),
        widget=forms.FileInput(attrs={"accept": f".csv,.xlsx,text/csv,{XLSX}"}),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > bulk.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than {size} MB. Split it into smaller files.").format(
                    size=bulk.MAX_BYTES // (1024 * 1024)
                )
            )
        self.content = upload.read()
        try:
            self.table = bulk.read_table(name=upload.name, content=self.content)
        except bulk.FileRefused as refused:
            raise forms.ValidationError(refused.message) from refused
        return upload


def _stash_key(request: HttpRequest, token: str) -> str:
    return f"catalog-import:{request.municipality.pk}:{token}"


def _stash(request: HttpRequest, *, name: str, content: bytes) -> tuple[str, str]:
    token = secrets.token_urlsafe(24)
    digest = hashlib.sha256(content).hexdigest()
    entry = {"user": request.user.pk, "name": name, "digest": digest, "content": content}
    cache.set(_stash_key(request, token), entry, STASH_SECONDS)
    return token, digest


def _unstash(request: HttpRequest, token: str, digest: str) -> dict | None:
    """The stashed upload, if it is this user's, of this municipality, and unchanged."""
    if not TOKEN.fullmatch(token):
        return None
    entry = cache.get(_stash_key(request, token))
    if (
        not isinstance(entry, dict)
        or entry.get("user") != request.user.pk
        or not secrets.compare_digest(entry.get("digest", ""), digest)
        or hashlib.sha256(entry["content"]).hexdigest() != digest
    ):
        return None
    return entry


def _preview(
    request: HttpRequest,
    plan: bulk.ImportPlan,
    *,
    name: str,
    token: str = "",
    digest: str = "",
    notice: str = "",
    status: int | None = None,
) -> HttpResponse:
    return render(
        request,
        "workspace/catalog/import_preview.html",
        {
            "municipality": request.municipality,
            "plan": plan,
            "file_name": name,
            "token": token,
            "digest": digest,
            "notice": notice,
        },
        status=status or (400 if plan.errors else 200),
    )


@staff_view(PERMISSION)
def upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["file"].name
        plan = bulk.plan_import(municipality=request.municipality, table=form.table)
        token = digest = ""
        if plan.can_apply:
            token, digest = _stash(request, name=name, content=form.content)
        return _preview(request, plan, name=name, token=token, digest=digest)
    return _upload_page(request, form)


def _upload_page(request: HttpRequest, form: ImportForm) -> HttpResponse:
    return render(
        request,
        "workspace/catalog/import.html",
        {
            "municipality": request.municipality,
            "form": form,
            "columns": bulk.column_explanations(),
            "max_rows": bulk.MAX_ROWS,
        },
        status=400 if form.errors else 200,
    )


@staff_view(PERMISSION)
def apply(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        # Nothing to apply without the preview's form (a reload, a bookmark): where to start.
        return _upload_page(request, ImportForm())
    token, digest = request.POST.get("token", ""), request.POST.get("digest", "")
    entry = _unstash(request, token, digest)
    if entry is None:
        messages.error(
            request, _("This preview has expired or was applied already. Upload the file again.")
        )
        return redirect("workspace:catalog_import", municipality=request.municipality.slug)
    try:
        table = bulk.read_table(name=entry["name"], content=entry["content"])
        result = bulk.import_apply(
            municipality=request.municipality,
            actor=request.user,
            table=table,
            expected=request.POST.get("fingerprint", ""),
        )
    except bulk.FileRefused as refused:  # only if the limits changed since the preview
        messages.error(request, refused.message)
        return redirect("workspace:catalog_import", municipality=request.municipality.slug)
    except IntegrityError:
        # Someone saved a task or provider of the same name between our plan and our write.
        plan = bulk.plan_import(municipality=request.municipality, table=table)
        notice = _("The catalogue was changed while importing. Nothing was imported; try again.")
        return _preview(
            request, plan, name=entry["name"], token=token, digest=digest, notice=notice, status=409
        )
    plan = result.plan
    if not result.applied:
        notice = (
            ""
            if plan.errors
            else _(
                "The catalogue has changed since the preview. Nothing was imported: check the "
                "new preview below and apply it again."
            )
        )
        return _preview(
            request,
            plan,
            name=entry["name"],
            token=token if plan.can_apply else "",
            digest=digest if plan.can_apply else "",
            notice=notice,
            status=400 if plan.errors else 409,
        )
    cache.delete(_stash_key(request, token))
    messages.success(
        request,
        _(
            "Imported: {added} tasks added, {changed} changed, {unchanged} unchanged; "
            "{providers} providers added or changed."
        ).format(
            added=len(plan.added),
            changed=len(plan.changed),
            unchanged=len(plan.unchanged),
            providers=len(plan.providers),
        ),
    )
    return redirect("workspace:catalog", municipality=request.municipality.slug)


def _template_name(request: HttpRequest, extension: str) -> str:
    return f"taken-{request.municipality.slug}.{extension}"


def _safe(value):
    """Text a spreadsheet would run as a formula is made plain text (bulk/safe.py)."""
    return spreadsheet_safe(str(value)) if isinstance(value, str) else value


@staff_view(PERMISSION)
def template_csv(request: HttpRequest) -> HttpResponse:
    """The template as CSV: semicolons and a BOM, as Dutch Excel reads and writes it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(bulk.COLUMN_NAMES)
    writer.writerow(
        [
            value.isoformat() if isinstance(value, datetime.date) else _safe(value)
            for value in bulk.template_example(request.municipality)
        ]
    )
    writer.writerow([])
    # Rows with # in the first cell are skipped by the import.
    writer.writerow(["#", _("Explanation"), _("Rows that start with # are skipped by the import.")])
    for name, explanation in bulk.column_explanations():
        writer.writerow(["#", name, _safe(explanation)])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_template_name(request, "csv")}"'
    return response


@staff_view(PERMISSION)
def template_xlsx(request: HttpRequest) -> HttpResponse:
    """The template as an Excel workbook: the taakveld column is text, dates are real dates."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Tasks")[:31]
    bold = Font(bold=True)
    example = bulk.template_example(request.municipality)
    for index, (name, value) in enumerate(zip(bulk.COLUMN_NAMES, example, strict=True), start=1):
        header = sheet.cell(row=1, column=index, value=name)
        header.font = bold
        cell = sheet.cell(row=2, column=index, value=_safe(value))
        letter = header.column_letter
        sheet.column_dimensions[letter].width = max(14, len(name) + 2)
        if name == "taakveld":
            # Typed codes stay text (0.10 stays 0.10): the whole column has the Text format.
            sheet.column_dimensions[letter].number_format = "@"
            cell.number_format = "@"
        elif isinstance(value, datetime.date):
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
            cell.number_format = "yyyy-mm-dd"
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet(_("Explanation")[:31])
    notes.append([_("Column"), _("Explanation")])
    for cell in notes[1]:
        cell.font = bold
    for name, explanation in bulk.column_explanations():
        notes.append([name, _safe(explanation)])
    notes.append([])
    notes.append(
        [
            "",
            _(
                "The import reads the first sheet. It adds and changes tasks, contracts and "
                "budget years; it never removes anything. You see a preview before anything is "
                "saved."
            ),
        ]
    )
    notes.column_dimensions["A"].width = 26
    notes.column_dimensions["B"].width = 100

    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_template_name(request, "xlsx")}"'
    return response
