#!/usr/bin/env python3
"""Judge Zoom and Webex exchanges by the official OpenAPI specs (zoom-users.json, webex-admin.json).

Usage:
  validate.py --specs DIR --records-dir DIR   every exchange the simulator recorded (JSON Lines files written
                                              when ORGANIZER_SYNC_SIMULATOR_RECORD_DIR is set): requests and
                                              responses
  validate.py --specs DIR RECORDS.json        a list of responses only, as the contract tests collect them:
                                              {"provider", "method", "path", "status", "headers", "body"}

Requests (recorded exchanges sent by organizer-sync's real clients, told by their User-Agent): the path
matches a spec path and the method an operation of it; every query parameter is declared for the operation
and its value fits the parameter's schema; required parameters are there; a JSON body is declared, valid for
the request schema (write direction: read-only properties refused) and has no property the schema does not
declare.

Responses: the status is declared for the operation or allowed by ALLOWED below; a declared JSON body is valid
(read direction, formats checked) with no undeclared property; error answers without a declared body have the
provider's documented error shape; Webex answers carry TrackingID; 429s carry the provider's headers (Zoom:
X-RateLimit-Category naming the operation's rate-limit label and X-RateLimit-Type; daily limits add
X-RateLimit-Limit, X-RateLimit-Remaining and an ISO-8601 Retry-After, per-second limits carry none of those;
Webex: Retry-After in seconds). Rules the spec states in prose are checked too (PROSE_RULES).

Skipped and counted: exchanges not sent by the real clients (hand-written test requests), token endpoints (not
in these specs), GoTo (no official spec for /admin/rest/v1), and exchanges a test marked exempt (a hostile or
broken answer it asked the simulator for, SimulatorKnobs.specCheckExemption). Exit status 0 when nothing
failed, 1 otherwise (each failure printed).
"""
import argparse
import glob
import json
import re
import sys
from datetime import datetime
from urllib.parse import parse_qsl

from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_FILES = {"zoom": ("zoom-users.json", "/v2"), "webex": ("webex-admin.json", "/v1")}
CLIENT_AGENT = "organizer-sync"

# Deviations from the spec that the providers' own published documentation states, each with its source in
# ../shared/providers/PROVIDER-APIS.md. (provider, predicate(status, body, record), source)
ALLOWED = [
    ("zoom", lambda s, b, r: s == 429,
     "429 on any operation: Zoom's rate limits apply to every endpoint, and concurrent operations on one "
     "resource return 429 too (PROVIDER-APIS.md 2.4 [S-Z2][S-Z8])"),
    ("zoom", lambda s, b, r: s == 401 and isinstance(b, dict) and b.get("code") == 124,
     "401 with code 124 for an expired or invalid access token (PROVIDER-APIS.md 2.5: HTTP 401, 124 = token "
     "expired [S-Z9])"),
    ("zoom", lambda s, b, r: s in (500, 502, 503) and bool(r.get("fault")),
     "an injected 500/502/503 (the simulator's fault knobs): PROVIDER-APIS.md 4 lists retry on server errors "
     "for every provider; the Zoom spec declares no 5xx"),
    ("webex", lambda s, b, r: s in (401, 423, 429) or 500 <= s <= 504,
     "401, 423 and 429 with Retry-After, and 500/502/503/504 on any operation (PROVIDER-APIS.md 3.6 "
     "[S-W1][S-W10])"),
]

# Query parameters the spec does not declare but the provider's own next-page links carry; the client follows
# those links as given. (provider, method, template, parameter, source)
ALLOWED_PARAMETERS = [
    ("webex", "get", "/people", "cursor",
     "the paging cursor of a Link rel=\"next\" URL, which clients follow as given (PROVIDER-APIS.md 3.6 "
     "[S-W2][S-W3])"),
]

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


def webex_id_lookup_without_presence(record, body):
    """webex-admin.json, GET /people parameter `id`: "presence information (such as the `lastActivity` or
    `status` properties) will not be included in the response"."""
    text = record.get("query") or (record["path"].split("?", 1)[1] if "?" in record["path"] else "")
    query = dict(parse_qsl(text, keep_blank_values=True))
    if "id" not in query or not isinstance(body, dict):
        return []
    return ["item %d carries %s, which the spec leaves out of ?id= lookups" % (n, key)
            for n, item in enumerate(body.get("items") or []) if isinstance(item, dict)
            for key in ("status", "lastActivity") if key in item]


# Rules the spec states in prose: (provider, method, template, status, check(record, body) -> problems).
PROSE_RULES = [("webex", "get", "/people", 200, webex_id_lookup_without_presence)]


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
        self.validators = {}

    def route(self, path):
        for _, template, pattern in self.routes:
            if pattern.match(path):
                return template
        return None

    def validator(self, pointer, write=False):
        key = (pointer, write)
        if key not in self.validators:
            cls = OAS30WriteValidator if write else OAS30ReadValidator
            self.validators[key] = cls({"$ref": self.uri + "#" + pointer}, registry=self.registry,
                                       format_checker=oas30_format_checker)
        return self.validators[key]

    def parameters(self, template, method):
        item = self.doc["paths"][template]
        params = {}
        for p in item.get("parameters", []) + item[method].get("parameters", []):
            p = deref(self.doc, p)
            params[(p["name"], p["in"])] = p
        return params

    def rate_label(self, template, method):
        found = re.search(r"Rate Limit Label[^`]*`([^`]+)`", self.doc["paths"][template][method].get("description", ""))
        return found.group(1) if found else None


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


def header(headers, name):
    for key, value in (headers or {}).items():
        if key.lower() == name.lower():
            return value
    return None


def typed(doc, schema, text):
    """A query value as the parameter's schema types it, or a ValueError."""
    schema = deref(doc, schema) or {}
    kind = schema.get("type")
    if kind == "integer":
        if not re.fullmatch(r"-?[0-9]+", text):
            raise ValueError("not an integer")
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "boolean":
        if text not in ("true", "false"):
            raise ValueError("not true or false")
        return text == "true"
    if kind == "array":
        return [typed(doc, schema.get("items", {}), part) for part in text.split(",")]
    return text


def split(record, specs):
    """(spec, template, method) of a record, or a problem."""
    provider = record["provider"]
    spec = specs[provider]
    prefix = SPEC_FILES[provider][1]
    path = record["path"].split("?")[0]
    if not path.startswith(prefix):
        return None, "path %s does not start with %s" % (path, prefix)
    template = spec.route(path[len(prefix):])
    if template is None:
        return None, "no spec path matches %s" % path
    method = record["method"].lower()
    if method not in spec.doc["paths"][template]:
        return None, "%s %s is not in the spec" % (record["method"], template)
    return (spec, template, method), None


def check_request(record, spec, template, method):
    problems = []
    params = spec.parameters(template, method)
    query = parse_qsl(record.get("query") or "", keep_blank_values=True)
    names = [name for name, _ in query]
    for name, value in query:
        declared = params.get((name, "query"))
        if declared is None and any(entry[:4] == (spec.provider, method, template, name) for entry in ALLOWED_PARAMETERS):
            continue
        if declared is None:
            problems.append("query parameter %s is not declared for %s %s" % (name, method.upper(), template))
            continue
        if names.count(name) > 1:
            problems.append("query parameter %s sent more than once" % name)
        try:
            value = typed(spec.doc, declared.get("schema"), value)
        except ValueError as error:
            problems.append("query parameter %s=%r: %s" % (name, value, error))
            continue
        for error in OAS30WriteValidator(deref(spec.doc, declared.get("schema", {}))).iter_errors(value):
            problems.append("query parameter %s=%r: %s" % (name, value, error.message[:200]))
    for (name, where), declared in params.items():
        if where == "query" and declared.get("required") and name not in names:
            problems.append("required query parameter %s is missing" % name)
    operation = spec.doc["paths"][template][method]
    body_spec = deref(spec.doc, operation.get("requestBody"))
    text = record.get("request_body") or ""
    if not text.strip():
        if body_spec and body_spec.get("required"):
            problems.append("the spec requires a request body")
        return problems
    if not body_spec:
        return problems + ["%s %s takes no request body, but one was sent" % (method.upper(), template)]
    content = (body_spec.get("content") or {}).get("application/json")
    if content is None:
        return problems + ["the spec declares no JSON request body"]
    if "json" not in (header(record.get("request_headers"), "Content-Type") or ""):
        problems.append("request body without Content-Type: application/json")
    try:
        body = json.loads(text)
    except ValueError:
        return problems + ["request body is not JSON: %r" % text[:200]]
    pointer = "/paths/%s/%s/requestBody/content/application~1json/schema" % (escape(template), method)
    if "$ref" in (operation.get("requestBody") or {}):
        pointer = operation["requestBody"]["$ref"].lstrip("#") + "/content/application~1json/schema"
    for error in spec.validator(pointer, write=True).iter_errors(body):
        location = "/".join(str(p) for p in error.absolute_path)
        problems.append("request schema: %s at /%s" % (error.message[:300], location))
    undeclared(spec.doc, content["schema"], body, "request", problems)
    return problems


def check_response(record, spec, template, method):
    provider = spec.provider
    status = int(record["status"])
    headers = record.get("headers") if "headers" in record else record.get("response_headers")
    text = (record.get("body") if "body" in record else record.get("response_body")) or ""
    problems = []
    body = None
    if text.strip():
        try:
            body = json.loads(text)
        except ValueError:
            return ["body is not JSON: %r" % text[:200]]
    responses = spec.doc["paths"][template][method].get("responses", {})
    family = "%dXX" % (status // 100)
    key = str(status) if str(status) in responses else (family if family in responses else None)
    if key is None and "default" in responses:
        key = "default"
    if key is None:
        if not any(p == provider and allowed(status, body, record) for p, allowed, _ in ALLOWED):
            return ["status %d is not declared for %s %s" % (status, method.upper(), template)]
        response = {}
    else:
        response = deref(spec.doc, responses[key])
    content = (response.get("content") or {}).get("application/json")
    if content and "schema" in content:
        if body is None:
            problems.append("spec declares a JSON body but none was sent")
        else:
            pointer = "/paths/%s/%s/responses/%s/content/application~1json/schema" % (escape(template), method, key)
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
    for rule_provider, rule_method, rule_template, rule_status, rule in PROSE_RULES:
        if (rule_provider, rule_method, rule_template, rule_status) == (provider, method, template, status):
            problems.extend(rule(record, body))
    if provider == "webex" and not header(headers, "TrackingID"):
        problems.append("Webex answer without a TrackingID header")
    if status == 429:
        problems.extend(check_throttle(provider, headers, spec.rate_label(template, method)))
    return problems


def check_throttle(provider, headers, label):
    """PROVIDER-APIS.md 2.4 (Zoom) and 3.6 (Webex): what a 429 carries."""
    problems = []
    retry = header(headers, "Retry-After")
    if provider == "webex":
        if retry is None or not retry.isdigit():
            problems.append("Webex 429 without Retry-After in seconds: %r" % retry)
        return problems
    category = header(headers, "X-RateLimit-Category")
    if label and (category or "").lower() != label.lower():
        problems.append("Zoom 429 names rate-limit category %r; the operation's label is %r" % (category, label))
    kind = header(headers, "X-RateLimit-Type")
    if kind == "Daily-limit":
        for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After"):
            if header(headers, name) is None:
                problems.append("Zoom daily-limit 429 without %s" % name)
        try:
            datetime.strptime(retry or "", "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            problems.append("Zoom Retry-After is not an ISO-8601 time: %r" % retry)
    elif kind == "QPS":
        for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After"):
            if header(headers, name) is not None:
                problems.append("Zoom per-second 429 carries the daily-limit header %s" % name)
    else:
        problems.append("Zoom 429 with X-RateLimit-Type %r (QPS or Daily-limit)" % kind)
    return problems


def judge(records, specs, full):
    failures, checked, skipped = [], 0, {}
    for n, record in enumerate(records):
        reason = None
        if record.get("provider") not in SPEC_FILES:
            reason = "provider %s (no official spec)" % record.get("provider")
        elif full and record.get("exempt"):
            reason = "marked exempt by a test"
        elif full and any(part.endswith("token") for part in record["path"].split("/")):
            reason = "token endpoint (not in the specs)"
        elif full and header(record.get("request_headers"), "User-Agent") != CLIENT_AGENT:
            reason = "not sent by organizer-sync's clients"
        if reason:
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        checked += 1
        found, problem = split(record, specs)
        problems = [problem] if problem else []
        if found:
            if full:
                problems += ["request: " + p for p in check_request(record, *found)]
            if record.get("status") is not None:
                problems += ["response: " + p if full else p for p in check_response(record, *found)]
        for problem in problems:
            failures.append("FAIL #%d %s %s %s%s -> %s: %s" % (
                n, record["provider"], record["method"], record["path"],
                "?" + record["query"] if record.get("query") else "", record.get("status"), problem))
    return checked, skipped, failures


def load_records_dir(folder):
    records = []
    for path in sorted(glob.glob(folder + "/*.jsonl")):
        with open(path) as f:
            for number, line in enumerate(f, 1):
                if not line.endswith("\n"):
                    continue  # a simulator killed mid-line: its last exchange is incomplete
                try:
                    records.append(json.loads(line))
                except ValueError:
                    print("FAIL %s:%d is not JSON" % (path, number))
                    records.append({"provider": "unreadable"})
    return records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--specs", required=True)
    parser.add_argument("--records-dir")
    parser.add_argument("records", nargs="?")
    args = parser.parse_args()
    if bool(args.records_dir) == bool(args.records):
        parser.error("give either --records-dir or a RECORDS.json file")
    full = bool(args.records_dir)
    if full:
        records = load_records_dir(args.records_dir)
    else:
        with open(args.records) as f:
            records = json.load(f)
    specs = {p: Spec(p, "%s/%s" % (args.specs, SPEC_FILES[p][0])) for p in SPEC_FILES
             if any(r.get("provider") == p for r in records)}
    checked, skipped, failures = judge(records, specs, full)
    for line in failures:
        print(line)
    for reason, count in sorted(skipped.items()):
        print("spec-check: skipped %d: %s" % (count, reason))
    print("spec-check: %d %s checked, %d problems" % (checked, "exchanges" if full else "responses", len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
