"""Memory sizes as `--memory-limit` takes them, and the default limit."""

import pytest

from pipeline.batch.memory import DEFAULT_MEMORY_LIMIT, default_memory_limit, parse_memory_size

MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("2GiB", 2048 * MIB),
        ("2G", 2048 * MIB),
        ("1500MB", 1_500_000_000),
        ("512", 512 * MIB),
        ("1.5 GiB", 1536 * MIB),
        ("768mib", 768 * MIB),
    ],
)
def test_a_memory_size_is_read_with_its_unit(text: str, size: int) -> None:
    assert parse_memory_size(text) == size


@pytest.mark.parametrize("text", ["2XB", "lots", "-1G", ""])
def test_a_size_that_is_none_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a memory size"):
        parse_memory_size(text)


def test_the_default_limit_is_2_gib_at_most_and_shares_the_machine() -> None:
    assert default_memory_limit(1) <= DEFAULT_MEMORY_LIMIT
    assert default_memory_limit(1_000_000) < DEFAULT_MEMORY_LIMIT
