"""Validate SARIF logs against the OASIS SARIF 2.1.0 JSON schema (draft-04).

Usage: python sarif_validate.py [--require-uri-format] SCHEMA LOG...

Exit status: 0 when every log is valid, 1 when any is not (each error is printed),
3 when the `jsonschema` package (or, with --require-uri-format, a URI format checker such as
`rfc3986-validator`) is missing. tests/sarif.rs runs this with the Python that .ci/run sets up.
"""

import json
import sys


def main(argv):
    require_uri = "--require-uri-format" in argv
    args = [a for a in argv if a != "--require-uri-format"]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        from jsonschema import Draft4Validator, FormatChecker
    except ImportError as e:
        print(f"MISSING: the Python package `jsonschema` is not installed ({e}); "
              "run .ci/run, or `pip install jsonschema rfc3986-validator`", file=sys.stderr)
        return 3
    checker = FormatChecker()
    if require_uri and not {"uri", "uri-reference"} <= set(checker.checkers):
        print("MISSING: jsonschema cannot check the `uri` format; "
              "`pip install rfc3986-validator`", file=sys.stderr)
        return 3
    with open(args[0], encoding="utf-8") as f:
        schema = json.load(f)
    Draft4Validator.check_schema(schema)
    validator = Draft4Validator(schema, format_checker=checker)
    failed = 0
    for path in args[1:]:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: /{where}: {error.message}")
        failed += bool(errors)
    print(f"checked {len(args) - 1} SARIF logs, {failed} invalid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
