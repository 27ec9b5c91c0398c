#!/usr/bin/env bash
# Writes docs/schema/*.json (the JSON Schemas of the configuration, mapping files and source presets) with the
# built organizer-sync. Run it after changing a key in ConfigurationShape or MappingShape; SchemaTests fails
# while docs/schema differs from what `organizer-sync schema` prints.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
binary="${1:-.build/debug/organizer-sync}"
mkdir -p docs/schema
"$binary" schema config > docs/schema/organizer-sync.schema.json
"$binary" schema mapping > docs/schema/mapping.schema.json
"$binary" schema source-preset > docs/schema/source-preset.schema.json
echo "wrote docs/schema/organizer-sync.schema.json, mapping.schema.json, source-preset.schema.json" >&2
