"""--help as a new user reads it, and the one-line usage errors of a misplaced or misspelt option."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from citeguard.cli import app, main

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _help(*args: str) -> str:
    """The help of ``citeguard ARGS --help``, wide enough that no text is wrapped, boxes removed."""
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "400", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return re.sub(r"[│╭╮╰╯─]+", " ", result.output)


def test_square_brackets_are_text_not_markup() -> None:
    assert "[tool.citeguard] in pyproject.toml" in _help()


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_texts_are_shown_as_written(command: str) -> None:
    """Every option's and argument's help reads in full: nothing taken for markup ("[…]")."""
    group = typer.main.get_command(app)
    target = group.commands[command] if command else group  # type: ignore[attr-defined]
    shown = " ".join(_help(*([command] if command else [])).split())
    for param in target.params:
        text = " ".join((getattr(param, "help", None) or "").split())
        assert text.replace("\\[", "[") in shown, (command, param.name)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_flag_has_no_type(command: str) -> None:
    """--help takes no value: no "<bool>" beside it, as beside every other flag."""
    text = _help(*([command] if command else []))
    assert "<bool>" not in text
    assert re.search(r"--help\s+Show this message and exit", text)


@pytest.mark.parametrize(("command", "says"), [
    ("parse", [".txt", ".md", ".tex", ".bib", ".docx", ".pdf", "'-' for standard input"]),
    ("ledger", [".docx", ".pdf", ".tex"]),
    ("export", [".docx", ".pdf", ".tex", "works cited only in footnotes"]),
    ("rules", ["zh or en (default: en)"]),
    ("audit", ["<name>.json in --reports-dir", "CJK font"]),
])
def test_help_says_what_the_command_does(command: str, says: list[str]) -> None:
    text = " ".join(_help(command).split())
    for words in says:
        assert words in text, words


def test_rules_help_claims_no_document_language() -> None:
    assert "document's" not in _help("rules")


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    return err.strip()


@pytest.mark.parametrize(("argv", "expected"), [
    # an option of citeguard itself after the command: where it goes
    (["verify", "x.txt", "--no-config"],
     "--no-config is an option of citeguard itself: put it before the command: citeguard --no-config verify …"),
    (["audit", "x.txt", "--config", "my.toml"], "put it before the command: citeguard --config my.toml audit …"),
    (["ledger", "--config=my.toml"], "put it before the command: citeguard --config my.toml ledger …"),
    (["rules", "--version"], "--version is an option of citeguard itself: put it before the command: citeguard --version"),
    # a misspelt option: the nearest one, whether the command's or citeguard's own
    (["audit", "x.txt", "--ofline"], "No such option: --ofline (did you mean --offline?) (see: citeguard audit --help)"),
    (["verify", "x.txt", "--no-confg"], "(did you mean --no-config? put it before the command: citeguard --no-config verify …)"),
    (["--no-confg", "audit", "x.txt"], "No such option: --no-confg (did you mean --no-config?)"),
    (["audt", "x.txt"], "Did you mean 'audit'?"),
])
def test_usage_errors_say_what_to_type(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    line = _error(argv, capsys)
    assert line.startswith("citeguard: error: ")
    assert expected in line
