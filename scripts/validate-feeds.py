#!/usr/bin/env python3
"""Checks rendered feeds the way aggregators and validators read them.

Renders the samples of scripts/render-samples.ts (plain, paged with hub and logo, hostile text,
empty; every format), then: xmllint --noout (libxml2 well-formedness), jing against RFC 4287's
RELAX NG grammar (scripts/atom-rfc4287.rnc) for Atom, Python feedparser (bozo must be 0, fields
read back), and a JSON Feed 1.1 shape check. Exit status 1 on any failure.

Needs Debian's libxml2-utils, jing and python3-feedparser (scripts/test-deps.sh installs them); npx tsx for rendering.
Usage: python3 scripts/validate-feeds.py [OUT_DIR]
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import feedparser
except ImportError:  # pyenv and the like shadow Debian's python3, which has python3-feedparser
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    sys.exit("python3-feedparser is not installed (apt-get install -y python3-feedparser)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0700$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print(f"FAIL {what}")


def run(cmd):
    result = subprocess.run(cmd, capture_output=True, text=True)
    return result.returncode, (result.stdout + result.stderr).strip()


def keys_deep(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from keys_deep(v)
    elif isinstance(value, list):
        for v in value:
            yield from keys_deep(v)


def check_xml(path):
    code, out = run(["xmllint", "--noout", path])
    check(code == 0, f"xmllint {path}: {out}")
    if path.endswith(".atom.xml") and shutil.which("jing"):
        code, out = run(["jing", "-c", os.path.join(ROOT, "scripts", "atom-rfc4287.rnc"), path])
        errors = "\n".join(line for line in out.splitlines() if not line.startswith("[warning]"))
        check(code == 0, f"jing (RFC 4287 grammar) {path}: {errors}")
    d = feedparser.parse(path)
    check(not d.bozo, f"feedparser bozo {path}: {d.get('bozo_exception')}")
    atom = path.endswith(".atom.xml")
    check(d.version == ("atom10" if atom else "rss20"), f"feedparser version {path}: {d.version}")
    check(d.feed.get("language", "vi") == "vi", f"language {path}")
    if not atom:
        check(d.feed.get("managingEditor", d.feed.get("author", "")).endswith("(Phạm Văn Trường)"), f"managingEditor {path}")
    for e in d.entries:
        where = f"{path} entry {e.get('id')}"
        check(bool(e.get("title")), f"title {where}")
        check(bool(RFC3339.match(e.published) if atom else RFC822.match(e.published)), f"published {e.get('published')} {where}")
        check(not e.get("guidislink") or atom, f"guid isPermaLink {where}")
        for link in e.get("links", []):
            if link.get("rel") == "enclosure":
                check(link.get("type") in ("image/jpeg", "image/png"), f"enclosure type {link.get('type')} {where}")
    ids = [e.get("id") for e in d.entries]
    check(len(ids) == len(set(ids)), f"unique ids {path}")


def check_json(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    check(doc.get("version") == "https://jsonfeed.org/version/1.1", f"JSON Feed version {path}")
    check("author" not in set(keys_deep(doc)), f"JSON Feed 1.0 'author' in {path}")
    check(isinstance(doc.get("_masthead"), dict) and doc.get("language") == "vi", f"_masthead/language {path}")
    for item in doc.get("items", []):
        check(bool(item.get("id")) and ("content_html" in item or "content_text" in item), f"item {item.get('id')} {path}")
        for k in ("date_published", "date_modified"):
            check(bool(RFC3339.match(item.get(k, ""))), f"{k} {item.get(k)} {path}")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="vnfeeds-samples-")
    code, listing = run(["npx", "--no-install", "tsx", os.path.join(ROOT, "scripts", "render-samples.ts"), out])
    if code != 0:
        sys.exit(f"rendering samples failed:\n{listing}")
    files = listing.splitlines()
    for path in files:
        (check_json if path.endswith(".json") else check_xml)(path)
    print(f"{len(files)} feeds checked in {out}: {'all valid' if not failures else f'{len(failures)} failures'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
