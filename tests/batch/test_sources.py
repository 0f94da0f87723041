"""SOURCE resolution: folders, globs and manifests, and the scope each one covers."""

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from pipeline.batch.sources import SourceError, glob_matches, read_source, resolve_sources


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in ("a.pdf", "b.PDF", "notes.txt", "2021/c.pdf", "2021/deep/d.pdf"):
        touch(tmp_path / "archive" / name)
    return tmp_path / "archive"


def names(paths: tuple[Path, ...]) -> list[str]:
    return [path.name for path in paths]


def test_a_folder_gives_every_pdf_at_any_depth(tree: Path) -> None:
    assert names(resolve_sources([str(tree)]).paths) == ["c.pdf", "d.pdf", "a.pdf", "b.PDF"]


def test_a_glob_gives_the_pdf_files_it_matches(tree: Path) -> None:
    assert names(resolve_sources([str(tree / "*" / "*.pdf")]).paths) == ["c.pdf"]
    assert names(resolve_sources([str(tree / "**" / "*.pdf")]).paths) == ["c.pdf", "d.pdf", "a.pdf"]


def test_a_manifest_lists_pdfs_relative_to_itself(tree: Path) -> None:
    manifest = tree / "list.txt"
    manifest.write_text("# tonight's files\n\na.pdf\n2021/c.pdf\ngone.pdf\n", encoding="utf-8")
    sources = resolve_sources([str(manifest)])
    assert names(sources.paths) == ["c.pdf", "a.pdf"]
    assert names(sources.not_found) == ["gone.pdf"]


def test_a_file_given_twice_is_read_once(tree: Path) -> None:
    sources = resolve_sources([str(tree), str(tree / "a.pdf")])
    assert names(sources.paths).count("a.pdf") == 1


def test_a_source_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or folder"):
        resolve_sources([str(tmp_path / "nowhere")])


def test_a_binary_file_not_named_pdf_is_no_manifest(tmp_path: Path) -> None:
    blob = tmp_path / "scan.bin"
    blob.write_bytes(b"\xff\xfe\x00\x81" * 10)
    with pytest.raises(SourceError, match="not a UTF-8 manifest"):
        resolve_sources([str(blob)])


def test_a_glob_matching_nothing_is_warned_of(tree: Path) -> None:
    sources = resolve_sources([str(tree / "*.pdfx")])
    assert sources.paths == ()
    assert "matches no PDF file" in sources.warnings[0]


@pytest.mark.parametrize(
    ("relative", "covered"),
    [
        ("a.pdf", True),
        ("2021/deep/gone.pdf", True),
        ("notes.txt", False),
    ],
)
def test_a_folder_covers_its_pdfs_even_gone(tree: Path, relative: str, covered: bool) -> None:
    assert resolve_sources([str(tree)]).covers(str(tree / relative)) is covered


def test_a_folder_does_not_cover_a_sibling_folder(tree: Path) -> None:
    sibling = tree.parent / "archive-2" / "a.pdf"
    assert not resolve_sources([str(tree)]).covers(str(sibling))


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("/a/*.pdf", "/a/x.pdf", True),
        ("/a/*.pdf", "/a/b/x.pdf", False),
        ("/a/**/*.pdf", "/a/b/c/x.pdf", True),
        ("/a/r?.pdf", "/a/r3.pdf", True),
        ("/a/[!x]*.pdf", "/a/x1.pdf", False),
        ("/a/**/*.pdf", "/a/x.pdf", True),
        ("/a/**/*.pdf", "/a/.git/x.pdf", False),
        ("/a/*/x.pdf", "/a/.cache/x.pdf", False),
        ("/a/.cache/*.pdf", "/a/.cache/x.pdf", True),
    ],
)
def test_glob_matches_part_by_part(pattern: str, path: str, matches: bool) -> None:
    assert glob_matches(pattern, path) is matches


def test_a_document_is_known_by_its_content_hash(tree: Path) -> None:
    before = read_source(tree / "a.pdf")
    (tree / "a.pdf").write_bytes(b"%PDF-1.7\nchanged\n%%EOF\n")
    after = read_source(tree / "a.pdf")
    assert before.key == after.key
    assert before.doc_id == "a"
    assert before.content_hash != after.content_hash


@pytest.mark.parametrize(
    "text",
    [
        "# notes\n- read the reports\n- score them\n",  # a text file that is no manifest
        "a.pdf\n/etc/shadow\n",  # a manifest listing a file that is no PDF
    ],
)
def test_a_file_listing_anything_but_pdfs_is_no_manifest(tmp_path: Path, text: str) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="is not a PDF path"):
        resolve_sources([str(notes)])


def test_kpi_run_refuses_a_text_file_and_stores_nothing(
    tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# plan\nread every report\n", encoding="utf-8")
    store = tmp_path / "kpi.duckdb"
    result = kpi("run", notes, "--store", store)
    assert result.exit_code == 2
    assert "is not a PDF path" in result.output
    assert not store.exists()


def test_a_glob_does_not_follow_a_link_to_a_folder_above(tree: Path) -> None:
    (tree / "2021" / "up").symlink_to("..", target_is_directory=True)
    found = resolve_sources([str(tree / "**" / "*.pdf")]).paths
    assert names(found) == ["c.pdf", "d.pdf", "a.pdf"]


def test_a_glob_over_two_link_loops_finishes(tree: Path) -> None:
    (tree / "2021" / "up").symlink_to("..", target_is_directory=True)
    (tree / "2021" / "deep" / "top").symlink_to("../..", target_is_directory=True)
    assert len(resolve_sources([str(tree / "**" / "*.pdf")]).paths) == 3


def test_a_file_reached_by_two_paths_is_one_document(tree: Path) -> None:
    (tree.parent / "mirror").symlink_to(tree, target_is_directory=True)
    (tree / "latest.pdf").symlink_to(tree / "a.pdf")
    sources = resolve_sources([str(tree), str(tree.parent / "mirror")])
    assert names(sources.paths) == ["c.pdf", "d.pdf", "a.pdf", "b.PDF"]
