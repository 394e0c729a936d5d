"""A real HTTP server on 127.0.0.1 that speaks Crossref's, OpenAlex's, DataCite's and doi.org's
request and response formats over a small database of works (issue 12). Used by the tests and by
``benchmarks/verify.py``.

Routes (as the services document them):
  /works/{doi}                          Crossref: {"status": "ok", "message": {...}}, 404 "Resource not found."
  /works?query.bibliographic=…&rows=N   Crossref search: {"message": {"items": [...]}}
  /openalex/works/doi:{doi}             OpenAlex work, 404 {"error": …}
  /openalex/works?search=…&per-page=N   OpenAlex search: {"results": [...]}
  /datacite/dois/{doi}                  DataCite: {"data": {"id", "attributes": {...}}}
  /doi/{doi}                            doi.org with Accept: application/vnd.citationstyles.csl+json → 302 to /csl/{doi}
Faults, by DOI or query text: "fault-429" (429 with Retry-After: 0 the first time), "fault-500",
"fault-json" (a body that is not JSON), "fault-slow" (answers after 3 s).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from rapidfuzz import fuzz, process

from tests.localserver import run_server


def crossref_record(doi: str, title: str, authors: Sequence[tuple[str, str]], year: int, container: str = "",
                    volume: str = "", issue: str = "", page: str = "", kind: str = "journal-article",
                    **extra: Any) -> dict[str, Any]:
    """A work as Crossref's /works/{doi} ``message`` gives it: title and container-title as lists,
    authors as {given, family}, the date as issued.date-parts."""
    record: dict[str, Any] = {
        "DOI": doi, "type": kind, "title": [title], "container-title": [container] if container else [],
        "author": [{"given": given, "family": family, "sequence": "first" if i == 0 else "additional"}
                   for i, (family, given) in enumerate(authors)],
        "issued": {"date-parts": [[year]]}, "published-print": {"date-parts": [[year, 1]]},
        "volume": volume, "issue": issue, "page": page, "publisher": "Mock Publisher", "score": 1.0,
    }
    record.update(extra)
    return record


def openalex_work(record: dict[str, Any]) -> dict[str, Any]:
    """The same work as OpenAlex shapes it: authorships with display names, a doi URL, biblio."""
    first, _, last = str(record.get("page", "")).partition("-")
    return {"id": f"https://openalex.org/W{abs(hash(record['DOI'])) % 10**9}", "doi": f"https://doi.org/{record['DOI']}",
            "title": record["title"][0], "display_name": record["title"][0],
            "publication_year": record["issued"]["date-parts"][0][0], "type": "article",
            "authorships": [{"author_position": "first" if i == 0 else "middle",
                             "author": {"display_name": f"{a['given']} {a['family']}".strip()}}
                            for i, a in enumerate(record["author"])],
            "primary_location": {"source": {"display_name": (record["container-title"] or [""])[0]}},
            "biblio": {"volume": record.get("volume") or None, "issue": record.get("issue") or None,
                       "first_page": first or None, "last_page": last or None},
            "is_retracted": any(u.get("type") == "retraction" for u in record.get("updated-by", []))}


class _Handler(BaseHTTPRequestHandler):
    records: dict[str, dict[str, Any]]
    datacite: dict[str, dict[str, Any]]
    hits: Counter[str]
    titles: list[str]
    by_title: list[dict[str, Any]]

    def log_message(self, *args: object) -> None:
        pass

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
            super().handle()

    def _json(self, code: int, body: object, **headers: str) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(data)

    def _fault(self, text: str) -> bool:
        for fault in ("fault-429", "fault-500", "fault-json", "fault-slow"):
            if fault in text:
                self.hits[fault] += 1
                if fault == "fault-429" and self.hits[fault] == 1:
                    self._json(429, {"status": "error"}, Retry_After="0")
                elif fault == "fault-500":
                    self._json(500, {"status": "error"})
                elif fault == "fault-json":
                    self._json(200, b"<html>Service temporarily unavailable</html>")
                elif fault == "fault-slow":
                    time.sleep(3)
                    self._json(404, {"status": "error"})
                else:
                    return False
                return True
        return False

    def _search(self, query: str, rows: int) -> list[dict[str, Any]]:
        if not self.titles:
            return []
        best = process.extract(query, self.titles, scorer=fuzz.token_set_ratio, limit=rows)
        return [self.by_title[i] for _, _, i in best]

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        self.hits[path.split("/")[1] if "/" in path else path] += 1
        self.hits["all"] += 1
        if self._fault(path + " " + " ".join(v for vs in query.values() for v in vs)):
            return
        if path == "/works" and "query.container-title" in query:  # a journal's works in a year (filter)
            journal = query["query.container-title"][0].lower()
            year = query.get("filter", [""])[0].partition("from-pub-date:")[2][:4]
            items = [r for r in self.by_title if (r["container-title"] or [""])[0].lower() == journal
                     and str(r["issued"]["date-parts"][0][0]) == year][:int(query.get("rows", ["20"])[0])]
            self._json(200, {"status": "ok", "message-type": "work-list", "message": {"total-results": len(items),
                                                                                     "items": items}})
        elif path == "/works":
            rows = int(query.get("rows", ["5"])[0])
            items = self._search(query.get("query.bibliographic", [""])[0], rows)
            self._json(200, {"status": "ok", "message-type": "work-list", "message": {"total-results": len(items),
                                                                                     "items": items}})
        elif path.startswith("/works/"):
            record = self.records.get(path[len("/works/"):].lower())
            if record is None:
                self._json(404, b"Resource not found.")
            else:
                self._json(200, {"status": "ok", "message-type": "work", "message": record})
        elif path == "/openalex/works":
            rows = int(query.get("per-page", ["5"])[0])
            self._json(200, {"meta": {"count": rows}, "results": [openalex_work(r) for r in
                                                                  self._search(query.get("search", [""])[0], rows)]})
        elif path.startswith("/openalex/works/doi:"):
            record = self.records.get(path[len("/openalex/works/doi:"):].lower())
            if record is None:
                self._json(404, {"error": "Not Found", "message": "not found"})
            else:
                self._json(200, openalex_work(record))
        elif path.startswith("/datacite/dois/"):
            found = self.datacite.get(path[len("/datacite/dois/"):].lower())
            self._json(200, {"data": found}) if found else self._json(404, {"errors": [{"status": "404"}]})
        elif path.startswith("/doi/"):
            doi = path[len("/doi/"):].lower()
            if doi in self.records:
                self.send_response(302)
                self.send_header("Location", f"/csl/{quote(doi)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._json(404, b"DOI Not Found")
        elif path.startswith("/csl/"):
            record = self.records.get(path[len("/csl/"):].lower())
            if record is None:
                self._json(404, b"")
            else:
                csl = {**record, "title": record["title"][0], "container-title": (record["container-title"] or [""])[0]}
                self._json(200, csl)
        else:
            self._json(404, {"error": "no such route"})


@contextmanager
def serve_works(records: Sequence[dict[str, Any]], datacite: Sequence[dict[str, Any]] = ()
                ) -> Iterator[tuple[str, Counter[str]]]:
    """Serve ``records`` (Crossref-shaped); yields the base URL and the hit counter."""
    by_doi = {r["DOI"].lower(): r for r in records}
    handler = type("Handler", (_Handler,), {
        "records": by_doi, "datacite": {d["id"].lower(): d for d in datacite}, "hits": Counter(),
        "titles": [r["title"][0] + " " + " ".join(a["family"] for a in r["author"][:1]) for r in records],
        "by_title": list(records)})
    with run_server(handler) as running:
        yield running
