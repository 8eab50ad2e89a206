"""The linter: a corpus of broken files with the exact errors each must produce."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from feedback_bot.dialogue.lint import lint_paths

HERE = Path(__file__).resolve().parent.parent / "conversations"
BROKEN = sorted((HERE / "broken").glob("*.yaml"))
NO_TRANSLATIONS = Path("/nonexistent")


def expected(path: Path) -> list[str]:
    prefix = "# expect: "
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.removeprefix(prefix) for line in lines if line.startswith(prefix)]


def test_the_broken_corpus_covers_every_check() -> None:
    messages = " ".join(line for path in BROKEN for line in expected(path))
    for fragment in (
        "duplicate node id",
        "goes to unknown node",
        "cannot be reached from the start",
        "never reaches an end",
        "cannot be skipped",
        "option has no 'code'",
        "duplicate option code",
        "reads at grade",
        "is not a field of",
        "file name must be",
        "never asked before it",
        "cannot be read as YAML",
        "no cy translation",
    ):
        assert fragment in messages, f"no broken file shows {fragment!r}"


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_broken_file_gives_exactly_the_expected_errors(path: Path) -> None:
    want = expected(path)
    assert want, f"{path.name} has no '# expect:' lines"
    conversations, problems = lint_paths([path], 5, NO_TRANSLATIONS)
    assert [str(p) for p in problems] == want
    assert conversations == []


def test_valid_sample_passes_every_layer() -> None:
    conversations, problems = lint_paths([HERE / "valid" / "sample.v1.yaml"], 5, NO_TRANSLATIONS)
    assert problems == []
    assert [c.key for c in conversations] == [("sample", 1)]


def test_reading_level_threshold_comes_from_the_caller() -> None:
    path = HERE / "valid" / "sample.v1.yaml"
    _, problems = lint_paths([path], 0.5, NO_TRANSLATIONS)
    assert problems and all("reads at grade" in str(p) for p in problems)


def test_two_files_with_the_same_id_and_version_are_refused(tmp_path: Path) -> None:
    source = (HERE / "valid" / "sample.v1.yaml").read_text(encoding="utf-8")
    (tmp_path / "sample.v1.yaml").write_text(source, encoding="utf-8")
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "sample.v1.yaml").write_text(source, encoding="utf-8")
    _, problems = lint_paths(
        [tmp_path / "sample.v1.yaml", copy / "sample.v1.yaml"], 5, NO_TRANSLATIONS
    )
    assert [str(p) for p in problems] == ["sample.v1.yaml:-: same id and version as sample.v1.yaml"]


def test_the_command_prints_problems_and_fails(app_for_cli: object) -> None:
    runner = CliRunner()
    from feedback_bot.cli import lint_conversations

    with app_for_cli.app_context():  # type: ignore[attr-defined]
        result = runner.invoke(lint_conversations, [str(HERE / "broken" / "no-skip.v1.yaml")])
    assert result.exit_code == 1
    assert "no-skip.v1.yaml:hello: cannot be skipped: give it 'next' or 'skip'" in result.output


def test_the_command_passes_the_shipped_conversations(app_for_cli: object) -> None:
    runner = CliRunner()
    from feedback_bot.cli import lint_conversations

    with app_for_cli.app_context():  # type: ignore[attr-defined]
        result = runner.invoke(lint_conversations, [])
    assert result.exit_code == 0, result.output
    assert "conversation(s) OK" in result.output
