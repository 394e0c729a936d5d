"""`citeguard fix` (issue 14, text and Markdown): the safe corrections applied, proven by auditing
the fixed text again — the fixed findings gone, no new ones."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from citeguard.api import document_from_text, load_with_source
from citeguard.checks import audit
from citeguard.fixes import apply_edits, plan_fixes
from citeguard.model import Document, Finding

from .conftest import PAPER


def _fix(text: str) -> tuple[str, Counter[str], Counter[str]]:
    doc = document_from_text(text, path="p.txt")
    _, before = audit(doc)
    edits = plan_fixes(doc, text, before)
    fixed = apply_edits(text, edits)
    _, after = audit(document_from_text(fixed, path="p.txt"))
    return fixed, Counter(f.code for f in before), Counter(f.code for f in after)


def test_the_reference_paper_fixed_and_audited_again() -> None:
    source, doc = load_with_source(PAPER)
    _, before = audit(doc)
    fixed = apply_edits(source.text, plan_fixes(doc, source.text, before))
    _, after = audit(document_from_text(fixed, path=doc.path))
    was, now = Counter(f.code for f in before), Counter(f.code for f in after)
    for code in ("CG111", "CG308", "CG203"):  # mixed brackets, mixed spacing, a duplicate page: settled
        assert was[code] and not now[code], code
    assert not now - was  # and nothing new
    # the minority's brackets took the majority's width; the compact entries took the spaces
    assert "（周文和许凌云，2023）" in fixed and "(周文和许凌云, 2023)" not in fixed
    assert "- [49] 周文, 许凌云. 论新质生产力:内涵特征与重要着力点[J]. 改革, 2023(10): 1-13." in fixed
    # [41] listed pages 192 and 195 twice: each is kept once, the order left alone (a human decides it)
    entry = next(line for line in fixed.splitlines() if line.startswith("- [41]"))
    assert entry.endswith("2025: 191, 192, 195, 163, 25-26, 155, 190, 216, 288, 196.")
    assert len(fixed.splitlines()) == len(source.text.splitlines())


def test_an_entry_with_text_no_field_holds_is_left_alone() -> None:
    # [2] and [4] are compact among spaced entries; [2]'s URL, broken by a conversion ("htp://"), is in
    # no field: rendering would drop it, so [2] stays as it is while [4] is fixed
    text = ("正文[1][2][3][4][5]。\n\n参考文献\n\n[1] 周文. 论新质生产力[J]. 改革, 2023(10): 1-13.\n"
            "[2] 国务院.关于推动外贸稳规模优结构的意见[EB/OL].(2023-04-25)[2025-03-01].htp://www.gov.cn/a.htm\n"
            "[3] 高帆. 论开放[J]. 学术月刊, 2015(2): 1-9.\n[4] 刘伟.论增长[J].经济研究,2020(3):3-11.\n"
            "[5] 黄群慧. 论绿色[J]. 生态文明研究, 2024(2): 26-28.\n")
    fixed, was, now = _fix(text)
    assert "[4] 刘伟. 论增长[J]. 经济研究, 2020(3): 3-11." in fixed
    assert "[2] 国务院.关于推动外贸稳规模优结构的意见[EB/OL].(2023-04-25)[2025-03-01].htp://www.gov.cn/a.htm" in fixed
    assert was == now == Counter({"CG308": 1})  # the list-level finding stays, naming [2] alone


def test_nothing_to_fix_changes_nothing() -> None:
    text = "正文（周文，2023）。\n\n参考文献\n\n周文, 2023. 论新质生产力[J]. 改革, (10): 1-13.\n"
    fixed, was, now = _fix(text)
    assert fixed == text and was == now


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "citeguard", "fix", *args], cwd=cwd, capture_output=True,
                          text=True, check=False, timeout=120)


def test_the_command(tmp_path: Path) -> None:
    shutil.copy(PAPER, tmp_path / "p.txt")
    original = (tmp_path / "p.txt").read_text(encoding="utf-8")
    diff = _cli("p.txt", "--diff", cwd=tmp_path)
    assert diff.returncode == 0 and diff.stdout.startswith("--- p.txt") and not (tmp_path / "p.fixed.txt").exists()
    only = _cli("p.txt", "--select", "CG111", "-o", "c.txt", cwd=tmp_path)
    assert only.returncode == 0 and "CG111 ×" in only.stdout and "CG308" not in only.stdout
    done = _cli("p.txt", cwd=tmp_path)  # a Chinese paper: the lines in Chinese (one language per run)
    # (46 fixes in the first pass; the 9 a/b suffixes whose entries the first pass re-rendered, in the second)
    assert done.returncode == 0 and done.stdout.startswith("已写入 55 处修改（") and "：p.fixed.txt" in done.stdout
    again = _cli("p.fixed.txt", "--diff", cwd=tmp_path)  # what fix writes, fix leaves alone: nothing left
    assert again.returncode == 0 and again.stdout == "", again.stdout[:500]
    assert "written to p.fixed.txt" in _cli("p.txt", "--lang", "en", cwd=tmp_path).stdout
    assert (tmp_path / "p.txt").read_text(encoding="utf-8") == original  # never the input without --in-place
    assert (tmp_path / "p.fixed.txt").read_text(encoding="utf-8") != original
    shutil.copy(PAPER.with_suffix(".pdf"), tmp_path / "p.pdf")
    pdf = _cli("p.pdf", cwd=tmp_path)  # a PDF is not rewritten: one line, exit 2
    assert pdf.returncode == 2 and len(pdf.stderr.strip().splitlines()) == 1 and "Traceback" not in pdf.stderr


LIST = ("\n\n参考文献\n\n赵儒煜, 2024. 东北地区新质生产力[J]. 社会科学辑刊, (3): 31-38.\n"
        "姜玲, 王媛媛, 方忠, 2021. 中国绿色开放型经济[J]. 亚太经济, (3): 115-121.\n")


@pytest.mark.parametrize(("body", "fixed"), [
    ("赵儒煜等（2024）认为，姜玲等（2021）亦然。", "赵儒煜（2024）认为"),      # CG106: 等 after the only author
    ("研究（赵儒煜，2024；姜玲，2021）。", "姜玲等，2021"),                  # CG107: three authors, 等 added
])
def test_et_al_after_the_entrys_real_author_count(body: str, fixed: str) -> None:
    text = body + LIST
    result, was, now = _fix(text)
    assert fixed in result
    assert not now - was and sum(now.values()) < sum(was.values())


def test_et_al_after_the_year_is_left_to_the_editor() -> None:
    text = "研究表明，姜玲(2021)等人发现如此，赵儒煜（2024）亦然。" + LIST
    result, _, _ = _fix(text)
    assert "姜玲(2021)等人" in result


def test_an_author_year_list_is_put_in_order() -> None:
    text = ("研究（赵儒煜，2024；姜玲等，2021；Smith，2019）。\n\n参考文献\n\n"
            "赵儒煜, 2024. 东北地区新质生产力[J]. 社会科学辑刊, (3): 31-38.\n\n"
            "SMITH J, 2019. Growth[J]. Journal of Economics, 5(1): 1-9.\n\n"
            "姜玲, 王媛媛, 方忠, 2021. 中国绿色开放型经济[J]. 亚太经济, (3): 115-121.\n")
    fixed, was, now = _fix(text)
    order = [line.split(",")[0] for line in fixed.split("参考文献")[1].splitlines() if line.strip()]
    assert order == ["姜玲", "赵儒煜", "SMITH J"]  # Chinese by pinyin (jiang, zhao), then Western
    assert was == Counter({"CG303": 1}) and not now
    assert sorted(fixed.splitlines()) == sorted(text.splitlines())  # the same lines, moved


def test_word_fixes_are_tracked_changes(tmp_path: Path) -> None:
    import zipfile

    from citeguard.ingest import read_source
    shutil.copy(PAPER.with_suffix(".docx"), tmp_path / "p.docx")
    done = _cli("p.docx", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 0 and "written as tracked changes to p.fixed.docx" in done.stdout, done.stderr
    fixed = tmp_path / "p.fixed.docx"
    # accepted (as citeguard's reader reads a .docx: deletions out, insertions in) the fixes are in
    accepted = read_source(fixed)
    assert "（钟山，2003）" in accepted.text and "(钟山, 2003)" not in accepted.text
    _, before = audit(load_with_source(tmp_path / "p.docx")[1])
    _, after = audit(load_with_source(fixed)[1])
    was, now = Counter(f.code for f in before), Counter(f.code for f in after)
    assert not now - was
    for code in ("CG111", "CG203", "CG306", "CG406"):  # CG306 and CG406 are in footnotes: fixed there too
        assert was[code] and not now[code], code
    with zipfile.ZipFile(tmp_path / "p.docx") as a, zipfile.ZipFile(fixed) as b:
        body = b.read("word/document.xml").decode("utf-8")
        assert body.count("<w:ins ") >= 30 and body.count("<w:del ") >= 30
        assert body.count('w:author="citeguard"') == body.count("<w:ins ") + body.count("<w:del ")
        notes = b.read("word/footnotes.xml").decode("utf-8")
        assert 'w:author="citeguard"' in notes and "<w:ins " in notes  # a note's fix is tracked in the note
        assert sorted(a.namelist()) == sorted(b.namelist())  # no part added or lost
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed: the file opens in it (checked where it is)")
    subprocess.run([soffice, "--headless", "--convert-to", "odt", "--outdir", str(tmp_path), str(fixed)],
                   capture_output=True, timeout=180, check=False)
    with zipfile.ZipFile(tmp_path / "p.fixed.odt") as odt:
        content = odt.read("content.xml").decode("utf-8")
    assert "<text:tracked-changes" in content and "citeguard" in content  # LibreOffice sees the changes
    # LibreOffice's own "accept all" (a Basic macro in a throwaway profile), then its text audited: the
    # fixed findings are gone there too (its text export leaves the footnotes out: those the reader checked)
    profile = tmp_path / "profile"
    env = f"-env:UserInstallation={profile.as_uri()}"
    subprocess.run([soffice, env, "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path / "init"),
                    str(tmp_path / "p.docx")], capture_output=True, timeout=180, check=False)  # creates the profile
    shutil.copy(Path(__file__).parent / "data" / "lo_accept_all.xba",
                profile / "user" / "basic" / "Standard" / "Module1.xba")
    texts = {}
    for name in ("p.docx", "p.fixed.docx"):
        out = tmp_path / f"{name}.accepted.txt"
        subprocess.run([soffice, env, "--headless",
                        f'macro:///Standard.Module1.AcceptAll("{tmp_path / name}","{out}")'],
                       capture_output=True, timeout=180, check=False)
        texts[name] = out
    _, lo_before = audit(load_with_source(texts["p.docx"])[1])
    _, lo_after = audit(load_with_source(texts["p.fixed.docx"])[1])
    was, now = Counter(f.code for f in lo_before), Counter(f.code for f in lo_after)
    assert was["CG111"] and was["CG203"] and not now["CG111"] and not now["CG203"] and not now - was


def test_same_author_year_works_get_a_and_b_in_the_list_and_the_text() -> None:
    text = ("研究（习近平，2018:391）与（习近平，2018:14）不同，（高帆，2015）。\n\n参考文献\n\n"
            "[1] 高帆.论开放[J].学术月刊,2015(2):1-9.\n"
            "[2] 习近平.论坚持推动构建人类命运共同体[M].北京:中央文献出版社,2018:391.\n"
            "[3] 习近平.在中国科学院第十九次院士大会上的讲话[M].北京:人民出版社,2018:14.\n")
    fixed, was, now = _fix(text)
    assert "（习近平，2018a:391）与（习近平，2018b:14）" in fixed  # each citation follows its entry
    assert "中央文献出版社,2018a:391." in fixed and "人民出版社,2018b:14." in fixed
    assert was["CG108"] == 1 and not now["CG108"] and not now - was


def test_numeric_citations_renumbered_in_order_of_first_citation() -> None:
    text = ("正文先引[3]，再引[1,2]，又见[3]260和[4-5]。\n\n参考文献\n\n"
            "[1] 甲.题一[J].刊名,2020(1):1-9.\n[2] 乙.题二[J].刊名,2020(1):1-9.\n[3] 丙.题三[J].刊名,2020(1):1-9.\n"
            "[4] 丁.题四[J].刊名,2020(1):1-9.\n[5] 戊.题五[J].刊名,2020(1):1-9.\n")
    fixed, was, now = _fix(text)
    assert fixed.startswith("正文先引[1]，再引[2,3]，又见[1]260和[4,5]。")  # the page after a bracket stays
    assert "[1] 丙.题三" in fixed and "[2] 甲.题一" in fixed and "[3] 乙.题二" in fixed and "[5] 戊.题五" in fixed
    assert was["CG110"] == 1 and not now


def test_an_entry_form_finding_is_fixed_by_the_rendering() -> None:
    text = "正文[1][2]。\n\n参考文献\n\n[1] 周文.论新质生产力[J].改革,2023(10):1-13.\n[2] 张三.题名[M].北京;出版社,2020:3.\n"
    fixed, was, now = _fix(text)
    assert fixed.endswith("[2] 张三.题名[M].北京:出版社,2020:3.\n") and was["CG314"] == 1 and not now


def test_a_latex_manuscript_gets_a_patch_to_its_bib_never_to_its_prose(tmp_path: Path) -> None:
    (tmp_path / "main.tex").write_text("\\documentclass{article}\\begin{document}\nAs shown \\cite{smith2020}.\n"
                                       "\\bibliography{refs}\n\\end{document}\n", encoding="utf-8")
    bib = ("@book{smith2020,\n  author = {Smith, John},\n  title = {Growth},\n  publisher = {Wiley},\n"
           "  address = {New York},\n  year = {2020},\n  pages = {12, 15, 12}\n}\n")
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    tex = (tmp_path / "main.tex").read_text(encoding="utf-8")
    done = _cli("main.tex", cwd=tmp_path)
    assert done.returncode == 0 and "written as a patch to main.bib.patch" in done.stdout, done.stderr
    patch = (tmp_path / "main.bib.patch").read_text(encoding="utf-8")
    assert patch.startswith("--- refs.bib\n+++ refs.bib\n") and "+  pages = {12, 15}" in patch
    assert (tmp_path / "main.tex").read_text(encoding="utf-8") == tex and \
        (tmp_path / "refs.bib").read_text(encoding="utf-8") == bib  # nothing rewritten, only the patch written


# --- issue 21: --in-place keeps the file's encoding, BOM, line ends, permissions and symbolic link,
# keeps a backup, and refuses (one line) what it cannot keep --------------------------------------

FORMS = [  # (name, how the paper's text is written to disk)
    ("gb18030-crlf", lambda t: t.replace("\n", "\r\n").encode("gb18030")),
    ("utf16be-bom-cr", lambda t: "\ufeff".encode("utf-16-be") + t.replace("\n", "\r").encode("utf-16-be")),
    ("utf16le-bom-crlf", lambda t: "\ufeff".encode("utf-16-le") + t.replace("\n", "\r\n").encode("utf-16-le")),
    ("utf8-bom", lambda t: "\ufeff".encode() + t.encode()),
    ("utf8-lf", lambda t: t.encode()),
]


@pytest.mark.parametrize(("form", "encode"), FORMS)
def test_in_place_keeps_the_encoding_line_ends_and_mode_and_a_backup(tmp_path: Path, form: str,
                                                                     encode: Callable[[str], bytes]) -> None:
    text = PAPER.read_text(encoding="utf-8")
    paper = tmp_path / "p.txt"
    paper.write_bytes(encode(text))
    paper.chmod(0o600)
    done = _cli("p.txt", "--in-place", cwd=tmp_path)
    assert done.returncode == 0 and "原稿已备份为 p.txt.orig" in done.stdout, done.stderr
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    assert _cli("utf8.txt", "-o", "utf8.fixed.txt", cwd=tmp_path).returncode == 0
    fixed_text = (tmp_path / "utf8.fixed.txt").read_text(encoding="utf-8")
    assert fixed_text != text
    assert paper.read_bytes() == encode(fixed_text)  # the fixes, and nothing else, in the file's own form
    assert (tmp_path / "p.txt.orig").read_bytes() == encode(text)
    assert stat.S_IMODE(paper.stat().st_mode) == 0o600 and stat.S_IMODE((tmp_path / "p.txt.orig").stat().st_mode) == 0o600
    shutil.copy(tmp_path / "p.txt.orig", tmp_path / "q.txt")  # (a backup is no manuscript: no batch audits it)
    copy = _cli("q.txt", "-o", "copy.txt", cwd=tmp_path)  # a copy is written in the same form
    assert copy.returncode == 0 and (tmp_path / "copy.txt").read_bytes() == encode(fixed_text)


def _doc_and_findings(text: str) -> tuple[Document, str, tuple[Finding, ...]]:
    doc = document_from_text(text, path="p.txt")
    return doc, text, audit(doc)[1]


def test_an_earlier_backup_is_never_overwritten(tmp_path: Path) -> None:
    shutil.copy(PAPER, tmp_path / "p.txt")
    assert _cli("p.txt", "--in-place", cwd=tmp_path).returncode == 0
    assert (tmp_path / "p.txt.orig").read_bytes() == PAPER.read_bytes()
    (tmp_path / "p.txt").write_text(PAPER.read_text(encoding="utf-8").replace("2023", "2024", 1), encoding="utf-8")
    again = _cli("p.txt", "--in-place", "--lang", "en", cwd=tmp_path)  # a second run: the first original stays
    assert again.returncode == 0 and "p.txt.orig (an earlier original) is kept as it was" in again.stdout, again.stdout
    assert (tmp_path / "p.txt.orig").read_bytes() == PAPER.read_bytes()


def test_in_place_through_a_symbolic_link_fixes_its_target_inside_the_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(PAPER, tmp_path / "sub" / "real.txt")
    (tmp_path / "p.txt").symlink_to("sub/real.txt")
    done = _cli("p.txt", "--in-place", "--no-backup", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 0 and "written to sub/real.txt" in done.stdout, done.stderr
    assert (tmp_path / "p.txt").is_symlink()  # still the link, to the fixed file
    assert (tmp_path / "sub" / "real.txt").read_text(encoding="utf-8") != PAPER.read_text(encoding="utf-8")
    assert not list(tmp_path.rglob("*.orig"))  # --no-backup


def _outside_link(tmp_path: Path) -> Path:
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(PAPER, tmp_path / "elsewhere" / "target.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p.txt").symlink_to(tmp_path / "elsewhere" / "target.txt")
    return tmp_path / "sub"


def _mixed(tmp_path: Path) -> Path:
    (tmp_path / "p.txt").write_bytes(PAPER.read_bytes().replace(b"\n", b"\r\n", 5))
    return tmp_path


def _hard_linked(tmp_path: Path) -> Path:
    shutil.copy(PAPER, tmp_path / "p.txt")
    os.link(tmp_path / "p.txt", tmp_path / "other-name.txt")
    return tmp_path


@pytest.mark.parametrize(("make", "message"), [
    (_outside_link, "a symbolic link to"),
    (_mixed, "its line ends are mixed (CRLF, LF)"),
    (_hard_linked, "has 2 hard links"),
])
def test_in_place_refuses_what_it_cannot_keep_in_one_line(tmp_path: Path, make: Callable[[Path], Path],
                                                          message: str) -> None:
    folder = make(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    done = _cli("p.txt", "--in-place", cwd=folder)
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before  # nothing written


def test_a_fix_the_encoding_cannot_hold_is_refused_in_place_and_a_copy_falls_back_to_utf8(
        capsys: pytest.CaptureFixture[str]) -> None:
    import typer

    from citeguard.cli.fix_cmd import _text_bytes
    from citeguard.ingest.sourcetext import SourceText
    from citeguard.ingest.textform import text_form

    data = "Smith (2019) said so.\r\n".encode("cp1252")
    source = SourceText.from_text(data.decode("cp1252"), encoding="cp1252")
    form = text_form(data, source)
    assert not isinstance(form, str) and form.describe() == "CP1252 with CRLF line ends"
    fixed = "Smith（2019）said so.\n"
    with pytest.raises(typer.Exit):
        _text_bytes(Path("p.txt"), Path("p.txt"), data, source, fixed, True)
    assert "p.txt: not rewritten in place, because CP1252 cannot hold '（' (U+FF08)" in capsys.readouterr().err
    assert _text_bytes(Path("p.txt"), Path("c.txt"), data, source, fixed, False) == fixed.encode()
    assert "c.txt is written as UTF-8 with LF line ends: CP1252 cannot hold" in capsys.readouterr().err


def test_word_in_place_keeps_the_mode_and_a_backup(tmp_path: Path) -> None:
    shutil.copy(PAPER.with_suffix(".docx"), tmp_path / "p.docx")
    (tmp_path / "p.docx").chmod(0o640)
    original = (tmp_path / "p.docx").read_bytes()
    done = _cli("p.docx", "--in-place", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 0 and "the original is kept as p.docx.orig" in done.stdout, done.stderr
    assert (tmp_path / "p.docx.orig").read_bytes() == original != (tmp_path / "p.docx").read_bytes()
    assert stat.S_IMODE((tmp_path / "p.docx").stat().st_mode) == 0o640


def test_an_entry_read_through_its_markdown_keeps_its_markup() -> None:
    # the list's spacing is mixed (CG308): the plain entries are re-rendered, the one set in Markdown
    # emphasis is left as typed (its rendering would drop the author's *…*); article numbers stay as written
    text = ("正文[1]，又见[2]，再[3]。\n\n参考文献\n\n"
            "[1] 张三. 论某某问题[J]. 经济研究, 2020, 55(1): e0213456.\n"
            "[2] 李四,王五.论另一问题[J].管理世界,2021,37(2):123:1-123:12.\n"
            "[3] 赵六.论第三个问题[J].*中国社会科学*,2022,42(3):3-es.\n"
            "[4] 钱七. 论第四个问题[J]. 经济学动态, 2023, 40(4): 1-9.\n")
    fixed, _, _ = _fix(text)
    assert "[2] 李四, 王五. 论另一问题[J]. 管理世界, 2021, 37(2): 123:1-123:12." in fixed
    assert "[3] 赵六.论第三个问题[J].*中国社会科学*,2022,42(3):3-es." in fixed
