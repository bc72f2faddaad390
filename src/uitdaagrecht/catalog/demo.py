"""Example tasks for the demo municipality, spread over the taakvelden where challenges happen.
Marked as example data on every page."""

import datetime
import random

from django.db import transaction
from django.utils.text import slugify

from uitdaagrecht.tenants.models import Department, Municipality

from .models import Contract, Finance, Indicator, IndicatorValue, Provider, Task, add_months
from .services import task_refresh_binding

# title, taakveld, department, area, provider (kind), budget (EUR), indicator (name, unit)
TASKS = [
    (
        "Onderhoud openbaar groen Stadshagen",
        "5.7",
        "Openbare Ruimte",
        "Stadshagen",
        ("Groenbedrijf IJsseldelta", "company"),
        640_000,
        ("Tevredenheid bewoners over groen", "rapportcijfer"),
    ),
    (
        "Onderhoud openbaar groen Holtenbroek",
        "5.7",
        "Openbare Ruimte",
        "Holtenbroek",
        ("Groenbedrijf IJsseldelta", "company"),
        410_000,
        ("Beeldkwaliteit groen op niveau B", "% van de inspecties"),
    ),
    (
        "Beheer wijkpark De Weezenlanden",
        "5.7",
        "Openbare Ruimte",
        "Assendorp",
        ("Stichting Parkbeheer Zwolle", "foundation"),
        185_000,
        ("Activiteiten in het park", "aantal per jaar"),
    ),
    (
        "Beheer buurthuis De Kluft",
        "6.1",
        "Sociaal Domein",
        "Holtenbroek",
        ("Stichting Travers Welzijn", "foundation"),
        210_000,
        ("Bezoekers per week", "aantal"),
    ),
    (
        "Beheer buurthuis Het Anker",
        "6.1",
        "Sociaal Domein",
        "Diezerpoort",
        ("Stichting Travers Welzijn", "foundation"),
        175_000,
        ("Bezoekers per week", "aantal"),
    ),
    (
        "Beheer wijkcentrum De Enk",
        "6.1",
        "Sociaal Domein",
        "Aa-landen",
        ("Gemeente Zwolle (eigen beheer)", "in_house"),
        240_000,
        ("Bezettingsgraad zalen", "%"),
    ),
    (
        "Jongerenwerk Zwolle-Zuid",
        "6.1",
        "Sociaal Domein",
        "Zwolle-Zuid",
        ("Stichting Travers Welzijn", "foundation"),
        320_000,
        ("Jongeren bereikt", "aantal per jaar"),
    ),
    (
        "Jongerenwerk Holtenbroek en Aa-landen",
        "6.1",
        "Sociaal Domein",
        "Holtenbroek, Aa-landen",
        ("Stichting Travers Welzijn", "foundation"),
        295_000,
        ("Jongeren bereikt", "aantal per jaar"),
    ),
    (
        "Maatschappelijk werk en schuldhulp-inloop",
        "6.23",
        "Sociaal Domein",
        "",
        ("Stichting Sociaal Werk IJssel", "foundation"),
        780_000,
        ("Huishoudens met schuldhulp", "aantal"),
    ),
    (
        "Mantelzorgondersteuning",
        "6.1",
        "Sociaal Domein",
        "",
        ("Stichting Mantelzorg Zwolle", "foundation"),
        260_000,
        ("Mantelzorgers in beeld", "aantal"),
    ),
    (
        "Dagbesteding ouderen in de wijk",
        "6.713",
        "Sociaal Domein",
        "Assendorp",
        ("Zorggroep Vechtdal", "company"),
        520_000,
        ("Deelnemers", "aantal"),
    ),
    (
        "Huishoudelijke hulp (Wmo) perceel Noord",
        "6.711",
        "Sociaal Domein",
        "Zwolle-Noord",
        ("Thuiszorg Midden-IJssel", "company"),
        2_400_000,
        ("Cliënttevredenheid", "rapportcijfer"),
    ),
    (
        "Schoonmaak gymzalen en sporthallen",
        "5.2",
        "Sport en Cultuur",
        "",
        ("Schoonmaakbedrijf Hanze", "company"),
        330_000,
        ("Schoonmaakkwaliteit (VSR-methode)", "% goedgekeurd"),
    ),
    (
        "Beheer sportpark Het Hoge Laar",
        "5.2",
        "Sport en Cultuur",
        "Berkum",
        ("Gemeente Zwolle (eigen beheer)", "in_house"),
        450_000,
        ("Velden bespeelbaar", "% van de speeldagen"),
    ),
    (
        "Beweegprogramma buurtsportcoaches",
        "5.1",
        "Sport en Cultuur",
        "",
        ("Sportbedrijf Zwolle", "public"),
        610_000,
        ("Deelnemers aan beweegactiviteiten", "aantal"),
    ),
    (
        "Exploitatie zwembad De Vrolijkheid",
        "5.2",
        "Sport en Cultuur",
        "Holtenbroek",
        ("Sportbedrijf Zwolle", "public"),
        1_900_000,
        ("Bezoekers", "aantal per jaar"),
    ),
    (
        "Wijkbibliotheek Stadshagen",
        "5.3",
        "Sport en Cultuur",
        "Stadshagen",
        ("Stichting Stadkamer", "foundation"),
        390_000,
        ("Uitleningen", "aantal per jaar"),
    ),
    (
        "Cultuureducatie basisscholen",
        "5.3",
        "Sport en Cultuur",
        "",
        ("Stichting Cultuurbedrijf", "foundation"),
        280_000,
        ("Leerlingen bereikt", "aantal"),
    ),
    (
        "Beheer volkstuinencomplex De Hoek",
        "5.7",
        "Openbare Ruimte",
        "Westenholte",
        ("Gemeente Zwolle (eigen beheer)", "in_house"),
        45_000,
        ("Verhuurde tuinen", "%"),
    ),
    (
        "Buurtbus Zwolle-Zuid",
        "2.1",
        "Openbare Ruimte",
        "Zwolle-Zuid",
        ("Vervoersbedrijf Salland", "company"),
        120_000,
        ("Ritten", "aantal per jaar"),
    ),
    (
        "Deelvervoer voor ouderen (Plusbus)",
        "2.1",
        "Sociaal Domein",
        "",
        ("Stichting Plusbus Zwolle", "foundation"),
        95_000,
        ("Ritten", "aantal per jaar"),
    ),
    (
        "Inzameling grof huishoudelijk afval",
        "7.3",
        "Openbare Ruimte",
        "",
        ("ROVA", "public"),
        870_000,
        ("Meldingen binnen 5 werkdagen opgehaald", "%"),
    ),
    (
        "Zwerfafval opruimen Assendorp",
        "7.3",
        "Openbare Ruimte",
        "Assendorp",
        ("Werkbedrijf Zwolle", "public"),
        140_000,
        ("Schoonbeeld op niveau B", "%"),
    ),
    (
        "Kringloop- en repaircafé Dieze",
        "7.3",
        "Openbare Ruimte",
        "Dieze",
        ("Stichting Kringloop Zwolle", "foundation"),
        60_000,
        ("Gerepareerde spullen", "aantal per jaar"),
    ),
    (
        "Beheer speeltuinen en trapveldjes",
        "5.7",
        "Openbare Ruimte",
        "",
        ("Gemeente Zwolle (eigen beheer)", "in_house"),
        230_000,
        ("Speeltoestellen veilig gekeurd", "%"),
    ),
    (
        "Schoonmaak gemeentelijke gebouwen",
        "0.3",
        "Bedrijfsvoering",
        "",
        ("Schoonmaakbedrijf Hanze", "company"),
        560_000,
        ("Schoonmaakkwaliteit (VSR-methode)", "% goedgekeurd"),
    ),
    (
        "Leerlingenvervoer",
        "4.3",
        "Sociaal Domein",
        "",
        ("Vervoersbedrijf Salland", "company"),
        1_300_000,
        ("Klachten", "aantal per jaar"),
    ),
    (
        "Handhaving openbare ruimte (boa's)",
        "1.2",
        "Openbare Ruimte",
        "",
        ("Gemeente Zwolle (eigen beheer)", "in_house"),
        900_000,
        ("Meldingen afgehandeld", "%"),
    ),
]
BLOCKED = {
    "Handhaving openbare ruimte (boa's)": (
        "statutory",
        "Handhaving is een wettelijke taak met bevoegdheden die de gemeente niet kan overdragen.",
        None,
    ),
    "Huishoudelijke hulp (Wmo) perceel Noord": (
        "procurement",
        "De gemeente besteedt deze zorg nu opnieuw aan samen met de regio; de uitkomst is bekend in het voorjaar.",
        9,
    ),
}
DESCRIPTION = "Voorbeeldtaak. {title}: wat de gemeente hier doet, voor wie, en met welke resultaten. Bewoners kunnen deze taak uitdagen om haar over te nemen of samen uit te voeren."


@transaction.atomic
def catalog_demo_load(*, municipality: Municipality, today: datetime.date) -> int:
    """Create the example tasks once; running again leaves existing ones alone."""
    if Task.objects.filter(municipality=municipality, is_example=True).exists():
        return 0
    rng = random.Random(municipality.cbs_code)  # the same demo on every machine
    departments = {d.name: d for d in Department.objects.filter(municipality=municipality)}
    providers: dict[str, Provider] = {}
    for index, (
        title,
        taakveld,
        department,
        area,
        (provider, kind),
        budget,
        (kpi, unit),
    ) in enumerate(TASKS):
        blocker, explanation, blocked_months = BLOCKED.get(title, ("", "", None))
        task = Task.objects.create(
            municipality=municipality,
            title=title,
            slug=slugify(title),
            description=DESCRIPTION.format(title=title),
            target_group="Inwoners van Zwolle" + (f" in {area}" if area else ""),
            area=area,
            department=departments[department],
            taakveld_id=taakveld,
            blocker=blocker,
            blocker_explanation=explanation,
            blocked_until=add_months(today, blocked_months) if blocked_months else None,
            is_example=True,
        )
        if provider not in providers:
            providers[provider] = Provider.objects.create(
                municipality=municipality, name=provider, kind=kind
            )
        # Contract ends spread over the next three years; a few have already ended.
        months_left = (index * 37) % 40 - 3
        end = add_months(today, months_left)
        start = add_months(end, -rng.choice([24, 36, 48]))
        Contract.objects.create(
            task=task,
            provider=providers[provider],
            reference=f"ZW-{2020 + index % 6}-{100 + index}",
            value_per_year_eur=round(budget * 0.85, -3),
            start_date=start,
            end_date=end,
            notice_months=rng.choice([3, 6, 6, 12]),
            extension_options=rng.choice(["", "2 × 1 jaar", "1 × 2 jaar"]),
        )
        for year in (today.year - 1, today.year):
            Finance.objects.create(
                task=task,
                year=year,
                budget_eur=round(budget * (0.97 if year < today.year else 1), -3),
                actuals_eur=round(budget * rng.uniform(0.92, 1.06), -3)
                if year < today.year
                else None,
                overhead_eur=round(budget * 0.18, -3),
            )
        indicator = Indicator.objects.create(
            task=task, name=kpi, unit=unit, source="Jaarverslag uitvoerder"
        )
        for year in (today.year - 2, today.year - 1):
            target = rng.choice([7, 80, 90, 120, 400, 1500])
            IndicatorValue.objects.create(
                indicator=indicator,
                year=year,
                target=target,
                realised=round(target * rng.uniform(0.8, 1.1), 1),
            )
        task_refresh_binding(task=task)
    return len(TASKS)
