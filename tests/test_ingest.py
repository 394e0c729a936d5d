"""Reading files: encodings, line ends, positions in the original file, and bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from citeguard.api import load_document
from citeguard.ingest import IngestError, SourceText, read_source
from citeguard.report.model_json import model_dict

from .conftest import PAPER


def _without_file_facts(document_dict: dict) -> dict:  # type: ignore[type-arg]
    out = dict(document_dict)
    out["document"] = {k: v for k, v in out["document"].items() if k not in {"sha256", "encoding", "path"}}
    return out


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("gb18030", b"", "\n"),
    ("gbk", b"", "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n"),
    ("utf-8", codecs.BOM_UTF8, "\r\n"),
])
def test_reencoded_paper_parses_to_the_same_model(tmp_path: Path, encoding: str, bom: bytes, newline: str) -> None:
    text = PAPER.read_text(encoding="utf-8")
    target = tmp_path / "paper.txt"
    target.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    original = model_dict(load_document(PAPER))
    again = model_dict(load_document(target))
    assert _without_file_facts(again) == _without_file_facts(original)
    assert again["summary"]["references"] == 51


@pytest.mark.parametrize(("text", "offset", "expected"), [
    ("abc\ndef", 0, (1, 1)),
    ("abc\ndef", 4, (2, 1)),
    ("abc\ndef", 6, (2, 3)),
    ("abc\r\ndef", 5, (2, 2)),  # CRLF counts as one line end
    ("\ufeffabc", 0, (1, 1)),  # BOM is not a column
    ("一二三\n四五", 4, (2, 1)),  # columns count characters, not bytes
    ("a\rb", 2, (2, 1)),  # old Mac CR
])
def test_positions_refer_to_the_original_file(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert SourceText.from_text(text).position(offset) == expected


def test_citation_position_is_line_and_column_of_the_file(tmp_path: Path) -> None:
    target = tmp_path / "p.txt"
    target.write_bytes("第一行\r\n正文（周文，2023）。\r\n".encode("gb18030"))
    doc = load_document(target)
    (c,) = doc.citations
    assert (c.span.line, c.span.column, c.span.end_column) == (2, 3, 11)  # （ at 3, ） at 11


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n ", "empty"),
    ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary"),
    ("paper.pdf", b"%PDF-1.4", "not a readable PDF"),
    ("paper.xyz", b"hello", "unsupported file type"),
    ("bad-bom.txt", codecs.BOM_UTF8 + b"\xff\xfe\xfa", "byte-order mark"),
])
def test_bad_input_is_one_clear_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    target = tmp_path / name
    target.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        read_source(target)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    with pytest.raises(IngestError, match="directory"):
        read_source(folder)
