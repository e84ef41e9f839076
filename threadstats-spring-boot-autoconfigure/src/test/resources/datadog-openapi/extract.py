"""Keeps, from one of Datadog's OpenAPI documents, what the payload schema tests need.

Usage: python3 extract.py <openapi.yaml> <out.yaml> <path> [<path> ...]

For each path, its POST operation keeps its header parameters (Content-Encoding) and its
request body schema; components keep every schema and parameter those refer to,
transitively. Nothing is rewritten: what stays is Datadog's text.
"""
import sys

import yaml


def refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/"):
            found.add(tuple(ref[len("#/components/"):].split("/", 1)))
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main(source, target, paths):
    with open(source, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    kept_paths = {}
    for path in paths:
        post = document["paths"][path]["post"]
        operation = {"operationId": post["operationId"]}
        parameters = [p for p in post.get("parameters", []) if "$ref" in p or p.get("in") == "header"]
        if parameters:
            operation["parameters"] = parameters
        body = post["requestBody"]
        operation["requestBody"] = {
            "content": {media: {"schema": value["schema"]} for media, value in body["content"].items()},
            "required": body.get("required", False),
        }
        kept_paths[path] = {"post": operation}
    components = {}
    pending = set()
    refs(kept_paths, pending)
    while pending:
        kind, name = pending.pop()
        if name in components.get(kind, {}):
            continue
        value = document["components"][kind][name]
        components.setdefault(kind, {})[name] = value
        refs(value, pending)
    trimmed = {
        "openapi": document["openapi"],
        "info": {"title": document["info"]["title"], "version": document["info"]["version"]},
        "paths": kept_paths,
        "components": {kind: dict(sorted(values.items())) for kind, values in sorted(components.items())},
    }
    with open(target, "w", encoding="utf-8") as f:
        yaml.safe_dump(trimmed, f, sort_keys=False, allow_unicode=True, width=100)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
