import pytest


@pytest.fixture
def more_regions(regions):
    """Regions beyond the shared fixture: Fujian/Ningde (adjacent to Guangdong), Huizhou."""
    from devzone.regions.models import Region

    fujian = Region.objects.create(code="350000", name="福建省", level="province")
    ningde = Region.objects.create(code="350900", name="宁德市", level="prefecture", parent=fujian)
    huizhou = Region.objects.create(
        code="441300", name="惠州市", level="prefecture", parent=regions["guangdong"]
    )
    return {**regions, "fujian": fujian, "ningde": ningde, "huizhou": huizhou}
