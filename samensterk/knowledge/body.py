"""The body of an item as sections, from a few plain-text conventions staff can type:

    ## Heading of a section
    A paragraph; lines that follow each other belong together.

    - a point in a list
    1. a step in a numbered list

The result is plain data for the template, which escapes every piece of text: no HTML from
the body ever reaches the page as HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.text import slugify

_HEADING = re.compile(r"^#{2,3}\s+(.+)$")
_BULLET = re.compile(r"^[-*•]\s+(.+)$")
_NUMBER = re.compile(r"^\d{1,2}[.)]\s+(.+)$")


@dataclass
class Block:
    kind: str  # "p", "ul" or "ol"
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class Section:
    title: str
    anchor: str
    blocks: list[Block] = field(default_factory=list)


def sections(body: str) -> list[Section]:
    """The body split at its headings; text before the first heading is a section without a
    title."""
    found = [Section("", "")]
    used: set[str] = set()
    for raw in (body or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        current = found[-1]
        if not line:
            if current.blocks and current.blocks[-1].kind == "p":
                current.blocks.append(Block("p"))  # a blank line ends the paragraph
            continue
        if heading := _HEADING.match(line):
            title = heading.group(1).strip()
            anchor = base = "deel-" + (slugify(title)[:40] or str(len(found)))
            n = 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            found.append(Section(title, anchor))
            continue
        for kind, pattern in (("ul", _BULLET), ("ol", _NUMBER)):
            if point := pattern.match(line):
                if not current.blocks or current.blocks[-1].kind != kind:
                    current.blocks.append(Block(kind))
                current.blocks[-1].lines.append(point.group(1).strip())
                break
        else:
            if not current.blocks or current.blocks[-1].kind != "p":
                current.blocks.append(Block("p"))
            current.blocks[-1].lines.append(line)
    for section in found:
        section.blocks = [b for b in section.blocks if b.lines]
    return [s for s in found if s.title or s.blocks]
