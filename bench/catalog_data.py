"""Generate a national-scale task catalogue for the benchmark: TASKS_PER_MUNICIPALITY tasks with a
contract, two budget years and a result indicator for every municipality. Run inside the app:

    DATABASE_URL=... uitdaagrecht shell -c "exec(open('bench/catalog_data.py').read())"
"""

import datetime
import random

from django.db import transaction
from django.utils.text import slugify

from uitdaagrecht.budgets.models import Taakveld
from uitdaagrecht.catalog.models import (
    Contract,
    Finance,
    Indicator,
    IndicatorValue,
    Provider,
    Task,
    add_months,
)
from uitdaagrecht.tenants.models import Department, Municipality

TASKS_PER_MUNICIPALITY = 30
KINDS = ["Onderhoud groen", "Beheer buurthuis", "Jongerenwerk", "Schoonmaak sporthal", "Buurtbus"]
TAAKVELDEN = ["5.7", "6.1", "6.1", "5.2", "2.1"]


@transaction.atomic
def generate() -> int:
    rng = random.Random(42)
    today = datetime.date.today()
    taakvelden = {t.code: t for t in Taakveld.objects.filter(code__in=TAAKVELDEN)}
    tasks, contracts, finances, indicators, values = [], [], [], [], []
    for municipality in Municipality.objects.filter(is_active=True):
        department = Department.objects.create(municipality=municipality, name="Openbare Ruimte")
        providers = Provider.objects.bulk_create(
            [
                Provider(municipality=municipality, name=f"Uitvoerder {n}", kind="company")
                for n in range(5)
            ]
        )
        for n in range(TASKS_PER_MUNICIPALITY):
            kind = n % len(KINDS)
            title = f"{KINDS[kind]} wijk {n + 1}"
            end = add_months(today, rng.randint(-3, 40))
            tasks.append(
                Task(
                    municipality=municipality,
                    title=title,
                    slug=slugify(title),
                    description=f"{title}: voorbeeldtaak voor de benchmark.",
                    department=department,
                    taakveld=taakvelden[TAAKVELDEN[kind]],
                    bound_until=end,
                    is_example=True,
                )
            )
            contracts.append((len(tasks) - 1, rng.choice(providers), end))
    Task.objects.bulk_create(tasks, batch_size=2000)
    for index, provider, end in contracts:
        task = tasks[index]
        contracts_row = Contract(
            task=task,
            provider=provider,
            value_per_year_eur=rng.randint(20, 900) * 1000,
            start_date=add_months(end, -36),
            end_date=end,
            notice_months=6,
        )
        finances += [
            Finance(
                task=task, year=year, budget_eur=rng.randint(20, 900) * 1000, overhead_eur=10_000
            )
            for year in (today.year - 1, today.year)
        ]
        indicators.append(Indicator(task=task, name="Tevredenheid", unit="rapportcijfer"))
        contracts[index] = contracts_row
    Contract.objects.bulk_create(contracts, batch_size=2000)
    Finance.objects.bulk_create(finances, batch_size=2000)
    Indicator.objects.bulk_create(indicators, batch_size=2000)
    for indicator in indicators:
        values += [
            IndicatorValue(indicator=indicator, year=y, target=7, realised=7.1)
            for y in (2024, 2025)
        ]
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    return len(tasks)


print(f"generated {generate()} tasks")
