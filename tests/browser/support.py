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


def load_site_data() -> SiteData:
    """Reference data, three budgets, and a municipal administrator of Zwolle with some content."""
    from uitdaagrecht.accounts.models import Role, StaffRole, User
    from uitdaagrecht.budgets.importer import import_iv3
    from uitdaagrecht.budgets.models import BudgetCycleMoment
    from uitdaagrecht.budgets.services import taakvelden_load
    from uitdaagrecht.catalog.demo import catalog_demo_load
    from uitdaagrecht.core.demo import DEPARTMENTS
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
    from uitdaagrecht.catalog.models import Task

    return SiteData(
        zwolle_id=zwolle.pk, task_id=Task.objects.filter(municipality=zwolle).first().pk
    )


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
