"""Property-based tests of the HTTP service from its own OpenAPI document (schemathesis).

Every generated request, valid or not, must get a documented status, a documented content type and a
body that matches the documented schema; and never a 5xx.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from detector.service import Settings, create_app

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Small limits keep generated batches and bodies cheap to score. No model yet: `loaded` below injects the
# session's before any request, so the app's lifespan (started by schemathesis) loads nothing.
app = create_app(Settings(max_batch=3, max_body_bytes=20_000))
# The same document /openapi.json serves; read without a request so that importing this module loads no model.
# (schemathesis.pytest.from_fixture would be the lazy way, but it does not work with pytest 9.2.)
schema = schemathesis.openapi.from_dict(app.openapi())
schema.app = app


@pytest.fixture(scope="module", autouse=True)
def loaded(detector):
    app.state.detector = detector
    yield
    app.state.detector = None


@schema.parametrize()
@settings(
    max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
def test_api_conforms_to_its_openapi(case):
    case.call_and_validate(checks=CHECKS)
