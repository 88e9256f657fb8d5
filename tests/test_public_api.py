"""Pin the public names (after httpx's test_exported_members)."""

import eventx


def test_public_names():
    assert sorted(eventx.__all__) == sorted([
        "AnnotationError", "Casualties", "ConfigError", "Count", "Event", "EventxError", "Extractor",
        "ModelLoadError", "Participant", "Place", "Seizure", "Span", "When", "__version__", "extract",
    ])
    for name in eventx.__all__:
        assert hasattr(eventx, name)


def test_import_is_light():
    import subprocess
    import sys

    code = "import sys, eventx; print('torch' in sys.modules, 'transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
