"""Check an Atom document against the structure RFC 4287 requires (section 4).

Not a full validator (no schema for extensions): what a feed reader relies on. Each rule
cites its section; a violation fails with the rule and the element it concerns.
"""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

NS = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as section 3.3 requires (uppercase T and Z allowed per its note).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TEXT_TYPES = {"text", "html", "xhtml"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def html_tags(markup: str) -> list:
    """The elements an HTML reader would build from ``markup`` (empty for plain text)."""
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.tags


def _absolute_iri(value: str) -> bool:
    parts = urlsplit(value or "")
    return bool(parts.scheme) and bool(parts.netloc or parts.path)


def _one(parent, name: str, where: str):
    found = parent.findall(NS + name)
    assert len(found) == 1, f"{where} must contain exactly one atom:{name}, has {len(found)}"
    return found[0]


def _text_construct(element, where: str) -> None:
    kind = element.get("type", "text")
    assert kind in TEXT_TYPES, f"3.1.1 {where}: type={kind!r}"
    if kind == "html":
        # 3.1.1.2: the content is escaped HTML; a reader unescapes it once and renders it.
        assert not list(element), f"3.1.1.2 {where}: type=html must not hold child elements"


def _links(parent, where: str) -> None:
    seen = set()
    for link in parent.findall(NS + "link"):
        assert link.get("href"), f"4.2.7.1 {where}: atom:link without href"
        if link.get("rel", "alternate") == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            assert key not in seen, f"4.1.1 {where}: two alternate links of one type/hreflang"
            seen.add(key)


def _common(parent, where: str) -> None:
    ident = _one(parent, "id", where).text or ""
    assert _absolute_iri(ident), f"4.2.6 {where}: atom:id {ident!r} is not an absolute IRI"
    _text_construct(_one(parent, "title", where), f"{where} title")
    updated = _one(parent, "updated", where).text or ""
    assert RFC3339.match(updated), f"3.3 {where}: updated {updated!r} is not RFC 3339"
    for name in ("published",):
        for element in parent.findall(NS + name):
            assert RFC3339.match(element.text or ""), f"3.3 {where}: {name} {element.text!r}"
    for author in parent.findall(NS + "author"):
        _one(author, "name", f"{where} author")  # 3.2.1
    _links(parent, where)


def validate_atom(content: bytes) -> ET.Element:
    """The parsed feed, after asserting RFC 4287's required structure."""
    feed = ET.fromstring(content)  # well-formed XML 1.0 or it raises
    assert feed.tag == NS + "feed", f"4.1.1: root element is {feed.tag}"
    _common(feed, "feed")
    self_links = [link for link in feed.findall(NS + "link") if link.get("rel") == "self"]
    assert len(self_links) <= 1, "4.2.7.2: more than one self link"
    for link in self_links:
        assert _absolute_iri(link.get("href")), "4.2.7.2: self link must be absolute"
    feed_has_author = bool(feed.findall(NS + "author"))
    ids = set()
    for number, entry in enumerate(feed.findall(NS + "entry"), start=1):
        where = f"entry {number}"
        _common(entry, where)
        ident = entry.findtext(NS + "id")
        assert ident not in ids, f"4.1.1 {where}: id {ident!r} repeated"
        ids.add(ident)
        assert feed_has_author or entry.findall(NS + "author"), f"4.1.2 {where}: no author"
        summaries = entry.findall(NS + "summary")
        assert len(summaries) <= 1, f"4.1.2 {where}: more than one summary"
        for summary in summaries:
            _text_construct(summary, f"{where} summary")
        links = entry.findall(NS + "link")
        alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
        has_content = bool(entry.findall(NS + "content"))
        assert has_content or alternates, f"4.1.2 {where}: neither content nor alternate link"
    return feed


def decoded_summaries(feed: ET.Element) -> list[str]:
    """Each entry's summary after XML decoding (for type=html, the HTML a reader renders)."""
    return [summary.text or "" for summary in feed.iter(NS + "summary")]
