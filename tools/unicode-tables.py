#!/usr/bin/env python3
"""Writes the character tables of right-to-left text (src/core/bidi.cpp includes them):
bidi classes, Arabic joining types, Arabic presentation forms and lam-alef ligatures,
mirrored pairs and bracket pairs. Read at build time from the Unicode Character Database
that Debian's unicode-data package installs (/usr/share/unicode), so no table is written
by hand.

The tables ship in the WebAssembly app, so they hold only what it can draw: the code
points of the ranges given on the command line (cmake/unicode.cmake, the font ranges).
Every such range lies in the Basic Multilingual Plane, so a code point is 16 bits."""
import argparse
import os
import sys

# Bidi classes by their long names (DerivedBidiClass.txt's @missing lines) as bidi.cpp's enum
# class BidiClass names them (the table names them, so a class missing there fails to compile).
BIDI_LONG_NAMES = {
    'Left_To_Right': 'L', 'Right_To_Left': 'R', 'Arabic_Letter': 'AL', 'European_Number': 'EN',
    'European_Separator': 'ES', 'European_Terminator': 'ET', 'Arabic_Number': 'AN',
    'Common_Separator': 'CS', 'Nonspacing_Mark': 'NSM', 'Boundary_Neutral': 'BN',
    'Paragraph_Separator': 'B', 'Segment_Separator': 'S', 'White_Space': 'WS', 'Other_Neutral': 'ON',
    'Left_To_Right_Embedding': 'LRE', 'Left_To_Right_Override': 'LRO', 'Right_To_Left_Embedding': 'RLE',
    'Right_To_Left_Override': 'RLO', 'Pop_Directional_Format': 'PDF', 'Left_To_Right_Isolate': 'LRI',
    'Right_To_Left_Isolate': 'RLI', 'First_Strong_Isolate': 'FSI', 'Pop_Directional_Isolate': 'PDI',
}
# Joining types bidi.cpp knows (enum class Joining); Arabic has no left-joining (L) letter.
JOINING_TYPES = ['U', 'D', 'R', 'C', 'T']
ARABIC_BLOCK = range(0x0600, 0x0700)
# The presentation-form blocks the app's fonts draw Arabic letters from.
FORM_BLOCKS = [range(0xFB50, 0xFC00), range(0xFE70, 0xFF00)]
# Bits of a letter's forms, in the order the presentation-form blocks number them.
FORM_BITS = {'<isolated>': 1, '<final>': 2, '<initial>': 4, '<medial>': 8}
LAM = 0x0644


def parse_ranges(text):
    """'0000-024F,2212' -> [(0x0000, 0x024F), (0x2212, 0x2212)], sorted."""
    ranges = []
    for item in text.replace(' ', ',').split(','):
        if item:
            first, _, last = item.partition('-')
            ranges.append((int(first, 16), int(last or first, 16)))
    ranges.sort()
    assert all(last <= 0xFFFF for _, last in ranges), 'the tables hold 16-bit code points'
    return ranges


def data_lines(path):
    """The fields of each data line of a UCD file, comments dropped."""
    with open(path, encoding='utf-8') as lines:
        for line in lines:
            line = line.split('#', 1)[0].strip()
            if line:
                yield [field.strip() for field in line.split(';')]


def code_points(field):
    """'0600..0605' or '0640' -> the range of code points."""
    first, _, last = field.partition('..')
    return range(int(first, 16), int(last or first, 16) + 1)


def derived_values(path, defaults):
    """A property of every code point from a UCD derived file: the listed values over the
    @missing defaults (later @missing lines are the more specific ones)."""
    values = {}
    with open(path, encoding='utf-8') as lines:
        for line in lines:
            if line.startswith('# @missing:'):
                field, value = [f.strip() for f in line[len('# @missing:'):].split(';')]
                for cp in code_points(field):
                    values[cp] = defaults(value)
    for field, value in data_lines(path):
        for cp in code_points(field):
            values[cp] = value
    return values


def ranges_of(values, code_points_in_order, default):
    """Rows (first, value): each value holds from its first code point until the next row."""
    rows = []
    for cp in code_points_in_order:
        value = values.get(cp, default)
        if not rows or rows[-1][1] != value:
            rows.append((cp, value))
    return rows


def bidi_class_rows(ucd, covered):
    # DerivedBidiClass.txt rather than UnicodeData.txt: it also gives the unassigned code
    # points their class (R or AL in right-to-left blocks, ET among currency symbols, BN
    # for default ignorables), so no default rule is copied here.
    classes = derived_values(os.path.join(ucd, 'extracted', 'DerivedBidiClass.txt'), BIDI_LONG_NAMES.get)
    drawn = {cp: classes.get(cp, 'L') for cp in covered}
    rows = ranges_of(drawn, range(0x10000), 'L')
    assert rows[0][0] == 0, 'the first row starts at U+0000'
    # A row's step from the one before fits 15 bits (steps()): a longer one is cut by a row
    # of the same class.
    for i in range(len(rows) - 1, 0, -1):
        while rows[i][0] - rows[i - 1][0] >= 0x8000:
            rows.insert(i, (rows[i - 1][0] + 0x7FFF, rows[i - 1][1]))
    # has_right_to_left() looks up only the characters of these blocks (from their UTF-8
    # lead bytes): every right-to-left class must lie in them.
    right_to_left = [cp for cp, c in drawn.items() if c in ('R', 'AL', 'AN')]
    assert all(0x0580 <= cp <= 0x07FF or 0xFB00 <= cp <= 0xFEFF or cp == 0x200F for cp in right_to_left), \
        'a right-to-left character beyond the blocks has_right_to_left() scans for: update bidi.cpp'
    return rows


def joining_rows(ucd):
    # The derived file lists the transparent (T) marks that ArabicShaping.txt leaves out.
    types = derived_values(os.path.join(ucd, 'extracted', 'DerivedJoiningType.txt'), lambda value: 'U')
    rows = ranges_of(types, ARABIC_BLOCK, 'U')
    assert {value for _, value in rows} <= set(JOINING_TYPES), 'a joining type bidi.cpp does not know'
    # Outside the Arabic block bidi.cpp knows only ZWJ (join causing); check the data agrees.
    assert types.get(0x200D) == 'C' and types.get(0x0640) == 'C', 'ZWJ and tatweel are join causing'
    return rows


def presentation_forms(ucd):
    """Each Arabic letter's forms as runs of consecutive code points: (letter, first, bits),
    the forms of `bits` numbered from `first` in the order isolated, final, initial, medial;
    and the lam-alef ligatures as (alef, isolated form) with the final form right after."""
    forms, lam_alef = {}, {}
    for fields in data_lines(os.path.join(ucd, 'UnicodeData.txt')):
        cp, decomposition = int(fields[0], 16), fields[5].split()
        if not any(cp in block for block in FORM_BLOCKS) or not decomposition or decomposition[0] not in FORM_BITS:
            continue
        tag, letters = decomposition[0], [int(x, 16) for x in decomposition[1:]]
        if len(letters) == 1 and letters[0] in ARABIC_BLOCK:
            assert tag not in forms.setdefault(letters[0], {}), f'two {tag} forms of U+{letters[0]:04X}'
            forms[letters[0]][tag] = cp
        elif len(letters) == 2 and letters[0] == LAM and tag in ('<isolated>', '<final>'):
            lam_alef.setdefault(letters[1], {})[tag] = cp
    runs = []
    for letter, by_tag in sorted(forms.items()):
        for tag in sorted(by_tag, key=FORM_BITS.get):
            cp = by_tag[tag]
            last = runs[-1] if runs else None
            if last and last[0] == letter and last[1] + bin(last[2]).count('1') == cp and last[2] < FORM_BITS[tag]:
                runs[-1] = (letter, last[1], last[2] | FORM_BITS[tag])
            else:
                runs.append((letter, cp, FORM_BITS[tag]))
    ligatures = []
    for alef, by_tag in sorted(lam_alef.items()):
        assert by_tag['<final>'] == by_tag['<isolated>'] + 1, 'a final lam-alef follows its isolated form'
        ligatures.append((alef, by_tag['<isolated>']))
    return runs, ligatures


def pairs(path, covered, wanted=lambda fields: True):
    """(first, second) of each pair of a UCD pair file with both ends drawn, once each."""
    found = []
    for fields in data_lines(path):
        a, b = int(fields[0], 16), int(fields[1], 16)
        if a in covered and b in covered and wanted(fields) and (b, a) not in found:
            found.append((a, b))
    return found


def steps(code_points):
    """Each code point as its step from the one before, in one byte or two (see main)."""
    out, previous = [], 0
    for cp in code_points:
        step, previous = cp - previous, cp
        assert step < 0x8000, 'a step fits 15 bits'
        out += [str(step)] if step < 0x80 else ['0x%02X' % (0x80 | step >> 8), str(step & 0xFF)]
    return out


def c_array(type_name, declarator, values, per_line=16):
    lines = [', '.join(values[i:i + per_line]) for i in range(0, len(values), per_line)]
    return 'constexpr %s %s = {\n    %s};\n' % (type_name, declarator, ',\n    '.join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--ucd', default='/usr/share/unicode', help="the Unicode Character Database's folder")
    parser.add_argument('--ranges', required=True, help='the code points the app draws: 0000-024F,2212,...')
    parser.add_argument('--sizes', action='store_true', help="print each table's rows and bytes")
    parser.add_argument('output')
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.ucd, 'UnicodeData.txt')):
        sys.exit(f'unicode-tables.py: no Unicode Character Database in {args.ucd}: run scripts/setup (package unicode-data)')
    covered = {cp for first, last in parse_ranges(args.ranges) for cp in range(first, last + 1)}
    covered.add(0xFFFD)  # what next_code_point() reads a malformed byte as: a neutral, not L

    classes = bidi_class_rows(args.ucd, covered)
    joining = joining_rows(args.ucd)
    forms, lam_alef = presentation_forms(args.ucd)
    mirrors = pairs(os.path.join(args.ucd, 'BidiMirroring.txt'), covered)
    brackets = pairs(os.path.join(args.ucd, 'BidiBrackets.txt'), covered, lambda fields: fields[2] == 'o')
    with open(os.path.join(args.ucd, 'extracted', 'DerivedBidiClass.txt'), encoding='utf-8') as first_line:
        version = first_line.readline().strip('# \n').removeprefix('DerivedBidiClass-').removesuffix('.txt')

    hex16 = lambda cp: '0x%04X' % cp
    with open(args.output, 'w', encoding='utf-8') as out:
        out.write('// Generated by tools/unicode-tables.py from %s (Unicode %s): do not edit.\n' % (args.ucd, version))
        out.write('// Bidi classes of the drawn code points, as ranges: each class holds from its first\n')
        out.write('// code point up to the next row\'s; code points beyond U+FFFF are L. The first code\n')
        out.write('// points are steps from the one before (from U+0000): one byte below 0x80, else two\n')
        out.write('// (0x80 | the high byte, then the low one).\n')
        out.write(c_array('std::uint8_t', 'kBidiClassSteps[]', steps(cp for cp, _ in classes)))
        out.write(c_array('BidiClass', 'kBidiClassOf[]', ['BidiClass::' + c for _, c in classes], 8))
        out.write('// Joining types of the Arabic block, as ranges from U+0600 + kJoiningFirst.\n')
        out.write(c_array('std::uint8_t', 'kJoiningFirst[]', [str(cp - ARABIC_BLOCK.start) for cp, _ in joining]))
        out.write(c_array('Joining', 'kJoiningOf[]', ['Joining::' + t for _, t in joining], 8))
        out.write('// Contextual forms: letter U+0600 + kFormLetter has the forms of kFormBits (isolated 1,\n')
        out.write('// final 2, initial 4, medial 8) numbered from kFormFirst in that order. A letter may\n')
        out.write('// have more than one row (rows of one letter are adjacent).\n')
        out.write(c_array('std::uint8_t', 'kFormLetter[]', [str(letter - ARABIC_BLOCK.start) for letter, _, _ in forms]))
        out.write(c_array('std::uint16_t', 'kFormFirst[]', [hex16(first) for _, first, _ in forms], 12))
        out.write(c_array('std::uint8_t', 'kFormBits[]', [str(bits) for _, _, bits in forms]))
        out.write('// Lam-alef ligatures: the alef, the isolated ligature (the final one is the next code point).\n')
        out.write(c_array('std::uint16_t', 'kLamAlef[][2]', ['{%s, %s}' % (hex16(a), hex16(l)) for a, l in lam_alef], 4))
        out.write('// Mirrored pairs (each character is drawn as the other at a right-to-left level).\n')
        out.write(c_array('std::uint16_t', 'kMirrorPairs[][2]', ['{%s, %s}' % (hex16(a), hex16(b)) for a, b in mirrors], 4))
        out.write('// Bracket pairs (opening, closing) for rule N0.\n')
        out.write(c_array('std::uint16_t', 'kBracketPairs[][2]', ['{%s, %s}' % (hex16(a), hex16(b)) for a, b in brackets], 4))

    if args.sizes:  # the wasm's code budget is counted in bytes
        class_bytes = len(classes) + len(steps(cp for cp, _ in classes))  # a class byte, 1 or 2 step bytes
        for name, rows, size in [('bidi classes', len(classes), class_bytes), ('joining types', len(joining), 2 * len(joining)),
                                 ('forms', len(forms), 4 * len(forms)), ('lam-alef', len(lam_alef), 4 * len(lam_alef)),
                                 ('mirrors', len(mirrors), 4 * len(mirrors)), ('brackets', len(brackets), 4 * len(brackets))]:
            print('%-14s %4d rows %5d bytes' % (name, rows, size))

if __name__ == '__main__':
    main()
