"""What every API operation can answer besides its 200, written into the OpenAPI schema by a
drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS) so that schema and answers agree."""

ERROR_SCHEMAS = {
    "ValidationError": {
        "type": "object",
        "description": "Per query parameter (or `detail`, `non_field_errors`) what is wrong.",
        "additionalProperties": {
            "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]
        },
    },
    "NotFound": {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
}

RESPONSES = {
    "400": ("A query parameter has a wrong value (e.g. a year out of range).", "ValidationError"),
    "404": (
        "No such object, or a page (`page`, `cursor`) that does not exist. JSON; an address"
        " that does not have the form of an API address gets the site's HTML page.",
        "NotFound",
    ),
    "414": ("The address is too long (answered by the web server).", None),
}


EMPTY = {"type": "string", "maxLength": 0}


def query_parameter(parameter: dict) -> None:
    """An empty filter is no filter; text never holds a NUL character (a 400)."""
    schema = parameter["schema"]
    if "enum" in schema:
        if "" not in schema["enum"]:
            schema["enum"].append("")
    elif schema.get("type") == "string" and not {"format", "pattern"} & set(schema):
        schema["pattern"] = "^[^\\u0000]*$"
    elif schema.get("type") != "array":
        parameter["schema"] = {"anyOf": [schema, EMPTY]}


def lookup_patterns(generator):
    """The form of a detail address's key (`lookup_value_regex`): another form is the site's 404."""
    for _path, _regex, _method, view in generator.endpoints:
        viewset = getattr(view, "cls", None)
        if getattr(viewset, "lookup_value_regex", None):
            name = viewset.lookup_url_kwarg or viewset.lookup_field
            if name == "pk":  # the schema names it after the model's primary key
                name = viewset.queryset.model._meta.pk.name
            yield name, f"^{viewset.lookup_value_regex}$"


def error_responses(result, generator, request, public):
    """Add the documented 400, 404 and 414 answers to every operation that lacks them, and say of
    the query parameters what the filters accept."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
    patterns = dict(lookup_patterns(generator))
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] in patterns:
                    parameter["schema"]["pattern"] = patterns[parameter["name"]]
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and parameter["name"] != "cursor":
                    query_parameter(parameter)
            responses = operation.setdefault("responses", {})
            for status, (description, schema) in RESPONSES.items():
                if status in responses:
                    continue
                responses[status] = {"description": description}
                if schema:
                    reference = {"$ref": f"#/components/schemas/{schema}"}
                    responses[status]["content"] = {"application/json": {"schema": reference}}
                if status == "404":
                    responses[status]["content"]["text/html"] = {"schema": {"type": "string"}}
    return result
