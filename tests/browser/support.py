"""Shared pieces of the browser tests: Chromium, the test data, axe-core and a log-in helper."""

import csv
import datetime
import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
# axe is served under this same-origin path by page.route, so the page's CSP (script-src 'self')
# stays in force during the sweep.
AXE_PATH = "/__axe-core__.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

IV3_NAME = "iv3_gemeenten_taakveld_lasten_baten_2023_2025.csv"
# Amsterdam, Zwolle and De Bilt (which did not deliver its 2025 begroting to CBS).
GM_CODES = ("GM0363", "GM0193", "GM0310")
ADMIN_EMAIL = "beheerder@zwolle.example.nl"
ADMIN_PASSWORD = "Een lang wachtwoord voor de browsertest"
RESIDENT_EMAIL = "inwoner@example.org"
RESIDENT_PASSWORD = "Een lang wachtwoord voor de inwoner"
COORDINATOR_EMAIL = "coordinator@zwolle.example.nl"
COORDINATOR_PASSWORD = "Een lang wachtwoord voor de coördinator"
# Assessor, decision maker and advisor at once: the scores, decision and advice forms.
ASSESSMENT_EMAIL = "beoordeling@zwolle.example.nl"
ASSESSMENT_PASSWORD = "Een lang wachtwoord voor de beoordeling"
# A task of the demo catalogue that can be challenged (see test_accessibility.PUBLIC_PAGES).
CHALLENGE_TASK_SLUG = "beheer-buurthuis-de-kluft"
# The smallest file libmagic reads as a PDF.
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def national_file() -> Path:
    """The national Iv3 file: ../shared beside the repository, else the copy in the package."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "data" / "iv3" / IV3_NAME
        if candidate.exists():
            return candidate
    from uitdaagrecht.budgets.services import IV3_FILE

    return IV3_FILE


@functools.cache
def iv3_rows() -> tuple[tuple[str, ...], ...]:
    """The header and the rows of GM_CODES, read once per session."""
    path = national_file()
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        position = header.index("gm_code")
        rows = [tuple(row) for row in reader if row and row[position] in GM_CODES]
    return (tuple(header), *rows)


@dataclass
class SiteData:
    zwolle_id: int
    task_id: int = 0
    admin_email: str = ADMIN_EMAIL
    admin_password: str = ADMIN_PASSWORD
    resident_email: str = RESIDENT_EMAIL
    resident_password: str = RESIDENT_PASSWORD
    coordinator_email: str = COORDINATOR_EMAIL
    coordinator_password: str = COORDINATOR_PASSWORD
    assessment_email: str = ASSESSMENT_EMAIL
    assessment_password: str = ASSESSMENT_PASSWORD
    challenges: "ChallengeData | None" = None


@dataclass
class ChallengeData:
    """A resident with an organisation and challenges of Zwolle in several phases."""

    task_id: int  # the task that can be challenged (CHALLENGE_TASK_SLUG)
    organisation_id: int
    draft_id: int  # a complete draft with an attachment
    empty_draft_id: int  # a draft with only a title: step 6 lists what is missing
    submitted: str  # references: a new submission ...
    intake: str  # ... in intake, without a contact person ...
    assessment: str  # ... accepted, with a contact person, conversation and documents
    # Issue 5: Zwolle has a published framework and a draft of its next version.
    criterion_id: int = 0  # a criterion of the draft
    assessing: str = ""  # in the assessment phase: advice asked, one assessor has scored
    advice_id: int = 0  # its open request for advice, to the assessment user's department
    agreed: str = ""  # decided (accepted), version 1 of the agreements signed, version 2 proposed


def load_site_data() -> SiteData:
    """Reference data, three budgets, and a municipal administrator of Zwolle with some content."""
    from uitdaagrecht.accounts.models import Role, StaffRole, User
    from uitdaagrecht.budgets.importer import import_iv3
    from uitdaagrecht.budgets.models import BudgetCycleMoment
    from uitdaagrecht.budgets.services import taakvelden_load
    from uitdaagrecht.demo.catalogue import catalog_demo_load
    from uitdaagrecht.demo.municipality import DEPARTMENTS
    from uitdaagrecht.tenants.models import Department, Municipality
    from uitdaagrecht.tenants.services import municipalities_load

    taakvelden_load()
    municipalities_load()
    import_iv3(rows=[list(row) for row in iv3_rows()])

    zwolle = Municipality.objects.get(cbs_code="GM0193")
    Municipality.objects.filter(pk=zwolle.pk).update(
        contact_name="Team Uitdaagrecht",
        contact_email="uitdaagrecht@zwolle.example.nl",
        contact_phone="038 498 00 00",
        contact_hours="Maandag tot en met vrijdag, 9.00–17.00 uur",
        brand_colour="#1d4f91",
        brand_text_colour="#ffffff",
    )
    department = Department.objects.create(municipality=zwolle, name="Sociaal Domein")
    for name in DEPARTMENTS:
        Department.objects.get_or_create(municipality=zwolle, name=name)
    catalog_demo_load(municipality=zwolle, today=timezone.localdate())
    BudgetCycleMoment.objects.create(
        municipality=zwolle,
        kind=BudgetCycleMoment.Kind.BUDGET,
        date=timezone.localdate() + datetime.timedelta(days=60),
        description="Inspreken bij de commissie: meld u twee dagen vooraf aan.",
        url="https://zwolle.example.nl/raad",
    )
    admin = User.objects.create_user(ADMIN_EMAIL, ADMIN_PASSWORD, full_name="Bea Beheer")
    StaffRole.objects.create(
        user=admin, municipality=zwolle, role=Role.MUNICIPAL_ADMIN, department=department
    )
    from uitdaagrecht.accounts import otp

    otp.allow_enrolment(admin)  # as an accepted invitation does: the set-up page is swept
    from uitdaagrecht.catalog.models import Task

    return SiteData(
        zwolle_id=zwolle.pk,
        task_id=Task.objects.filter(municipality=zwolle).first().pk,
        challenges=load_challenges(zwolle),
    )


def load_challenges(zwolle) -> ChallengeData:
    """Through the real services: a resident and their organisation, a coordinator and a neutral
    contact person of Zwolle, two drafts and three submitted challenges."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import ChallengeFactory, OrganisationFactory
    from uitdaagrecht.accounts.models import Role, StaffRole, User
    from uitdaagrecht.catalog.models import Task
    from uitdaagrecht.challenges import services
    from uitdaagrecht.challenges.models import Channel

    def pdf(name: str) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, PDF, content_type="application/pdf")

    task = Task.objects.get(municipality=zwolle, slug=CHALLENGE_TASK_SLUG)
    resident = User.objects.create_user(RESIDENT_EMAIL, RESIDENT_PASSWORD, full_name="Ilse Inwoner")
    organisation = OrganisationFactory(owner=resident)
    coordinator = User.objects.create_user(
        COORDINATOR_EMAIL, COORDINATOR_PASSWORD, full_name="Cor Dinator"
    )
    StaffRole.objects.create(user=coordinator, municipality=zwolle, role=Role.COORDINATOR)
    contact = User.objects.create_user(
        "contactpersoon@zwolle.example.nl", "Nog een lang wachtwoord", full_name="Connie Tact"
    )
    StaffRole.objects.create(
        user=contact,
        municipality=zwolle,
        role=Role.CONTACT_PERSON,
        department=zwolle.departments.exclude(pk=task.department_id).order_by("name").first(),
    )

    draft = ChallengeFactory(
        municipality=zwolle,
        organisation=organisation,
        task=task,
        submitted=False,
        title="Speeltuin in eigen beheer",
        budget_asked_eur=40_000,
    )
    services.documents_add(
        challenge=draft,
        actor=resident,
        files=[pdf("steunbetuigingen.pdf")],
        description="Handtekeningen van 80 buurtbewoners",
    )
    empty = services.draft_start(
        municipality=zwolle, organisation=organisation, actor=resident, title="Nog een idee"
    )
    submitted = ChallengeFactory(
        municipality=zwolle, organisation=organisation, task=task, title="Buurthuis door de buurt"
    )
    intake = ChallengeFactory(
        municipality=zwolle, organisation=organisation, title="Groen in Assendorp"
    )
    services.transition(challenge=intake, action="start_intake", actor=coordinator, version=None)
    assessed = ChallengeFactory(
        municipality=zwolle, organisation=organisation, task=task, title="De Kluft in handen"
    )
    assessed = services.transition(
        challenge=assessed, action="start_intake", actor=coordinator, version=None
    )
    assessed = services.contact_person_assign(
        challenge=assessed, person=contact, actor=coordinator, version=None
    )
    services.message_post(
        challenge=assessed,
        actor=resident,
        text="Wanneer kunnen we langskomen?",
        files=[pdf("plan.pdf")],
        consent_to_publish=True,
    )
    services.contact_log(
        challenge=assessed,
        actor=contact,
        channel=Channel.values[0],
        summary="Gebeld: afspraak op het stadhuis.",
    )
    services.note_add(challenge=assessed, actor=coordinator, text="Afdeling is positief.")
    assessed = services.transition(
        challenge=assessed,
        action="accept",
        actor=coordinator,
        version=None,
        reason="Een echte uitdaging: de buurt neemt het beheer over.",
    )
    services.document_publish(document=assessed.documents.get(), actor=contact)
    services.documents_add(
        challenge=assessed,
        actor=resident,
        files=[pdf("begroting.pdf")],
        description="Begroting",
        consent_to_publish=False,
    )
    return ChallengeData(
        task_id=task.pk,
        organisation_id=organisation.pk,
        draft_id=draft.pk,
        empty_draft_id=empty.pk,
        submitted=submitted.reference,
        intake=intake.reference,
        assessment=assessed.reference,
        **load_assessment(zwolle, organisation, resident, coordinator, contact),
    )


def load_assessment(zwolle, organisation, resident, coordinator, contact) -> dict:
    """Issue 5 through the real services: a published framework and a draft of the next version;
    a challenge in the assessment phase with advice asked and one assessor's scores; and a
    decided one with advice, scores, the decision, a signed version 1 of the agreements and a
    proposed version 2. Not about the task of CHALLENGE_TASK_SLUG, whose page lists challenges
    (the keyboard tests tab through it)."""
    import datetime

    from tests.assessment_world import to_assessment
    from tests.factories import ChallengeFactory
    from uitdaagrecht.accounts.models import Role, StaffRole, User
    from uitdaagrecht.agreements import services as agreements
    from uitdaagrecht.assessment import services as assessment

    department = zwolle.departments.order_by("name").first()

    def staff(email: str, name: str, *roles: str) -> User:
        user = User.objects.create_user(email, "Een lang wachtwoord voor de staf", full_name=name)
        for role in roles:
            StaffRole.objects.create(
                user=user,
                municipality=zwolle,
                role=role,
                department=department if role == Role.ADVISOR else None,
            )
        return User.objects.get(pk=user.pk)

    assessor = staff("beoordelaar@zwolle.example.nl", "Bo Oordelaar", Role.ASSESSOR)
    decider = staff("besluit@zwolle.example.nl", "Bes Luiter", Role.DECISION_MAKER)
    advisor = staff("advies@zwolle.example.nl", "Ad Viseur", Role.ADVISOR)
    everyone = staff(
        ASSESSMENT_EMAIL, "Ria Rollen", Role.ASSESSOR, Role.DECISION_MAKER, Role.ADVISOR
    )
    everyone.set_password(ASSESSMENT_PASSWORD)
    everyone.save(update_fields=["password"])

    # The framework: version 1 published, version 2 a draft (a copy of version 1).
    levels = [
        (0, "Niet aangetoond"),
        (1, "Zwak: nauwelijks onderbouwd"),
        (2, "Voldoende"),
        (3, "Goed: overtuigend onderbouwd"),
        (4, "Uitstekend"),
    ]
    draft = assessment.framework_draft(municipality=zwolle, actor=coordinator)
    assessment.framework_update(
        framework=draft,
        actor=coordinator,
        introduction="Wij kijken naar meer dan de prijs: wat levert het de buurt op?",
        deciding_body="council",
    )
    for order, (dimension, name, description) in enumerate(
        [
            ("economic", "Kosten en baten", "Wat kost het, en wat levert het op?"),
            ("social", "Sociale waarde", "Meer ontmoeting, meer mensen die meedoen."),
            ("democratic", "Zeggenschap van de buurt", "Beslissen bewoners mee?"),
        ]
    ):
        assessment.criterion_save(
            framework=draft,
            actor=coordinator,
            criterion=None,
            values={
                "dimension": dimension,
                "name": name,
                "description": description,
                "weight": 3 - order,
                "order": order,
            },
            levels=levels,
        )
    framework = assessment.framework_publish(framework=draft, actor=coordinator)
    draft = assessment.framework_draft(municipality=zwolle, actor=coordinator)

    def in_assessment(title: str):
        challenge = ChallengeFactory(municipality=zwolle, organisation=organisation, title=title)
        return to_assessment(challenge, coordinator=coordinator, contact=contact)

    def scores(value: int) -> dict:
        return {
            (c.pk, subject): (value if subject == "challenger" else value - 1, "Goed onderbouwd.")
            for c in framework.criteria.all()
            for subject in ("challenger", "incumbent")
        }

    def advice(challenge, *, give: bool):
        request = assessment.advice_request(
            challenge=challenge,
            department=department,
            question="Kan de club het onderhoud van de velden aan?",
            days=14,
            actor=coordinator,
        )
        if give:
            assessment.advice_give(
                request=request,
                actor=advisor,
                text="Ja, met een goede overdracht van het materieel.",
                recommendation="conditional",
                confidential=False,
                confidential_reason="",
            )
        return request

    assessing = in_assessment("Sportvelden door de club")
    open_request = advice(assessing, give=False)
    assessment.scorecard_save(challenge=assessing, actor=assessor, scores=scores(3), submit=True)

    agreed = in_assessment("Wijkbus van de buurt")
    advice(agreed, give=True)
    assessment.scorecard_save(challenge=agreed, actor=assessor, scores=scores(3), submit=True)
    assessment.decide(
        challenge=agreed,
        actor=decider,
        version=None,
        values={
            "outcome": "partial",
            "part": "De ritten overdag; de avondritten blijven bij de vervoerder.",
            "reasons_economic": "Goedkoper dan de huidige vervoerder.",
            "reasons_social": "Buurtbewoners rijden voor buurtbewoners.",
            "reasons_democratic": "De buurt bepaalt de dienstregeling mee.",
            "reasons": "Het voorstel voegt waarde toe voor de wijk.",
            "body": "council",
            "decided_on": datetime.date(2026, 11, 20),
            "council_document_url": "https://zwolle.example.nl/raad/besluit-42",
            "objection": "Bezwaar kan binnen zes weken na bekendmaking.",
        },
    )
    values = {
        "explanation": "",
        "start_date": datetime.date(2027, 1, 1),
        "term_months": 24,
        "vehicle": "subsidy",
        "vehicle_reference": "SUB-2027-14",
        "payment_schedule": "Per kwartaal vooraf.",
        "tasks_taken_over": "De ritten overdag.",
        "quality_requirements": "Rolstoeltoegankelijk.",
        "cooperation": "Elk kwartaal overleg.",
        "accountability_form": "horizontal",
        "accountability_moments": "Jaarlijks in de wijkraad.",
        "accountability_by": "Het bestuur van de vereniging",
        "review_moments": "Na het eerste jaar.",
    }
    result = {
        "indicator": "Ritten per week",
        "dimension": "social",
        "baseline": 0,
        "target": 40,
        "unit": "ritten",
    }
    first = agreements.version_propose(
        challenge=agreed,
        actor=resident,
        values=values,
        budget=[{"year": 2027, "amount_eur": 30_000}],
        results=[result],
        risks=[{"risk": "Te weinig chauffeurs", "mitigation": "Een reservelijst."}],
        confidential={"budget": "De onderhandeling met de vervoerder loopt nog."},
    )
    agreements.version_sign(version=first, actor=resident)
    agreements.version_sign(version=first, actor=decider)
    agreements.version_propose(
        challenge=agreed,
        actor=coordinator,
        values={**values, "term_months": 36, "explanation": "Een jaar langer, meer ritten."},
        budget=[{"year": 2027, "amount_eur": 30_000}, {"year": 2028, "amount_eur": 32_000}],
        results=[{**result, "target": 50}],
        risks=[{"risk": "Te weinig chauffeurs", "mitigation": "Een reservelijst."}],
        confidential={},
    )
    return {
        "criterion_id": draft.criteria.order_by("order").first().pk,
        "assessing": assessing.reference,
        "advice_id": open_request.pk,
        "agreed": agreed.reference,
    }


def log_in(page, base_url: str, email: str, password: str, *, prefix: str = "") -> None:
    """Log in with the login form; works with and without JavaScript."""
    page.goto(f"{base_url}{prefix}/account/inloggen/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def install_axe(context, base_url: str) -> None:
    context.route(
        f"{base_url}{AXE_PATH}",
        lambda route: route.fulfill(path=AXE, content_type="text/javascript; charset=utf-8"),
    )


def axe_violations(page, base_url: str) -> list[dict]:
    """Open every <details>, run axe-core on the page, return its WCAG 2.1 A/AA violations."""
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=f"{base_url}{AXE_PATH}")
    result = page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})
            .then((r) => r.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: n.target, html: n.html, summary: n.failureSummary,
                })),
            })))""",
        WCAG_TAGS,
    )
    # axe 4.7+ no longer checks plain duplicate ids, but a label or aria-describedby pointing at
    # a duplicated id names or describes only the first element (e.g. two forms on one page).
    duplicates = page.evaluate(
        """() => {
            const seen = new Map();
            for (const el of document.querySelectorAll('[id]')) {
                seen.set(el.id, [...(seen.get(el.id) || []), el.outerHTML.slice(0, 200)]);
            }
            return [...seen].filter(([, found]) => found.length > 1);
        }"""
    )
    if duplicates:
        result.append(
            {
                "id": "duplicate-id",
                "impact": "serious",
                "help": "id attribute values must be unique (labels and aria-describedby find "
                "only the first element)",
                "helpUrl": "https://html.spec.whatwg.org/multipage/dom.html#the-id-attribute",
                "nodes": [
                    {"target": [f"#{id_}"], "html": html, "summary": ""}
                    for id_, found in duplicates
                    for html in found
                ],
            }
        )
    return result


def format_violations(found: dict[str, list[dict]]) -> str:
    lines = []
    for url, violations in found.items():
        lines.append(f"\n== {url}")
        for violation in violations:
            lines.append(
                f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
                f" ({violation['helpUrl']})"
            )
            for node in violation["nodes"]:
                lines.append(f"    - {json.dumps(node['target'])}  {node['html'][:200]}")
                if node.get("summary"):
                    lines.extend(f"        {line}" for line in node["summary"].splitlines())
    return "\n".join(lines)
