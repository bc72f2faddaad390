import pytest
from django.core.files.storage import storages

from tests.factories import MunicipalityFactory
from tests.iv3 import rows_of
from tests.test_query_counts import challenge_world, grow_assessment, grow_challenges
from uitdaagrecht.budgets.importer import import_iv3
from uitdaagrecht.budgets.services import taakvelden_load


@pytest.fixture
def opendata_storage(tmp_path, monkeypatch, request):
    """The open-data files and the challenge documents in a directory of the test's own. The
    storages are moved, not replaced: settings.STORAGES stays as it is, so the documents'
    storage stays the one its model field holds (tests/ops relies on that)."""
    from uitdaagrecht.challenges.models import Document

    for storage, folder in (
        (storages["opendata"], "opendata"),
        (Document._meta.get_field("file").storage, "documents"),
    ):
        monkeypatch.setattr(storage, "_location", str(tmp_path / folder))
        storage._clear_cached_properties("MEDIA_ROOT")
        request.addfinalizer(lambda storage=storage: storage._clear_cached_properties("MEDIA_ROOT"))
    return tmp_path / "opendata"


@pytest.fixture
def world(opendata_storage):
    """Zwolle with its real CBS budget lines, a catalogue, challenges with public documents and
    timelines, a decided challenge with advice (one confidential), scores of several assessors,
    a corrected decision and signed agreement versions (one with a confidential budget); and
    Amsterdam without any data of its own."""
    taakvelden_load()
    zwolle = MunicipalityFactory(
        cbs_code="GM0193", name="Zwolle", slug="zwolle", province="Overijssel"
    )
    MunicipalityFactory(
        cbs_code="GM0363", name="Amsterdam", slug="amsterdam", province="Noord-Holland"
    )
    import_iv3(rows=rows_of("GM0193"))
    world = challenge_world(zwolle)
    grow_challenges(world, 2)
    grow_assessment(world, 3)
    evaluation(world["decided"], world["coordinator"])
    return world


def evaluation(challenge, recorded_by):
    """An interim evaluation with its lessons (the monitoring app's own tests make them through
    its services; here only what the export reads of it matters)."""
    from uitdaagrecht.monitoring.models import Evaluation

    return Evaluation.objects.create(
        challenge=challenge,
        kind="interim",
        judgement_economic="Goedkoper dan verwacht.",
        judgement_social="Meer bewoners doen mee.",
        judgement_democratic="De buurt beslist mee.",
        view_municipality="Positief.",
        evaluator="Bureau Onderzoek",
        conclusion_reasons="Het werkt.",
        lessons_worked="Vroeg beginnen met de buurt.",
        lessons_failed="De planning was te krap.",
        lessons_advice="Spreek vaste momenten af.",
        recorded_by=recorded_by,
    )
