"""A subject named in a text ("Lishui City", "义乌市") resolved to its region, or left alone."""

from __future__ import annotations

from devzone.regions.models import Region
from devzone.texts.subjects import SubjectIndex


def test_cities_and_counties_are_found_by_chinese_and_english_name(lishui, regions):
    yiwu = Region.objects.create(
        code="330782", name="义乌市", level="county", parent=regions["jinhua"]
    )
    lishui_district = Region.objects.create(code="320117", name="溧水区", level="county")
    index = SubjectIndex()

    assert index.resolve("义乌市", None).region == yiwu
    assert index.resolve("Yiwu City", None).region == yiwu
    # 溧水区 is "Lishui District" too: the city, a level higher, is the Lishui a text means
    assert index.resolve("Lishui City", None).region == lishui
    assert index.resolve("溧水区", None).region == lishui_district


def test_a_name_two_regions_of_one_level_share_stays_unresolved(regions):
    Region.objects.create(code="120101", name="和平区", level="county")
    Region.objects.create(code="210102", name="和平区", level="county")

    assert SubjectIndex().resolve("Heping District", None).region is None
    assert SubjectIndex().resolve("和平区", None).region is None
