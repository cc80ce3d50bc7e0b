"""/api/search: the exact JSON shape, and 400 with a message for bad parameters."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_shape(seeded, client):
    response = client.get("/api/search", {"q": "五金", "reporter": "陈晓苏"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "total",
        "total_relation",
        "facets_estimated",
        "page",
        "pages",
        "results",
        "facets",
    }
    assert (body["total"], body["page"], body["pages"]) == (2, 1, 1)
    assert (body["total_relation"], body["facets_estimated"]) == ("eq", False)
    first = body["results"][0]
    assert set(first) == {"id", "url", "headline", "date", "people", "kind", "snippet", "score"}
    assert first["people"] == ["陈晓苏"]
    assert first["date"] in ("2022-04-02", "2022-11-07")
    assert first["url"].endswith(f"/articles/{first['id']}/")
    assert "<mark>五金</mark>" in first["snippet"]
    assert isinstance(first["score"], float)
    assert set(body["facets"]) == {"people", "year", "kind"}
    assert body["facets"]["people"] == [["陈晓苏", 2]]
    assert body["facets"]["year"] == [[2022, 2]]
    assert body["facets"]["kind"] == [["news", 2]]


def test_api_listing_without_query_has_no_score(seeded, client):
    body = client.get("/api/search", {"kind": "notice"}).json()
    assert body["total"] == 1 and body["results"][0]["score"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2022-99-01"}, "from"),
        ({"to": "tomorrow"}, "to"),
        ({"kind": "poem"}, "kind"),
        ({"sort": "random"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
        ({"from": "2022-12-01", "to": "2022-01-01"}, "to"),
    ],
)
def test_api_bad_parameters_are_400_with_a_message(seeded, client, params, field):
    response = client.get("/api/search", {"q": "五金", **params})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] and field in body["fields"]
