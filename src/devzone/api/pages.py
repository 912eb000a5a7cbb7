"""Page-numbered lists of the API: ``?page=`` and ``?page_size=``, with an upper bound.

ninja's own pagination accepts any page number; one past what a 64-bit offset can hold made
the database fail (a 500). Here a page beyond :data:`MAX_PAGE` is refused as bad input (422),
like any other out-of-range parameter; pages between the last one and it are empty.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)
