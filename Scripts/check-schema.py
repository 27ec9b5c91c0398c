#!/usr/bin/env python3
"""check-schema.py SCHEMA FILE...: validates each YAML FILE against a JSON Schema (draft 2020-12).

Prints one line per file: "ok FILE" or "invalid FILE: PATH: MESSAGE"; exits 1 when any file is invalid.
Needs python3 jsonschema and PyYAML (Scripts/setup.sh installs them).
"""
import json
import sys

import jsonschema
import yaml


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
        if errors:
            failed = True
            first = errors[0]
            where = ".".join(str(part) for part in first.absolute_path) or "(top)"
            print(f"invalid {path}: {where}: {first.message}")
        else:
            print(f"ok {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
