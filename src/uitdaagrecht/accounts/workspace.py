"""Staff workspace: the municipal admin invites staff and gives them roles."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from uitdaagrecht.core.forms import posted

from .decorators import staff_view
from .forms import InvitationForm, RolesForm
from .models import Role, StaffInvitation, StaffRole, User
from .services import second_factor_reset, staff_invite, staff_roles_set


@staff_view("accounts.manage_staff")
def staff(request: HttpRequest) -> HttpResponse:
    place = request.municipality
    form = InvitationForm(posted(request)[0], municipality=place)
    if request.method == "POST" and form.is_valid():
        staff_invite(
            municipality=place,
            email=form.cleaned_data["email"],
            roles=form.cleaned_data["roles"],
            department=form.cleaned_data["department"],
            invited_by=request.user,
            accept_url=lambda token: request.build_absolute_uri(
                reverse("accounts:invitation", kwargs={"token": token})
            ),
        )
        messages.success(
            request,
            _("An invitation has been sent to {email}.").format(email=form.cleaned_data["email"]),
        )
        return redirect(request.path)
    members: dict[int, dict] = {}
    for staff_role in (
        StaffRole.objects.filter(municipality=place)
        .select_related("user", "department")
        .order_by("user__full_name", "user__email", "role")
    ):
        member = members.setdefault(
            staff_role.user_id, {"user": staff_role.user, "roles": [], "department": None}
        )
        member["roles"].append(staff_role.get_role_display())
        member["department"] = member["department"] or staff_role.department
    invitations = [
        i for i in StaffInvitation.objects.filter(municipality=place, accepted_at=None) if i.is_open
    ]
    return render(
        request,
        "workspace/staff.html",
        {
            "municipality": place,
            "form": form,
            "members": list(members.values()),
            "invitations": invitations,
        },
        status=400 if form.errors else 200,
    )


@staff_view("accounts.manage_staff")
def staff_member(request: HttpRequest, pk: int) -> HttpResponse:
    place = request.municipality
    current = list(StaffRole.objects.filter(municipality=place, user_id=pk))
    if not current:
        # Not on this municipality's staff (or another municipality's): nothing to see here.
        get_object_or_404(StaffRole, municipality=place, user_id=pk)
    member = get_object_or_404(User, pk=pk)
    initial = {"roles": [r.role for r in current], "department": current[0].department_id}
    form = RolesForm(posted(request)[0], initial=initial, municipality=place)
    if request.method == "POST" and form.is_valid():
        try:
            staff_roles_set(
                municipality=place,
                user=member,
                roles=form.cleaned_data["roles"],
                department=form.cleaned_data["department"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("roles", error)
        else:
            messages.success(request, _("The roles of {name} are saved.").format(name=member))
            return redirect("workspace:staff", municipality=place.slug)
    return render(
        request,
        "workspace/staff_member.html",
        {"municipality": place, "form": form, "member": member, "roles": Role},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_view("accounts.manage_staff")
def staff_second_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator's reset of a colleague's authenticator (a lost phone)."""
    place = request.municipality
    get_object_or_404(StaffRole, municipality=place, user_id=pk)  # staff here, or 404
    member = get_object_or_404(User, pk=pk)
    second_factor_reset(user=member, actor=request.user, municipality=place)
    messages.success(
        request,
        _(
            "The authenticator app of {name} is reset: they set up a new one at the next log-in."
        ).format(name=member),
    )
    return redirect("workspace:staff_member", municipality=place.slug, pk=pk)
