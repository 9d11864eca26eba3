#!/usr/bin/env python3
"""Checks leakwatch's exports with the ecosystem's own validators (issue 14):

- the STIX 2.1 bundle with stix2-validator (no errors; warnings counted),
- every VERIS file with jsonschema (Draft 4) against the VCDB merged schema,
- every MISP event loaded by PyMISP's MISPEvent.

Usage: interop_validate.py --stix BUNDLE --veris DIR --misp DIR --schema vcdb-merged.json
Prints one line per check and exits 1 if any fails.
"""
import argparse
import glob
import json
import os
import sys


def check_stix(path):
    from stix2validator import ValidationOptions, validate_file

    results = validate_file(path, ValidationOptions(version="2.1"))
    errors = []
    warnings = 0
    for obj in results.object_results:
        errors.extend(f"{obj.object_id}: {e}" for e in obj.errors)
        warnings += len(obj.warnings)
    ok = results.is_valid and not errors
    with open(path, encoding="utf-8") as f:
        n = len(json.load(f)["objects"])
    print(f"stix2-validator: {path}: {n} objects, {len(errors)} errors, {warnings} warnings -> {'OK' if ok else 'FAIL'}")
    for e in errors[:20]:
        print("  ", e)
    return ok


def check_veris(directory, schema_path):
    import jsonschema

    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    files = sorted(glob.glob(os.path.join(directory, "*.json")))
    bad = 0
    for p in files:
        with open(p, encoding="utf-8") as f:
            doc = json.load(f)
        errs = list(validator.iter_errors(doc))
        if errs:
            bad += 1
            if bad <= 10:
                e = errs[0]
                print(f"   {os.path.basename(p)}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
    ok = bad == 0 and len(files) > 0
    print(f"jsonschema (VERIS 1.4): {len(files)} files, {bad} invalid -> {'OK' if ok else 'FAIL'}")
    return ok


def check_misp(directory):
    from pymisp import MISPEvent

    files = sorted(glob.glob(os.path.join(directory, "*.json")))
    bad = 0
    attributes = 0
    for p in files:
        with open(p, encoding="utf-8") as f:
            data = json.load(f)
        try:
            ev = MISPEvent()
            ev.from_dict(**data)
            attributes += len(ev.attributes)
            if not ev.info or not ev.uuid:
                raise ValueError("event without info or uuid")
        except Exception as e:  # noqa: BLE001 - report any loading failure
            bad += 1
            if bad <= 10:
                print(f"   {os.path.basename(p)}: {e}")
    ok = bad == 0 and len(files) > 0
    print(f"PyMISP MISPEvent: {len(files)} events ({attributes} attributes), {bad} failed -> {'OK' if ok else 'FAIL'}")
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stix")
    ap.add_argument("--veris")
    ap.add_argument("--misp")
    ap.add_argument("--schema")
    a = ap.parse_args()
    ok = True
    if a.stix:
        ok &= check_stix(a.stix)
    if a.veris:
        ok &= check_veris(a.veris, a.schema)
    if a.misp:
        ok &= check_misp(a.misp)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
