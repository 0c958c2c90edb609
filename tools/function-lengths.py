#!/usr/bin/env python3
"""Lists functions longer than a limit in C++ sources (the house rule: none over about
150 lines in src/ui). A function is a brace block whose opening line ends a signature
`name(...) {` at namespace level or inside a struct; lambdas and blocks inside a function
count towards the function around them.

    tools/function-lengths.py [--max 150] [DIR_OR_FILE ...]     (default: src/ui)

Prints `file:line name lines` for each function over the limit, the longest first, and
exits 1 when there is one; with --top N it also lists the N longest.
"""
import argparse
import pathlib
import re
import sys

SIGNATURE = re.compile(r'([~\w:]+)\s*\([^;{}]*\)\s*(?:const\s*)?(?:noexcept\s*)?(?:->\s*[\w:<>,\s*&]+)?\s*\{\s*$')
NOT_FUNCTIONS = {'if', 'for', 'while', 'switch', 'catch', 'return', 'sizeof'}


def strip(line):
    """The line without string and character literals and // comments (braces in them do not count)."""
    line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(?:\\.|[^'\\])*'", "''", line)
    return line.split('//', 1)[0]


def functions(path):
    lines = path.read_text(encoding='utf-8', errors='replace').splitlines()
    depth = 0
    current = None  # (name, start line, depth at which it opened)
    in_comment = False
    pending = ''    # the text since the last ';', '{' or '}': a signature may span lines
    pending_start = 1
    for number, raw in enumerate(lines, 1):
        line = raw
        if in_comment:
            if '*/' not in line:
                continue
            line, in_comment = line.split('*/', 1)[1], False
        if '/*' in line and '*/' not in line.split('/*', 1)[1]:
            line, in_comment = line.split('/*', 1)[0], True
        line = strip(line)
        if line.strip().startswith('#'):
            continue
        if not pending.strip():
            pending_start = number
        pending += ' ' + line
        if current is None:
            match = SIGNATURE.search(pending)
            if match and match.group(1).split('::')[-1] not in NOT_FUNCTIONS and '=' not in pending.split('(')[0]:
                current = (match.group(1), pending_start, depth)
        if re.search(r'[;{}]\s*$', line):
            pending = ''
        depth += line.count('{') - line.count('}')
        if current is not None and depth <= current[2]:
            yield current[0], current[1], number - current[1] + 1
            current = None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--max', type=int, default=150)
    parser.add_argument('--top', type=int, default=0)
    parser.add_argument('paths', nargs='*', default=['src/ui'])
    args = parser.parse_args()
    found = []
    for given in args.paths:
        path = pathlib.Path(given)
        files = sorted(path.rglob('*.cpp')) + sorted(path.rglob('*.h')) if path.is_dir() else [path]
        for file in files:
            found += [(length, f'{file}:{start}', name) for name, start, length in functions(file)]
    found.sort(reverse=True)
    over = [f for f in found if f[0] > args.max]
    for length, where, name in over:
        print(f'{where} {name} {length} lines (over {args.max})')
    for length, where, name in found[:args.top]:
        print(f'{where} {name} {length} lines')
    if not found:
        print('function-lengths: no functions found', file=sys.stderr)
        return 2
    return 1 if over else 0


if __name__ == '__main__':
    sys.exit(main())
