"""Short forms of an article's text for lists: the lead sentence. Pure: no Django."""

import re

LEAD_MAX_CHARS = 90
_SENTENCE_END = re.compile(r"[。！？!?](?:[”’」』）)])?")


def lead_sentence(body: str, limit: int = LEAD_MAX_CHARS) -> str:
    """The body's first sentence, or its first ``limit`` characters and "…" if that runs on.

    A list card shows it where no search snippet applies, so a reader can tell articles
    with look-alike headlines apart without opening each.
    """
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    match = _SENTENCE_END.search(first, 0, limit + 1)
    if match:
        return first[: match.end()]
    return first if len(first) <= limit else first[:limit].rstrip() + "…"
