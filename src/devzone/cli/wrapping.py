"""Help text wrapped by display width, so Chinese help fits the terminal.

argparse wraps with :mod:`textwrap`, which counts characters and breaks only at spaces: a line
of Chinese (two columns a character, no spaces) runs to twice the terminal's width and the
terminal cuts it wherever it ends. Here a wide character counts two columns, a line may break
between any two Chinese characters (never inside a Latin word), and closing punctuation
(，。）…) stays on the line it closes, opening brackets on the line they open.
"""

from __future__ import annotations

import argparse
import re
import unicodedata

_TOKENS = re.compile(r"\s+|[^\s\u1100-\uffff]+|.", re.DOTALL)
_CLOSING = frozenset("，。、；：！？）」』》〉】”’,.;:!?)]}")
_OPENING = frozenset("（「『《〈【“‘")


def display_width(text: str) -> int:
    """Terminal columns of *text*: two for wide (East Asian) characters, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of *text* (whitespace collapsed) no wider than *width* columns where possible."""
    lines: list[str] = []
    line, used, spaced = "", 0, False
    for token in _TOKENS.findall(text):
        if token.isspace():
            spaced = bool(line)
            continue
        gap = " " if spaced and line else ""
        size = display_width(gap + token)
        if line and used + size > width and token not in _CLOSING:
            carried = line[-1] if line[-1] in _OPENING and len(line) > 1 else ""
            lines.append(line[: len(line) - len(carried)])
            line = carried + token
            used = display_width(line)
        else:
            line, used = line + gap + token, used + size
        spaced = False
    if line:
        lines.append(line)
    return lines


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with :func:`wrap` for descriptions and argument help."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def _format_usage(self, usage, actions, groups, prefix):  # type: ignore[no-untyped-def]
        """argparse fits the usage by characters: leave room for a wide "用法：" prefix."""
        shown = argparse._("usage: ") if prefix is None else prefix
        extra = display_width(shown) - len(shown)
        self._width -= extra
        try:
            return super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra


class RawDescriptionHelpFormatter(HelpFormatter):
    """Descriptions and epilogues keep their line breaks; each line is wrapped by width."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(
            indent + wrapped
            for line in text.splitlines()
            for wrapped in (wrap(line, width - len(indent)) or [""])
        )
