"""The one place a torch device is chosen (extractor, trainer, batch defaults, adapters)."""

from __future__ import annotations

__all__ = ["resolve_device"]


def resolve_device(name: str | None = None) -> str:
    """The device to run on: ``name`` as given (``"cpu"``, ``"cuda:1"``), or for None and
    ``"auto"`` CUDA when a GPU is visible, else CPU.

    >>> resolve_device("cpu")
    'cpu'
    """
    if name not in (None, "auto"):
        return name
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"
