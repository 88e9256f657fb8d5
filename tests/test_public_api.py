"""Pin the public names (after httpx's test_exported_members)."""

import eventx


def test_public_names():
    assert sorted(eventx.__all__) == sorted([
        "AnnotationError", "Argument", "Casualties", "ConfigError", "Count", "Event", "EventxError", "Extractor",
        "Incident", "IncidentSettings", "ModelLoadError", "Participant", "Place", "Seizure", "Span", "When", "__version__", "extract", "incidents",
    ])
    for name in eventx.__all__:
        assert hasattr(eventx, name)


def test_import_is_light():
    import subprocess
    import sys

    code = "import sys, eventx; print('torch' in sys.modules, 'transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def _imports() -> dict[str, set[str]]:
    """Each eventx module (outside the corpus tools) and the eventx modules it imports."""
    import ast
    from pathlib import Path

    root = Path(eventx.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        name = ".".join(path.relative_to(root.parent).with_suffix("").parts).removesuffix(".__init__")
        if name.startswith("eventx.corpus"):
            continue
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("eventx"):
                deps.add(node.module)
                if node.module == "eventx":  # "from eventx import X": the root, or its submodule X
                    deps |= {f"eventx.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("eventx")}
        graph[name] = deps
    return graph


def test_no_import_cycles():
    """Function-level imports count too: a cycle hidden in a function is still a cycle."""
    graph = _imports()

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for dep in graph.get(todo.pop(), ()):
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        return seen

    cycles = sorted(m for m in graph if m in reach(m))
    assert cycles == []


def test_no_module_reads_another_modules_private_names():
    import ast
    from pathlib import Path

    root = Path(eventx.__file__).parent
    found = []
    for path in root.rglob("*.py"):
        if "corpus" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("eventx"):
                if node.module.rsplit(".", 1)[-1] == "_text":
                    continue  # a package-private helper module of eventx.normalize
                found += [f"{path.name}: {a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    assert found == []
