"""`esfterm serve`'s JSON API on both TM backends: search, batch search, concordance, lookup of
a term or of a sentence's terms, checks, token-guarded imports, size limits, JSON errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from esfterm.model import Unit, Variant
from esfterm.server import ServerConfig, create_app
from esfterm.tm import TranslationMemory

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "team-token-0123456789"
PAIRS = [
    ("Europeiska socialfonden stöder lokala partnerskap i hela Sverige.",
     "Evropski socialni sklad podpira lokalna partnerstva po vsej Švedski."),
    ("Lokalt partnerskapet leder arbetet.", "Lokalno partnerstvo vodi delo."),
    ("Ansök senast den 15 mars 2024 via portalen.", "Prijavite se do 15. marca 2024 prek portala."),
]


def auth(token: str = TOKEN) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def location(backend):
    place = backend.location()
    with TranslationMemory(place) as tm:
        tm.import_units([Unit([Variant("sv", s), Variant("sl", t)], id=f"u{i}") for i, (s, t) in enumerate(PAIRS)],
                        origin="esf-pages")
    return place


def client(location, **options) -> TestClient:
    return TestClient(create_app(ServerConfig(tm=location, **{"token": TOKEN, **options})))


@pytest.fixture
def api(location):
    with client(location) as test_client:
        yield test_client


def test_search_gives_scored_matches_whose_pieces_rebuild_the_stored_source(api):
    found = api.get("/api/search", params={"q": "Europeiska socialfonden stöder regionala partnerskap i hela Sverige.",
                                           "src": "sv", "tgt": "sl"}).json()
    (match,) = found["matches"]
    assert (match["score"], match["target"], match["origin"], match["tuid"]) == (87, PAIRS[0][1], "esf-pages", "u0")
    assert "".join(text for _, text, _ in match["pieces"]) == PAIRS[0][0]
    assert ["replace", "lokala", "regionala"] in match["pieces"]


def test_batch_search_answers_every_segment_in_order(api):
    segments = [PAIRS[2][0], "Helt annan mening om vädret i dag.", PAIRS[0][0]]
    result = api.post("/api/search/batch", json={"segments": segments, "src": "sv", "tgt": "sl"}).json()
    assert [r["query"] for r in result["results"]] == segments
    assert [[m["target"] for m in r["matches"]] for r in result["results"]] == [[PAIRS[2][1]], [], [PAIRS[0][1]]]


def test_too_many_segments_or_too_long_a_text_is_refused_with_413(location):
    with client(location, max_segments=2, max_text=40) as api:
        many = api.post("/api/search/batch", json={"segments": ["a", "b", "c"], "src": "sv", "tgt": "sl"})
        assert many.status_code == 413 and "at most 2" in many.json()["error"]["message"]
        long = api.get("/api/search", params={"q": "x" * 41, "src": "sv", "tgt": "sl"})
        assert long.status_code == 422 and long.json()["error"]["code"] == "invalid_request"


def test_concordance_finds_inflected_forms_with_lemma(api):
    found = api.get("/api/concordance", params={"q": "lokala partnerskap", "src": "sv", "tgt": "sl",
                                                "lemma": "true"}).json()["occurrences"]
    assert {o["target"] for o in found} == {PAIRS[0][1], PAIRS[1][1]}
    first = next(o for o in found if o["target"] == PAIRS[1][1])
    assert [first["source"][s:e] for s, e in first["spans"]] == ["Lokalt partnerskapet"]


def test_lookup_of_a_term_and_of_the_terms_in_a_sentence(api):
    term = api.get("/api/lookup", params={"q": "ESS"}).json()
    assert term["mode"] == "term" and term["hits"][0]["concept_id"] == "c-european-social-fund"
    sentence = "Evropski socialni sklad plus podpira socialne inovacije in zaposlovanje."
    found = api.get("/api/lookup", params={"q": sentence, "lang": "sl"}).json()
    assert found["mode"] == "text"
    assert [h["concept_id"] for h in found["hits"]] == ["c-european-social-fund-plus", "c-social-innovation",
                                                        "c-employment"]
    assert [sentence[s:e] for s, e in found["hits"][1]["spans"]] == ["socialne inovacije"]
    statuses = {t["status"] for t in found["hits"][0]["languages"]["sv"]["terms"]}
    assert "preferred" in statuses


def test_check_of_one_unit_flags_a_forbidden_term(api):
    result = api.post("/api/check", json={"source": "ESF stöder projekt.", "target": "ESF podpira projekte.",
                                          "src": "sv", "tgt": "sl"}).json()
    assert "term-forbidden" in {f["check"] for f in result["findings"]}


def test_import_needs_the_token_and_then_stores_the_file(api):
    body = (FIXTURES / "tm" / "sv-sl.po").read_bytes()
    params = {"filename": "locale/sl/LC_MESSAGES/web.po", "src": "sv"}
    missing = api.post("/api/tm/import", params=params, content=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["error"]["code"] == "unauthorized"
    assert api.post("/api/tm/import", params=params, content=body, headers=auth("wrong-token-000000")).status_code == 401
    done = api.post("/api/tm/import", params=params, content=body, headers=auth()).json()
    assert (done["added"], done["units"], done["document"]) == (3, 6, "locale/sl/LC_MESSAGES/web.po")
    found = api.get("/api/search", params={"q": "Ansök", "src": "sv", "tgt": "sl", "min": 100}).json()["matches"]
    assert {(m["target"], m["origin"]) for m in found} == {("Prijava", "locale/sl/LC_MESSAGES/web.po"),
                                                          ("Prijavite se", "locale/sl/LC_MESSAGES/web.po")}


def test_a_broken_file_is_refused_whole_naming_the_uploaded_name(api):
    body = (FIXTURES / "formats" / "truncated.po").read_bytes()
    refused = api.post("/api/tm/import", params={"filename": "cut.po", "tgt": "sl"}, content=body, headers=auth())
    assert refused.status_code == 400
    message = refused.json()["error"]["message"]
    assert message.startswith("cut.po:") and "esfterm-upload" not in message and "\n" not in message
    assert api.get("/api/info").json()["tm"]["units"] == 3
    for name in ("../up.po", "/etc/x.po", ""):
        bad = api.post("/api/tm/import", params={"filename": name}, content=body, headers=auth())
        assert bad.status_code == 400 and "file name" in bad.json()["error"]["message"]


def test_imports_are_refused_when_the_server_has_no_token(location):
    with client(location, token=None) as api:
        refused = api.post("/api/tm/import", params={"filename": "a.tsv"}, content=b"sv\tsl\nA\tB\n", headers=auth())
        assert refused.status_code == 403 and "--token" in refused.json()["error"]["message"]


def test_a_body_over_the_limit_is_refused_declared_or_streamed(location):
    with client(location, max_upload=1000) as api:
        declared = api.post("/api/tm/import", params={"filename": "big.tsv"}, content=b"a\tb\n" * 500, headers=auth())
        assert declared.status_code == 413 and declared.json()["error"]["code"] == "too_large"
        streamed = api.post("/api/tm/import", params={"filename": "big.tsv"}, headers=auth(),
                            content=iter([b"a\tb\n" * 200] * 5))
        assert streamed.status_code == 413 and "over the limit" in streamed.json()["error"]["message"]
        assert api.get("/api/info").json()["tm"]["units"] == 3


def test_a_read_token_closes_reads_and_the_write_token_opens_them_too(location):
    with client(location, read_token="reader-token-0123456") as api:
        assert api.get("/api/info").status_code == 401
        assert api.get("/api/info", headers=auth("reader-token-0123456")).status_code == 200
        assert api.get("/api/info", headers=auth()).status_code == 200
        assert api.get("/").status_code == 200


def test_errors_are_json_with_one_line(api):
    missing = api.get("/api/search", params={"q": "x", "src": "sv"})
    assert missing.status_code == 422
    assert missing.json()["error"]["message"] == "query parameter 'tgt': Field required"
    unknown = api.get("/api/search", params={"q": "x", "src": "sv", "tgt": "xx_YY_zz"})
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == "bad_input"
    assert api.get("/api/nothing").json() == {"error": {"code": "not_found", "message": "Not Found"}}
    assert api.delete("/api/search").status_code == 405


def test_the_openapi_description_lists_every_endpoint(api):
    paths = api.get("/api/openapi.json").json()["paths"]
    assert set(paths) == {"/api/info", "/api/search", "/api/search/batch", "/api/concordance", "/api/lookup",
                          "/api/check", "/api/tm/import"}
    assert "filename" in {p["name"] for p in paths["/api/tm/import"]["post"]["parameters"]}


def test_the_page_and_its_files_are_served(api):
    page = api.get("/")
    assert page.status_code == 200 and 'id="q"' in page.text and "lookup.js" in page.text
    assert api.get("/static/lookup.js").headers["content-type"].startswith(("text/javascript", "application/javascript"))
