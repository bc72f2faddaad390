"""Example challenges for the demo municipality: one in every phase of the workflow.

Each is a small story over the last eighteen months: the offer, a conversation both ways,
calls, meetings and visits, internal notes, a term paused while the municipality waits for
information, and one challenge that stalled past its term and was escalated.

Everything goes through the real services (services.draft_start, services.transition, …) with the
actor who would really act, so permissions, guards, references and the timeline are exactly what
the platform produces. The services stamp their writes with services._now(); here it returns the
moment of each step, so the timeline is back-dated. The steps of all stories run in the order of
their moments, so reference numbers follow the submission dates and the one escalation sees the
other challenges as they were at that moment.

The assessment goes through the real services too: Zwolle's framework (version 1 two years ago,
version 2 half a year ago), advice from the departments that own the tasks, scorecards of three
assessors for the challengers and the current provider, decisions with reasons per value
dimension (accepted, rejected, accepted in part, and one corrected), and versions of the
agreements signed by both sides before execution starts.

Loaded once: when the demo organisations already have challenges, only the accounts and the
framework are made sure of. E-mail is not sent while loading (the people are example people); the in-app notifications
are kept and dated like the events they announce.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from unittest import mock

from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from uitdaagrecht.accounts.models import (
    LegalForm,
    MemberRole,
    Membership,
    Organisation,
    Role,
    StaffRole,
    User,
)
from uitdaagrecht.accounts.services import organisation_create
from uitdaagrecht.agreements import services as agreement_services
from uitdaagrecht.agreements.models import Version
from uitdaagrecht.assessment import services as assessment_services
from uitdaagrecht.assessment.models import (
    AdviceRequest,
    Body,
    Decision,
    Dimension,
    Framework,
    Outcome,
    Recommendation,
    Subject,
)
from uitdaagrecht.assessment.selectors import framework_of
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.notifications.models import Notification
from uitdaagrecht.tenants.models import Department, Municipality

from . import services
from .models import Challenge, Document, Event
from .permissions import forget_memberships

# ------------------------------------------------------------------------------------ people


@dataclass(frozen=True)
class Person:
    key: str
    local_part: str  # of the e-mail address, before @<demo domain>
    name: str
    password: str | None = None  # None: an example person in the stories, without a login
    label: str = ""  # printed with the demo accounts


RESIDENTS = [
    Person("sanne", "bewoner", "Sanne de Vries", "demo-bewoner-2026", "uitdager (eigenaar)"),
    Person("joost", "lid", "Joost Hendriks", "demo-lid-2026", "uitdager (lid)"),
    Person("fatima", "f.yilmaz", "Fatima Yilmaz"),
    Person("henk", "h.kamphuis", "Henk Kamphuis"),
    Person("priya", "p.ramdin", "Priya Ramdin"),
]
# Staff besides the one account per role of core.demo: a second contact person, who works at a
# department that owns some of the tasks (so the neutrality rule refuses them there), an
# advisor of the department that owns the social tasks, and two more members of the assessment
# committee (with Bea Oordelaar of core.demo): a controller and a member from outside the
# municipal organisation.
EXTRA_STAFF = [
    (Person("karim", "k.bouzid", "Karim Bouzid"), Role.CONTACT_PERSON, "Sport en Cultuur"),
    (Person("sara", "s.smit", "Sara Smit"), Role.ADVISOR, "Sociaal Domein"),
    (Person("mirjam", "m.bosman", "Mirjam Bosman"), Role.ASSESSOR, "Bedrijfsvoering"),
    (Person("ruud", "r.veenstra", "Ruud Veenstra"), Role.ASSESSOR, ""),
]


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    legal_form: str
    neighbourhoods: str
    owner: str
    members: tuple[str, ...] = ()
    kvk_number: str = ""
    founded_days_ago: int = 600


ORGANISATIONS = [
    OrganisationSpec(
        "assendorp",
        "Stichting Buurtkracht Assendorp",
        LegalForm.FOUNDATION,
        "Assendorp",
        owner="sanne",
        members=("joost",),
        kvk_number="84127563",
        founded_days_ago=610,
    ),
    OrganisationSpec(
        "diezerpoort",
        "Bewonersvereniging Diezerpoort Leeft",
        LegalForm.ASSOCIATION,
        "Diezerpoort",
        owner="fatima",
        members=("sanne",),
        founded_days_ago=700,
    ),
    OrganisationSpec(
        "holtenbroek",
        "Wijkcoöperatie Holtenbroek U.A.",
        LegalForm.COOPERATIVE,
        "Holtenbroek, Westenholte",
        owner="henk",
        founded_days_ago=580,
    ),
    OrganisationSpec(
        "stadshagen",
        "Bewonersgroep Stadshagen Samen",
        LegalForm.RESIDENTS_GROUP,
        "Stadshagen",
        owner="priya",
        founded_days_ago=450,
    ),
]


# ------------------------------------------------------------------------------------ documents


# What the Huiskamer's agreement and its amendment share: the legal vehicle, the quality
# requirements, the cooperation and the accountability, the risks, and why the budget is
# confidential.
HUISKAMER_TERMS = {
    "vehicle": "subsidy",
    "vehicle_reference": "Subsidiebeschikking Huiskamer Assendorp",
    "quality_requirements": (
        "Op elke openingsdag is de coördinator of de begeleider aanwezig; alle vrijwilligers "
        "hebben een VOG; er is een schriftelijke afspraak met Zorggroep Vechtdal over "
        "doorverwijzen."
    ),
    "cooperation": (
        "Het wijkteam meldt deelnemers aan; Sociaal Domein stelt de ruimte in het wijkgebouw "
        "beschikbaar; de contactpersoon is het vaste aanspreekpunt."
    ),
    "accountability_form": "mix",
    "accountability_moments": "Een halfjaarverslag aan de gemeente en een open middag voor de buurt.",
    "accountability_by": "Het bestuur van Stichting Buurtkracht Assendorp",
}
HUISKAMER_RISKS = [
    ("Te weinig vrijwilligers in de zomer", "Een reserverooster en een oproep in de wijkkrant."),
    (
        "Deelnemers met een zwaardere zorgvraag",
        "Doorverwijzen volgens de afspraak met Zorggroep Vechtdal.",
    ),
]
HUISKAMER_CONFIDENTIAL = {
    "budget": (
        "De betaalafspraken volgen de loonkosten van de coördinator en de activiteitenbegeleider; "
        "die zijn tot twee personen te herleiden en blijven daarom vertrouwelijk (Woo: bescherming "
        "van de persoonlijke levenssfeer). Het totale subsidiebedrag staat in het subsidieregister "
        "van de gemeente."
    )
}


def pdf_page(lines: list[str]) -> bytes:
    """A valid one-page PDF with the lines as text (Helvetica, WinAnsi): no library needed."""

    def literal(text: str) -> bytes:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("cp1252", "replace") + b")"

    content = [b"BT", b"/F1 16 Tf", b"20 TL", b"56 780 Td", literal(lines[0]) + b" Tj"]
    content += [b"/F1 11 Tf", b"16 TL", b"T*"]
    content += [literal(line) + b" '" for line in lines[1:]]
    content.append(b"ET")
    stream = b"\n".join(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


EXAMPLE = "Voorbeelddocument uit de demo van Open Uitdaagrecht: geen echte gegevens."
SUPPORT_PDF = "Steunbetuigingen.pdf"
SUPPORT_LINES = [
    "Steunbetuigingen Huiskamer Assendorp",
    EXAMPLE,
    "",
    "Stichting Buurtkracht Assendorp haalde in het voorjaar handtekeningen op bij de",
    "supermarkt aan de Assendorperstraat, na de kerkdienst en op het schoolplein.",
    "",
    "Handtekeningen van bewoners van Assendorp: 187",
    "    waarvan van 65 jaar en ouder: 74",
    "Aanmeldingen als vrijwilliger: 23",
    "",
    "Steunbrieven ontvangen van:",
    "  - de huisartsenpraktijk in de wijk",
    "  - het wijkteam Zwolle-Zuid",
    "  - de ouderenbond, afdeling Assendorp",
    "  - twee mantelzorgers namens de mantelzorgcafé-groep",
    "",
    "Uit de reacties:",
    "  “Mijn moeder wil niet naar een dagbesteding buiten de wijk. Om de hoek wel.”",
    "  “Ik kom graag twee ochtenden per week koken.”",
    "  “Eindelijk een plek waar je gewoon binnen kunt lopen.”",
]
BUDGET_PDF = "Begroting Huiskamer Assendorp.pdf"
BUDGET_LINES = [
    "Begroting Huiskamer Assendorp (per jaar)",
    EXAMPLE,
    "",
    "Uitgaven",
    "  Coördinator, 24 uur per week (incl. werkgeverslasten)      € 41.500",
    "  Activiteitenbegeleider, 16 uur per week                      € 24.000",
    "  Huur ruimte in het wijkgebouw                                 €   9.600",
    "  Boodschappen lunch en activiteiten                           €   7.800",
    "  Vrijwilligersvergoedingen en scholing                        €   4.300",
    "  Verzekeringen, administratie, onvoorzien                     €   4.800",
    "  Totaal                                                               € 92.000",
    "",
    "Inkomsten",
    "  Bijdrage gemeente (gevraagd)                                 € 78.000",
    "  Eigen bijdrage deelnemers (lunch)                            €   8.500",
    "  Fondsen en giften                                             €   5.500",
    "  Totaal                                                               € 92.000",
]


# ------------------------------------------------------------------------------------ assessment

# The criteria of Zwolle's assessment framework, by a short key: (value dimension, name,
# description, scale in words). Version 1 was published two years ago; version 2, half a year
# ago, adds a criterion and weighs the costs less. A challenge is assessed on the version that
# was public when it was submitted.
CRITERIA = {
    "kosten": (
        Dimension.ECONOMIC,
        "Kosten en doelmatigheid",
        "Wat kost de uitvoering per resultaat, vergeleken met de huidige uitvoering? Tel mee wat de "
        "gemeente zelf blijft doen, en wat het elders oplevert (bijvoorbeeld minder uitkeringen of "
        "minder grofvuil).",
        [
            (0, "Duurder dan nu, zonder meerwaarde die dat rechtvaardigt"),
            (1, "Duurder dan nu, met enige meerwaarde"),
            (2, "Ongeveer even duur als nu"),
            (3, "Goedkoper dan nu, of meer resultaat voor hetzelfde geld"),
            (4, "Duidelijk goedkoper én meer resultaat, goed onderbouwd"),
        ],
    ),
    "continuiteit": (
        Dimension.ECONOMIC,
        "Continuïteit en uitvoeringskracht",
        "Kan de uitvoerder de taak jaren volhouden: mensen, vervanging bij uitval, een financiële "
        "buffer, verzekering en aansprakelijkheid?",
        [
            (0, "Niet aangetoond: de taak hangt aan toeval"),
            (1, "Kwetsbaar: hangt aan één of twee personen of aan onzeker geld"),
            (2, "Voldoende voor de eerste periode, met duidelijke risico's"),
            (3, "Goed: vervanging, buffer en verzekering geregeld"),
            (4, "Uitstekend: bewezen ervaring en een geborgde opvolging"),
        ],
    ),
    "bereik": (
        Dimension.SOCIAL,
        "Bereik en effect voor inwoners",
        "Wie worden bereikt, ook wie nu buiten beeld blijft, en wat verandert er voor hen?",
        [
            (0, "Geen aantoonbaar effect"),
            (1, "Beperkt bereik of een onduidelijk effect"),
            (2, "Bereik en effect blijven zoals nu"),
            (3, "Meer inwoners bereikt, of een duidelijk groter effect"),
            (4, "Veel meer inwoners, ook moeilijk bereikbare groepen, met een meetbaar effect"),
        ],
    ),
    "meedoen": (
        Dimension.SOCIAL,
        "Ontmoeting en meedoen",
        "Brengt de uitvoering buren samen, geeft ze een rol of werk, en maakt ze de wijk sterker?",
        [
            (0, "Geen: inwoners zijn alleen klant"),
            (1, "Enkele vrijwilligers, weinig ontmoeting"),
            (2, "Een vaste groep doet mee; de plek is een ontmoetingspunt"),
            (3, "De wijk draagt de taak: veel vrijwilligers, werk voor bewoners, nieuwe contacten"),
        ],
    ),
    "zeggenschap": (
        Dimension.DEMOCRATIC,
        "Zeggenschap van bewoners",
        "Hoeveel te zeggen hebben gebruikers en bewoners over wat er gebeurt, en hoe is dat "
        "geregeld?",
        [
            (0, "Bewoners hebben geen stem"),
            (1, "Bewoners worden geïnformeerd"),
            (2, "Bewoners worden geraadpleegd"),
            (3, "Bewoners beslissen mee in een vast overleg"),
            (4, "Bewoners beslissen zelf, en elke buurtbewoner kan meedoen"),
        ],
    ),
    "verantwoording": (
        Dimension.DEMOCRATIC,
        "Openheid en verantwoording",
        "Leggen de uitvoerders open en begrijpelijk verantwoording af, aan de gemeente én aan de "
        "buurt?",
        [
            (0, "Geen verantwoording voorzien"),
            (1, "Alleen een verslag aan de gemeente"),
            (2, "Een verslag aan de gemeente, en open voor de buurt"),
            (3, "Doorlopend open: cijfers, keuzes en lessen zijn voor iedereen te zien"),
        ],
    ),
    "samenwerking": (
        Dimension.SOCIAL,
        "Samenwerking in de wijk",
        "Werken de uitvoerders samen met wie er al is: het wijkteam, scholen, verenigingen, en de "
        "huidige uitvoerder bij de overdracht?",
        [
            (0, "Geen samenwerking"),
            (1, "Partners genoemd, niets afgesproken"),
            (2, "Afspraken met enkele partners"),
            (3, "Vaste samenwerking met de belangrijke partners"),
            (4, "Een netwerk dat de taak samen draagt, met heldere rollen"),
        ],
    ),
}
CRITERION_NAMES = {key: spec[1] for key, spec in CRITERIA.items()}


@dataclass(frozen=True)
class FrameworkSpec:
    days_ago: int  # published
    introduction: str
    weights: dict[str, int]  # criterion key → weight, in this order


FRAMEWORKS = [
    FrameworkSpec(
        730,
        "Zwolle beoordeelt elke uitdaging breed: niet alleen op geld, maar ook op wat ze betekent "
        "voor inwoners en voor de zeggenschap in de wijk. De beoordelingscommissie geeft de "
        "uitdagers en de huidige uitvoerder punten met dezelfde maatstaf, zodat de vergelijking "
        "eerlijk is. De vakafdelingen adviseren; het college besluit, en maakt de redenen per "
        "waarde openbaar.",
        {
            "kosten": 3,
            "continuiteit": 3,
            "bereik": 3,
            "meedoen": 2,
            "zeggenschap": 2,
            "verantwoording": 2,
        },
    ),
    FrameworkSpec(
        182,
        "Zwolle beoordeelt elke uitdaging breed: niet alleen op geld, maar ook op wat ze betekent "
        "voor inwoners en voor de zeggenschap in de wijk. De beoordelingscommissie geeft de "
        "uitdagers en de huidige uitvoerder punten met dezelfde maatstaf, zodat de vergelijking "
        "eerlijk is. De vakafdelingen adviseren; het college besluit, en maakt de redenen per "
        "waarde openbaar.\n\nVersie 2 volgt op een evaluatie met uitdagers en de raad: "
        "samenwerking in de wijk is een eigen criterium geworden, en de kosten wegen iets minder "
        "zwaar dan de maatschappelijke waarde.",
        {
            "kosten": 2,
            "continuiteit": 3,
            "bereik": 3,
            "meedoen": 2,
            "samenwerking": 2,
            "zeggenschap": 2,
            "verantwoording": 2,
        },
    ),
]

# What an assessor adds who scores the challengers a level above or below the common view.
SHIFT_REMARK = {
    1: " Ik schat dit iets hoger in: het plan is op dit punt concreet uitgewerkt.",
    -1: " Ik schat dit iets lager in: de onderbouwing is op dit punt nog dun.",
}
# The three assessors' shifts per criterion (in the order of the table): the first follows the
# common view, the others differ here and there, as assessors do.
SHIFTS = ((), (0, 1, 0, -1, 0, 0, 1), (-1, 0, 1, 0, 0, -1, 0))

OBJECTION = (
    "Bezwaar maken kan binnen zes weken na de dag waarop dit besluit is bekendgemaakt. Richt uw "
    "bezwaarschrift aan het college van burgemeester en wethouders van Zwolle en vermeld het "
    "kenmerk van de uitdaging; u kunt het ook digitaal indienen via de website van de gemeente. "
    "Wilt u eerst overleggen? Neem dan contact op met uw contactpersoon."
)

# Scores per challenge and criterion: (the challengers, the current provider, why, why).
SCORES = {
    "de_hoek": {
        "kosten": (
            3,
            2,
            "Besparing van ongeveer € 13.000 per jaar, onderbouwd met de huidige beheerkosten.",
            "Het beheer kost nu vooral administratie; weinig geld gaat naar de tuin zelf.",
        ),
        "continuiteit": (
            3,
            3,
            "Tuincommissie van vijf met ruime ervaring; een kascommissie controleert de boeken.",
            "De gemeente houdt het beheer vol, maar met weinig aandacht voor het complex.",
        ),
        "bereik": (
            3,
            2,
            "Kortere wachtlijst, een schooltuin voor De Kameleon en open dagen voor de buurt.",
            "De verhuur loopt, maar de wachtlijst groeit en de buurt komt er niet.",
        ),
        "meedoen": (
            3,
            1,
            "Werkrooster voor alle huurders en een kantine die opengaat voor de buurt.",
            "Huurders zijn klant, geen medebeheerder.",
        ),
        "zeggenschap": (
            4,
            1,
            "De tuinders beslissen zelf over het reglement, in de ledenvergadering.",
            "De gemeente stelt de regels vast; huurders worden geïnformeerd.",
        ),
        "verantwoording": (
            2,
            1,
            "Jaarverslag en een open dag; de kascommissie controleert.",
            "Alleen verantwoording binnen de gemeentebegroting.",
        ),
    },
    "huiskamer": {
        "kosten": (
            3,
            2,
            "Ongeveer 40% goedkoper per deelnemer, zonder vervoer; de begroting sluit.",
            "Dagbesteding buiten de wijk, met vervoerskosten per deelnemer.",
        ),
        "continuiteit": (
            2,
            4,
            "Betaalde coördinator en 23 vrijwilligers, maar nog geen eigen ervaring met de taak.",
            "Grote zorgaanbieder met vervanging bij uitval en een geborgde opvolging.",
        ),
        "bereik": (
            4,
            2,
            "Bereikt ouderen die nu niet naar een dagbesteding buiten de wijk willen.",
            "Goede zorg, maar een deel van de ouderen haakt af door de reis.",
        ),
        "meedoen": (
            3,
            1,
            "Buren koken, bewegen en organiseren mee; mantelzorgers krijgen lucht.",
            "Weinig verbinding met de wijk.",
        ),
        "zeggenschap": (
            3,
            1,
            "Maandelijkse huiskamervergadering van deelnemers en vrijwilligers.",
            "Een cliëntenraad op concernniveau, ver van Assendorp.",
        ),
        "verantwoording": (
            2,
            1,
            "Halfjaarverslag aan de gemeente en een open middag voor de buurt.",
            "Productieverantwoording aan de gemeente, niet aan de wijk.",
        ),
    },
    "stadshagen_groen": {
        "kosten": (
            1,
            3,
            "De besparing van 12% is niet onderbouwd; materieel en personeel ontbreken in de "
            "begroting.",
            "Marktconform contract, scherp aanbesteed.",
        ),
        "continuiteit": (
            0,
            4,
            "Geen rechtspersoon, geen personeel, geen verzekering: continuïteit niet aangetoond.",
            "Ervaren aannemer met eigen materieel en vervanging.",
        ),
        "bereik": (
            3,
            2,
            "Meer bloemrijk groen en aandacht voor insecten; werk in de wijk.",
            "Onderhoud op niveau, maar weinig oog voor wensen van bewoners.",
        ),
        "meedoen": (
            2,
            0,
            "Zaterdagploeg met vrijwilligers en buurtmoestuinen.",
            "Een ploeg van buiten de wijk; bewoners hebben geen rol.",
        ),
        "zeggenschap": (
            3,
            1,
            "Bewoners bepalen het beheer; hoe precies is nog niet uitgewerkt.",
            "Bewoners kunnen alleen meldingen doen.",
        ),
        "verantwoording": (
            1,
            2,
            "Verantwoording is nog niet uitgewerkt.",
            "Kwaliteitsmetingen per kwartaal aan de gemeente.",
        ),
    },
    "de_kluft": {
        "kosten": (
            3,
            2,
            "Vijf dagen open voor minder geld dan nu, door vrijwilligers en zaalverhuur.",
            "Vier dagdelen open voor het huidige budget.",
        ),
        "continuiteit": (
            1,
            3,
            "Veel hangt aan één betaalde beheerder; een tweede sleutelfiguur ontbreekt nog.",
            "Welzijnsorganisatie met vervanging bij uitval.",
        ),
        "bereik": (
            3,
            2,
            "Langer open; buurtrestaurant en werkplaats trekken nieuwe groepen.",
            "Vaste bezoekers, weinig nieuwe aanwas.",
        ),
        "meedoen": (
            3,
            1,
            "25 vrijwilligers en een bardienst uit de buurt.",
            "Bewoners zijn vooral bezoeker.",
        ),
        "zeggenschap": (
            3,
            2,
            "De coöperatie en haar leden bepalen het programma.",
            "Gebruikersoverleg twee keer per jaar.",
        ),
        "verantwoording": (
            2,
            1,
            "Jaarverslag aan de ledenvergadering en aan de gemeente.",
            "Jaarverslag aan de gemeente.",
        ),
    },
    "repaircafe": {
        "kosten": (
            3,
            2,
            "€ 18.000 per jaar voor een wekelijkse openstelling; minder grofvuil.",
            "Eén keer per maand open voor ongeveer hetzelfde geld.",
        ),
        "continuiteit": (
            3,
            3,
            "Twaalf vaste reparateurs; gereedschap via de kringloop.",
            "Stabiele organisatie, maar beperkt open.",
        ),
        "bereik": (
            3,
            2,
            "Elke week in de wijk; ook jongeren, via de reparatielessen.",
            "Aan de rand van de stad; vooral vaste bezoekers.",
        ),
        "meedoen": (
            3,
            1,
            "Vakmanschap wordt doorgegeven aan jongeren; ontmoeting op zaterdag.",
            "Weinig ontmoeting.",
        ),
        "zeggenschap": (
            2,
            1,
            "Vrijwilligers en bezoekers praten mee over het programma.",
            "De stichting beslist.",
        ),
        "verantwoording": (
            2,
            1,
            "Telt de reparaties en deelt de cijfers in de wijkkrant.",
            "Jaarcijfers aan de gemeente.",
        ),
    },
    "weezenlanden": {
        "kosten": (
            2,
            2,
            "Ongeveer even duur; kleine beurten en het kioskje dekken een deel van de kosten.",
            "Vast contract, zonder extra's.",
        ),
        "continuiteit": (
            3,
            3,
            "De stichting bewees zich met de Huiskamer; een vaste ploeg van vijftien.",
            "Ervaren beheerder met vast personeel.",
        ),
        "bereik": (
            3,
            2,
            "Het park wordt een ontmoetingsplek, ook voor wie nu alleen thuis zit.",
            "Goed onderhouden, maar weinig activiteiten.",
        ),
        "meedoen": (
            3,
            1,
            "Parkploeg, stages voor leerlingen en zomeractiviteiten.",
            "Buurtbewoners hebben geen rol.",
        ),
        "samenwerking": (
            4,
            2,
            "Kinderboerderij, IVN en de school doen mee, met heldere rollen.",
            "Werkt met de gemeente, weinig met de wijk.",
        ),
        "zeggenschap": (
            3,
            1,
            "Een parkraad van gebruikers adviseert over inrichting en activiteiten.",
            "Bewoners kunnen meldingen doen.",
        ),
        "verantwoording": (
            3,
            1,
            "Jaarverslag en een open parkavond voor de buurt.",
            "Verantwoording alleen aan de gemeente.",
        ),
    },
    "groen_holtenbroek": {
        "kosten": (
            3,
            3,
            "Ongeveer 10% goedkoper, plus minder uitkeringen; het ondernemingsplan is door een "
            "accountant gecontroleerd.",
            "Marktconform contract.",
        ),
        "continuiteit": (
            2,
            4,
            "Ervaren uitvoerder, maar materieel en vervanging bij ziekte zijn nog dun.",
            "Grote aannemer met eigen materieel en een reserveploeg.",
        ),
        "bereik": (
            3,
            2,
            "Onderhoud in kleine beurten; zes bewoners aan het werk.",
            "Beeldkwaliteit B gehaald, weinig oog voor de wijk.",
        ),
        "meedoen": (
            3,
            0,
            "Werk voor bewoners met een uitkering, en een buurtmoestuin.",
            "Een ploeg van buiten de wijk.",
        ),
        "samenwerking": (
            3,
            2,
            "Afspraken met Werkbedrijf Zwolle, en een overdracht met Groenbedrijf IJsseldelta.",
            "Samenwerking beperkt tot de gemeente.",
        ),
        "zeggenschap": (
            3,
            1,
            "De ledenvergadering bepaalt mee wat er met het groen gebeurt.",
            "Alleen meldingen via de app.",
        ),
        "verantwoording": (
            2,
            2,
            "Jaarverslag aan leden en gemeente; de inspecties blijven.",
            "Kwaliteitsinspecties per kwartaal.",
        ),
    },
}


def _frameworks(municipality: Municipality, actor: User, now: datetime.datetime) -> None:
    """Zwolle's framework, versions 1 and 2, through the services the coordinator uses, dated
    afterwards. Made once: a municipality with any framework keeps its own."""
    if Framework.objects.filter(municipality=municipality).exists():
        return
    for spec in FRAMEWORKS:
        draft = assessment_services.framework_draft(municipality=municipality, actor=actor)
        assessment_services.framework_update(
            framework=draft,
            actor=actor,
            introduction=spec.introduction,
            deciding_body=Body.COLLEGE,
        )
        existing = {c.name: c for c in draft.criteria.all()}
        for order, (key, weight) in enumerate(spec.weights.items()):
            dimension, name, description, levels = CRITERIA[key]
            assessment_services.criterion_save(
                framework=draft,
                actor=actor,
                criterion=existing.get(name),
                values={
                    "dimension": dimension,
                    "name": name,
                    "description": description,
                    "weight": weight,
                    "order": order,
                },
                levels=levels,
            )
        assessment_services.framework_publish(framework=draft, actor=actor)
        published = timezone.make_aware(
            datetime.datetime.combine(
                timezone.localtime(now).date() - datetime.timedelta(days=spec.days_ago),
                datetime.time(10, 0),
            )
        )
        Framework.objects.filter(pk=draft.pk).update(
            created_at=published - datetime.timedelta(days=21), published_at=published
        )


# ------------------------------------------------------------------------------------ stories


@dataclass
class Step:
    at: datetime.datetime
    seq: int
    run: Callable[[], None]


class Demo:
    """Collects the steps of all stories, then runs them in the order of their moments."""

    def __init__(self, *, municipality, people, staff, organisations, now):
        self.municipality = municipality
        self.people = people
        self.staff = staff
        self.organisations = organisations
        self.now = now
        self.today = timezone.localtime(now).date()
        self.steps: list[Step] = []
        self.staff_pks = {user.pk for user in staff.values()}
        self.clock = {"now": now}  # the moment of the step that is running

    def day(self, days_ago: int, clock: str = "10:00") -> datetime.datetime:
        hour, minute = (int(part) for part in clock.split(":"))
        date = self.today - datetime.timedelta(days=days_ago)
        return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute)))

    def month_after(self, days_ago: int, months: int) -> datetime.date:
        """The first of the month `months` after the day `days_ago` days back."""
        date = self.today - datetime.timedelta(days=days_ago)
        month = date.month - 1 + months
        return datetime.date(date.year + month // 12, month % 12 + 1, 1)

    def story(self, organisation: str, author: str, title: str, task: str) -> "Story":
        return Story(self, self.organisations[organisation], self.people[author], title, task)

    def run(self) -> None:
        """Every step with services._now() returning its moment, in the order of the moments.

        The assessment and agreements services ask django.utils.timezone.now() directly: they
        get a timezone module whose now() is the moment too. (Model field defaults such as
        Decision.published_at are bound at import; the steps date those rows themselves.)"""
        clock = self.clock
        real_notify = services.notify
        read_before = self.now - datetime.timedelta(days=14)

        def dated_notify(**kwargs) -> None:
            # notify() creates the rows after commit; a callback registered right after it
            # dates them like the event (and marks older ones read).
            at = clock["now"]
            real_notify(**kwargs)
            url = kwargs["url"]
            read_at = at + datetime.timedelta(hours=2) if at < read_before else None
            transaction.on_commit(
                lambda: Notification.objects.filter(url=url, created_at__gt=at).update(
                    created_at=at, read_at=read_at
                )
            )

        with (
            mock.patch.object(services, "_now", lambda: clock["now"]),
            mock.patch.object(services, "notify", dated_notify),
            mock.patch.object(assessment_services, "timezone", _Clock(clock)),
            mock.patch.object(agreement_services, "timezone", _Clock(clock)),
        ):
            for step in sorted(self.steps, key=lambda s: (s.at, s.seq)):
                clock["now"] = step.at
                step.run()


class _Clock:
    """django.utils.timezone, with now() at the moment of the running step."""

    def __init__(self, clock: dict) -> None:
        self._clock = clock

    def now(self) -> datetime.datetime:
        return self._clock["now"]

    def __getattr__(self, name: str):
        return getattr(timezone, name)


def _weekday(at: datetime.datetime) -> datetime.datetime:
    """Staff work on weekdays: a Saturday or Sunday becomes the Friday before."""
    weekday = at.weekday()
    return at - datetime.timedelta(days=weekday - 4) if weekday > 4 else at


class Story:
    """One challenge's history, written as steps; each step runs with the clock at its moment."""

    def __init__(self, demo: Demo, organisation, author: User, title: str, task: str):
        self.demo = demo
        self.organisation = organisation
        self.author = author
        self.title = title
        self.task = Task.objects.get(municipality=demo.municipality, title=task)
        self.pk: int | None = None
        self.last: datetime.datetime | None = None

    def _challenge(self) -> Challenge:
        return Challenge.objects.select_related("municipality", "organisation").get(pk=self.pk)

    def _step(self, at, by: User | None, run: Callable[[Challenge | None], None], shift=True):
        if shift and by is not None and by.pk in self.demo.staff_pks:
            at = _weekday(at)
        if self.last is not None and at <= self.last:
            at = self.last + datetime.timedelta(minutes=7)
        assert at < self.demo.now, f"{self.title}: a step in the future"
        self.last = at
        self.demo.steps.append(
            Step(at, len(self.demo.steps), lambda: run(self._challenge() if self.pk else None))
        )
        return self

    def start(self, at, values: dict, *, by: User | None = None) -> "Story":
        by = by or self.author

        def run(_none) -> None:
            challenge = services.draft_start(
                municipality=self.demo.municipality,
                organisation=self.organisation,
                actor=by,
                title=self.title,
                tasks=[self.task],
            )
            services.draft_update(challenge=challenge, actor=by, values=values)
            Challenge.objects.filter(pk=challenge.pk).update(created_at=at)
            self.pk = challenge.pk

        return self._step(at, by, run)

    def edit(self, at, values: dict, *, by: User | None = None) -> "Story":
        by = by or self.author
        return self._step(
            at, by, lambda c: services.draft_update(challenge=c, actor=by, values=values)
        )

    def act(self, at, action: str, by: User, reason: str = "", **kwargs) -> "Story":
        return self._step(
            at,
            by,
            lambda c: services.transition(
                challenge=c, action=action, actor=by, version=c.version, reason=reason, **kwargs
            ),
        )

    def assign(self, at, person: User, *, by: User) -> "Story":
        return self._step(
            at,
            by,
            lambda c: services.contact_person_assign(
                challenge=c, person=person, actor=by, version=c.version
            ),
        )

    def say(self, at, by: User, text: str) -> "Story":
        return self._step(at, by, lambda c: services.message_post(challenge=c, actor=by, text=text))

    def note(self, at, by: User, text: str) -> "Story":
        return self._step(at, by, lambda c: services.note_add(challenge=c, actor=by, text=text))

    def contact(self, at, by: User, channel: str, summary: str) -> "Story":
        return self._step(
            at,
            by,
            lambda c: services.contact_log(
                challenge=c, actor=by, channel=channel, summary=summary, when=at
            ),
        )

    def pause(self, at, by: User, question: str) -> "Story":
        return self._step(
            at,
            by,
            lambda c: services.term_pause(
                challenge=c, actor=by, version=c.version, question=question
            ),
        )

    def document(
        self, at, by: User, name: str, lines: list[str], description: str, *, consent: bool
    ) -> "Story":
        def run(challenge: Challenge) -> None:
            event = services.documents_add(
                challenge=challenge,
                actor=by,
                files=[ContentFile(pdf_page(lines), name=name)],
                description=description,
                consent_to_publish=consent,
            )
            Document.objects.filter(event=event).update(uploaded_at=at)

        return self._step(at, by, run)

    def publish(self, at, by: User, name: str) -> "Story":
        return self._step(
            at,
            by,
            lambda c: services.document_publish(
                document=Document.objects.get(challenge=c, name=name), actor=by
            ),
        )

    def escalate(self, at) -> "Story":
        """What the nightly check_terms does: at this moment the term has passed."""
        return self._step(at, None, lambda c: services.stalled_escalate(now=at), shift=False)

    # ---- the assessment (assessment.services) and the agreements (agreements.services)

    def _moment(self) -> datetime.datetime:
        return self.demo.clock["now"]

    def _department(self, name: str) -> Department:
        return Department.objects.get(municipality=self.demo.municipality, name=name)

    def ask_advice(self, at, by: User, department: str, question: str, *, days: int) -> "Story":
        def run(challenge: Challenge) -> None:
            request = assessment_services.advice_request(
                challenge=challenge,
                department=self._department(department),
                question=question,
                days=days,
                actor=by,
            )
            AdviceRequest.objects.filter(pk=request.pk).update(requested_at=self._moment())

        return self._step(at, by, run)

    def advise(
        self,
        at,
        advisor: User,
        department: str,
        recommendation: str,
        text: str,
        *,
        confidential_reason: str = "",
    ) -> "Story":
        def run(challenge: Challenge) -> None:
            assessment_services.advice_give(
                request=AdviceRequest.objects.get(
                    challenge=challenge,
                    department=self._department(department),
                    submitted_at__isnull=True,
                ),
                actor=advisor,
                text=text,
                recommendation=recommendation,
                confidential=bool(confidential_reason),
                confidential_reason=confidential_reason,
            )

        return self._step(at, advisor, run)

    def score(
        self,
        at,
        assessor: User,
        table: dict[str, tuple[int, int, str, str]],
        *,
        shift: tuple[int, ...] = (),
        conflict: str = "",
        recused: bool = False,
    ) -> "Story":
        """Submit one assessor's scorecard on the framework that applies to the challenge:
        `table[criterion key] = (challengers, current provider, motivation, motivation)`; `shift`
        moves this assessor's scores for the challengers a level up or down per criterion."""

        def run(challenge: Challenge) -> None:
            scores = {}
            if not recused:
                criteria = {c.name: c for c in framework_of(challenge).criteria.all()}
                for index, (key, row) in enumerate(table.items()):
                    criterion = criteria[CRITERION_NAMES[key]]
                    top = max(level.value for level in criterion.levels.all())
                    delta = shift[index] if index < len(shift) else 0
                    value = min(max(row[0] + delta, 0), top)
                    motivation = row[2] + (SHIFT_REMARK[delta] if value != row[0] else "")
                    scores[(criterion.pk, Subject.CHALLENGER)] = (value, motivation)
                    scores[(criterion.pk, Subject.INCUMBENT)] = (row[1], row[3])
            assessment_services.scorecard_save(
                challenge=challenge,
                actor=assessor,
                scores=scores,
                conflict_of_interest=conflict,
                recused=recused,
                submit=True,
            )

        return self._step(at, assessor, run)

    def decide(
        self,
        at,
        by: User,
        outcome: str,
        reasons: str,
        *,
        economic: str,
        social: str,
        democratic: str,
        part: str = "",
    ) -> "Story":
        """The college's decision with its reasons per value dimension; it moves the challenge
        on (assessment.services.decide)."""

        def run(challenge: Challenge) -> None:
            decision = assessment_services.decide(
                challenge=challenge,
                actor=by,
                version=challenge.version,
                values=self._decision(outcome, reasons, economic, social, democratic, part),
            )
            Decision.objects.filter(pk=decision.pk).update(published_at=self._moment())

        return self._step(at, by, run)

    def correct(self, at, by: User, reasons: str, **texts: str) -> "Story":
        """A correction of the decision: the same outcome, reasons changed where given."""

        def run(challenge: Challenge) -> None:
            original = Decision.objects.get(challenge=challenge, correction__isnull=True)
            values = self._decision(
                original.outcome,
                reasons,
                texts.get("economic", original.reasons_economic),
                texts.get("social", original.reasons_social),
                texts.get("democratic", original.reasons_democratic),
                texts.get("part", original.part),
            )
            correction = assessment_services.decision_correct(
                decision=original, actor=by, values=values
            )
            Decision.objects.filter(pk=correction.pk).update(published_at=self._moment())

        return self._step(at, by, run)

    def _decision(self, outcome, reasons, economic, social, democratic, part) -> dict:
        return {
            "outcome": outcome,
            "part": part,
            "reasons_economic": economic,
            "reasons_social": social,
            "reasons_democratic": democratic,
            "reasons": reasons,
            "body": Body.COLLEGE,
            "decided_on": timezone.localtime(self._moment()).date(),
            "council_document_url": "",
            "objection": OBJECTION,
        }

    def propose(
        self,
        at,
        by: User,
        values: dict,
        *,
        budget: list[tuple[int, int]],
        results: list[tuple[str, str, int | None, int, str]],
        risks: list[tuple[str, str]],
        confidential: dict[str, str] | None = None,
    ) -> "Story":
        """A version of the agreements. budget: (year, euros); results: (indicator, dimension,
        baseline, target, unit); risks: (risk, mitigation)."""

        def run(challenge: Challenge) -> None:
            version = agreement_services.version_propose(
                challenge=challenge,
                actor=by,
                values=values,
                budget=[{"year": year, "amount_eur": euros} for year, euros in budget],
                results=[
                    {
                        "indicator": indicator,
                        "dimension": dimension,
                        "baseline": None if baseline is None else Decimal(baseline),
                        "target": Decimal(target),
                        "unit": unit,
                    }
                    for indicator, dimension, baseline, target, unit in results
                ],
                risks=[{"risk": risk, "mitigation": mitigation} for risk, mitigation in risks],
                confidential=confidential or {},
            )
            Version.objects.filter(pk=version.pk).update(proposed_at=self._moment())

        return self._step(at, by, run)

    def sign(self, at, by: User) -> "Story":
        """Sign the newest version: for the challengers (an owner) or the municipality."""
        return self._step(
            at,
            by,
            lambda c: agreement_services.version_sign(
                version=c.agreement_versions.order_by("-number").first(), actor=by
            ),
        )


# ------------------------------------------------------------------------------------ loading


@transaction.atomic
def _people(municipality: Municipality, domain: str, now) -> dict[str, User]:
    people = {}
    for person in RESIDENTS:
        email = f"{person.local_part}@{domain}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, person.password, full_name=person.name)
            joined = now - datetime.timedelta(days=720)
            User.objects.filter(pk=user.pk).update(date_joined=joined)
        people[person.key] = user
    departments = {d.name: d for d in Department.objects.filter(municipality=municipality)}
    for person, role, department in EXTRA_STAFF:
        email = f"{person.local_part}@{domain}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, None, full_name=person.name)
        StaffRole.objects.get_or_create(
            user=user,
            municipality=municipality,
            role=role,
            defaults={"department": departments.get(department)},
        )
        people[person.key] = user
    return people


@transaction.atomic
def _organisations(people: dict[str, User], now) -> dict[str, Organisation]:
    organisations = {}
    for spec in ORGANISATIONS:
        owner = people[spec.owner]
        organisation = Organisation.objects.filter(
            name=spec.name, memberships__user=owner, memberships__role=MemberRole.OWNER
        ).first()
        if organisation is None:
            organisation = organisation_create(
                actor=owner,
                name=spec.name,
                legal_form=spec.legal_form,
                kvk_number=spec.kvk_number,
                neighbourhoods=spec.neighbourhoods,
            )
            founded = now - datetime.timedelta(days=spec.founded_days_ago)
            Organisation.objects.filter(pk=organisation.pk).update(created_at=founded)
            Membership.objects.filter(organisation=organisation).update(joined_at=founded)
        for key in spec.members:
            Membership.objects.get_or_create(
                organisation=organisation,
                user=people[key],
                defaults={"role": MemberRole.MEMBER},
            )
        organisations[spec.key] = organisation
    for user in people.values():
        forget_memberships(user)
    return organisations


def challenges_demo_load(
    *, municipality: Municipality, domain: str, now: datetime.datetime | None = None
) -> list[tuple[str, str, str]]:
    """Create the challenger accounts, organisations and example challenges once; returns the
    (label, e-mail, password) rows of the accounts to print."""
    now = now or timezone.now()
    # No e-mail to example people; the block commits inside, so this holds for the callbacks.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        people = _people(municipality, domain, now)
        organisations = _organisations(people, now)
        staff = {
            role: User.objects.get(email=f"{role.value.replace('_', '-')}@{domain}")
            for role in Role
        }
        staff |= {key: people[key] for key in ("karim", "sara", "mirjam", "ruud")}
        _frameworks(municipality, staff[Role.COORDINATOR], now)
        if not Challenge.objects.filter(organisation__in=organisations.values()).exists():
            demo = Demo(
                municipality=municipality,
                people=people,
                staff=staff,
                organisations=organisations,
                now=now,
            )
            write_stories(demo)
            demo.run()
    return [
        (person.label, f"{person.local_part}@{domain}", person.password)
        for person in RESIDENTS
        if person.password
    ]


def demo_challenges(municipality: Municipality):
    """The example challenges (for tests and checks)."""
    return Challenge.objects.filter(
        municipality=municipality, organisation__name__in=[o.name for o in ORGANISATIONS]
    )


def demo_events(municipality: Municipality):
    return Event.objects.filter(challenge__in=demo_challenges(municipality))


# ------------------------------------------------------------------------------------ the texts


def write_stories(demo: Demo) -> None:
    d = demo.day
    p = demo.people
    sanne, joost, fatima, henk, priya = (
        p[k] for k in ("sanne", "joost", "fatima", "henk", "priya")
    )
    coordinator = demo.staff[Role.COORDINATOR]
    connie = demo.staff[Role.CONTACT_PERSON]
    advisor = demo.staff[Role.ADVISOR]
    assessor = demo.staff[Role.ASSESSOR]
    decider = demo.staff[Role.DECISION_MAKER]
    karim, sara = demo.staff["karim"], demo.staff["sara"]
    mirjam, ruud = demo.staff["mirjam"], demo.staff["ruud"]

    # ---- completed: a year's experiment, evaluated and closed ------------------------------
    (
        demo.story(
            "holtenbroek",
            "henk",
            "Volkstuinen De Hoek in beheer bij de tuinders",
            "Beheer volkstuinencomplex De Hoek",
        )
        .start(
            d(545, "20:10"),
            {
                "summary": (
                    "De tuinders van volkstuinencomplex De Hoek nemen het beheer over: verhuur van "
                    "de tuinen, onderhoud van paden en hagen, het gereedschapshok en de wachtlijst. "
                    "De gemeente blijft eigenaar van de grond."
                ),
                "mode": "take_over",
                "part": (
                    "Het dagelijks beheer en de verhuur. Grond, bomen langs de rand en de "
                    "waterafvoer blijven bij de gemeente."
                ),
                "why_better": (
                    "De tuinders zijn er elke dag; de gemeente komt een paar keer per jaar. Wij "
                    "zien meteen welke tuin verwaarloosd wordt, kennen de mensen op de wachtlijst "
                    "en kunnen de kantine openstellen voor de buurt. Het geld dat nu naar "
                    "administratie gaat, gaat dan naar de tuin zelf."
                ),
                "plan_what": (
                    "Verhuur en wachtlijst beheren, paden en hagen onderhouden, het "
                    "gereedschapshok openstellen, een schooltuin voor basisschool De Kameleon "
                    "en twee open dagen per jaar voor de buurt."
                ),
                "plan_how": (
                    "Een tuincommissie van vijf leden, een werkrooster voor alle huurders (vier "
                    "uur per jaar per tuin), een eenvoudige boekhouding die de kascommissie "
                    "controleert."
                ),
                "for_whom": (
                    "De 86 huurders, de 40 mensen op de wachtlijst en de buurt in Westenholte."
                ),
                "area": "Westenholte",
                "capacity": (
                    "De coöperatie heeft 120 leden; de tuincommissie heeft samen ruim 60 jaar "
                    "tuinervaring en een penningmeester met boekhoudervaring."
                ),
                "partners": "Basisschool De Kameleon, Imkervereniging Zwolle",
                "budget_asked_eur": 32000,
                "value_economic": (
                    "De gemeente bespaart ongeveer € 13.000 per jaar aan beheer en administratie."
                ),
                "value_social": (
                    "Meer tuinders, een kortere wachtlijst, een schooltuin en een open plek voor "
                    "de buurt."
                ),
                "value_democratic": "De tuinders beslissen zelf over de regels van hun complex.",
                "supporters_count": 74,
                "risks": (
                    "Te weinig handen bij het onderhoud: het werkrooster is verplicht voor alle "
                    "huurders. Conflicten tussen tuinders: een reglement en een vertrouwenspersoon."
                ),
                "cooperation_wanted": (
                    "Overdracht van de huurcontracten en de wachtlijst; advies over de paden."
                ),
                "start_from": demo.month_after(545, 4),
            },
        )
        .act(d(531, "21:05"), "submit", henk)
        .act(d(528, "09:20"), "start_intake", coordinator)
        .assign(d(528, "09:25"), connie, by=coordinator)
        .contact(
            d(526, "14:00"),
            connie,
            "call",
            "Kennismaking met Henk Kamphuis. Uitgelegd hoe de intake werkt. Afgesproken dat ik "
            "het complex kom bekijken met de tuincommissie.",
        )
        .contact(
            d(519, "10:30"),
            connie,
            "visit",
            "Rondgang over De Hoek met de tuincommissie. De paden zijn op twee plekken slecht; "
            "het gereedschapshok is in orde. De commissie heeft de wachtlijst op orde en wil de "
            "kantine op zaterdag openstellen.",
        )
        .say(
            d(518, "16:40"),
            connie,
            "Beste Henk, dank voor de rondleiding. Ik heb genoeg om het aanbod in de intake te "
            "bespreken. Eén vraag nog: wie tekent namens de coöperatie, en staat de coöperatie "
            "ingeschreven bij de KvK?\n\nMet vriendelijke groet,\nConnie Tact",
        )
        .say(
            d(516, "19:55"),
            henk,
            "Dag Connie, ik teken als voorzitter samen met de penningmeester. De inschrijving bij "
            "de KvK loopt; het uittreksel sturen we na. Groet, Henk",
        )
        .act(
            d(508, "11:00"),
            "accept",
            coordinator,
            "Dit is een uitdaging: de coöperatie wil een taak van de gemeente overnemen, het beheer "
            "van het volkstuinencomplex. Het aanbod is compleet en gaat naar de beoordeling.",
        )
        .ask_advice(
            d(505, "10:00"),
            coordinator,
            "Openbare Ruimte",
            "Kan de tuincommissie het dagelijks beheer en de verhuur van De Hoek aan, en wat moet "
            "de gemeente vóór een overdracht regelen (paden, groenafval, huurcontracten)?",
            days=28,
        )
        .advise(
            d(484, "15:10"),
            advisor,
            "Openbare Ruimte",
            Recommendation.FAVOURABLE,
            "Positief. Het beheer is overzichtelijk en de tuincommissie kent het complex en de "
            "huurders. Aandachtspunten: de paden zijn op twee plekken slecht en horen vóór de "
            "overdracht door de gemeente te worden hersteld; spreek af waar het groenafval heen "
            "gaat. De huurcontracten kunnen zonder bezwaar op naam van de coöperatie.",
        )
        .score(d(471, "10:00"), assessor, SCORES["de_hoek"], shift=SHIFTS[0])
        .score(d(469, "14:30"), mirjam, SCORES["de_hoek"], shift=SHIFTS[1])
        .score(d(467, "09:45"), ruud, SCORES["de_hoek"], shift=SHIFTS[2])
        .note(
            d(462, "16:30"),
            assessor,
            "Beoordelingscommissie: economische waarde goed onderbouwd (besparing ca. € 13.000), "
            "sociale waarde hoog (schooltuin, wachtlijst), democratische waarde hoog. Huidig beheer "
            "scoort lager op betrokkenheid. Advies aan het college: aannemen, als experiment van "
            "een jaar.",
        )
        .decide(
            d(449, "14:00"),
            decider,
            Outcome.ACCEPT,
            "Het college neemt de uitdaging aan als experiment van een jaar. De coöperatie kent "
            "het complex en de tuinders, de besparing is reëel en de schooltuin is een aanwinst "
            "voor de wijk. De gemeente herstelt de paden vooraf.",
            economic=(
                "De coöperatie beheert het complex voor € 32.000 per jaar; de gemeente bespaart "
                "ongeveer € 13.000 per jaar aan beheer en administratie. Het eenmalige herstel van "
                "de paden betaalt de gemeente uit het onderhoudsbudget."
            ),
            social=(
                "Meer tuinders en een kortere wachtlijst, een schooltuin voor basisschool De "
                "Kameleon en een kantine die opengaat voor de buurt. Het huidige eigen beheer "
                "scoort hier duidelijk lager."
            ),
            democratic=(
                "De tuinders beslissen zelf over de regels van hun complex, in de ledenvergadering "
                "van de coöperatie, en leggen daar ook verantwoording af."
            ),
        )
        .contact(
            d(440, "19:30"),
            connie,
            "meeting",
            "Afsprakengesprek met de tuincommissie: resultaten (verhuurgraad, wachttijd, schooltuin), "
            "verantwoording (jaarverslag en een open dag), juridische vorm (beheerovereenkomst).",
        )
        .propose(
            d(436, "10:05"),
            connie,
            {
                "start_date": demo.month_after(429, 1),
                "term_months": 12,
                "vehicle": "other",
                "vehicle_reference": "Beheerovereenkomst volkstuinencomplex De Hoek (experiment)",
                "payment_schedule": (
                    "Een beheervergoeding van € 32.000 per jaar, in vier gelijke termijnen aan het "
                    "begin van elk kwartaal."
                ),
                "tasks_taken_over": (
                    "De verhuur van de 86 tuinen en het beheer van de wachtlijst; het onderhoud "
                    "van paden en hagen; het gereedschapshok; een schooltuin voor basisschool De "
                    "Kameleon en twee open dagen per jaar."
                ),
                "quality_requirements": (
                    "Een vrijgekomen tuin is binnen een maand opnieuw verhuurd; de paden zijn "
                    "begaanbaar; de hagen worden twee keer per jaar geknipt."
                ),
                "cooperation": (
                    "De gemeente herstelt de paden vóór de start en blijft verantwoordelijk voor "
                    "de grond, de bomen langs de rand en de waterafvoer. Groenafval gaat naar de "
                    "gemeentewerf. De contactpersoon is het vaste aanspreekpunt."
                ),
                "accountability_form": "mix",
                "accountability_moments": (
                    "Een jaarverslag met de cijfers van verhuur en wachtlijst, besproken in de "
                    "ledenvergadering; een open dag waar de gemeente bij is."
                ),
                "accountability_by": "De tuincommissie van Wijkcoöperatie Holtenbroek",
                "review_moments": "Een bezoek na een half jaar; de evaluatie na een jaar.",
                "explanation": "Eerste versie, na het afsprakengesprek met de tuincommissie.",
            },
            budget=[(demo.month_after(429, 1).year, 32000)],
            results=[
                ("Verhuurde tuinen", Dimension.ECONOMIC, 92, 100, "%"),
                ("Wachttijd voor een tuin", Dimension.SOCIAL, 24, 12, "maanden"),
                ("Klassen in de schooltuin", Dimension.SOCIAL, 0, 2, "klassen"),
                ("Leden op de ledenvergadering", Dimension.DEMOCRATIC, None, 40, "leden"),
            ],
            risks=[
                (
                    "Te weinig handen bij het onderhoud",
                    "Een verplicht werkrooster: vier uur per jaar per tuin.",
                ),
                ("Conflicten tussen tuinders", "Een reglement en een vertrouwenspersoon."),
            ],
        )
        .say(
            d(436, "10:15"),
            connie,
            "Beste Henk, hierbij de punten uit ons gesprek voor de beheerovereenkomst. Wilt u ze "
            "met de commissie doorlopen? Als alles klopt, tekenen we volgende week.",
        )
        .say(d(433, "21:40"), henk, "Akkoord van de commissie. We tekenen graag.")
        .sign(d(431, "20:15"), henk)
        .sign(d(430, "15:00"), decider)
        .act(
            d(429, "11:00"),
            "start_execution",
            connie,
            "De beheerovereenkomst is door beide kanten getekend. De tuinders beheren De Hoek "
            "vanaf nu zelf.",
        )
        .contact(
            d(330, "10:00"),
            connie,
            "visit",
            "Halfjaarbezoek. Verhuurgraad 100%, wachtlijst van 40 naar 28. De paden zijn hersteld; "
            "de schooltuin draait met twee klassen.",
        )
        .say(
            d(250, "20:15"),
            henk,
            "Voortgang na negen maanden: alle tuinen verhuurd, wachttijd gehalveerd, de open dag "
            "trok ruim 300 bezoekers. De kascommissie heeft de boeken goedgekeurd.",
        )
        .act(
            d(88, "10:00"),
            "evaluate",
            connie,
            "Het experiment van een jaar is voorbij; we evalueren samen.",
        )
        .contact(
            d(80, "19:30"),
            connie,
            "meeting",
            "Evaluatiegesprek met de tuincommissie en Openbare Ruimte. Alle afgesproken resultaten "
            "zijn gehaald. De commissie wil doorgaan; Openbare Ruimte ook.",
        )
        .act(
            d(67, "14:30"),
            "complete",
            coordinator,
            "Het experiment is afgerond en geëvalueerd: alle resultaten zijn gehaald. De tuinders "
            "beheren De Hoek voortaan met een gewone beheerovereenkomst. Lessen: begin met een "
            "kleine, overzichtelijke taak; herstel achterstallig onderhoud vóór de overdracht; "
            "spreek de verantwoording af in de vorm die de tuinders al kenden (de ledenvergadering).",
        )
    )

    # ---- execution: interim evaluation, continued; a published document -----------------
    (
        demo.story(
            "assendorp",
            "sanne",
            "Huiskamer Assendorp: dagbesteding om de hoek",
            "Dagbesteding ouderen in de wijk",
        )
        .start(
            d(478, "20:30"),
            {
                "summary": (
                    "Een huiskamer in de wijk waar ouderen uit Assendorp drie dagen per week "
                    "terechtkunnen: samen koken en eten, bewegen, een spel of een praatje. Voor wie "
                    "lichte ondersteuning nodig heeft, dichtbij huis en met buren als vrijwilliger."
                ),
                "mode": "co_produce",
                "part": (
                    "De lichte dagbesteding voor ouderen in Assendorp. Zwaardere zorg blijft bij "
                    "Zorggroep Vechtdal; de indicatie blijft bij het wijkteam."
                ),
                "why_better": (
                    "Veel ouderen in Assendorp willen niet met een busje naar een dagbesteding "
                    "buiten de wijk. In een huiskamer om de hoek kennen ze de mensen, lopen ze "
                    "zelf binnen en blijven ze langer zelfstandig. Mantelzorgers krijgen lucht."
                ),
                "plan_what": (
                    "Drie dagen per week open van 10 tot 16 uur, met lunch; beweegochtend met de "
                    "buurtsportcoach; uitstapjes in de wijk; een inloopspreekuur voor mantelzorgers."
                ),
                "plan_how": (
                    "Een betaalde coördinator (24 uur) en een activiteitenbegeleider (16 uur), "
                    "een vaste ploeg van 20 vrijwilligers, samenwerking met het wijkteam voor "
                    "aanmelding en met de huisartsenpraktijk voor signalen."
                ),
                "start_from": demo.month_after(478, 6),
                "for_whom": "Ouderen in Assendorp met lichte ondersteuningsvragen (30 tot 40).",
                "area": "Assendorp",
                "capacity": (
                    "Het bestuur heeft ervaring in zorg en welzijn (een wijkverpleegkundige en "
                    "een oud-teamleider van een zorginstelling); 23 buurtbewoners meldden zich "
                    "als vrijwilliger."
                ),
                "partners": (
                    "Wijkteam Zwolle-Zuid, de huisartsenpraktijk in de wijk, de ouderenbond, "
                    "Zorggroep Vechtdal"
                ),
                "budget_asked_eur": 78000,
                "value_economic": (
                    "Per deelnemer ongeveer 40% goedkoper dan de huidige dagbesteding, zonder "
                    "vervoerskosten."
                ),
                "value_social": (
                    "Minder eenzaamheid, langer thuis wonen, ontlaste mantelzorgers, buren die "
                    "elkaar weer kennen."
                ),
                "value_democratic": (
                    "Deelnemers en vrijwilligers kiezen het programma in een maandelijkse "
                    "huiskamervergadering."
                ),
                "supporters_count": 187,
                "risks": (
                    "Te weinig vrijwilligers in de zomer: een reserverooster. Deelnemers met een "
                    "zwaardere zorgvraag: afspraken met Zorggroep Vechtdal over doorverwijzen."
                ),
                "cooperation_wanted": (
                    "Aanmelding via het wijkteam, een ruimte in het wijkgebouw, hulp bij de "
                    "verantwoording aan de gemeente."
                ),
            },
        )
        .document(
            d(466, "21:15"),
            sanne,
            SUPPORT_PDF,
            SUPPORT_LINES,
            "Handtekeningen en steunbrieven uit de wijk.",
            consent=True,
        )
        .act(d(464, "20:50"), "submit", sanne)
        .act(d(461, "09:15"), "start_intake", coordinator)
        .assign(d(461, "09:20"), connie, by=coordinator)
        .say(
            d(460, "11:30"),
            connie,
            "Beste Sanne, ik ben uw vaste contactpersoon voor deze uitdaging. Ik werk bij Strategie "
            "en Participatie, dus los van Sociaal Domein, dat de dagbesteding nu regelt. Mag ik u "
            "deze week bellen om kennis te maken?\n\nMet vriendelijke groet,\nConnie Tact",
        )
        .say(d(460, "19:05"), sanne, "Graag! Na 14 uur ben ik meestal goed bereikbaar.")
        .contact(
            d(457, "14:15"),
            connie,
            "call",
            "Kennismaking met Sanne de Vries. Zij legde het plan uit; de huiskamer kan in het "
            "wijkgebouw aan de Assendorperstraat. Afgesproken: ik vraag de begroting op.",
        )
        .pause(
            d(455, "10:00"),
            connie,
            "Om de intake af te ronden hebben we een begroting per jaar nodig, met de kosten van "
            "de coördinator en de eigen bijdrage van deelnemers. Zodra die er is, loopt de termijn "
            "weer door.",
        )
        .document(
            d(449, "22:10"),
            joost,
            BUDGET_PDF,
            BUDGET_LINES,
            "De begroting per jaar, zoals gevraagd.",
            consent=False,
        )
        .say(
            d(449, "22:12"),
            joost,
            "Beste Connie, de begroting staat bij de documenten. De eigen bijdrage is alleen voor "
            "de lunch (€ 3,50). Groet, Joost Hendriks, penningmeester",
        )
        .act(
            d(441, "11:00"),
            "accept",
            coordinator,
            "Dit is een uitdaging: de stichting wil een deel van een taak van de gemeente samen "
            "met de gemeente uitvoeren, de lichte dagbesteding voor ouderen in Assendorp.",
        )
        .publish(d(440, "09:30"), connie, SUPPORT_PDF)
        .ask_advice(
            d(438, "10:00"),
            coordinator,
            "Sociaal Domein",
            "Past de huiskamer bij de Wmo-dagbesteding van Zorggroep Vechtdal, en onder welke "
            "voorwaarden kan de stichting de lichte dagbesteding in Assendorp verantwoord doen?",
            days=28,
        )
        .advise(
            d(420, "16:00"),
            sara,
            "Sociaal Domein",
            Recommendation.CONDITIONAL,
            "Positief, onder twee voorwaarden: de aanmelding loopt via het wijkteam, zodat de "
            "indicatie bij de gemeente blijft, en er is een schriftelijke afspraak met Zorggroep "
            "Vechtdal over doorverwijzen wanneer iemand meer zorg nodig heeft. De kosten per "
            "deelnemer zijn realistisch; de vrijwilligers hebben een VOG nodig.",
        )
        .score(d(401, "10:00"), assessor, SCORES["huiskamer"], shift=SHIFTS[0])
        .score(d(399, "15:00"), mirjam, SCORES["huiskamer"], shift=SHIFTS[1])
        .score(d(397, "11:15"), ruud, SCORES["huiskamer"], shift=SHIFTS[2])
        .note(
            d(392, "15:30"),
            assessor,
            "Beoordelingscommissie: hoog op sociale en democratische waarde, economische waarde "
            "voldoende. Advies: aannemen, met een tussenevaluatie na een half jaar.",
        )
        .decide(
            d(380, "14:00"),
            decider,
            Outcome.ACCEPT,
            "Het college neemt de uitdaging aan. De huiskamer brengt dagbesteding dichter bij huis "
            "voor minder geld per deelnemer, en bouwt op een sterk netwerk in de wijk. Na een half "
            "jaar volgt een tussenevaluatie.",
            economic=(
                "Per deelnemer is de huiskamer ongeveer 40% goedkoper dan de huidige "
                "dagbesteding, omdat het vervoer vervalt. De begroting is sluitend; de "
                "continuïteit is minder zeker dan bij Zorggroep Vechtdal, daarom volgt na een "
                "half jaar een tussenevaluatie."
            ),
            social=(
                "De huiskamer bereikt ouderen die nu niet naar een dagbesteding buiten de wijk "
                "willen, ontlast mantelzorgers en brengt buren samen. Aanmelding loopt via het "
                "wijkteam; voor zwaardere zorg is er een afspraak met Zorggroep Vechtdal."
            ),
            democratic=(
                "Deelnemers en vrijwilligers kiezen het programma in een maandelijkse "
                "huiskamervergadering, en de stichting legt ook aan de buurt verantwoording af."
            ),
        )
        .contact(
            d(370, "13:30"),
            connie,
            "meeting",
            "Afsprakengesprek in het wijkgebouw met het bestuur, Sociaal Domein en het wijkteam. "
            "Indicatoren: aantal deelnemers, tevredenheid van deelnemers en mantelzorgers, "
            "vrijwilligers. Verantwoording: een halfjaarverslag en een open middag voor de buurt.",
        )
        .propose(
            d(366, "10:40"),
            connie,
            {
                "start_date": demo.month_after(352, 1),
                "term_months": 12,
                **HUISKAMER_TERMS,
                "payment_schedule": (
                    "Een voorschot van 80%, in maandelijkse termijnen vanaf de start; de rest na het "
                    "halfjaarverslag. Loonkosten: coördinator 24 uur en begeleider 16 uur per week."
                ),
                "tasks_taken_over": (
                    "Lichte dagbesteding voor ouderen in Assendorp, drie dagen per week van 10 "
                    "tot 16 uur, met lunch, een beweegochtend en een inloopspreekuur voor "
                    "mantelzorgers. De indicatie blijft bij het wijkteam; zwaardere zorg blijft "
                    "bij Zorggroep Vechtdal."
                ),
                "review_moments": "Een tussenevaluatie na een half jaar.",
                "explanation": (
                    "Eerste versie, na het afsprakengesprek met het bestuur, Sociaal Domein en het "
                    "wijkteam."
                ),
            },
            budget=[(demo.month_after(352, 1).year, 78000)],
            results=[
                ("Vaste deelnemers", Dimension.SOCIAL, 0, 30, "deelnemers per week"),
                ("Tevredenheid deelnemers", Dimension.SOCIAL, None, 8, "rapportcijfer"),
                ("Kosten per deelnemer per dag", Dimension.ECONOMIC, 62, 38, "euro"),
                ("Huiskamervergaderingen", Dimension.DEMOCRATIC, 0, 10, "per jaar"),
            ],
            risks=HUISKAMER_RISKS,
            confidential=HUISKAMER_CONFIDENTIAL,
        )
        .say(
            d(366, "10:45"),
            connie,
            "Beste Sanne en Joost, de conceptafspraken zijn klaar. Als jullie akkoord zijn, kunnen "
            "we tekenen en kan de huiskamer open.",
        )
        .say(d(363, "20:20"), sanne, "Akkoord, we tekenen graag. Wat een mooi moment!")
        .sign(d(363, "20:30"), sanne)
        .sign(d(358, "11:00"), decider)
        .act(
            d(352, "11:00"),
            "start_execution",
            connie,
            "De afspraken zijn door beide kanten getekend. De Huiskamer Assendorp gaat open.",
        )
        .contact(
            d(290, "11:00"),
            connie,
            "visit",
            "Bezoek aan de huiskamer tijdens de lunch. 24 vaste deelnemers, sfeer goed. Vraag: "
            "kan de beweegochtend ook in de gymzaal van de school ernaast?",
        )
        .say(
            d(201, "21:00"),
            sanne,
            "Halfjaarverslag: 31 vaste deelnemers, 22 vrijwilligers, tevredenheid deelnemers 8,6. "
            "Drie deelnemers zijn doorverwezen naar Zorggroep Vechtdal; dat ging goed.",
        )
        .act(
            d(182, "10:00"),
            "evaluate",
            connie,
            "Tussenevaluatie na een half jaar, zoals afgesproken.",
        )
        .contact(
            d(176, "14:00"),
            connie,
            "meeting",
            "Tussenevaluatie met het bestuur, twee deelnemers, een mantelzorger en het wijkteam. "
            "Doelen gehaald; de vraag groeit. Voorstel: een vierde dag.",
        )
        .act(
            d(170, "15:00"),
            "continue",
            coordinator,
            "Tussenevaluatie positief: de huiskamer haalt haar doelen en de vraag groeit. De "
            "uitvoering gaat door voor een nieuwe termijn van een jaar, met een vierde openingsdag.",
        )
        .propose(
            d(168, "10:30"),
            connie,
            {
                "start_date": demo.month_after(352, 1),
                "term_months": 24,
                **HUISKAMER_TERMS,
                "payment_schedule": (
                    "Een voorschot van 80%, in maandelijkse termijnen; de rest na elk halfjaarverslag. "
                    "Loonkosten: coördinator 28 uur en begeleider 20 uur per week, voor de vierde "
                    "openingsdag."
                ),
                "tasks_taken_over": (
                    "Lichte dagbesteding voor ouderen in Assendorp, vier dagen per week van 10 "
                    "tot 16 uur, met lunch, een beweegochtend en een inloopspreekuur voor "
                    "mantelzorgers. De indicatie blijft bij het wijkteam; zwaardere zorg blijft "
                    "bij Zorggroep Vechtdal."
                ),
                "review_moments": "Een evaluatie aan het eind van elk jaar.",
                "explanation": (
                    "Wijziging na de tussenevaluatie: de huiskamer is vier dagen per week open, de "
                    "looptijd gaat van 12 naar 24 maanden, en het budget stijgt voor de vierde dag. "
                    "De resultaten zijn bijgesteld naar het grotere aantal deelnemers."
                ),
            },
            budget=[
                (demo.month_after(352, 1).year, 78000),
                (demo.month_after(352, 1).year + 1, 96500),
            ],
            results=[
                ("Vaste deelnemers", Dimension.SOCIAL, 0, 38, "deelnemers per week"),
                ("Tevredenheid deelnemers", Dimension.SOCIAL, None, 8, "rapportcijfer"),
                ("Kosten per deelnemer per dag", Dimension.ECONOMIC, 62, 38, "euro"),
                ("Huiskamervergaderingen", Dimension.DEMOCRATIC, 0, 10, "per jaar"),
            ],
            risks=HUISKAMER_RISKS,
            confidential=HUISKAMER_CONFIDENTIAL,
        )
        .sign(d(166, "19:45"), sanne)
        .sign(d(162, "14:30"), decider)
        .say(
            d(61, "20:40"),
            sanne,
            "Sinds de vierde dag komen er 38 mensen. We zoeken nog twee vrijwilligers voor de "
            "vrijdag; misschien kan de gemeente dat in de wijkkrant zetten?",
        )
        .contact(
            d(20, "10:30"),
            connie,
            "call",
            "Sanne gebeld over de oproep voor vrijwilligers: staat in de wijkkrant van volgende "
            "maand. Halfjaarverslag volgt eind van de maand.",
        )
        .say(
            d(19, "09:40"),
            connie,
            "Beste Sanne, zoals besproken: de oproep staat in de volgende wijkkrant. Succes met de "
            "vrijdagploeg!",
        )
    )

    # ---- rejected ------------------------------------------------------------------------
    (
        demo.story(
            "stadshagen",
            "priya",
            "Stadshagen Groen: het groenonderhoud in bewonershanden",
            "Onderhoud openbaar groen Stadshagen",
        )
        .start(
            d(430, "21:00"),
            {
                "summary": (
                    "Bewoners van Stadshagen willen het hele onderhoud van het openbaar groen in "
                    "hun wijk overnemen, met een eigen ploeg en vrijwilligers."
                ),
                "mode": "take_over",
                "why_better": (
                    "Het groen in Stadshagen wordt volgens bewoners te strak en te weinig "
                    "onderhouden. Een ploeg uit de wijk kan vaker en gerichter werken, met meer "
                    "ruimte voor bloemen en insecten."
                ),
                "plan_what": (
                    "Maaien, snoeien, schoffelen en zwerfvuil in heel Stadshagen; ecologisch "
                    "bermbeheer; buurtmoestuinen."
                ),
                "plan_how": (
                    "Een ploeg van acht mensen, aangevuld met vrijwilligers op zaterdag; materieel "
                    "huren bij een hovenier."
                ),
                "area": "Stadshagen",
                "capacity": (
                    "Een kerngroep van vier bewoners; twee hoveniers uit de wijk willen meedoen."
                ),
                "budget_asked_eur": 560000,
                "value_economic": "Ongeveer 12% goedkoper dan het huidige contract.",
                "value_social": "Werk in de wijk, meer betrokkenheid bij het groen.",
                "supporters_count": 156,
                "risks": "Nog niet uitgewerkt.",
            },
        )
        .act(d(412, "22:30"), "submit", priya)
        .act(d(409, "09:10"), "start_intake", coordinator)
        .assign(d(409, "09:15"), karim, by=coordinator)
        .contact(
            d(402, "19:30"),
            karim,
            "meeting",
            "Gesprek met de kerngroep in het wijkcentrum. Het plan is ambitieus; er is nog geen "
            "rechtspersoon en de begroting is globaal. De groep wil toch beoordeeld worden.",
        )
        .act(
            d(394, "11:00"),
            "accept",
            coordinator,
            "Dit is een uitdaging: de bewonersgroep wil een taak van de gemeente overnemen, het "
            "onderhoud van het openbaar groen in Stadshagen.",
        )
        .ask_advice(
            d(392, "10:00"),
            coordinator,
            "Openbare Ruimte",
            "Kan de bewonersgroep het hele onderhoud van het openbaar groen in Stadshagen "
            "dragen, en wat betekent een overname voor het lopende contract met Groenbedrijf "
            "IJsseldelta?",
            days=28,
        )
        .advise(
            d(370, "14:20"),
            advisor,
            "Openbare Ruimte",
            Recommendation.UNFAVOURABLE,
            "Afwijzen. Het hele onderhoud van Stadshagen (ruim 60 hectare) vraagt materieel, "
            "vakmensen en een rechtspersoon die aansprakelijkheid en personeel kan dragen; die is "
            "er niet. Het lopende contract met Groenbedrijf IJsseldelta kent een opzegtermijn en "
            "prijsafspraken per beheerpakket die een tussentijdse overname duur maken (bedragen "
            "in de bijlage bij het contract). Advies: bied de groep een kleiner deel aan, zoals "
            "adoptiegroen, met ondersteuning van de wijkbeheerder.",
            confidential_reason=(
                "Het advies noemt de prijsafspraken en de opzegregeling van het lopende contract "
                "met Groenbedrijf IJsseldelta. Dat zijn concurrentiegevoelige bedrijfsgegevens "
                "(Woo); het besluit vermeldt de redenen wel."
            ),
        )
        .score(d(353, "10:00"), assessor, SCORES["stadshagen_groen"], shift=SHIFTS[0])
        .score(d(351, "13:30"), mirjam, SCORES["stadshagen_groen"], shift=SHIFTS[1])
        .score(d(349, "09:30"), ruud, SCORES["stadshagen_groen"], shift=SHIFTS[2])
        .note(
            d(345, "16:00"),
            assessor,
            "Beoordelingscommissie: sociale waarde hoog, economische waarde onvoldoende "
            "onderbouwd, continuïteit niet gewaarborgd. De huidige uitvoerder scoort beter op "
            "continuïteit en kwaliteit.",
        )
        .decide(
            d(331, "14:00"),
            decider,
            Outcome.REJECT,
            "Het college wijst de uitdaging af. De bewonersgroep kan het onderhoud van al het groen "
            "in Stadshagen nu niet dragen: er is geen rechtspersoon die aansprakelijkheid en "
            "personeel kan dragen, en de begroting sluit niet. De maatschappelijke waarde van het "
            "plan wordt wel gezien: het college biedt aan om te beginnen met het beheer van een "
            "aantal plantsoenen (adoptiegroen), met ondersteuning van de gemeente.",
            economic=(
                "De besparing van 12% is niet onderbouwd: materieel, vakmensen en verzekeringen "
                "ontbreken in de begroting van € 560.000. Een tussentijdse overname van het "
                "lopende contract brengt extra kosten mee. De huidige uitvoerder scoort hoger op "
                "kosten en veel hoger op continuïteit."
            ),
            social=(
                "De maatschappelijke waarde wordt gezien: meer bloemrijk groen, werk in de wijk en "
                "een zaterdagploeg van vrijwilligers. Daarom biedt het college aan te beginnen met "
                "adoptiegroen, waar die waarde ook te halen is."
            ),
            democratic=(
                "Bewoners willen meer zeggenschap over hun groen, en dat verdient een plek. Zonder "
                "rechtspersoon en uitgewerkte verantwoording kan de gemeente een taak van deze "
                "omvang nu niet aan de groep toevertrouwen."
            ),
        )
        .say(
            d(330, "10:00"),
            karim,
            "Beste Priya, het college heeft besloten; de redenen staan hierboven. Ik snap dat dit "
            "teleurstellend is. Het aanbod voor adoptiegroen staat. Als u wilt, leg ik het contact "
            "met de wijkbeheerder.\n\nMet vriendelijke groet,\nKarim Bouzid",
        )
        .say(
            d(326, "20:45"),
            priya,
            "Jammer, maar we begrijpen de redenen. We beginnen met het adoptiegroen en richten "
            "een stichting op. Misschien komen we over een paar jaar terug.",
        )
    )

    # ---- stopped -------------------------------------------------------------------------
    (
        demo.story(
            "holtenbroek",
            "henk",
            "De Kluft: buurthuis in eigen beheer",
            "Beheer buurthuis De Kluft",
        )
        .start(
            d(405, "20:00"),
            {
                "summary": (
                    "De wijkcoöperatie neemt het beheer van buurthuis De Kluft over en houdt het "
                    "vijf dagen per week open, met een buurtrestaurant en een klussenwerkplaats."
                ),
                "mode": "take_over",
                "why_better": (
                    "Bewoners die er elke dag komen, weten wat de buurt nodig heeft. Met "
                    "vrijwilligers kan het buurthuis langer open dan nu."
                ),
                "plan_what": (
                    "Vijf dagen open, buurtrestaurant op woensdag, klussenwerkplaats, verhuur van "
                    "zalen aan clubs."
                ),
                "plan_how": "Een betaalde beheerder (20 uur) en een bardienst van vrijwilligers.",
                "area": "Holtenbroek",
                "capacity": "Een beheerder met horeca-ervaring en 25 vrijwilligers.",
                "budget_asked_eur": 150000,
                "supporters_count": 260,
                "risks": (
                    "Veel hangt aan de beheerder; we zoeken een tweede persoon die kan invallen."
                ),
            },
        )
        .act(d(398, "21:10"), "submit", henk)
        .act(d(395, "09:00"), "start_intake", coordinator)
        .assign(d(395, "09:05"), connie, by=coordinator)
        .act(
            d(376, "11:00"),
            "accept",
            coordinator,
            "Dit is een uitdaging: het beheer van buurthuis De Kluft overnemen.",
        )
        .ask_advice(
            d(374, "10:00"),
            coordinator,
            "Sociaal Domein",
            "Kan de coöperatie het beheer van De Kluft overnemen van Travers Welzijn, en wat is "
            "daarvoor nodig?",
            days=28,
        )
        .advise(
            d(350, "15:00"),
            sara,
            "Sociaal Domein",
            Recommendation.CONDITIONAL,
            "Positief over de plannen: langer open, een buurtrestaurant en een werkplaats passen "
            "bij wat Holtenbroek nodig heeft. Zorg over de afhankelijkheid van één betaalde "
            "beheerder. Voorwaarden: een inwerkperiode samen met Travers Welzijn, en een tweede "
            "sleutelfiguur die de beheerder kan vervangen.",
        )
        .score(d(334, "10:00"), assessor, SCORES["de_kluft"], shift=SHIFTS[0])
        .score(
            d(333, "09:00"),
            mirjam,
            SCORES["de_kluft"],
            conflict=(
                "Mijn zus is teamleider bij Stichting Travers Welzijn, de huidige beheerder van "
                "De Kluft. Ik doe daarom niet mee aan deze beoordeling."
            ),
            recused=True,
        )
        .score(d(332, "16:00"), ruud, SCORES["de_kluft"], shift=SHIFTS[2])
        .note(
            d(326, "16:30"),
            assessor,
            "Beoordelingscommissie (twee leden; Mirjam Bosman trok zich terug wegens een "
            "belang bij de huidige beheerder): hoog op sociale en democratische waarde, "
            "continuïteit zwak zolang alles aan één beheerder hangt. Advies: aannemen, met de "
            "voorwaarden van Sociaal Domein.",
        )
        .decide(
            d(310, "14:00"),
            decider,
            Outcome.ACCEPT,
            "Het college neemt de uitdaging aan, met een inwerkperiode van drie maanden samen met "
            "Stichting Travers Welzijn.",
            economic=(
                "Met vrijwilligers en zaalverhuur is De Kluft vijf dagen open voor minder geld "
                "dan de vier dagdelen nu. De continuïteit is het zwakke punt: veel hangt aan één "
                "betaalde beheerder."
            ),
            social=(
                "Een buurthuis dat langer open is, een buurtrestaurant en een klussenwerkplaats "
                "bereiken nieuwe groepen in Holtenbroek; 25 vrijwilligers dragen het mee."
            ),
            democratic=(
                "De leden van de coöperatie bepalen het programma en leggen in de "
                "ledenvergadering verantwoording af."
            ),
        )
        .correct(
            d(305, "10:00"),
            decider,
            "Correctie: in het besluit ontbrak de tweede voorwaarde uit het advies van Sociaal "
            "Domein. Het college neemt de uitdaging aan, met een inwerkperiode van drie maanden "
            "samen met Stichting Travers Welzijn, en op voorwaarde dat de coöperatie naast de "
            "beheerder een tweede sleutelfiguur aanwijst die kan invallen.",
            economic=(
                "Met vrijwilligers en zaalverhuur is De Kluft vijf dagen open voor minder geld "
                "dan de vier dagdelen nu. De continuïteit is het zwakke punt: veel hangt aan één "
                "betaalde beheerder; daarom de voorwaarde van een tweede sleutelfiguur."
            ),
        )
        .contact(
            d(300, "19:30"),
            connie,
            "meeting",
            "Afsprakengesprek met de coöperatie en Travers Welzijn over de inwerkperiode.",
        )
        .propose(
            d(296, "10:00"),
            connie,
            {
                "start_date": demo.month_after(268, 1),
                "term_months": 24,
                "vehicle": "subsidy",
                "vehicle_reference": "Subsidiebeschikking beheer buurthuis De Kluft",
                "payment_schedule": (
                    "Een jaarlijkse subsidie van € 150.000, in maandelijkse voorschotten; de "
                    "vaststelling volgt na het jaarverslag."
                ),
                "tasks_taken_over": (
                    "Het beheer van buurthuis De Kluft, vijf dagen per week open; het "
                    "buurtrestaurant op woensdag; de klussenwerkplaats; de verhuur van zalen aan "
                    "clubs. Groot onderhoud van het gebouw blijft bij de gemeente."
                ),
                "quality_requirements": (
                    "Open op de afgesproken uren; een bardienst met IVA-certificaat; een "
                    "ontruimingsplan en bedrijfshulpverlening op elke openingsdag."
                ),
                "cooperation": (
                    "Een inwerkperiode van drie maanden samen met Stichting Travers Welzijn. Naast "
                    "de betaalde beheerder wijst de coöperatie een tweede sleutelfiguur aan die "
                    "kan invallen."
                ),
                "accountability_form": "written",
                "accountability_moments": (
                    "Een jaarverslag met bezoekcijfers en de jaarrekening, ook besproken in de "
                    "ledenvergadering."
                ),
                "accountability_by": "Het bestuur van Wijkcoöperatie Holtenbroek",
                "review_moments": "Na de inwerkperiode en daarna elk jaar.",
                "explanation": "Eerste versie, na het gesprek met de coöperatie en Travers.",
            },
            budget=[
                (demo.month_after(268, 1).year, 150000),
                (demo.month_after(268, 1).year + 1, 150000),
            ],
            results=[
                ("Bezoekers per week", Dimension.SOCIAL, 180, 250, "bezoekers"),
                ("Openingsdagen per week", Dimension.ECONOMIC, 2, 5, "dagen"),
                ("Actieve vrijwilligers", Dimension.DEMOCRATIC, 10, 25, "vrijwilligers"),
            ],
            risks=[
                (
                    "Uitval van de beheerder",
                    "Een tweede sleutelfiguur, ingewerkt door Travers Welzijn.",
                ),
                ("Tegenvallende zaalverhuur", "Een reserve van 10% en een kwartaaloverzicht."),
            ],
        )
        .sign(d(292, "20:00"), henk)
        .sign(d(288, "14:00"), decider)
        .act(
            d(268, "11:00"),
            "start_execution",
            connie,
            "De afspraken zijn getekend; de coöperatie beheert De Kluft.",
        )
        .contact(
            d(205, "14:00"),
            connie,
            "visit",
            "Bezoek aan De Kluft. Het buurtrestaurant loopt goed; de klussenwerkplaats nog niet.",
        )
        .say(
            d(140, "22:05"),
            henk,
            "Beste Connie, onze beheerder stopt om gezondheidsredenen en we vinden geen opvolger. "
            "De vrijwilligers doen hun best, maar we krijgen de openingstijden niet meer rond. "
            "Kunnen we praten?",
        )
        .contact(
            d(137, "10:00"),
            connie,
            "meeting",
            "Overleg met het bestuur van de coöperatie, Travers Welzijn en Sociaal Domein. Samen "
            "geconcludeerd dat stoppen nu het beste is; Travers kan het beheer terugnemen.",
        )
        .act(
            d(130, "15:00"),
            "stop",
            coordinator,
            "In goed overleg gestopt. Na het vertrek van de beheerder kon de coöperatie de "
            "openstelling niet meer rond krijgen. Travers Welzijn neemt het beheer terug; het "
            "buurtrestaurant blijft, gedraaid door dezelfde vrijwilligers. Les: leg het werk van "
            "een betaalde kracht nooit bij één persoon neer.",
        )
        .say(
            d(129, "09:30"),
            connie,
            "Beste Henk, dank voor de inzet van jullie allemaal. Het buurtrestaurant blijft dankzij "
            "jullie bestaan. Als de coöperatie later opnieuw wil, denk ik graag mee.",
        )
    )

    # ---- evaluation ------------------------------------------------------------------------
    (
        demo.story(
            "diezerpoort",
            "fatima",
            "Repaircafé Diezerpoort: repareren in plaats van weggooien",
            "Kringloop- en repaircafé Dieze",
        )
        .start(
            d(385, "19:00"),
            {
                "summary": (
                    "Elke zaterdag een repaircafé in Diezerpoort: vrijwilligers repareren samen met "
                    "bewoners kleding, fietsen en apparaten. Wat niet te maken is, gaat naar de "
                    "kringloop."
                ),
                "mode": "co_produce",
                "part": "Het repaircafé; de kringloopwinkel blijft bij Stichting Kringloop Zwolle.",
                "why_better": (
                    "Het repaircafé zit nu aan de rand van de stad en is maar één keer per maand "
                    "open. In de wijk, elke week, komen er meer mensen en leren bewoners zelf "
                    "repareren."
                ),
                "plan_what": "Wekelijks repaircafé, reparatielessen voor jongeren, een fietsdag.",
                "plan_how": "Twaalf vaste reparateurs, een gastvrouw, gereedschap van de kringloop.",
                "area": "Diezerpoort",
                "capacity": "Twaalf reparateurs, van wie vier gepensioneerde monteurs.",
                "partners": "Stichting Kringloop Zwolle, de fietsenmaker op de hoek",
                "budget_asked_eur": 18000,
                "value_economic": "Minder grofvuil en een goedkopere openstelling dan nu.",
                "value_social": "Ontmoeting, vakmanschap doorgeven aan jongeren.",
                "supporters_count": 118,
                "risks": "Gereedschap en veiligheid: een instructie voor elke nieuwe vrijwilliger.",
            },
        )
        .act(d(375, "20:30"), "submit", fatima)
        .act(d(372, "09:10"), "start_intake", coordinator)
        .assign(d(372, "09:15"), karim, by=coordinator)
        .act(
            d(355, "11:00"),
            "accept",
            coordinator,
            "Dit is een uitdaging: het repaircafé samen met de gemeente uitvoeren in Diezerpoort.",
        )
        .ask_advice(
            d(352, "10:00"),
            coordinator,
            "Openbare Ruimte",
            "Past een wekelijks repaircafé in Diezerpoort bij het afvalbeleid, en wat betekent "
            "het voor de afspraken met Stichting Kringloop Zwolle?",
            days=42,
        )
        .advise(
            d(320, "14:00"),
            advisor,
            "Openbare Ruimte",
            Recommendation.FAVOURABLE,
            "Positief. Het repaircafé past bij het afvalbeleid: minder grofvuil en meer "
            "hergebruik. Stichting Kringloop Zwolle blijft de winkel doen en levert gereedschap; "
            "dat is met hen besproken. Geen voorwaarden.",
        )
        .score(d(309, "10:00"), assessor, SCORES["repaircafe"], shift=SHIFTS[0])
        .score(d(307, "14:00"), mirjam, SCORES["repaircafe"], shift=SHIFTS[1])
        .score(d(305, "11:00"), ruud, SCORES["repaircafe"], shift=SHIFTS[2])
        .decide(
            d(296, "14:00"),
            decider,
            Outcome.ACCEPT,
            "Het college neemt de uitdaging aan: het repaircafé in de wijk bereikt meer mensen "
            "voor minder geld en past bij het afvalbeleid.",
            economic=(
                "Voor € 18.000 per jaar is het repaircafé elke week open in plaats van één keer "
                "per maand, en het scheelt grofvuil. Twaalf vaste reparateurs maken de "
                "uitvoering stabiel."
            ),
            social=(
                "Ontmoeting in de wijk en vakmanschap dat wordt doorgegeven: jongeren leren "
                "repareren in de reparatielessen en op de fietsdag."
            ),
            democratic=(
                "Vrijwilligers en bezoekers praten mee over het programma; de vereniging deelt "
                "haar cijfers in de wijkkrant."
            ),
        )
        .propose(
            d(280, "10:00"),
            karim,
            {
                "start_date": demo.month_after(258, 1),
                "term_months": 12,
                "vehicle": "subsidy",
                "vehicle_reference": "Subsidiebeschikking Repaircafé Diezerpoort",
                "payment_schedule": "€ 18.000 per jaar: de helft bij de start, de helft na zes maanden.",
                "tasks_taken_over": (
                    "Een wekelijks repaircafé op zaterdag in Diezerpoort, reparatielessen voor "
                    "jongeren en een fietsdag per jaar. De kringloopwinkel blijft bij Stichting "
                    "Kringloop Zwolle."
                ),
                "quality_requirements": (
                    "Elke nieuwe vrijwilliger krijgt een veiligheidsinstructie; elektrische "
                    "apparaten worden na reparatie getest."
                ),
                "cooperation": (
                    "Stichting Kringloop Zwolle levert gereedschap en neemt wat niet te maken is; "
                    "Openbare Ruimte zet het repaircafé in de afvalkalender."
                ),
                "accountability_form": "horizontal",
                "accountability_moments": (
                    "Elk kwartaal de reparatiecijfers in de wijkkrant; een jaarverslag aan de "
                    "gemeente."
                ),
                "accountability_by": "Het bestuur van Bewonersvereniging Diezerpoort Leeft",
                "review_moments": "De evaluatie na een jaar, met een besluit over doorgaan.",
                "explanation": "Eerste versie.",
            },
            budget=[(demo.month_after(258, 1).year, 18000)],
            results=[
                ("Gerepareerde spullen", Dimension.ECONOMIC, 400, 1500, "per jaar"),
                ("Jongeren in de fietscursus", Dimension.SOCIAL, 0, 8, "jongeren"),
                ("Bezoekers per zaterdag", Dimension.SOCIAL, None, 25, "bezoekers"),
            ],
            risks=[
                (
                    "Ongelukken met gereedschap",
                    "Een veiligheidsinstructie en een EHBO'er op elke zaterdag.",
                )
            ],
        )
        .sign(d(277, "19:30"), fatima)
        .sign(d(272, "14:00"), decider)
        .act(
            d(258, "11:00"),
            "start_execution",
            karim,
            "De afspraken zijn getekend; het repaircafé opent op zaterdag.",
        )
        .contact(
            d(165, "11:30"),
            karim,
            "visit",
            "Bezoek aan het repaircafé: 35 bezoekers, vooral fietsen en kleding. Wachtrij bij de "
            "elektronica; er komt een tweede tafel.",
        )
        .say(
            d(92, "18:30"),
            fatima,
            "Tussenstand: 1.150 reparaties in een half jaar, 70% gelukt. Acht jongeren volgden "
            "de fietscursus.",
        )
        .act(
            d(16, "10:00"),
            "evaluate",
            karim,
            "Het eerste jaar zit erop; we evalueren samen en besluiten dan over doorgaan.",
        )
        .contact(
            d(9, "19:00"),
            karim,
            "meeting",
            "Evaluatiegesprek met het bestuur en twee reparateurs. Resultaten ruim gehaald. Open "
            "vraag: een eigen ruimte, omdat de zaal op zaterdag ook gevraagd wordt door anderen.",
        )
        .say(
            d(8, "15:20"),
            karim,
            "Beste Fatima, dank voor het goede gesprek. Ik zoek uit of er een vaste ruimte kan "
            "komen in het wijkgebouw. Het evaluatieverslag stuur ik binnen twee weken.",
        )
    )

    # ---- redirected -------------------------------------------------------------------------
    (
        demo.story(
            "stadshagen",
            "priya",
            "Speeltuin De Twistvlinder opknappen",
            "Beheer speeltuinen en trapveldjes",
        )
        .start(
            d(300, "21:30"),
            {
                "summary": (
                    "Speeltuin De Twistvlinder in Stadshagen is verouderd. Ouders en kinderen "
                    "willen hem samen opknappen: nieuwe toestellen kiezen met de kinderen, zelf de "
                    "grond egaliseren en bankjes voor ouders plaatsen."
                ),
                "mode": "co_produce",
                "part": "Alleen speeltuin De Twistvlinder, eenmalig.",
                "why_better": (
                    "De kinderen uit de buurt kiezen zelf wat er komt, en buren houden de "
                    "speeltuin daarna schoon."
                ),
                "plan_what": "Ontwerp met kinderen van twee scholen, twee werkzaterdagen.",
                "plan_how": (
                    "Toestellen via een erkende leverancier, gekeurd door de gemeente; buren "
                    "helpen met grondwerk onder begeleiding."
                ),
                "area": "Stadshagen",
                "capacity": "Twintig ouders, een hovenier en een aannemer die in de straat wonen.",
                "budget_asked_eur": 45000,
                "supporters_count": 96,
            },
        )
        .act(d(292, "20:00"), "submit", priya)
        .act(d(289, "09:30"), "start_intake", coordinator)
        .say(
            d(289, "09:45"),
            coordinator,
            "Beste Priya, dank voor uw aanbod. Bij de intake kijken we of het gaat om het "
            "overnemen van een taak van de gemeente, of dat het beter ergens anders past. Uw plan "
            "is een eenmalige verbetering van één speeltuin; daarvoor is het Initiatievenfonds "
            "bedoeld. Zullen we even bellen?\n\nMet vriendelijke groet,\nCor Dinator, "
            "coördinator uitdaagrecht",
        )
        .contact(
            d(287, "16:00"),
            coordinator,
            "call",
            "Gebeld met Priya Ramdin. Het gaat om een eenmalig project; het jaarlijkse beheer wil "
            "de groep niet overnemen. Afgesproken: doorsturen naar het Initiatievenfonds, met de "
            "gegevens die al zijn ingevuld.",
        )
        .act(
            d(286, "10:30"),
            "redirect",
            coordinator,
            "Het aanbod is een eenmalige verbetering van één speeltuin, geen overname van een "
            "taak. Het past bij het Initiatievenfonds, dat zulke buurtinitiatieven steunt. Met "
            "instemming van de bewonersgroep is het aanbod doorgestuurd; de groep hoeft niets "
            "opnieuw in te vullen.",
            classification="subsidy_request",
            redirected_to="Subsidieloket gemeente Zwolle: Initiatievenfonds",
        )
        .say(
            d(283, "20:10"),
            priya,
            "Dank voor het meedenken. Het subsidieloket heeft ons al gebeld; we dienen de aanvraag "
            "in met de tekeningen van de kinderen erbij.",
        )
        .say(
            d(158, "18:00"),
            priya,
            "Even laten weten: de speeltuin is zaterdag geopend. Dank aan iedereen die heeft "
            "meegeholpen!",
        )
    )

    # ---- withdrawn ----------------------------------------------------------------------------
    (
        demo.story(
            "diezerpoort",
            "fatima",
            "Buurtbus voor ouderen in Diezerpoort",
            "Deelvervoer voor ouderen (Plusbus)",
        )
        .start(
            d(258, "19:45"),
            {
                "summary": (
                    "Een elektrische buurtbus met vrijwillige chauffeurs die ouderen in "
                    "Diezerpoort naar de dokter, de markt en het buurthuis brengt."
                ),
                "mode": "co_produce",
                "why_better": (
                    "Chauffeurs uit de eigen wijk kennen de mensen en hun adressen; ouderen durven "
                    "eerder te bellen."
                ),
                "plan_what": "Vijf dagen per week rijden, op afspraak, binnen Zwolle.",
                "plan_how": "Twintig vrijwillige chauffeurs, een planner, een geleasede bus.",
                "area": "Diezerpoort",
                "capacity": "Acht aangemelde chauffeurs; we zoeken er nog twaalf.",
                "budget_asked_eur": 40000,
                "supporters_count": 64,
            },
        )
        .act(d(247, "21:15"), "submit", fatima)
        .act(d(244, "09:20"), "start_intake", coordinator)
        .assign(d(244, "09:25"), connie, by=coordinator)
        .contact(
            d(239, "13:00"),
            connie,
            "call",
            "Gesprek met Fatima Yilmaz. Het grootste punt is het aantal chauffeurs; de Plusbus "
            "rijdt al in de wijk en zoekt ook vrijwilligers.",
        )
        .say(
            d(238, "10:10"),
            connie,
            "Beste Fatima, zoals besproken: de Plusbus rijdt al in Diezerpoort. Misschien is "
            "samenwerken met hen een mogelijkheid? Ik breng jullie graag in contact.",
        )
        .act(
            d(223, "20:30"),
            "withdraw",
            fatima,
            "We hebben te weinig vrijwillige chauffeurs gevonden voor een eigen bus. Onze "
            "chauffeurs gaan rijden voor de Plusbus, die nu ook in Diezerpoort stopt bij het "
            "buurthuis.",
        )
    )

    # ---- agreements ------------------------------------------------------------------------
    (
        demo.story(
            "assendorp",
            "sanne",
            "Park De Weezenlanden: beheer samen met de buurt",
            "Beheer wijkpark De Weezenlanden",
        )
        .start(
            d(152, "21:00"),
            {
                "summary": (
                    "Buurtbewoners beheren samen met de gemeente wijkpark De Weezenlanden: zij "
                    "doen het lichte onderhoud, organiseren activiteiten en houden een oogje in "
                    "het zeil; de gemeente blijft verantwoordelijk voor bomen, paden en water."
                ),
                "mode": "co_produce",
                "part": (
                    "Licht groenonderhoud, zwerfvuil, de vijverrand, het activiteitenprogramma en "
                    "het kioskje. Bomen, paden, verlichting en water blijven bij de gemeente."
                ),
                "why_better": (
                    "Het park is de achtertuin van Assendorp. Buren die er elke dag lopen, zien wat "
                    "er mis is en kunnen het meteen oppakken. Met activiteiten wordt het park "
                    "weer een ontmoetingsplek, ook voor mensen die nu alleen thuis zitten."
                ),
                "plan_what": (
                    "Wekelijkse parkploeg op zaterdag, zwerfvuilronde, een bloemrijke zoom langs "
                    "de vijver, zomeractiviteiten (picknick, buitenbios, natuurwandelingen) en "
                    "het kioskje op zondag open."
                ),
                "plan_how": (
                    "Een parkcoördinator (8 uur per week, betaald), vaste ploeg van 15 "
                    "vrijwilligers, gereedschap in de schuur van de kinderboerderij, meldingen "
                    "aan de gemeente via de app."
                ),
                "start_from": demo.month_after(152, 5),
                "for_whom": "Bewoners van Assendorp en iedereen die het park gebruikt.",
                "area": "Assendorp, park De Weezenlanden",
                "capacity": (
                    "De stichting heeft al een jaar ervaring met de Huiskamer Assendorp; 15 buren "
                    "hebben zich voor de parkploeg aangemeld, onder wie een hovenier."
                ),
                "partners": "Kinderboerderij, IVN Zwolle, de basisschool aan het park",
                "budget_asked_eur": 62000,
                "value_economic": (
                    "Lager onderhoud door vaker kleine beurten; de zomeractiviteiten worden deels "
                    "betaald uit de opbrengst van het kioskje."
                ),
                "value_social": (
                    "Een park waar buren elkaar ontmoeten; werk voor vrijwilligers en stages voor "
                    "leerlingen."
                ),
                "value_democratic": (
                    "Een parkraad van gebruikers adviseert over inrichting en activiteiten."
                ),
                "supporters_count": 243,
                "risks": (
                    "Overlast in de zomer: afspraken met de wijkagent. Aansprakelijkheid bij het "
                    "werk: verzekering via de vrijwilligersverzekering van de gemeente."
                ),
                "cooperation_wanted": (
                    "Een vast aanspreekpunt bij Openbare Ruimte, gebruik van de schuur, en hulp "
                    "bij de vergunning voor het kioskje."
                ),
            },
        )
        .act(d(141, "22:00"), "submit", sanne)
        .act(d(138, "09:00"), "start_intake", coordinator)
        .assign(d(138, "09:10"), karim, by=coordinator)
        .contact(
            d(131, "10:00"),
            karim,
            "visit",
            "Wandeling door het park met Sanne de Vries en Joost Hendriks. Besproken welke stukken "
            "de parkploeg kan doen en welke niet (bomen, water). Het kioskje moet worden gekeurd.",
        )
        .act(
            d(107, "11:00"),
            "accept",
            coordinator,
            "Dit is een uitdaging: de stichting wil een deel van een taak van de gemeente samen "
            "met de gemeente uitvoeren, het beheer van wijkpark De Weezenlanden.",
        )
        .ask_advice(
            d(105, "10:00"),
            coordinator,
            "Openbare Ruimte",
            "Welke delen van het beheer van park De Weezenlanden kan de stichting verantwoord "
            "doen, en wat betekent het voor het contract met Stichting Parkbeheer Zwolle en voor "
            "het kioskje?",
            days=35,
        )
        .advise(
            d(80, "15:00"),
            advisor,
            "Openbare Ruimte",
            Recommendation.CONDITIONAL,
            "Positief over het lichte onderhoud en de activiteiten: een heldere taakverdeling, "
            "de gemeente houdt bomen, paden, verlichting en water. Voorwaarden: afspraken over "
            "gereedschap en de veiligheid van vrijwilligers. Het kioskje niet meenemen: daarvoor "
            "is een horecavergunning nodig, en de exploitatie is tot eind volgend jaar verpacht "
            "aan de kinderboerderij.",
        )
        .score(d(56, "10:00"), assessor, SCORES["weezenlanden"], shift=SHIFTS[0])
        .score(d(54, "14:00"), mirjam, SCORES["weezenlanden"], shift=SHIFTS[1])
        .score(d(52, "11:30"), ruud, SCORES["weezenlanden"], shift=SHIFTS[2])
        .note(
            d(46, "16:00"),
            assessor,
            "Beoordelingscommissie: hoog op sociale en democratische waarde; de stichting heeft "
            "laten zien dat ze een taak aankan. Advies: aannemen voor twee jaar.",
        )
        .decide(
            d(27, "14:00"),
            decider,
            Outcome.PARTIAL,
            "Het college neemt de uitdaging voor het grootste deel aan, voor twee jaar, met een "
            "evaluatie na het eerste jaar. De stichting heeft met de Huiskamer laten zien dat ze "
            "afspraken waarmaakt, en het plan maakt het park weer een plek van de buurt. Het "
            "kioskje valt erbuiten.",
            part=(
                "Aangenomen: het lichte groenonderhoud, de zwerfvuilronde, de vijverrand en het "
                "activiteitenprogramma. Niet aangenomen: de exploitatie van het kioskje. Daarvoor "
                "is een horecavergunning nodig, en de exploitatie is tot eind volgend jaar "
                "verpacht aan de kinderboerderij; daarna kan de stichting opnieuw uitdagen."
            ),
            economic=(
                "Het beheer kost ongeveer even veel als nu, met vaker kleine beurten. Zonder het "
                "kioskje vervalt die opbrengst; het college verlaagt het budget daarom niet en "
                "betaalt de zomeractiviteiten mee."
            ),
            social=(
                "Het park wordt weer een ontmoetingsplek, ook voor wie nu alleen thuis zit. "
                "Kinderboerderij, IVN en de basisschool doen mee, met heldere rollen."
            ),
            democratic=(
                "Een parkraad van gebruikers adviseert over inrichting en activiteiten; de "
                "stichting legt op een open parkavond verantwoording af aan de buurt."
            ),
        )
        .contact(
            d(14, "19:30"),
            karim,
            "meeting",
            "Eerste afsprakengesprek met de stichting en Openbare Ruimte. Resultaten: "
            "beeldkwaliteit, aantal activiteiten en bezoekers, tevredenheid van omwonenden. "
            "Verantwoording: een jaarverslag en een jaarlijkse parkavond. Juridische vorm: "
            "een samenwerkingsovereenkomst met subsidie.",
        )
        .propose(
            d(13, "11:10"),
            karim,
            {
                "start_date": demo.month_after(13, 2),
                "term_months": 24,
                "vehicle": "covenant",
                "vehicle_reference": "Samenwerkingsovereenkomst met subsidie, park De Weezenlanden",
                "payment_schedule": (
                    "€ 62.000 per jaar, in vier termijnen aan het begin van elk kwartaal."
                ),
                "tasks_taken_over": (
                    "Licht groenonderhoud, de zwerfvuilronde, de bloemrijke zoom langs de vijver "
                    "en het activiteitenprogramma in park De Weezenlanden. Niet: het kioskje, "
                    "bomen, paden, verlichting en water."
                ),
                "quality_requirements": "Beeldkwaliteit B voor het groen dat de parkploeg doet.",
                "cooperation": (
                    "Een vast aanspreekpunt bij Openbare Ruimte; de parkploeg gebruikt de schuur "
                    "van de kinderboerderij; meldingen gaan via de app van de gemeente."
                ),
                "accountability_form": "horizontal",
                "accountability_moments": "Een jaarverslag en een open parkavond voor de buurt.",
                "accountability_by": "Het bestuur van Stichting Buurtkracht Assendorp",
                "review_moments": "De evaluatie na het eerste jaar.",
                "explanation": "Voorstel van de gemeente na het eerste afsprakengesprek.",
            },
            budget=[
                (demo.month_after(13, 2).year, 62000),
                (demo.month_after(13, 2).year + 1, 62000),
            ],
            results=[
                ("Beeldkwaliteit op niveau B", Dimension.ECONOMIC, 70, 90, "% van de inspecties"),
                ("Activiteiten in het park", Dimension.SOCIAL, 3, 12, "per jaar"),
                (
                    "Tevredenheid omwonenden",
                    Dimension.DEMOCRATIC,
                    Decimal("6.4"),
                    Decimal("7.5"),
                    "cijfer",
                ),
            ],
            risks=[
                ("Overlast in de zomer", "Afspraken met de wijkagent en de parkraad."),
                (
                    "Ongelukken bij het werk",
                    "De vrijwilligersverzekering van de gemeente en een veiligheidsinstructie.",
                ),
            ],
        )
        .say(
            d(13, "11:20"),
            karim,
            "Beste Sanne en Joost, hierbij de punten uit ons gesprek voor de afspraken:\n"
            "1. Start bij het begin van het voorjaar, voor twee jaar.\n"
            "2. Resultaten: beeldkwaliteit B, 12 activiteiten per jaar, tevredenheid omwonenden.\n"
            "3. De gemeente blijft verantwoordelijk voor bomen, paden, verlichting en water.\n"
            "4. Verantwoording: jaarverslag en een parkavond voor de buurt.\n"
            "Horen jullie of dit klopt?\n\nMet vriendelijke groet,\nKarim Bouzid",
        )
        .say(
            d(6, "21:35"),
            joost,
            "Dank, Karim. Punt 1 tot en met 3 zijn goed. Bij punt 4 willen we het jaarverslag "
            "kort houden en de parkavond als het belangrijkste moment zien. En kunnen we de "
            "verzekering van de vrijwilligers nog bespreken?",
        )
    )

    # ---- assessment, stalled: the term passed and was escalated --------------------------
    (
        demo.story(
            "holtenbroek",
            "henk",
            "Groen Holtenbroek: het wijkbedrijf onderhoudt het groen",
            "Onderhoud openbaar groen Holtenbroek",
        )
        .start(
            d(160, "20:00"),
            {
                "summary": (
                    "De Wijkcoöperatie Holtenbroek wil het dagelijks onderhoud van het openbaar "
                    "groen in Holtenbroek overnemen. Het werk wordt gedaan door bewoners die nu "
                    "geen betaald werk hebben, begeleid door een vakman."
                ),
                "mode": "take_over",
                "part": (
                    "Het dagelijks onderhoud van plantsoenen, bermen en heesters in Holtenbroek I "
                    "tot en met IV. Bomen en groot onderhoud blijven bij de gemeente."
                ),
                "why_better": (
                    "Nu komt een ploeg van buiten de wijk een paar keer per jaar langs. Een vaste "
                    "ploeg uit de wijk ziet wat er nodig is, werkt vaker in kleine beurten en "
                    "wordt door buren aangesproken. Het werk geeft bewoners die nu langs de kant "
                    "staan een baan en een vak."
                ),
                "plan_what": (
                    "Onderhoud op beeldkwaliteit B, meer bloemrijke bermen, een buurtmoestuin en "
                    "een wekelijkse zwerfvuilronde."
                ),
                "plan_how": (
                    "Een ploeg van zes medewerkers (via Werkbedrijf Zwolle, van uitkering naar "
                    "betaald werk), een uitvoerder met groendiploma, geleased materieel. Meldingen "
                    "komen binnen via de app van de gemeente."
                ),
                "start_from": demo.month_after(160, 8),
                "for_whom": "De bewoners van Holtenbroek, en zes bewoners die werk vinden.",
                "area": "Holtenbroek I–IV",
                "capacity": (
                    "De coöperatie beheert met succes volkstuinencomplex De Hoek. De beoogde "
                    "uitvoerder heeft twintig jaar ervaring bij een hoveniersbedrijf."
                ),
                "partners": "Werkbedrijf Zwolle, Groenbedrijf IJsseldelta (overdracht)",
                "budget_asked_eur": 365000,
                "value_economic": (
                    "Ongeveer 10% goedkoper dan het huidige contract, plus minder uitkeringen."
                ),
                "value_social": "Zes bewoners aan het werk, schonere straten, meer contact.",
                "value_democratic": (
                    "Bewoners bepalen via de ledenvergadering mee wat er met hun groen gebeurt."
                ),
                "supporters_count": 428,
                "risks": (
                    "Ziekte en uitval in een kleine ploeg: afspraken over vervanging met "
                    "Groenbedrijf IJsseldelta. Aansprakelijkheid: een verzekering via de coöperatie."
                ),
                "cooperation_wanted": (
                    "Een overgangsperiode met de huidige aannemer en gebruik van de gemeentewerf "
                    "voor groenafval."
                ),
            },
        )
        .act(d(142, "21:30"), "submit", henk)
        .act(d(139, "09:00"), "start_intake", coordinator)
        .assign(d(139, "09:05"), connie, by=coordinator)
        .contact(
            d(134, "15:00"),
            connie,
            "call",
            "Gesprek met Henk Kamphuis over de ploeg en het materieel. De coöperatie stuurt het "
            "ondernemingsplan en de afspraken met Werkbedrijf Zwolle.",
        )
        .say(
            d(133, "10:20"),
            connie,
            "Beste Henk, dank voor het gesprek. Wilt u het ondernemingsplan en de afspraken met "
            "Werkbedrijf Zwolle hier als document toevoegen? Dan kan de intake snel rond.",
        )
        .say(
            d(131, "20:00"),
            henk,
            "Dag Connie, we sturen ze deze week. Het ondernemingsplan krijgt nog een laatste "
            "controle van onze accountant.",
        )
        .act(
            d(97, "11:00"),
            "accept",
            coordinator,
            "Dit is een uitdaging: de coöperatie wil een taak van de gemeente overnemen die nu is "
            "uitbesteed, het onderhoud van het openbaar groen in Holtenbroek. Het aanbod gaat naar "
            "de beoordeling.",
        )
        .ask_advice(
            d(95, "10:00"),
            coordinator,
            "Openbare Ruimte",
            "Kan het wijkbedrijf het dagelijks onderhoud van het groen in Holtenbroek aan, en wat "
            "betekent een overname voor het contract met Groenbedrijf IJsseldelta?",
            days=28,
        )
        .advise(
            d(72, "14:30"),
            advisor,
            "Openbare Ruimte",
            Recommendation.CONDITIONAL,
            "Inhoudelijk positief over de beeldkwaliteit en de banen. Het contract met "
            "Groenbedrijf IJsseldelta heeft een opzegtermijn van zes maanden. Zorgen over "
            "materieel en vervanging bij ziekte. Advies: ja, met een proefperiode van een jaar in "
            "Holtenbroek I en II, en afspraken met IJsseldelta over vervanging.",
        )
        .say(
            d(40, "19:15"),
            henk,
            "Goedenavond, is er al nieuws over de beoordeling? Onze mensen willen graag weten of "
            "ze in het voorjaar kunnen beginnen.",
        )
        .say(
            d(39, "09:50"),
            connie,
            "Beste Henk, het advies van Openbare Ruimte is binnen. De beoordelingscommissie "
            "bespreekt uw aanbod binnenkort; daarna neemt het college een besluit. Ik houd u op "
            "de hoogte.",
        )
        .score(d(36, "10:00"), assessor, SCORES["groen_holtenbroek"], shift=SHIFTS[0])
        .score(d(35, "14:00"), mirjam, SCORES["groen_holtenbroek"], shift=SHIFTS[1])
        .score(
            d(34, "09:30"),
            ruud,
            SCORES["groen_holtenbroek"],
            shift=SHIFTS[2],
            conflict=(
                "Ik woon in Holtenbroek II, maar ben geen lid van de coöperatie en heb geen belang "
                "bij de uitkomst. Ik beoordeel daarom mee."
            ),
        )
        .note(
            d(31, "16:00"),
            assessor,
            "Beoordelingscommissie: sociale waarde hoog, economische waarde voldoende, "
            "continuïteit met voorwaarden. Advies aan het college: aannemen met een proefperiode "
            "in Holtenbroek I en II. Het besluit staat nog niet op de agenda van het college.",
        )
        .escalate(d(12, "06:00"))
        .note(
            d(9, "11:30"),
            coordinator,
            "Escalatie besproken met het bestuurssecretariaat: het besluit komt op de "
            "collegeagenda over twee weken. Termijn bewust niet verlengd, zodat de uitdaging op "
            "het dashboard blijft tot het besluit er is.",
        )
        .say(
            d(4, "20:30"),
            henk,
            "De termijn voor de beoordeling is verlopen en we hebben nog geen besluit. Wanneer "
            "kunnen we het verwachten?",
        )
    )

    # ---- intake, paused: waiting for information from the challengers ----------------------
    (
        demo.story(
            "diezerpoort",
            "fatima",
            "Het Anker: buurthuis van en voor Diezerpoort",
            "Beheer buurthuis Het Anker",
        )
        .start(
            d(76, "20:15"),
            {
                "summary": (
                    "Bewonersvereniging Diezerpoort Leeft wil het beheer van buurthuis Het Anker "
                    "overnemen. Het buurthuis gaat weer zes dagen per week open, met een "
                    "buurtkeuken, een kledingruil en ruimte voor de vele clubs in de wijk."
                ),
                "mode": "take_over",
                "part": (
                    "Het dagelijks beheer en de programmering. Het gebouw blijft van de gemeente; "
                    "groot onderhoud blijft bij de gemeente."
                ),
                "why_better": (
                    "Het Anker is nu vier dagdelen open en bewoners voelen zich er vaak gast. Als "
                    "bewoners zelf beheren, gaat de deur open wanneer de buurt dat wil en bepalen "
                    "de gebruikers het programma."
                ),
                "plan_what": (
                    "Zes dagen open van 9 tot 22 uur; buurtkeuken op dinsdag en donderdag; "
                    "kledingruil; vaste ruimte voor de huiswerkklas, de vrouwenvereniging, de "
                    "biljartclub en het spreekuur van het wijkteam."
                ),
                "plan_how": (
                    "Een betaalde beheerder (24 uur per week), een bardienst van vrijwilligers, "
                    "een programmaraad van gebruikers; zaalverhuur dekt een deel van de kosten."
                ),
                "start_from": demo.month_after(76, 6),
                "for_whom": (
                    "Alle bewoners van Diezerpoort, in het bijzonder ouderen, jongeren en "
                    "nieuwkomers."
                ),
                "area": "Diezerpoort",
                "capacity": (
                    "Een bestuur van vijf met ervaring in horeca, boekhouding en jongerenwerk; 40 "
                    "vrijwilligers; de vereniging heeft 210 leden en draait al een jaar het "
                    "repaircafé."
                ),
                "partners": (
                    "Travers Welzijn (overdracht en opbouwwerk), wijkteam Diezerpoort, de moskee "
                    "en de kerk in de wijk"
                ),
                "budget_asked_eur": 165000,
                "value_economic": (
                    "Zes dagen open voor ongeveer het huidige budget, door vrijwilligers en "
                    "zaalverhuur."
                ),
                "value_social": (
                    "Een huiskamer voor de wijk; minder eenzaamheid; een plek voor jongeren."
                ),
                "value_democratic": "Een programmaraad van gebruikers beslist over het programma.",
                "supporters_count": 340,
                "risks": (
                    "Financiële risico's van de exploitatie: een reserve van 10% en een "
                    "maandelijkse rapportage. Vrijwilligersverloop: een vrijwilligerscoördinator."
                ),
                "cooperation_wanted": (
                    "Overdracht van de huurovereenkomst en de inventaris; drie maanden "
                    "overgangstijd met Travers Welzijn."
                ),
            },
        )
        .act(d(48, "21:00"), "submit", fatima)
        .act(d(45, "09:30"), "start_intake", coordinator)
        .assign(d(45, "09:35"), connie, by=coordinator)
        .contact(
            d(43, "13:30"),
            connie,
            "call",
            "Kennismaking met Fatima Yilmaz (voorzitter). Uitgelegd hoe de intake werkt. "
            "Afgesproken: rondleiding in Het Anker.",
        )
        .say(
            d(43, "14:10"),
            connie,
            "Beste Fatima, fijn dat we elkaar spraken. Ik ben uw vaste contactpersoon; ik werk "
            "bij Strategie en Participatie, los van Sociaal Domein, dat het buurthuis nu regelt. "
            "Wanneer past het u volgende week voor een rondleiding?\n\nMet vriendelijke "
            "groet,\nConnie Tact",
        )
        .say(
            d(42, "18:25"),
            fatima,
            "Dag Connie, een ochtend volgende week is goed; u krijgt straks een paar data. Onze "
            "penningmeester en de beheerder van Travers schuiven ook aan. Groet, Fatima",
        )
        .contact(
            d(36, "10:00"),
            connie,
            "visit",
            "Rondleiding in Het Anker met het bestuur en de beheerder van Travers. Besproken: "
            "openingstijden, de keuken (moet gekeurd worden voor de buurtkeuken), verhuur aan "
            "clubs. De vereniging maakt een begroting per jaar.",
        )
        .note(
            d(31, "15:45"),
            coordinator,
            "Travers Welzijn laat weten dat hun opdracht voor Het Anker aan het eind van het jaar "
            "afloopt en dat ze openstaan voor een overdracht. Bij Vastgoed nagaan of de "
            "huurovereenkomst overgedragen kan worden.",
        )
        .pause(
            d(26, "10:30"),
            connie,
            "Om de intake af te ronden hebben we nog nodig: (1) een begroting per jaar met de "
            "inkomsten uit zaalverhuur en de buurtkeuken, (2) hoe de vrijwilligers verzekerd zijn, "
            "en (3) het profiel van de betaalde beheerder. Zodra we dit hebben, loopt de termijn "
            "weer door.",
        )
        .contact(
            d(18, "11:00"),
            connie,
            "call",
            "Penningmeester gebeld: de begroting wordt na de ledenvergadering vastgesteld en daarna "
            "gestuurd. Vrijwilligers vallen onder de vrijwilligersverzekering van de gemeente; "
            "dat heb ik bevestigd.",
        )
    )

    # ---- submitted: waiting for the intake ------------------------------------------------
    (
        demo.story(
            "stadshagen",
            "priya",
            "Leeskamer Stadshagen: langer open met vrijwilligers",
            "Wijkbibliotheek Stadshagen",
        )
        .start(
            d(33, "21:00"),
            {
                "summary": (
                    "De wijkbibliotheek in Stadshagen is nu drie dagdelen per week open. Wij willen "
                    "haar samen met Stadkamer ook op de avonden en op zaterdag openen, met "
                    "getrainde vrijwilligers, een huiswerkhoek en een taalcafé."
                ),
                "mode": "co_produce",
                "part": (
                    "De openstelling buiten de huidige uren, de huiswerkhoek en het taalcafé. De "
                    "collectie en het uitleensysteem blijven bij Stadkamer."
                ),
                "why_better": (
                    "Veel gezinnen in Stadshagen hebben geen rustige plek voor huiswerk, en nieuwe "
                    "Zwollenaren zoeken een plek om Nederlands te oefenen. Juist dan is de "
                    "bibliotheek dicht. Met vrijwilligers uit de wijk kan ze open zijn wanneer de "
                    "buurt haar nodig heeft."
                ),
                "plan_what": (
                    "Vier avonden en de zaterdagochtend open; huiswerkhoek voor groep 7 tot en met "
                    "de brugklas; een wekelijks taalcafé; voorlezen voor peuters."
                ),
            },
        )
        .edit(
            d(10, "22:15"),
            {
                "plan_how": (
                    "Een rooster van 25 vrijwilligers, getraind door Stadkamer in het "
                    "uitleensysteem en in het werken met kinderen; een betaalde coördinator voor "
                    "12 uur per week; sleutelbeheer en sluitronde volgens het protocol van "
                    "Stadkamer."
                ),
                "start_from": demo.month_after(10, 3),
                "for_whom": (
                    "Scholieren, ouders met jonge kinderen en inwoners die Nederlands leren, in "
                    "Stadshagen."
                ),
                "area": "Stadshagen",
                "capacity": (
                    "Een kerngroep van zes bewoners; 31 mensen meldden zich als vrijwilliger, "
                    "onder wie twee gepensioneerde leerkrachten en een bibliothecaris."
                ),
                "partners": "Stadkamer, het Taalhuis, twee basisscholen in de wijk",
                "budget_asked_eur": 38000,
                "value_economic": (
                    "Langer open voor ongeveer een derde van de kosten van betaalde openstelling."
                ),
                "value_social": (
                    "Een rustige studieplek voor 60 tot 80 scholieren per week; nieuwkomers doen "
                    "sneller mee."
                ),
                "value_democratic": (
                    "Een gebruikersraad bespreekt twee keer per jaar met Stadkamer wat de "
                    "bibliotheek in de wijk doet."
                ),
                "supporters_count": 212,
                "risks": (
                    "Vrijwilligers die afhaken: een reservelijst en een coördinator die het rooster "
                    "bewaakt. Veiligheid 's avonds: altijd met z'n tweeën, vast sluitprotocol."
                ),
                "cooperation_wanted": (
                    "Gebruik van het gebouw buiten de huidige uren, een sleutelregeling en training "
                    "door Stadkamer."
                ),
            },
        )
        .act(d(3, "20:45"), "submit", priya)
    )

    # ---- draft: still being written, not visible to the municipality -------------------------
    (
        demo.story(
            "assendorp",
            "sanne",
            "Schoon Assendorp: zwerfafval samen met de buurt",
            "Zwerfafval opruimen Assendorp",
        )
        .start(
            d(12, "20:30"),
            {
                "summary": (
                    "Bewoners van Assendorp houden hun eigen straten schoon. Met vaste ploegen per "
                    "buurt, grijpers en een bakfiets ruimen we wekelijks zwerfafval op, en we "
                    "praten met winkeliers en scholen over het voorkomen ervan."
                ),
                "mode": "co_produce",
                "part": (
                    "Het wekelijks opruimen van zwerfafval in straten en plantsoenen; het legen "
                    "van afvalbakken blijft bij de gemeente."
                ),
                "why_better": (
                    "Wij wonen hier en zien het afval als eersten liggen, rond de supermarkt aan de "
                    "Assendorperstraat en bij het schoolplein. Een vaste ploeg per buurt kent de "
                    "plekken waar het misgaat."
                ),
            },
        )
        .edit(
            d(5, "21:50"),
            {
                "plan_what": (
                    "Elke week twee ochtenden opruimen in vier deelgebieden, volle bakken melden, "
                    "twee keer per jaar een opschoondag met de scholen."
                ),
            },
            by=joost,
        )
    )
