#!/usr/bin/env python3
"""Checks the module graph of docs/architecture.md against the package.

docs/architecture.md has a table whose rows read `| `Target` | `A`, `B` | …`: each of the
package's own targets and the package targets it may import. This script fails (exit 1) when:

- a target of Package.swift is missing from the table, or the table names one that does not exist;
- a target's dependencies in Package.swift name a package target the table does not allow;
- a Swift file under Sources/<Target>/ imports a package target the table does not allow.

Imports of other packages (Foundation, Hummingbird, SQLKit, …) are not checked here; they are
declared in Package.swift. Run from anywhere: `python3 scripts/check-architecture.py`.
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
package = (root / "Package.swift").read_text()
table = (root / "docs" / "architecture.md").read_text()

# The graph: rows of the "may import" table.
graph = {}
for line in table.splitlines():
    match = re.match(r"^\|\s*`([\w-]+)`\s*\|\s*([^|]*)\|", line)
    if match:
        graph[match.group(1)] = set(re.findall(r"`([\w-]+)`", match.group(2)))

# The package's source targets and their dependencies on targets of this package.
targets = {}
for start in re.finditer(r"\.(?:target|executableTarget)\(", package):
    depth, end = 0, start.end() - 1
    for end in range(start.end() - 1, len(package)):
        depth += {"(": 1, ")": -1}.get(package[end], 0)
        if depth == 0:
            break
    body = package[start.end():end]
    name = re.search(r'name:\s*"([\w-]+)"', body).group(1)
    if 'path: "Tests/' in body:
        continue  # test support targets are not modules of the product
    dependencies = re.search(r"dependencies:\s*\[(.*?)\]\s*(?:,|$)", body, re.S)
    listed = re.sub(r"\.product\([^)]*\)", "", dependencies.group(1)) if dependencies else ""
    targets[name] = set(re.findall(r'"([\w-]+)"', listed))

problems = []
for name in sorted(set(targets) - set(graph)):
    problems.append(f"{name}: a target of Package.swift that docs/architecture.md does not place")
for name in sorted(set(graph) - set(targets)):
    problems.append(f"{name}: in docs/architecture.md but not a source target of Package.swift")

module_name = lambda target: target.replace("-", "_")
local = {module_name(t): t for t in targets}
for name, dependencies in sorted(targets.items()):
    allowed = graph.get(name, set())
    for dependency in sorted(dependencies - allowed):
        problems.append(f"{name}: Package.swift depends on {dependency}, which docs/architecture.md does not allow")
    for file in sorted((root / "Sources" / name).rglob("*.swift")):
        for line_number, line in enumerate(file.read_text().splitlines(), 1):
            match = re.match(r"^\s*(?:@testable\s+)?import\s+(\w+)", line)
            if not match or match.group(1) not in local:
                continue
            imported = local[match.group(1)]
            if imported != name and imported not in allowed:
                relative = file.relative_to(root)
                problems.append(f"{relative}:{line_number}: {name} imports {imported}, which docs/architecture.md does not allow")

if problems:
    print("the module graph is broken:\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"module graph ok: {len(targets)} targets, every dependency and import as docs/architecture.md allows")
