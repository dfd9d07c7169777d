"""A third-party Open311 client (PyPI ``georeport``, not ours) reads our endpoint over real HTTP
in both formats; its POST-less API is complemented by a plain form-encoded POST with requests."""

from __future__ import annotations

import pytest
import requests
from georeport import GeoReport

from urbis.reports import services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_georeport_client(live_server, categories, fmt) -> None:
    _row, key = services.open311_key_create(actor=None, name=f"client-{fmt}")
    root = f"{live_server.url}/open311/v2"
    created = requests.post(
        f"{root}/requests.{fmt}",
        data={
            "api_key": key,
            "jurisdiction_id": "mechelen.be",
            "service_code": "illegal-dumping",
            "lat": "51.0286",
            "long": "4.4801",
            "description": "Sofa on the pavement",
            "attribute[volume]": "van",
        },
        timeout=30,
    )
    assert created.status_code == 201, created.text
    client = GeoReport(root_address=root, jurisdiction="mechelen.be", output_format=fmt)
    services_list = client.get_service_list()
    codes = {s["service_code"] for s in services_list}
    assert codes == {"littering", "illegal-dumping", "speeding"}
    definition = client.get_service_definition("illegal-dumping")
    assert definition["service_code"] == "illegal-dumping"
    requests_list = client.get_service_requests(service_code="illegal-dumping", status="open")
    if isinstance(requests_list, dict):  # xmltodict: a single element is not a list
        requests_list = [requests_list]
    assert [r["description"] for r in requests_list] == ["Sofa on the pavement"]
    one = client.get_service_request(requests_list[0]["service_request_id"])
    assert one["status"] == "open" and one["service_code"] == "illegal-dumping"
