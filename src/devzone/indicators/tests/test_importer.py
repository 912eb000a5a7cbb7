"""Importing the real official statistics (shared/data/indicators, 14 files).

Each expected figure is read a second, independent way: the cell with openpyxl (not calamine,
which the importer uses), its unit through a table written here, its period by hand.
"""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from devzone.indicators.choices import NATIONAL_CODE
from devzone.indicators.importer import SeriesImportError, import_series_file, split_measure
from devzone.indicators.models import Indicator, Observation

FILES = [
    "70城.xlsx", "CPI+PPI.xlsx", "GDP.xlsx", "PMI.xlsx", "人口就业.xlsx", "固定资产投资.xlsx",
    "外汇.xlsx", "房地产投资.xlsx", "社融货币.xlsx", "社零.xlsx", "美国宏观.xlsx", "财政.xlsx",
    "进出口区域.xlsx", "进出口基本.xlsx",
]  # fmt: skip
FACTORS = {
    "亿元": 10**8, "万亿元": 10**12, "万元": 10**4, "亿美元": 10**8, "千美元": 1000,
    "百万美元": 10**6, "十亿美元": 10**9, "美元": 1, "万人": 10**4, "千人": 1000, "人": 1,
    "万平方米": 10**4, "平方米": 1,
}  # fmt: skip
ROW_LABELS = ("指标名称", "频率", "单位")


@pytest.fixture(autouse=True)
def english():
    """Error messages are read in English here (they are translated for users)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _expected_period(date_text: str, frequency: str, cumulative: bool):
    year, month = int(date_text[:4]), int(date_text[5:7])
    end = (
        dt.date(year, month % 12 + 1, 1) - dt.timedelta(days=1)
        if month < 12
        else dt.date(year, 12, 31)
    )
    if cumulative or frequency == "年":
        return dt.date(year, 1, 1), end
    if frequency == "季":
        return dt.date(year, month - 2, 1), end
    return dt.date(year, month, 1), end


def _samples(path, count=4):
    """(column name, frequency, unit, date, cell value) of a few cells, read with openpyxl."""
    with warnings.catch_warnings():  # the exports carry no default style; openpyxl says so
        warnings.simplefilter("ignore", UserWarning)
        sheet = load_workbook(path).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = {row[1]: row for row in rows[:8] if len(row) > 1 and row[1] in ROW_LABELS}
    data = [r for r in rows[6:] if len(r) > 1 and isinstance(r[1], str) and len(r[1]) == 7]
    found = []
    for column in range(2, len(header["指标名称"]), max(1, len(header["指标名称"]) // count)):
        for row in (data[0], data[len(data) // 2], data[-1]):
            if row[column] not in (None, ""):
                found.append((header["指标名称"][column], header["频率"][column],
                              header["单位"][column], row[1], row[column]))  # fmt: skip
                break
    return found


def _check(name, frequency, unit, date_text, cell):
    _base, growth, cumulative = split_measure(name)
    start, end = _expected_period(date_text, frequency, cumulative)
    matches = Observation.objects.filter(
        region__code=NATIONAL_CODE, period_start=start, period_end=end, cumulative=cumulative
    )
    figure = Decimal(str(cell))
    if growth:
        assert matches.filter(yoy=figure).exists(), (name, date_text, cell)
    else:
        expected = figure * FACTORS.get(unit, 1)
        assert matches.filter(value=expected).exists(), (name, date_text, cell, unit)


@pytest.mark.django_db(transaction=False)
def test_every_official_file_imports_with_its_periods_and_units(shared_data, catalogue):
    folder = shared_data / "indicators"
    present = sorted(p.name for p in folder.glob("*.xlsx"))
    assert present == sorted(FILES)
    for name in FILES:
        summary = import_series_file(folder / name, actor=None)
        assert summary.created > 0 and summary.region == NATIONAL_CODE, name
        for sample in _samples(folder / name):
            _check(*sample)


@pytest.mark.django_db
def test_known_gdp_figures(shared_data, catalogue):
    import_series_file(shared_data / "indicators" / "GDP.xlsx", actor=None)
    gdp = Observation.objects.filter(indicator__key="gdp", region__code=NATIONAL_CODE)

    year_2024 = gdp.get(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                        cumulative=True)  # fmt: skip
    q4 = gdp.get(period_start=dt.date(2024, 10, 1), period_end=dt.date(2024, 12, 31))

    assert year_2024.value == Decimal("1349083.5") * 10**8 and year_2024.unit == "CNY"
    assert year_2024.yoy == Decimal("5.0")  # growth at constant prices, beside the value
    assert q4.value == Decimal("373726.2") * 10**8 and q4.cumulative is False
    assert Indicator.objects.get(key="gdp").in_catalogue


@pytest.mark.django_db
def test_importing_again_changes_nothing_and_a_dry_run_writes_nothing(shared_data, catalogue):
    path = shared_data / "indicators" / "社零.xlsx"
    dry = import_series_file(path, actor=None, dry_run=True)
    assert dry.created > 0 and not Observation.objects.exists()

    first = import_series_file(path, actor=None)
    again = import_series_file(path, actor=None)

    assert first.created == dry.created
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.created)


def _sheet(tmp_path, rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "指标"
    for row in rows:
        sheet.append(row)
    path = tmp_path / "series.xlsx"
    book.save(path)
    return path


HEADER = [
    [
        "序号",
        "日期",
        "进出口金额:当月值",
        "固定资产投资完成额:累计值",
        "固定资产投资完成额:累计同比",
    ],
    [
        "",
        "指标名称",
        "进出口金额:当月值",
        "固定资产投资完成额:累计值",
        "固定资产投资完成额:累计同比",
    ],
    ["", "频率", "月", "月", "月"],
    ["", "单位", "千美元", "亿元", "%"],
]


@pytest.mark.django_db
def test_a_small_file_for_a_region(tmp_path, regions, catalogue):
    path = _sheet(
        tmp_path, [*HEADER, [1, "2023-09", 1500.5, 28000, -1.2], [2, "2023年8月", "", 25000, ""]]
    )

    summary = import_series_file(path, actor=None, region=regions["jinhua"])

    assert summary.created == 3
    fai = Observation.objects.get(
        indicator__key="fixed_asset_investment", period_end=dt.date(2023, 9, 30)
    )
    assert (fai.period_start, fai.cumulative, fai.value, fai.yoy) == (
        dt.date(2023, 1, 1), True, Decimal(28000 * 10**8), Decimal("-1.2"),
    )  # fmt: skip
    trade = Observation.objects.get(indicator__key="import_export")
    assert (trade.value, trade.unit, trade.period_start) == (
        Decimal(1500500), "USD", dt.date(2023, 9, 1),
    )  # fmt: skip


@pytest.mark.django_db
def test_a_column_opening_with_a_city_is_that_citys_series(tmp_path, regions, catalogue):
    from devzone.regions.models import Region

    beijing = Region.objects.create(code="110000", name="北京市", level="province")
    tianjin = Region.objects.create(code="120000", name="天津市", level="province")
    names = ["北京:新建商品住宅价格指数:环比", "天津:新建商品住宅价格指数:环比", "美国:失业率:季调"]
    header = [
        ["序号", "日期", *names],
        ["", "指标名称", *names],
        ["", "指标ID", "EMI1", "EMI2", "EMG3"],
        ["", "频率", "月", "月", "月"],
        ["", "单位", "上月=100", "上月=100", "%"],
    ]
    path = _sheet(tmp_path, [*header, [1, "2024-06", 99.3, 99.5, 4.1]])

    summary = import_series_file(path, actor=None)

    assert summary.created == 3 and summary.indicators_created == 2
    price = {
        o.region: o.value for o in Observation.objects.filter(indicator__name__startswith="新建")
    }
    assert price == {
        beijing: Decimal("99.3"),
        tianjin: Decimal("99.5"),
    }  # one indicator, two cities
    us = Observation.objects.get(indicator__name__startswith="美国")  # a country stays in the name
    assert us.region.code == NATIONAL_CODE


@pytest.mark.django_db
def test_errors_name_sheet_row_and_column_and_nothing_is_written(tmp_path, regions, catalogue):
    path = _sheet(tmp_path, [*HEADER, [1, "2023-09", 1.5, 2, 3], [2, "2023-08", "n/a", 2, 3],
                             [3, "the future", 1, 2, 3]])  # fmt: skip

    with pytest.raises(SeriesImportError) as caught:
        import_series_file(path, actor=None, region=regions["jinhua"])

    assert "sheet '指标', row 6, column C" in caught.value.errors[0]
    assert "row 7, column B" in caught.value.errors[1]
    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_a_blank_first_row_and_column_keep_the_sheets_row_numbers_and_letters(
    tmp_path, regions, catalogue
):
    rows = [*HEADER, [1, "2023-09", 1.5, 2, 3], [2, "2023-08", "n/a", 2, 3]]
    book = Workbook()
    sheet = book.active
    sheet.title = "指标"
    for number, row in enumerate(rows, start=2):  # row 1 and column A left blank
        for column, value in enumerate(row[1:], start=2):
            sheet.cell(row=number, column=column, value=value)
    path = tmp_path / "series.xlsx"
    book.save(path)

    with pytest.raises(SeriesImportError) as caught:
        import_series_file(path, actor=None, region=regions["jinhua"])

    assert len(caught.value.errors) == 1
    assert "sheet '指标', row 7, column C" in caught.value.errors[0]


@pytest.mark.django_db
def test_staff_may_not_import_national_figures(tmp_path, staff_a, catalogue):
    from django.core.exceptions import PermissionDenied

    path = _sheet(tmp_path, [*HEADER, [1, "2023-09", 1, 2, 3]])
    with pytest.raises(PermissionDenied):
        import_series_file(path, actor=staff_a)


@pytest.mark.django_db
def test_a_file_that_is_not_a_spreadsheet_is_one_error_not_a_traceback(tmp_path, catalogue):
    path = tmp_path / "series.csv"
    path.write_text("日期,值\n2023-09,1\n", encoding="utf-8")

    with pytest.raises(SeriesImportError) as caught:
        import_series_file(path, actor=None)

    assert caught.value.errors == [
        "series.csv: not a spreadsheet that can be read (Cannot detect file format)"
    ]
