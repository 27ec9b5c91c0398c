#!/usr/bin/env python3
"""Check recorded simulator responses against the official Zoom and Webex OpenAPI specs.

Usage: validate.py --specs DIR RECORDS.json

RECORDS.json is a list of {"provider": "zoom"|"webex", "method", "path" (the real host's path, e.g.
"/v2/users/abc" or "/v1/people"), "status", "headers": {name: value}, "body": text or null}.

For each record the operation and the response for its status are looked up in the spec (zoom-users.json,
webex-admin.json in DIR). A JSON body is validated with the OpenAPI 3.0 schema (openapi-schema-validator,
read direction, formats checked), and additionally no object may carry a property the schema does not
declare. Where the spec declares no body (most error answers), the provider's documented error shape is
required instead (Zoom {code, message}; Webex {message, errors[{description}], trackingId}). Statuses the
spec omits but the providers' guides document (401 for bad tokens) are accepted with that error shape.
Header rules: Webex answers carry TrackingID; 429s carry Retry-After (Zoom: ISO-8601 time plus
X-RateLimit-*; Webex: seconds). Exit status 0 when every record passes, 1 otherwise (each failure printed).
"""
import argparse
import json
import re
import sys
from datetime import datetime

from openapi_schema_validator import OAS30ReadValidator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_FILES = {"zoom": ("zoom-users.json", "/v2"), "webex": ("webex-admin.json", "/v1")}

ERROR_SHAPES = {
    "zoom": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {"type": "integer"},
            "message": {"type": "string"},
            "errors": {"type": "array", "items": {"type": "object", "required": ["field", "message"],
                       "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}},
        },
        "additionalProperties": False,
    },
    "webex": {
        "type": "object",
        "required": ["message", "errors", "trackingId"],
        "properties": {
            "message": {"type": "string"},
            "errors": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["description"],
                       "properties": {"description": {"type": "string"}}, "additionalProperties": False}},
            "trackingId": {"type": "string"},
        },
        "additionalProperties": False,
    },
}

# Statuses absent from the spec's operation but documented by the provider's guides for every endpoint.
DOCUMENTED_EXTRA = {"zoom": {401}, "webex": set()}


class Spec:
    def __init__(self, provider, path):
        with open(path) as f:
            self.doc = json.load(f)
        self.provider = provider
        self.uri = "urn:spec:" + provider
        self.registry = Registry().with_resource(self.uri, Resource.from_contents(self.doc, default_specification=DRAFT4))
        self.routes = []
        for template in self.doc["paths"]:
            names = re.findall(r"{[^}]+}", template)
            pattern = "^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$"
            self.routes.append((len(names), template, re.compile(pattern)))
        self.routes.sort()

    def route(self, path):
        for _, template, pattern in self.routes:
            if pattern.match(path):
                return template
        return None

    def validator(self, pointer):
        return OAS30ReadValidator({"$ref": self.uri + "#" + pointer}, registry=self.registry,
                                  format_checker=oas30_format_checker)


def escape(token):
    return token.replace("~", "~0").replace("/", "~1")


def deref(doc, node):
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 50:
        target = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
        seen += 1
    return node


def undeclared(doc, schema, value, where, out):
    """Properties present in value but declared nowhere in schema (allOf/oneOf/anyOf merged)."""
    schema = deref(doc, schema)
    if not isinstance(schema, dict):
        return
    if isinstance(value, dict):
        props, open_ended = {}, False
        stack = [schema]
        while stack:
            s = deref(doc, stack.pop())
            if not isinstance(s, dict):
                continue
            props.update(s.get("properties", {}))
            if s.get("additionalProperties") not in (None, False):
                open_ended = True
            for key in ("allOf", "oneOf", "anyOf"):
                stack.extend(s.get(key, []))
        if not props:
            return
        for key, item in value.items():
            if key in props:
                undeclared(doc, props[key], item, where + "." + key, out)
            elif not open_ended:
                out.append("%s.%s is not declared in the spec" % (where, key))
    elif isinstance(value, list) and "items" in schema:
        for n, item in enumerate(value):
            undeclared(doc, schema["items"], item, "%s[%d]" % (where, n), out)


def header(record, name):
    for key, value in (record.get("headers") or {}).items():
        if key.lower() == name.lower():
            return value
    return None


def check(record, specs):
    provider = record["provider"]
    spec = specs[provider]
    prefix = SPEC_FILES[provider][1]
    path = record["path"].split("?")[0]
    status = int(record["status"])
    problems = []
    if not path.startswith(prefix):
        return ["path %s does not start with %s" % (path, prefix)]
    template = spec.route(path[len(prefix):])
    if template is None:
        return ["no spec path matches %s" % path]
    operation = spec.doc["paths"][template].get(record["method"].lower())
    if operation is None:
        return ["%s %s is not in the spec" % (record["method"], template)]
    responses = operation.get("responses", {})
    key = str(status) if str(status) in responses else ("%dXX" % (status // 100) if "%dXX" % (status // 100) in responses else "default")
    text = record.get("body") or ""
    body = None
    if text.strip():
        try:
            body = json.loads(text)
        except ValueError:
            return ["body is not JSON: %r" % text[:200]]
    if key not in responses:
        if status not in DOCUMENTED_EXTRA[provider]:
            return ["status %d is not declared for %s %s" % (status, record["method"], template)]
        response = {}
    else:
        response = deref(spec.doc, responses[key])
    content = (response.get("content") or {}).get("application/json")
    if content and "schema" in content:
        if body is None:
            problems.append("spec declares a JSON body but none was sent")
        else:
            pointer = "/paths/%s/%s/responses/%s/content/application~1json/schema" % (
                escape(template), record["method"].lower(), key)
            for error in spec.validator(pointer).iter_errors(body):
                location = "/".join(str(p) for p in error.absolute_path)
                problems.append("schema: %s at /%s" % (error.message[:300], location))
            undeclared(spec.doc, content["schema"], body, "body", problems)
    elif status >= 400:
        if body is None:
            problems.append("error answer without the %s error body" % provider)
        else:
            for error in OAS30ReadValidator(ERROR_SHAPES[provider]).iter_errors(body):
                problems.append("error shape: %s" % error.message[:300])
    elif body is not None:
        problems.append("spec declares no body for %d but one was sent" % status)
    if provider == "webex" and not header(record, "TrackingID"):
        problems.append("Webex answer without a TrackingID header")
    if status == 429:
        retry = header(record, "Retry-After")
        if retry is None:
            problems.append("429 without Retry-After")
        elif provider == "zoom":
            try:
                datetime.strptime(retry, "%Y-%m-%dT%H:%M:%SZ")
            except ValueError:
                problems.append("Zoom Retry-After is not an ISO-8601 time: %r" % retry)
            for name in ("X-RateLimit-Type", "X-RateLimit-Limit", "X-RateLimit-Remaining"):
                if header(record, name) is None:
                    problems.append("Zoom 429 without %s" % name)
        elif not retry.isdigit():
            problems.append("Webex Retry-After is not seconds: %r" % retry)
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--specs", required=True)
    parser.add_argument("records")
    args = parser.parse_args()
    with open(args.records) as f:
        records = json.load(f)
    providers = sorted({r["provider"] for r in records})
    specs = {}
    for provider in providers:
        specs[provider] = Spec(provider, "%s/%s" % (args.specs, SPEC_FILES[provider][0]))
    failures = 0
    for n, record in enumerate(records):
        for problem in check(record, specs):
            failures += 1
            print("FAIL #%d %s %s %s -> %s: %s" % (n, record["provider"], record["method"], record["path"],
                                                    record["status"], problem))
    print("spec-check: %d responses, %d problems" % (len(records), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
