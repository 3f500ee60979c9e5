"""The conformance vectors in ``tests/data/vectors`` are exact copies of the shared ones.

CI checks out the repository alone, so the vectors live in it; where the shared folder is
checked out beside the repository (``../shared/test-vectors``), a copy that drifted from its
source fails here, and a newer shared file is a reminder to copy it again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

COPIES = Path(__file__).resolve().parent / "data" / "vectors"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "test-vectors"


def test_every_copied_vector_file_is_documented() -> None:
    readme = (COPIES / "README.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in COPIES.iterdir() if p.suffix in (".json", ".tsv"))
    assert len(files) == 6
    for name in files:
        assert f"| {name} |" in readme, name


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/test-vectors is not checked out beside the repository")
@pytest.mark.parametrize("name", sorted(p.name for p in COPIES.iterdir() if p.suffix in (".json", ".tsv")))
def test_copy_is_identical_to_the_shared_vectors(name: str) -> None:
    assert (COPIES / name).read_bytes() == (SHARED / name).read_bytes()
