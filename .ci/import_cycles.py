#!/usr/bin/env python3
"""Finds import cycles between the files of src/ (issue 9: the layers only know the ones below).

Every `use crate::/super::/self::` path and every qualified path in code (`crate::x::f`,
`store::issues::get` after `use crate::store`) is resolved to the file that defines the item,
following `pub use` re-exports. A `pub use` is a facade, not a dependency, so it adds no edge
of its own unless the file uses the name itself; `mod x;` declarations add none either. Test modules (`#[cfg(test)] mod ...`) are
left out. Prints each cycle with the line that makes every edge; exits 1 if there is one.

Usage: .ci/import_cycles.py [SRC_DIR] [--skip DIR ...]   (e.g. --skip src/tui)
"""

import os
import re
import sys

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
USE_ITEM = r"(^|[;{}\n])\s*(pub(\([^)]*\))?\s+)?use\s+([^;]+);"


def strip(text):
    """Code without comments, string literals and the test module (kept line-aligned)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif c == "r" and re.match(r'r(#*)"', text[i:i + 10]) and not re.match(r"\w", text[i - 1] if i else " "):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            end = '"' + hashes
            j = text.find(end, i + len(hashes) + 2)
            j = n if j < 0 else j + len(end)
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j + 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i:i + 4]) or text.startswith("'\\u{", i):
            j = text.find("'", i + 1 if text[i + 1] != "\\" else i + 2)
            i = j + 1
            out.append("' '")
        else:
            out.append(c)
            i += 1
    code = "".join(out)
    m = re.search(r"#\[cfg\(test\)\]\s*(pub\s+)?mod\s+\w+\s*\{", code)
    if m:
        code = code[: m.start()] + "\n" * code.count("\n", m.start())
    return code


def expand(tree):
    """`a::{b, c::{d, e as f}}` -> [(['a','b'], 'b'), (['a','c','d'], 'd'), (['a','c','e'], 'f')]."""
    tree = re.sub(r"\s+as\s+", "@", tree)
    tree = re.sub(r"\s+", "", tree)
    out = []

    def walk(prefix, s):
        depth, start, parts = 0, 0, []
        for k, ch in enumerate(s):
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append(s[start:k])
                start = k + 1
        parts.append(s[start:])
        for p in filter(None, parts):
            if "{" in p:
                head, body = p.split("{", 1)
                walk(prefix + [x for x in head.split("::") if x], body[: body.rfind("}")])
            else:
                alias = None
                if "@" in p:
                    p, alias = p.split("@", 1)
                segs = prefix + [x for x in p.split("::") if x]
                if segs and segs[-1] == "self":
                    segs = segs[:-1]
                out.append((segs, alias or (segs[-1] if segs else "")))

    walk([], tree)
    return out


class Crate:
    def __init__(self, src, skip):
        self.src = src
        self.files = {}  # module path tuple -> file
        for root, _, names in os.walk(src):
            for name in names:
                if not name.endswith(".rs"):
                    continue
                path = os.path.join(root, name)
                rel = os.path.relpath(path, src)[:-3].split(os.sep)
                if rel == ["lib"]:
                    mod = ()
                elif rel == ["main"]:
                    continue  # the binary: `rapport::` paths, above every layer
                elif rel[-1] == "mod":
                    mod = tuple(rel[:-1])
                else:
                    mod = tuple(rel)
                self.files[mod] = path
        self.code = {m: strip(open(p, encoding="utf-8").read()) for m, p in self.files.items()}
        self.skip = [os.path.normpath(s) for s in skip]
        self.uses = {m: self.parse_uses(m) for m in self.files}

    def parse_uses(self, mod):
        """[(segments as written, alias, is_pub, line)] of the file's `use` items."""
        out = []
        for m in re.finditer(USE_ITEM, self.code[mod]):
            line = self.code[mod].count("\n", 0, m.start(4)) + 1
            for segs, alias in expand(m.group(4)):
                out.append((segs, alias, bool(m.group(2)), line))
        return out

    def absolute(self, mod, segs):
        """A path as written in `mod` -> an absolute module path list, or None (external)."""
        if not segs:
            return None
        head = segs[0]
        if head in ("crate", "rapport"):
            return list(segs[1:])
        if head in ("super", "self"):
            base = list(mod)
            rest = list(segs)
            while rest and rest[0] in ("super", "self"):
                if rest.pop(0) == "super":
                    base = base[:-1]
            return base + rest
        if tuple(mod) + (head,) in self.files:
            return list(mod) + list(segs)
        return None

    def defines(self, mod, name):
        return re.search(
            r"\b(fn|struct|enum|const|static|type|trait|union|mod)\s+" + re.escape(name) + r"\b|macro_rules!\s*"
            + re.escape(name) + r"\b",
            self.code[mod],
        )

    def resolve(self, path, seen=None):
        """The module (file) that defines what an absolute path names."""
        seen = seen or set()
        k = len(path)
        while k > 0 and tuple(path[:k]) not in self.files:
            k -= 1
        mod, rest = tuple(path[:k]), path[k:]
        if not rest or rest == ["*"] or (mod, rest[0]) in seen:
            return mod
        name = rest[0]
        if self.defines(mod, name):
            return mod
        seen.add((mod, name))
        for segs, alias, is_pub, _ in self.uses[mod]:
            target = self.absolute(mod, segs)
            if target is None:
                continue
            if alias == name and segs[-1] != "*":
                return self.resolve(target + rest[1:], seen)
            if segs[-1] == "*":
                inner = self.resolve(target[:-1] + rest, seen)
                if inner != tuple(target[:-1]) or self.defines(inner, name):
                    return inner
        return mod

    def edges(self):
        """{(from_mod, to_mod): (file, line)} of the real dependencies between files."""
        out = {}
        for mod, code in self.code.items():
            path = self.files[mod]
            if any(os.path.normpath(path).startswith(s + os.sep) or os.path.normpath(path) == s for s in self.skip):
                continue
            aliases = {}
            for segs, alias, is_pub, line in self.uses[mod]:
                target = self.absolute(mod, segs)
                if target is None or segs[-1] == "*":
                    continue
                if tuple(target) in self.files:
                    aliases[alias] = target
                if not is_pub:  # a re-export is a facade, not a use
                    self.add(out, mod, self.resolve(target), path, line)
            heads = ["crate", "super", "self", "rapport"] + sorted(aliases)
            heads += [h for (h,) in (m[len(mod):] for m in self.files if len(m) == len(mod) + 1 and m[: len(mod)] == mod)]
            pattern = r"(?<![\w:])(" + "|".join(map(re.escape, heads)) + r")((?:::" + IDENT + r")+)"
            # `use` items were counted above (a `pub use` not at all): blank them out.
            code = re.sub(USE_ITEM, lambda u: u.group(1) + "\n" * u.group(0)[len(u.group(1)) :].count("\n"), code)
            for segs, alias, is_pub, line in self.uses[mod]:
                # A re-exported name the file also uses itself is a use after all.
                target = self.absolute(mod, segs)
                if is_pub and target and segs[-1] != "*" and re.search(r"\b" + re.escape(alias) + r"\b", code):
                    self.add(out, mod, self.resolve(target), path, line)
            for m in re.finditer(pattern, code):
                segs = [m.group(1)] + [s for s in m.group(2).split("::") if s]
                if m.group(1) in aliases:
                    target = aliases[m.group(1)] + segs[1:]
                else:
                    target = self.absolute(mod, segs)
                if target is None:
                    continue
                line = code.count("\n", 0, m.start()) + 1
                self.add(out, mod, self.resolve(target), path, line)
        return out

    def add(self, out, a, b, path, line):
        if a != b and b in self.files:
            out.setdefault((a, b), (path, line))


def cycles(nodes, edges):
    """Strongly connected components with more than one file (Tarjan)."""
    graph = {n: [] for n in nodes}
    for a, b in edges:
        graph[a].append(b)
    index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(comp)

    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in index:
            visit(v)
    return comps


def shortest_cycle(comp, edges):
    """One concrete cycle through the component's first file (breadth-first)."""
    members = set(comp)
    start = sorted(comp)[0]
    prev, frontier = {start: None}, [start]
    while frontier:
        nxt = []
        for a in frontier:
            for (x, b) in edges:
                if x != a or b not in members:
                    continue
                if b == start:
                    path = [a]
                    while prev[path[-1]] is not None:
                        path.append(prev[path[-1]])
                    return list(reversed(path)) + [start]
                if b not in prev:
                    prev[b] = a
                    nxt.append(b)
        frontier = nxt
    return [start]


def main():
    args = sys.argv[1:]
    skip = []
    while "--skip" in args:
        k = args.index("--skip")
        skip.append(args[k + 1])
        del args[k : k + 2]
    src = args[0] if args else "src"
    crate = Crate(src, skip)
    edges = crate.edges()
    comps = cycles(list(crate.files), edges)
    name = lambda m: os.path.relpath(crate.files[m])
    print(f"{len(crate.files)} files, {len(edges)} dependencies between files, {len(comps)} cycle(s)")
    for comp in comps:
        cyc = shortest_cycle(comp, edges)
        print("cycle: " + " -> ".join(name(m) for m in cyc))
        for a, b in zip(cyc, cyc[1:]):
            path, line = edges[(a, b)]
            print(f"  {os.path.relpath(path)}:{line} uses {name(b)}")
        if len(comp) > len(cyc) - 1:
            print("  (files in the same knot: " + ", ".join(sorted(name(m) for m in comp)) + ")")
    return 1 if comps else 0


if __name__ == "__main__":
    sys.exit(main())
