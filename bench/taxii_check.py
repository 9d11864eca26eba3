#!/usr/bin/env python3
"""Reads leakwatch's TAXII 2.1 collection with the ecosystem's client (taxii2-client from PyPI)
and checks what it gets (issue 14):

- discovery -> API root -> the collection (can_read, not can_write);
- every object, page by page (`as_pages`, PAGE objects per request), none twice, the same ids as
  the STIX bundle `leakwatch export --format stix` wrote, valid for stix2-validator;
- the manifest lists the same ids; `added_after` the newest date returns nothing.

Usage: taxii_check.py URL TOKEN BUNDLE.json [PAGE]
Prints timings (the first request computes and caches the collection) and exits 1 on a failure.
"""
import json
import sys
import tempfile
import time

import requests
from stix2validator import ValidationOptions, validate_file
from taxii2client.v21 import Server, as_pages


class Bearer(requests.auth.AuthBase):
    def __init__(self, token):
        self.token = token

    def __call__(self, r):
        r.headers["Authorization"] = f"Bearer {self.token}"
        return r


def main():
    url, token, bundle_path = sys.argv[1:4]
    page = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    auth = Bearer(token)
    failures = []

    t0 = time.monotonic()
    server = Server(url, auth=auth)
    roots = server.api_roots
    if len(roots) != 1:
        failures.append(f"{len(roots)} API roots")
    root = server.default or roots[0]
    collections = root.collections
    if len(collections) != 1:
        failures.append(f"{len(collections)} collections")
    col = collections[0]
    if not col.can_read or col.can_write:
        failures.append(f"can_read={col.can_read} can_write={col.can_write}")

    t1 = time.monotonic()
    objects, pages, first_page = [], 0, None
    for envelope in as_pages(col.get_objects, per_request=page):
        pages += 1
        if first_page is None:
            first_page = time.monotonic() - t1
        objects.extend(envelope.get("objects", []))
    walk = time.monotonic() - t1
    ids = [o["id"] for o in objects]
    if len(set(ids)) != len(ids):
        failures.append(f"{len(ids) - len(set(ids))} objects came twice")

    with open(bundle_path, encoding="utf-8") as f:
        exported = {o["id"] for o in json.load(f)["objects"]}
    if set(ids) != exported:
        failures.append(
            f"collection and export differ: {len(set(ids) - exported)} only in the collection, "
            f"{len(exported - set(ids))} only in the export")

    manifest_ids, newest = set(), None
    for envelope in as_pages(col.get_manifest, per_request=page):
        for entry in envelope.get("objects", []):
            manifest_ids.add(entry["id"])
            newest = max(newest or entry["date_added"], entry["date_added"])
    if manifest_ids != set(ids):
        failures.append("the manifest lists other objects")
    later = col.get_objects(added_after=newest) if newest else {}
    if later.get("objects"):
        failures.append(f"{len(later['objects'])} objects added after the newest date")

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"type": "bundle", "id": "bundle--6c65616b-7761-4c57-8a3e-000000000001",
                   "objects": objects}, f)
        path = f.name
    results = validate_file(path, ValidationOptions(version="2.1"))
    errors = sum(len(r.errors) for r in results.object_results)
    if errors or not results.is_valid:
        failures.append(f"stix2-validator: {errors} errors")

    print(f"taxii2-client: discovery + collections {t1 - t0:.2f} s; {len(objects)} objects in "
          f"{pages} pages of {page} in {walk:.2f} s (first page {first_page or 0:.2f} s, "
          f"computing the collection); manifest {len(manifest_ids)} ids; "
          f"stix2-validator {errors} errors -> {'OK' if not failures else 'FAIL'}")
    for f in failures:
        print("  ", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
