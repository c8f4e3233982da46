"""docs/openapi.json describes the routes the server really has, with the intake model's fields."""

import json
from pathlib import Path

from starlette.routing import Route

from cs_desk.server.intake import IntakeCustomer, IntakeMessage, IntakeSource

SPEC = json.loads((Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text(encoding="utf-8"))


def test_every_documented_path_is_served_with_its_method(srv):
    routes = {r.path.replace(":int", ""): r.methods for r in srv.running.app.app.routes if isinstance(r, Route)}
    for path, ops in SPEC["paths"].items():
        assert path in routes, path
        assert {m.upper() for m in ops} <= routes[path], path


def test_the_message_schema_is_the_models():
    schemas = SPEC["components"]["schemas"]
    msg = schemas["IntakeMessage"]
    assert set(msg["properties"]) == set(IntakeMessage.model_fields)
    assert set(msg["properties"]["customer"]["properties"]) == set(IntakeCustomer.model_fields)
    assert set(msg["properties"]["source"]["properties"]) == set(IntakeSource.model_fields)
    assert msg["properties"]["body"]["maxLength"] == IntakeMessage.model_fields["body"].metadata[0].max_length
