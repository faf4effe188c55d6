#!/usr/bin/env python3
"""Lists the functions of the libraries' sources longer than a limit.

Scans <library>/src/**/*.cpp (algorithms, geodata, io, engine, pipeline,
cli, demo, report) for function bodies: comments, string and character
literals (raw strings included) and preprocessor lines are blanked first,
then braces are matched. A brace block is a function body when the text
before it, since the previous ';', '{' or '}' of the same level, holds a
parameter list and is not an initialiser (a top-level '=') nor a control
statement; namespaces, classes, structs and extern "C" blocks are entered so
that the functions inside them are found. Lambdas count as part of the
function that holds them. A function's length runs from the first line of
its declaration (template line included) to its closing brace.

  scripts/long_functions.py [--max N] [--root DIR]

Prints one line per function longer than N lines (default 80), longest
first, as "path:line: name (length lines)", and exits 1 when there is any,
0 otherwise (2 on usage errors).
"""
import argparse
import pathlib
import re
import sys

LIBRARIES = ("algorithms", "geodata", "io", "engine", "pipeline", "cli", "demo", "report")
SCOPE_KEYWORDS = re.compile(r"^(template\s*<.*>\s*)?(inline\s+)?(namespace|class|struct|union|enum)\b"
                            r"|^extern\s*\"?C?\"?$|^extern\s+$", re.S)
RAW_STRING = re.compile(r'(?:u8|u|U|L)?R"([^()\\\s]{0,16})\(')
ACCESS = re.compile(r"\s*(public|protected|private)\s*:(?!:)")
CONTROL = re.compile(r"^(if|for|while|switch|catch|do|else|try|return)\b")


def blank_code(text):
    """The text with comments, literals and preprocessor lines replaced by
    spaces (newlines kept, so that offsets still give line numbers)."""
    out = []
    i = 0
    n = len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c == "#":
            # A preprocessor directive, continued by trailing backslashes.
            j = i
            while j < n and text[j] != "\n":
                if text[j] == "\\" and j + 1 < n and text[j + 1] == "\n":
                    j += 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        if c == "\n":
            out.append(c)
            at_line_start = True
            i += 1
            continue
        if not c.isspace():
            at_line_start = False
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        raw = c in "uULR" and RAW_STRING.match(text, i, i + 24)
        if raw and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = text.find(")" + raw.group(1) + '"', raw.end())
            j = n if end < 0 else end + len(raw.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        if c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():
                # A digit separator (1'000'000), not a character literal.
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(" " * (j - i))
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


def top_level(header):
    """The header with every bracketed part ((), [], <> of templates is not
    tracked) reduced to its brackets."""
    depth = 0
    kept = []
    for c in header:
        if c in "([":
            if depth == 0:
                kept.append(c)
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth == 0:
                kept.append(c)
        elif depth == 0:
            kept.append(c)
    return "".join(kept)


def is_constructor_initialiser(header):
    """True when the header ends inside a constructor's initialiser list
    (`Foo::Foo(int a) : a_{a}`): the brace is a member's initialiser."""
    flat = top_level(header)
    flat = flat.replace("::", "  ")
    match = re.search(r"\)\s*(noexcept\s*(\(\))?\s*)?:", flat)
    return match is not None and re.search(r"[A-Za-z_0-9>]\s*$", flat) is not None


def function_name(header):
    """The declared name, qualified as written (`Class::name`, `operator()`)."""
    flat = top_level(header).replace("\n", " ")
    match = re.search(r"((?:[\w~]+::)*(?:operator\s*(?:\(\)|[^\s(]+)|~?\w+))\s*\(", flat)
    return match.group(1) if match else flat.strip()[:40]


def classify(header):
    """'scope' (enter it), 'function' (measure it) or 'other' (skip it)."""
    stripped = " ".join(header.split())
    if not stripped:
        return "other"
    if SCOPE_KEYWORDS.search(stripped):
        return "scope" if "(" not in top_level(stripped) or stripped.startswith(
            ("namespace", "class", "struct")) else "other"
    if CONTROL.match(stripped):
        return "other"
    flat = top_level(stripped)
    if "(" not in flat:
        return "other"
    # An initialiser (`auto x = f(...) {`, `T t = {`) is not a function;
    # a lambda at namespace scope is measured as the function it defines.
    if re.search(r"(?<![=!<>+\-*/%&|^])=(?!=)", flat.split("(")[0]):
        return "function" if "[" in flat else "other"
    return "function"


def scan_file(path, rel):
    text = path.read_text(encoding="utf-8")
    code = blank_code(text)
    line_of = []
    line = 1
    for c in code:
        line_of.append(line)
        if c == "\n":
            line += 1
    found = []
    i = 0
    header_start = 0
    n = len(code)
    while i < n:
        c = code[i]
        if c == ";" or c == "}":
            header_start = i + 1
        elif c == "{":
            # An access specifier ends the previous member, as ';' does.
            access = ACCESS.match(code, header_start, i)
            while access:
                header_start = access.end()
                access = ACCESS.match(code, header_start, i)
            header = code[header_start:i]
            if is_constructor_initialiser(header):
                i = match_brace(code, i) + 1
                continue
            kind = classify(header)
            if kind == "scope":
                header_start = i + 1
            else:
                end = match_brace(code, i)
                if kind == "function":
                    first = header_start + (len(header) - len(header.lstrip()))
                    length = line_of[end] - line_of[first] + 1
                    found.append((rel, line_of[first], function_name(header), length))
                i = end + 1
                header_start = i
                continue
        i += 1
    return found


def match_brace(code, i):
    depth = 0
    for j in range(i, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code) - 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max", type=int, default=80, help="longest allowed function, in lines")
    parser.add_argument("--root", default=str(pathlib.Path(__file__).resolve().parent.parent),
                        help="the source tree (default: this script's project)")
    args = parser.parse_args()
    root = pathlib.Path(args.root)
    if not all((root / library).is_dir() for library in LIBRARIES):
        print(f"long_functions.py: {root} is not the project's source tree "
              f"(it should hold {', '.join(LIBRARIES)}); give it with --root", file=sys.stderr)
        return 2
    functions = []
    for library in LIBRARIES:
        for path in sorted((root / library / "src").rglob("*.cpp")):
            functions += scan_file(path, path.relative_to(root).as_posix())
    long_ones = sorted((f for f in functions if f[3] > args.max), key=lambda f: (-f[3], f[0], f[1]))
    for rel, line, name, length in long_ones:
        print(f"{rel}:{line}: {name} ({length} lines)")
    print(f"{len(long_ones)} of {len(functions)} functions are longer than {args.max} lines")
    return 1 if long_ones else 0


if __name__ == "__main__":
    sys.exit(main())
