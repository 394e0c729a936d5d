"""The indexes' JSON, read into :class:`WorkRecord` values (pure; the JSON is untrusted: a field of
the wrong type is ignored, never trusted or raised on).

Shapes, as each service documents them:
  Crossref REST ``/works/{doi}``: ``{"message": {"title": ["…"], "author": [{"family", "given"}],
    "issued": {"date-parts": [[2020, 5]]}, "container-title": ["…"], "volume", "issue", "page",
    "DOI", "type", "update-to": [...], "updated-by": [...]}}`` (search: ``message.items``).
  doi.org content negotiation (``application/vnd.citationstyles.csl+json``): CSL-JSON, the same
    names with strings for title and container-title.
  OpenAlex ``/works/…``: ``{"id", "doi": "https://doi.org/…", "title", "publication_year",
    "authorships": [{"author": {"display_name"}}], "primary_location": {"source": {"display_name"}},
    "biblio": {"volume", "issue", "first_page", "last_page"}, "type", "is_retracted"}``.
  DataCite ``/dois/{doi}``: ``{"data": {"id", "attributes": {"titles": [{"title"}], "creators":
    [{"familyName", "name"}], "publicationYear", "container": {"title"}, "types": {...}}}}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from citeguard.chars import is_chinese
from citeguard.parse.personname import PersonName, read_name
from citeguard.records import Notice, NoticeKind, WorkRecord

MAX_AUTHORS = 200  # read from one record (consortium papers list thousands)
MAX_DOI = 300  # characters: registered DOIs are far shorter; a longer one is not looked up (nor printed whole)
# Crossref update types → notice kinds (types not listed, e.g. "new_version", are not notices)
NOTICE_KINDS = {"retraction": NoticeKind.RETRACTED, "removal": NoticeKind.RETRACTED,
                "withdrawal": NoticeKind.WITHDRAWN, "correction": NoticeKind.CORRECTED,
                "erratum": NoticeKind.CORRECTED, "corrigendum": NoticeKind.CORRECTED,
                "expression_of_concern": NoticeKind.EXPRESSION_OF_CONCERN,
                "expression-of-concern": NoticeKind.EXPRESSION_OF_CONCERN}
# "https://doi.org/10.1/x"  "doi:10.1/x"  → "10.1/x"
_DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def bare_doi(value: object) -> str | None:
    """A DOI without its resolver prefix, lower-cased (DOIs are case-insensitive), or None."""
    if not isinstance(value, str):
        return None
    doi = _DOI_PREFIX_RE.sub("", value.strip()[:MAX_DOI * 2]).strip().rstrip(".,;").lower()
    return doi if doi.startswith("10.") and "/" in doi and len(doi) <= MAX_DOI else None


def _text(value: object) -> str:
    """A string field, or the first string of a list field (Crossref's titles are lists)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return next((v.strip() for v in value if isinstance(v, str) and v.strip()), "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _year(value: object) -> str | None:
    """The year of a CSL date: ``{"date-parts": [[2020, 5, 1]]}``."""
    if isinstance(value, Mapping):
        parts = value.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            first = parts[0][0]
            if isinstance(first, int) and 1000 <= first <= 2999:
                return str(first)
            if isinstance(first, str) and first.isascii() and first.isdigit() and len(first) == 4:
                return first
    return None


def _iso(value: object) -> str | None:
    if isinstance(value, Mapping):
        parts = value.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list):
            numbers = [p for p in parts[0][:3] if isinstance(p, int)]
            if numbers:
                return "-".join(f"{n:02d}" if i else f"{n:04d}" for i, n in enumerate(numbers))
    return None


def _csl_given(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(_text(p.get("given")).lower() if isinstance(p, Mapping) else "" for p in value[:MAX_AUTHORS])


def _csl_authors(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    names = []
    for person in value[:MAX_AUTHORS]:
        if isinstance(person, Mapping):
            name = _text(person.get("family")) or _text(person.get("name")) or _text(person.get("literal"))
            if name:
                names.append(name)
    return tuple(names)


def _notices(updates: object, *, about_this: bool) -> tuple[Notice, ...]:
    """``updated-by`` (notices about this work: their DOI is the notice's) or ``update-to`` (this
    record is a notice: the DOI is the work it updates)."""
    if not isinstance(updates, list):
        return ()
    out = []
    for update in updates[:50]:
        if not isinstance(update, Mapping):
            continue
        kind = NOTICE_KINDS.get(_text(update.get("type")).lower())
        if kind is None:
            continue
        out.append(Notice(kind, bare_doi(update.get("DOI")) if about_this else None,
                          _iso(update.get("updated")), _text(update.get("source")) or "publisher"))
    return tuple(out)


def from_csl(item: object, source: str) -> WorkRecord | None:
    """A Crossref ``message`` (or search item) or a CSL-JSON record; None when it is not one."""
    if not isinstance(item, Mapping):
        return None
    doi = bare_doi(item.get("DOI"))
    title = _text(item.get("title"))
    if not title and not doi:
        return None
    year = next((y for y in (_year(item.get(k)) for k in ("issued", "published-print", "published-online",
                                                           "published", "created")) if y), None)
    update_to = _notices(item.get("update-to"), about_this=False)
    return WorkRecord(
        source=source, id=doi or title[:80], title=title, subtitle=_text(item.get("subtitle")),
        authors=_csl_authors(item.get("author")) or _csl_authors(item.get("editor")),
        given=_csl_given(item.get("author")), year=year,
        container=_text(item.get("container-title")), volume=_text(item.get("volume")),
        issue=_text(item.get("issue")), pages=_text(item.get("page")), doi=doi, kind=_text(item.get("type")),
        notices=_notices(item.get("updated-by"), about_this=True), is_notice=bool(update_to),
        other_titles=tuple(t for t in (_text(item.get("original-title")), _text(item.get("short-title"))) if t))


def _display_name(display: str) -> PersonName:
    """OpenAlex gives display names ("Jane Q. Smith", "Jan-Willem van de Meent", "张三"): read as
    every other name is (the family name with its particles; a Chinese name whole)."""
    if is_chinese(display):
        return PersonName(display.replace(" ", ""))
    return read_name(display)


def from_openalex(work: object) -> WorkRecord | None:
    if not isinstance(work, Mapping):
        return None
    title = _text(work.get("title")) or _text(work.get("display_name"))
    doi = bare_doi(work.get("doi"))
    if not title and not doi:
        return None
    authors, given = [], []
    authorships = work.get("authorships")
    for authorship in authorships[:MAX_AUTHORS] if isinstance(authorships, list) else []:
        author = authorship.get("author") if isinstance(authorship, Mapping) else None
        name = _text(author.get("display_name")) if isinstance(author, Mapping) else ""
        if name:
            person = _display_name(name)
            authors.append(person.family)
            given.append(person.given.lower())
    year = work.get("publication_year")
    location = work.get("primary_location")
    venue = location.get("source") if isinstance(location, Mapping) else None
    biblio: Mapping[str, Any] = work.get("biblio") if isinstance(work.get("biblio"), Mapping) else {}  # type: ignore[assignment]
    first, last = _text(biblio.get("first_page")), _text(biblio.get("last_page"))
    notices = (Notice(NoticeKind.RETRACTED, None, None, "openalex"),) if work.get("is_retracted") is True else ()
    return WorkRecord(
        source="openalex", id=_text(work.get("id")) or doi or title[:80], title=title, authors=tuple(authors),
        given=tuple(given),
        year=str(year) if isinstance(year, int) and not isinstance(year, bool) else None,
        container=_text(venue.get("display_name")) if isinstance(venue, Mapping) else "",
        volume=_text(biblio.get("volume")), issue=_text(biblio.get("issue")),
        pages=f"{first}-{last}" if first and last and first != last else first, doi=doi,
        kind=_text(work.get("type")), notices=notices)


def from_datacite(body: object) -> WorkRecord | None:
    data = body.get("data") if isinstance(body, Mapping) else None
    attributes = data.get("attributes") if isinstance(data, Mapping) else None
    if not isinstance(data, Mapping) or not isinstance(attributes, Mapping):
        return None
    titles = attributes.get("titles")
    title = next((_text(t.get("title")) for t in titles if isinstance(t, Mapping) and _text(t.get("title"))),
                 "") if isinstance(titles, list) else ""
    authors = []
    creators = attributes.get("creators")
    for creator in creators[:MAX_AUTHORS] if isinstance(creators, list) else []:
        if isinstance(creator, Mapping):
            name = _text(creator.get("familyName")) or _text(creator.get("name")).split(",")[0].strip()
            if name:
                authors.append(name)
    container = attributes.get("container")
    types = attributes.get("types")
    year = attributes.get("publicationYear")
    return WorkRecord(
        source="datacite", id=_text(data.get("id")), title=title, authors=tuple(authors),
        year=str(year) if isinstance(year, int | str) and str(year).isascii() and str(year).isdigit() else None,
        container=_text(container.get("title")) if isinstance(container, Mapping) else "",
        doi=bare_doi(attributes.get("doi")) or bare_doi(data.get("id")),
        kind=_text(types.get("resourceTypeGeneral")) if isinstance(types, Mapping) else "")
