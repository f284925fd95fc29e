"""Writing a talk's blocks back out as the Markdown body of a note.

Flat lines become one bullet each (their nesting was lost when they were copied); list items
keep their nesting as Markdown lists indented by four spaces (what Python-Markdown needs);
paragraphs, code and quotes are separated by blank lines; marked sub-headings become ``##``
headings below the talk's own title.
"""

from __future__ import annotations

from .blocks import BOLD_LEVEL, Block, BlockKind

INDENT = "    "


def _heading_markdown(block: Block, talk_level: int | None) -> str:
    if block.level >= BOLD_LEVEL:
        return block.text
    if talk_level is not None and talk_level < BOLD_LEVEL:
        level = block.level - talk_level + 1 if block.level > talk_level else 2
    else:
        level = block.level
    level = max(2, min(6, level))
    text = block.text.strip().strip("#").strip() or block.plain
    return "#" * level + " " + text


def _item(block: Block, depth: int) -> str:
    lines = block.text.split("\n")
    pad = INDENT * depth
    first = f"{pad}{block.marker} {lines[0]}"
    rest = [f"{pad}{INDENT}{line}" if line.strip() else "" for line in lines[1:]]
    return "\n".join([first, *rest])


def render_blocks(blocks: list[Block], flat: bool, talk_level: int | None = None) -> str:
    """The Markdown body for ``blocks``."""
    chunks: list[str] = []
    list_lines: list[str] = []
    depth_stack: list[int] = []
    top_ordered = False

    def close_list() -> None:
        if list_lines:
            chunks.append("\n".join(list_lines))
            list_lines.clear()
            depth_stack.clear()

    for block in blocks:
        if block.kind == BlockKind.BULLET or (block.kind == BlockKind.LINE and flat):
            wanted = block.depth if block.kind == BlockKind.BULLET else 0
            ordered = block.marker[0].isdigit()
            if list_lines and wanted == 0 and ordered != top_ordered:
                close_list()  # a bullet list and a numbered list side by side are two lists
            if wanted == 0 or not list_lines:
                top_ordered = ordered
            # Never jump more than one level deeper than the item before: keep the list valid.
            while depth_stack and depth_stack[-1] > wanted:
                depth_stack.pop()
            if not depth_stack or depth_stack[-1] < wanted:
                depth_stack.append(wanted)
            depth = len(depth_stack) - 1
            list_lines.append(_item(block, depth))
            continue
        close_list()
        if block.kind == BlockKind.HEADING:
            chunks.append(_heading_markdown(block, talk_level))
        elif block.text.strip():
            chunks.append(block.text.strip("\n"))
    close_list()
    return "\n\n".join(chunks) + ("\n" if chunks else "")
