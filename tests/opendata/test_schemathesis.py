"""The API answers what its OpenAPI schema says: schemathesis generates valid and invalid requests
for every operation and runs all its checks (server errors, status codes, content types, response
schemas, rejection of invalid data, acceptance of valid data, unsupported methods) against the live
test server, on the world of tests/opendata/conftest.py (confidential agreement parts, corrections).
CI runs the suite on SQLite and on PostgreSQL, so this runs on both."""

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db(transaction=True)


# A filter naming a municipality, taakveld or hoofdtaakveld that does not exist is a 400 that says
# so (tests/opendata/test_api.py): schema-valid, yet refused on purpose. Any other 400 of a
# schema-valid request fails, as schemathesis's own positive_data_acceptance would.
REFERENCES = {"municipality", "taakveld", "hoofdtaakveld"}


def accepted(response):
    if response.status_code == 400:
        assert set(response.json()) <= REFERENCES, response.text
    else:
        assert response.status_code < 400 or response.status_code == 404, response.text


def operations():
    generated = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(generated)
    return [result.ok() for result in schema.get_all_operations()]


def send(case, base_url, mode):
    if mode is GenerationMode.NEGATIVE:
        case.call_and_validate(base_url=base_url)
        return
    response = case.call(base_url=base_url)
    case.validate_response(response, excluded_checks=[positive_data_acceptance])
    accepted(response)


def sender(base_url, mode):
    def run(case):
        send(case, base_url, mode)

    return run


def check(operation, base_url, *, examples):
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        run = settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )(given(case=operation.as_strategy(generation_mode=mode))(sender(base_url, mode)))
        try:
            run()
        except Unsatisfiable:
            # Negative: no request breaks the schema of an operation without parameters.
            if mode is GenerationMode.POSITIVE:
                raise


def run_all(live_server, *, examples):
    failures = []
    for operation in operations():
        try:
            check(operation, live_server.url, examples=examples)
        except BaseException as failure:  # hypothesis raises groups: all reported at once
            if isinstance(failure, KeyboardInterrupt):
                raise
            failures.append(f"{operation.label}: {failure}")
    assert not failures, "\n\n".join(failures)


def test_every_operation_answers_as_its_schema_says(live_server, world):
    run_all(live_server, examples=10)


@pytest.mark.slow
def test_every_operation_answers_as_its_schema_says_at_length(live_server, world):
    run_all(live_server, examples=100)
