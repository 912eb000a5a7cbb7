"""The CJK font embedded in PDF briefings.

Chinese text needs a font that has the glyphs, embedded in the PDF so it reads the same on any
machine. reportlab embeds TrueType outlines only (``.ttf`` / ``.ttc``), not the CFF outlines of
the Noto CJK ``.otf``/``.ttc`` files, so the default is WenQuanYi Micro Hei from Debian's
``fonts-wqy-microhei`` package.

Where it is looked for, in order:

1. the ``DEVZONE_CJK_FONT`` setting (or environment variable): a path to a TrueType
   ``.ttf`` or ``.ttc`` file (for a ``.ttc`` the first face is used);
2. the usual Debian paths in :data:`FALLBACKS`.

If none exists, :func:`cjk_font_path` raises :class:`CJKFontMissing`, which says what to install.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FALLBACKS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # fonts-wqy-zenhei
    "/usr/share/fonts/truetype/arphic/uming.ttc",  # fonts-arphic-uming
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",  # fonts-droid-fallback
)
FONT_NAME = "DevzoneCJK"


class CJKFontMissing(ImproperlyConfigured):
    pass


def cjk_font_path() -> Path:
    configured = getattr(settings, "DEVZONE_CJK_FONT", "") or os.environ.get("DEVZONE_CJK_FONT")
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise CJKFontMissing(f"DEVZONE_CJK_FONT={configured} is not a file.")
        return path
    for candidate in FALLBACKS:
        if Path(candidate).is_file():
            return Path(candidate)
    raise CJKFontMissing(
        "No CJK TrueType font found for PDF reports. Install Debian's fonts-wqy-microhei "
        "(apt-get install fonts-wqy-microhei) or set DEVZONE_CJK_FONT to a .ttf/.ttc file."
    )


def register_cjk_font() -> str:
    """Register the font with reportlab (once) and return its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        path = cjk_font_path()
        font = TTFont(FONT_NAME, str(path), subfontIndex=0) if path.suffix == ".ttc" else None
        pdfmetrics.registerFont(font or TTFont(FONT_NAME, str(path)))
    return FONT_NAME
