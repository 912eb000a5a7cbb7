"""Reference data over the API: regions, zones and departments (any signed-in user reads)."""

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from devzone.api.errors import READ_ERRORS
from devzone.api.pages import Pages
from devzone.regions.choices import RegionLevel
from devzone.regions.models import Department, Region, Zone

router = Router(tags=["regions"])


def region_code_prefix(code: str) -> str:
    """The digits shared by a region and everything under it: 330700 → 3307, 330000 → 33.

    A prefix given as such (3307) passes through unchanged.
    """
    code = code.strip()
    while len(code) > 2 and code.endswith("00"):
        code = code[:-2]
    return code


class RegionRef(Schema):
    code: str
    name: str


class RegionOut(Schema):
    code: str
    name: str
    name_en: str
    level: RegionLevel
    parent: RegionRef | None


class ZoneRef(Schema):
    slug: str
    name: str


class ZoneOut(Schema):
    slug: str
    name: str
    name_en: str
    kind: str
    region: RegionRef
    parent: ZoneRef | None


class DepartmentOut(Schema):
    id: int
    name: str
    name_en: str
    region: RegionRef
    zone: ZoneRef | None


class RegionFilters(Schema):
    search: str = Field("", description="Part of the name, English name or code.")
    level: RegionLevel | None = None
    parent: str | None = Field(None, description="Code of the parent region.")


class DepartmentFilters(Schema):
    zone: str | None = Field(None, description="Slug of the zone.")
    region: str | None = Field(None, description="Region code (its sub-regions included).")


@router.get("/regions", response={200: list[RegionOut], **READ_ERRORS})
@paginate(Pages, page_size=100)
def list_regions(request: HttpRequest, filters: Query[RegionFilters]) -> QuerySet[Region]:
    """Administrative divisions (GB/T 2260), a page at a time."""
    regions = Region.objects.select_related("parent")
    if filters.search:
        term = filters.search.strip()
        regions = regions.filter(
            Q(name__icontains=term) | Q(name_en__icontains=term) | Q(code__startswith=term)
        )
    if filters.level:
        regions = regions.filter(level=filters.level)
    if filters.parent:
        regions = regions.filter(parent__code=filters.parent)
    return regions


@router.get("/regions/{code}", response={200: RegionOut, **READ_ERRORS})
def get_region(request: HttpRequest, code: str) -> Region:
    """One administrative division by its code."""
    return get_object_or_404(Region.objects.select_related("parent"), code=code)


@router.get("/zones", response={200: list[ZoneOut], **READ_ERRORS})
@paginate(Pages, page_size=100)
def list_zones(request: HttpRequest) -> QuerySet[Zone]:
    """The zones the caller may see."""
    return Zone.objects.select_related("region", "parent")


@router.get("/zones/{slug}", response={200: ZoneOut, **READ_ERRORS})
def get_zone(request: HttpRequest, slug: str) -> Zone:
    """One zone by its short code (slug)."""
    return get_object_or_404(Zone.objects.select_related("region", "parent"), slug=slug)


@router.get("/departments", response={200: list[DepartmentOut], **READ_ERRORS})
@paginate(Pages, page_size=100)
def list_departments(
    request: HttpRequest, filters: Query[DepartmentFilters]
) -> QuerySet[Department]:
    """Government departments, a page at a time."""
    departments = Department.objects.select_related("region", "zone")
    if filters.zone:
        departments = departments.filter(zone__slug=filters.zone)
    if filters.region:
        departments = departments.filter(
            region__code__startswith=region_code_prefix(filters.region)
        )
    return departments
