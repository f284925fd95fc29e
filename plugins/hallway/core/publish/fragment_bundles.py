"""Fewer search files: Pagefind's per-page result fragments, packed into a few hundred bundles.

Pagefind writes one ``fragment/<hash>.pf_fragment`` per indexed page (the page's text, title and
metadata that a result shows). At 21,570 talks that is 21,570 files beside the 38,000 pages, over
what GitHub Pages and other hosts take (Pagefind has no option for it yet: upstream issue #74,
"group fragments into a fewer number of files"). After Pagefind runs, this module:

- packs the fragments into ``fragment/<lang>_<tag>_<n>.pf_bundle`` files, one per bucket of the
  fragment's hash (``int(hash, 16) % buckets``, about :data:`BUNDLE_BYTES` each);
  a bundle is one line of JSON (``{hash: [offset, length]}``) then the fragments' bytes as Pagefind
  wrote them, so nothing is decompressed or compressed again;
- makes Pagefind's loader (``_loadFragment`` in ``pagefind.js`` and ``pagefind-worker.js``) read a
  fragment out of its bundle, fetched once and kept for the other results in it;
- removes Pagefind's ready-made UIs, which Hallway's own search (``assets/hallway/search.js``) does
  not use.

The loader is replaced by matching Pagefind's own code. If a Pagefind version writes it differently,
nothing is changed (one fragment per page, as before) and :func:`bundle_fragments` says why, so a
search test fails rather than the site's search.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

BUNDLE_BYTES = 16 * 1024
"""About this many bytes in one bundle: a first query's results (8 in the header box, 10 on the
search page) fetch at most that many bundles, ~130–160 KB; the pyvideo archive's 21,570 talks need
~850 files, not 21,570."""
MAX_PER_BUNDLE = 64
MIN_PER_BUNDLE = 8
LOADERS = ("pagefind.js", "pagefind-worker.js")
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
_FRAGMENT = re.compile(r"^(.+)_([0-9a-f]+)\.pf_fragment$")
# Pagefind 1.x's fragment loader, as it is minified in pagefind.js and pagefind-worker.js.
_LOADER = re.compile(
    r"async _loadFragment\((\w+)\)\{let (\w+)=await this\.throttledFetch\(`\$\{this\.basePath\}"
    r"fragment/\$\{\1\}\.pf_fragment`\);let (\w+)=await \2\.arrayBuffer\(\);let (\w+)=this\.decompress"
    r"\(new Uint8Array\(\3\),`Fragment \$\{\1\}`\);"
    r"return JSON\.parse\(new TextDecoder\(\)\.decode\(\4\)\);\}")


@dataclass
class BundleReport:
    """What :func:`bundle_fragments` did."""

    fragments: int = 0
    bundles: int = 0
    skipped: str = ""
    """Why nothing was bundled (empty when it was)."""


def bucket_count(fragments: int, total_bytes: int) -> int:
    """How many bundles: ~:data:`BUNDLE_BYTES` each, with 8 to 64 fragments in each."""
    by_bytes = math.ceil(total_bytes / BUNDLE_BYTES)
    return max(1, min(max(by_bytes, math.ceil(fragments / MAX_PER_BUNDLE)),
                      math.ceil(fragments / MIN_PER_BUNDLE)))


def _loader_js(buckets: int, tag: str) -> str:
    """The replacement ``_loadFragment``: the fragment's bundle (fetched once), then its bytes."""
    return (
        "async _loadFragment(hash){const i=hash.lastIndexOf(\"_\");"
        f"const name=`${{hash.slice(0,i)}}_{tag}_${{parseInt(hash.slice(i+1),16)%{buckets}}}`;"
        "this.hwBundles=this.hwBundles||{};"
        "if(!this.hwBundles[name]){this.hwBundles[name]=this.throttledFetch("
        "`${this.basePath}fragment/${name}.pf_bundle`)"
        ".then(r=>{if(!r.ok)throw new Error(`${name}: ${r.status}`);"
        "return r.arrayBuffer();}).then(b=>{const bytes=new Uint8Array(b);const nl=bytes.indexOf(10);"
        "return{at:JSON.parse(new TextDecoder().decode(bytes.subarray(0,nl))),body:bytes.subarray(nl+1)};});"
        "this.hwBundles[name].catch(()=>{delete this.hwBundles[name];});}"
        "const bundle=await this.hwBundles[name];const [off,len]=bundle.at[hash];"
        "const fragment=this.decompress(bundle.body.slice(off,off+len),`Fragment ${hash}`);"
        "return JSON.parse(new TextDecoder().decode(fragment));}")


def bundle_fragments(index_dir: Path) -> BundleReport:
    """Pack ``<index_dir>/fragment/*.pf_fragment`` into bundles and point Pagefind's loader at them."""
    report = BundleReport()
    folder = index_dir / "fragment"
    loaders = [index_dir / name for name in LOADERS if (index_dir / name).is_file()]
    if not folder.is_dir() or not loaders:
        report.skipped = "no Pagefind fragments or loader found"
        return report
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".pf_fragment"))
    parsed = [_FRAGMENT.match(name) for name in names]
    if not names or any(m is None for m in parsed):
        report.skipped = "no fragments, or a fragment name that is not <lang>_<hex hash>"
        return report
    sources = {path: path.read_text(encoding="utf-8") for path in loaders}
    if any(len(_LOADER.findall(text)) != 1 for text in sources.values()):
        report.skipped = "this Pagefind version loads fragments differently"
        return report
    buckets = bucket_count(len(names), sum((folder / name).stat().st_size for name in names))
    tag = hashlib.sha256("\n".join(names).encode()).hexdigest()[:8]
    groups: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    for name, match in zip(names, parsed, strict=True):
        assert match is not None
        lang, digits = match.groups()
        groups[f"{lang}_{tag}_{int(digits, 16) % buckets}"].append(
            (name[: -len(".pf_fragment")], (folder / name).read_bytes()))
    for bundle, members in groups.items():
        offsets: dict[str, list[int]] = {}
        at = 0
        for key, data in members:
            offsets[key] = [at, len(data)]
            at += len(data)
        head = json.dumps(offsets, separators=(",", ":")).encode() + b"\n"
        (folder / f"{bundle}.pf_bundle").write_bytes(head + b"".join(data for _, data in members))
    for path, text in sources.items():
        path.write_text(_LOADER.sub(lambda _: _loader_js(buckets, tag), text), encoding="utf-8")
    for name in names:
        (folder / name).unlink()
    for name in UNUSED:
        (index_dir / name).unlink(missing_ok=True)
    report.fragments, report.bundles = len(names), len(groups)
    return report
