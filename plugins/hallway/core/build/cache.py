"""What a long-running ``hallway serve`` keeps between rebuilds: parsed files, mention scans, term
counts, local graphs."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..kb.loader import CheckedFile
from ..kb.parsecache import ParseCache
from ..kb.reload import LoadMemo
from ..link.matcher import Matcher
from ..link.scan_memo import ScanMemo
from ..link.wikilinks import WikiIndex
from ..pages.graphs import GraphMemo
from ..pages.replan import LastPlan
from ..relate.relations import TextMemo


@dataclass
class BuildCache:
    """What a long-running ``hallway serve`` keeps between rebuilds."""

    files: ParseCache[CheckedFile] = field(default_factory=ParseCache)
    loaded: LoadMemo = field(default_factory=LoadMemo)
    """The last load, reused after an edit to notes' text (``kb/reload.py``)."""
    scans: ScanMemo = field(default_factory=ScanMemo)
    text: TextMemo = field(default_factory=TextMemo)
    abstracts: dict[str, str] = field(default_factory=dict)
    """Program abstracts' HTML by their Markdown (``pages/siteplan.py``)."""
    local_graphs: GraphMemo = field(default_factory=dict)
    """Each page's local graph and what it was drawn from (``pages/graphs.py``)."""
    linker: tuple[tuple[object, ...], Matcher, WikiIndex] | None = None
    """What the last matcher and wiki-link index were built from, and them (``build/pipeline.py``)."""
    plan: LastPlan | None = None
    """The last accepted plan and what each page read (``pages/replan.py``)."""
