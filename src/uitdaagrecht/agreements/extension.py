"""The agreements as a phase extension of the case kernel (challenges/extensions.py)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.challenges.api import DossierAction, Extension

from . import selectors, views
from .events import AgreementEvent


def signed_agreement(challenge, **details) -> str | None:
    if selectors.applying(challenge) is not None:
        return None
    return _("Execution starts when both sides have signed a version of the agreements.")


def public_agreement(challenge) -> tuple[str, dict]:
    """The signed version that applies, without the parts marked confidential."""
    return "agreements/_public.html", {
        "version": selectors.applying(challenge),
        "public_only": True,
    }


EXTENSION = Extension(
    name="agreements",
    guards={"signed_agreement": signed_agreement},
    event_kinds=AgreementEvent.choices,
    actions=(
        DossierAction(
            name="agreements",
            path="afspraken/",
            title=gettext_lazy("Agreements"),
            view=views.overview,
            post_only=False,
            placement="section",
        ),
        DossierAction(
            name="agreements_propose",
            path="afspraken/nieuw/",
            title=gettext_lazy("Propose a version"),
            view=views.propose,
            post_only=False,
        ),
        DossierAction(
            name="agreements_sign",
            path="afspraken/<int:number>/ondertekenen/",
            title=gettext_lazy("Sign"),
            view=views.sign,
            post_only=False,  # GET: what is signed, and "I agree"
        ),
    ),
    public_sections=(public_agreement,),
)
