#!/usr/bin/env python3
"""Writes the characters beyond ASCII that the app's own code can write (src/core/scripts.cpp
includes the table): every one in a string or character literal of the C++ sources given,
comments left out. The font atlas holds ASCII, these and the pack's own characters, not
every character of the base font: on a phone the atlas's glyphs are a third of the first
frame (issue 10). Read from the sources at build time, so no list is kept by hand and a new
"…" in a panel is in the atlas with the build that adds it.

The bundled basemap's country names are written by the app too (on the map): with
--names, every character of that file (tools/bake-map.mjs's basemap-names.txt) is in the
table as well, so a basemap that arrives after the first frame (a phone's) rebuilds no atlas.

Usage: ui-characters.py [--names NAMES.txt] OUTPUT.inc SOURCE...    writes the table
       ui-characters.py --print [--names NAMES.txt] SOURCE...       prints the characters, one U+XXXX a line
"""
import re
import sys

SIMPLE_ESCAPES = {'n': 0x0A, 't': 0x09, 'r': 0x0D, '0': 0x00, '\\': 0x5C, '"': 0x22, "'": 0x27,
                  '?': 0x3F, 'a': 0x07, 'b': 0x08, 'f': 0x0C, 'v': 0x0B}
RAW_START = re.compile(r'(?:u8|u|U|L)?R"([^()\\ \t\n]{0,16})\(')
PREFIXED = re.compile(r'(?:u8|u|U|L)?(["\'])')


def literal_bytes(text, at, quote):
    """The bytes of the literal whose opening quote is at text[at] (UTF-8, escapes resolved:
    \\x gives a byte, \\u and \\U a code point) and the index after its closing quote."""
    out = bytearray()
    i = at + 1
    while i < len(text) and text[i] != quote:
        if text[i] == '\n':
            break  # not a literal after all (a digit separator such as 1'000)
        if text[i] != '\\':
            out += text[i].encode('utf-8')
            i += 1
            continue
        kind = text[i + 1]
        if kind == 'x':
            digits = re.match(r'[0-9A-Fa-f]+', text[i + 2:]).group(0)
            out.append(int(digits, 16) & 0xFF)
            i += 2 + len(digits)
        elif kind in 'uU':
            size = 4 if kind == 'u' else 8
            out += chr(int(text[i + 2:i + 2 + size], 16)).encode('utf-8')
            i += 2 + size
        elif kind in '01234567':
            digits = re.match(r'[0-7]{1,3}', text[i + 1:]).group(0)
            out.append(int(digits, 8) & 0xFF)
            i += 1 + len(digits)
        else:
            out.append(SIMPLE_ESCAPES.get(kind, ord(kind)))
            i += 2
    return bytes(out), i + 1


def literals(text):
    """The bytes of every string and character literal of a C++ source, in order; adjacent
    string literals are joined, as the compiler joins them (a UTF-8 sequence may be split
    between them: "\\xE2\\x80" "\\xA6")."""
    i, joined, found = 0, None, []
    while i < len(text):
        c = text[i]
        if text.startswith('//', i):
            i = text.find('\n', i) if '\n' in text[i:] else len(text)
            continue
        if text.startswith('/*', i):
            end = text.find('*/', i + 2)
            i = len(text) if end < 0 else end + 2
            continue
        raw = RAW_START.match(text, i) if c in 'uULR' else None
        if raw and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == '_')):
            end = text.index(')' + raw.group(1) + '"', raw.end())
            found.append(text[raw.end():end].encode('utf-8'))
            joined = None
            i = end + len(raw.group(1)) + 2
            continue
        prefixed = PREFIXED.match(text, i) if c in 'uUL"\'' else None
        if prefixed and (c in '"\'' or not (text[i - 1].isalnum() or text[i - 1] == '_')):
            quote_at = prefixed.end() - 1
            quote = text[quote_at]
            if quote == "'" and i > 0 and c == "'" and (text[i - 1].isalnum()):
                i += 1  # a digit separator: 0x7FFF'FFFF
                continue
            data, i = literal_bytes(text, quote_at, quote)
            if quote == '"' and joined is not None:
                found[joined] += data
            else:
                found.append(data)
                joined = len(found) - 1 if quote == '"' else None
            continue
        if not c.isspace():
            joined = None
        i += 1
    return found


def ui_characters(paths, names=None):
    characters = set()
    for path in paths:
        with open(path, encoding='utf-8') as source:
            for data in literals(source.read()):
                characters.update(ord(ch) for ch in data.decode('utf-8', errors='replace') if ord(ch) > 0x7E)
    characters.discard(0xFFFD)  # a byte that is not UTF-8 on its own (binary data, not text)
    if names:
        with open(names, encoding='utf-8') as lines:
            characters.update(ord(ch) for ch in lines.read() if ord(ch) > 0x7E)
    return sorted(characters)


def main(argv):
    printing = bool(argv) and argv[0] == '--print'
    if printing:
        argv = argv[1:]
    names = None
    if argv and argv[0] == '--names':
        names, argv = argv[1], argv[2:]
    if printing:
        for cp in ui_characters(argv, names):
            print(f'U+{cp:04X} {chr(cp)}')
        return 0
    output, paths = argv[0], argv[1:]
    rows = ', '.join(f'0x{cp:04X}' for cp in ui_characters(paths, names))
    table = ('// Generated by tools/ui-characters.py from the app\'s sources: do not edit.\n'
             f'constexpr char32_t kUiCharacters[] = {{{rows}}};\n')
    # Rewritten only when it changes: an edit that adds no character recompiles nothing.
    try:
        with open(output, encoding='utf-8') as old:
            if old.read() == table:
                return 0
    except FileNotFoundError:
        pass
    with open(output, 'w', encoding='utf-8') as out:
        out.write(table)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
