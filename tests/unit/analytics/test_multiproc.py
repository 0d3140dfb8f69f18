"""The multi-process directory: made fresh for several workers, cleared when the operator names one."""

import os
import tempfile

from versus.analytics.multiproc import multiprocess_metrics
from versus.analytics.prometheus import MULTIPROC_ENV


def test_one_worker_needs_no_directory(monkeypatch):
    monkeypatch.delenv(MULTIPROC_ENV, raising=False)
    with multiprocess_metrics(1) as folder:
        assert folder is None
        assert MULTIPROC_ENV not in os.environ


def test_several_workers_get_a_fresh_directory_that_goes_afterwards(monkeypatch, tmp_path):
    monkeypatch.delenv(MULTIPROC_ENV, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with multiprocess_metrics(2) as folder:
        assert folder is not None and folder.parent == tmp_path
        assert os.environ[MULTIPROC_ENV] == str(folder)
        assert list(folder.iterdir()) == []
    assert not folder.exists()
    assert MULTIPROC_ENV not in os.environ


def test_a_named_directory_is_cleared_of_old_values_and_kept(monkeypatch, tmp_path):
    (tmp_path / "counter_1.db").write_bytes(b"old")
    (tmp_path / "notes.txt").write_text("not ours")
    monkeypatch.setenv(MULTIPROC_ENV, str(tmp_path))
    with multiprocess_metrics(1) as folder:
        assert folder == tmp_path
        assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert tmp_path.exists()
