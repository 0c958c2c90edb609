#!/usr/bin/python3
"""Cuts the bundled fonts into the base every page loads and the chunks a page fetches
when its pack needs them, and writes the table the core checks characters against: one source of truth for which
characters the explainer can draw (the ranges in cmake/fonts.cmake and the fonts' own
cmaps).

  font-subsets.py --fonts DIR --faces A,B,... --base RANGES --extra RANGES
                  [--script NAME=RANGES:FONTS ...] [--cjk RANGES:FILE:FAMILY]
                  [--unihan DIR] [--header OUT.inc] [--web-dir DIR]

RANGES is pyftsubset's syntax ("U+0020-007E,U+00A0-017F,U+2212"). A character counts as
covered when every face has a glyph for it (a name must not change font mid-word).
--script      a script whose letters come from fonts of its own, merged into the faces:
              NAME=RANGES:FONTS, FONTS one per face in the faces' order (cmake/fonts.cmake
              picks them): "Georgian=U+10A0-10FF:NotoSerifGeorgian-Regular,...". Its
              chunks are fonts/uXXXX-name.bin.
--cjk         Chinese, Japanese and Korean characters (Han, kana, Hangul, their
              punctuation): RANGES from the OpenType collection FILE's font FAMILY
              ("Noto Sans CJK SC"), its CFF outlines turned into TrueType ones. One font
              serves every face (a bold and a serif CJK font would triple what a reader
              fetches for each character), in chunks of kCjkChunk code points:
              fonts/uXXXX-cjk.bin.
--unihan      Unicode's Unihan database and its other tables (Debian: unicode-data),
              with --cjk: the ideographs and Hangul syllables that text uses most travel
              a second time, in groups of kCjkGroup by frequency (fonts/gNNN-cjk.bin),
              listed in fonts/index-cjk.bin. A pack written in Chinese takes its
              hundreds of characters from a few dozen groups rather than from hundreds
              of chunks; the core chooses, per pack, whichever costs less.
--header      the C++ table (src/core/scripts.cpp includes it).
--web-dir     the font files, every face in one file (u32 count, count x u32 byte
              length, then the TTFs, little-endian; a length with its top bit set,
              0x80000000 | k, is no TTF of its own but face k's again, as the CJK
              chunks' faces are): the base ranges in fonts/base.bin
              (fetched with the wasm, outside it so that it is cached on its own and
              the code stays small), the extra ranges in chunks of kChunk code points,
              one file per chunk that holds any covered character: fonts/uXXXX.bin.
"""
import argparse
import io
import os
import struct
import sys

from fontTools import subset
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

# Extra glyphs travel in chunks of this many code points: a Hawaiian pack fetches the
# chunk with the ʻokina, not every Latin extension.
kChunk = 128
# Chinese, Japanese and Korean characters travel in much smaller chunks: a pack holds a
# few dozen of them scattered over 40,000 code points, and a glyph is about 270 bytes of
# gzip, so that 16 of them (4 KB with the font's tables and licence) are what a character
# costs a reader.
kCjkChunk = 16
# A CJK chunk's file (printf's format, which the core's table takes too), and its length
# word for a face that takes face 0's font again.
kCjkChunkFile = 'fonts/u%04x-cjk.bin'
kSameAsFace = 0x80000000
# The frequent characters' groups (--unihan): 32 characters each, the commonest together.
# In a trial's pack written in Chinese (1,004 different characters) chunks of 16 code
# points came to 507 files and 8,112 glyphs, groups of 32 to 133 files and 4,176 glyphs
# (of 64: 78 and 4,752). The index lists the grouped characters in their groups' order:
# "CJKG", u16 characters per group, u16 count, then count x u16 code points, little-endian.
kCjkGroup = 32
kCjkGroupFile = 'fonts/g%03d-cjk.bin'
kCjkIndexFile = 'fonts/index-cjk.bin'


def parse_ranges(text):
    points = set()
    for part in filter(None, (p.strip() for p in text.split(','))):
        assert part.upper().startswith('U+'), f'range {part!r} must start with U+'
        first, _, last = part[2:].partition('-')
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def runs(points):
    """Sorted (first, last) runs of consecutive code points."""
    out = []
    for cp in sorted(points):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def subset_face(path, points, metrics_of=None):
    """`path`'s glyphs for `points`, as a TTF. `metrics_of`: a font whose vertical metrics
    the subset takes (scaled to its units per em), so that a script's font merged into a
    face is sized as that face is: stb_truetype scales a font by its ascent minus descent."""
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = True
    options.layout_features = []
    # ImGui 1.86 (stb_truetype) reads neither layout nor grid-fitting tables: without
    # them fonts/base.bin is 0.2 KB smaller after gzip (issue 10). The name table stays:
    # it carries the fonts' copyright and licence.
    options.drop_tables += ['GDEF', 'GPOS', 'GSUB', 'gasp']
    font = TTFont(path)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    if metrics_of:
        face = TTFont(metrics_of)
        ratio = font['head'].unitsPerEm / face['head'].unitsPerEm
        for field in ('ascent', 'descent', 'lineGap'):
            setattr(font['hhea'], field, round(getattr(face['hhea'], field) * ratio))
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


class CjkSource:
    """The CJK font of an OpenType collection, read once: a chunk takes its glyphs'
    outlines, which fontTools' subsetter would read again from the 20 MB file for each of
    the thousands of chunks (0.2 s each, against 8 ms)."""

    def __init__(self, path, family, metrics_of):
        fonts = TTCollection(path).fonts
        matches = [i for i, font in enumerate(fonts) if font['name'].getDebugName(1) == family]
        assert matches, f'--cjk: {path} holds no font named {family!r} (Debian: fonts-noto-cjk)'
        self.font = TTFont(path, fontNumber=matches[0])
        self.cmap = self.font.getBestCmap()
        self.glyphs = self.font.getGlyphSet()
        # Sized as the faces are (see subset_face): every face has the same vertical metrics.
        face = TTFont(metrics_of)
        ratio = self.font['head'].unitsPerEm / face['head'].unitsPerEm
        self.ascent = round(face['hhea'].ascent * ratio)
        self.descent = round(face['hhea'].descent * ratio)
        # The names that carry its copyright, licence and version.
        kept = {0: 'copyright', 1: 'familyName', 2: 'styleName', 3: 'uniqueFontIdentifier', 4: 'fullName',
                5: 'version', 6: 'psName', 7: 'trademark', 13: 'licenseDescription', 14: 'licenseInfoURL'}
        self.names = {kept[r.nameID]: r.toUnicode() for r in self.font['name'].names
                      if r.nameID in kept and r.platformID == 3 and r.langID == 0x409}

    def chunk_font(self, points):
        """A TrueType font of `points`' glyphs, their cubic outlines made quadratic (stb_truetype
        reads both, but the engine takes TrueType chunks only)."""
        upm = self.font['head'].unitsPerEm
        order, glyphs, metrics, cmap = ['.notdef'], {'.notdef': TTGlyphPen(None).glyph()}, {'.notdef': (upm // 2, 0)}, {}
        for cp in sorted(points):
            name = self.cmap[cp]
            if name not in glyphs:
                pen = TTGlyphPen(None)
                self.glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
                glyphs[name] = pen.glyph()
                metrics[name] = self.font['hmtx'][name]
                order.append(name)
            cmap[cp] = name
        builder = FontBuilder(upm, isTTF=True)
        builder.setupGlyphOrder(order)
        builder.setupCharacterMap(cmap)
        builder.setupGlyf(glyphs)
        builder.setupHorizontalMetrics(metrics)
        builder.setupHorizontalHeader(ascent=self.ascent, descent=self.descent)
        builder.setupNameTable(self.names)
        builder.setupOS2()
        builder.setupPost(keepGlyphNames=False)
        buffer = io.BytesIO()
        builder.font.save(buffer)
        return buffer.getvalue()


def frequent_cjk(unihan_dir, points):
    """The ideographs and Hangul syllables of `points` that text uses most, commonest first.
    Ideographs: those with a frequency in Modern Chinese (Unihan's kHanyuPinlu, the sum of
    its readings' counts; 3,800 characters) in that order, then the rest of the first
    levels of GB 2312 (3,755, mainland Chinese), JIS X 0208 (2,965, Japanese), the jōyō
    kanji and those kFrequency ranks 1-3 (traditional Chinese text), by that rank. Hangul:
    the 2,350 syllables of KS X 1001, which hold nearly all of Korean text (Unicode has no
    frequencies for Hangul), in code point order."""
    import bz2
    import re

    def field_values(file, wanted):
        values = {}
        with bz2.open(os.path.join(unihan_dir, file), 'rt', encoding='utf-8') as lines:
            for line in lines:
                if line.startswith('U+'):
                    cp, field, value = line.rstrip('\n').split('\t', 2)
                    if field in wanted:
                        values.setdefault(field, {})[int(cp[2:], 16)] = value
        return values
    readings = field_values('Unihan_Readings.txt.bz2', {'kHanyuPinlu'})
    mappings = field_values('Unihan_OtherMappings.txt.bz2', {'kGB0', 'kJis0', 'kJoyoKanji'})
    ranks = field_values('Unihan_DictionaryLikeData.txt.bz2', {'kFrequency'})
    # "kHanyuPinlu: de5(75596) di4(3283)": the counts of each reading.
    pinlu = {cp: sum(int(n) for n in re.findall(r'\((\d+)\)', v)) for cp, v in readings['kHanyuPinlu'].items()}
    frequency = {cp: int(v) for cp, v in ranks['kFrequency'].items()}
    first_level = {cp for cp, v in mappings['kGB0'].items() if 16 <= int(v[:2]) <= 55}
    first_level |= {cp for cp, v in mappings['kJis0'].items() if 16 <= int(v[:2]) <= 47}
    first_level |= set(mappings['kJoyoKanji']) | {cp for cp, rank in frequency.items() if rank <= 3}
    han = sorted((set(pinlu) | first_level) & points, key=lambda cp: (-pinlu.get(cp, 0), frequency.get(cp, 6), cp))
    hangul = []
    for lead in range(0xB0, 0xC9):  # KS X 1001's Hangul rows, in EUC-KR
        for trail in range(0xA1, 0xFF):
            cp = ord(bytes([lead, trail]).decode('euc_kr'))
            if cp in points:
                hangul.append(cp)
    assert len(han) > 5000 and len(hangul) == 2350, f'--unihan {unihan_dir}: {len(han)} ideographs, {len(hangul)} syllables'
    return han + hangul


def write_if_changed(path, data):
    if os.path.exists(path):
        with open(path, 'rb') as f:
            if f.read() == data:
                return
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--fonts', required=True)
    parser.add_argument('--faces', required=True)
    parser.add_argument('--base', required=True)
    parser.add_argument('--extra', required=True)
    parser.add_argument('--script', action='append', default=[])
    parser.add_argument('--cjk')
    parser.add_argument('--unihan')
    parser.add_argument('--header')
    parser.add_argument('--web-dir')
    args = parser.parse_args()

    faces = args.faces.split(',')
    paths = [os.path.join(args.fonts, face + '.ttf') for face in faces]
    cmaps = [set(TTFont(path).getBestCmap()) for path in paths]
    in_every_face = set.intersection(*cmaps)
    base = parse_ranges(args.base) & in_every_face
    extra = (parse_ranges(args.extra) & in_every_face) - base

    # Chunks by (first code point of their block, script: '' for the faces' own fonts);
    # `sources`: the fonts, one per face, that a script's subsets come from.
    chunks, sources = {}, {'': paths}
    for cp in extra:
        chunks.setdefault((cp - cp % kChunk, ''), set()).add(cp)
    covered = base | extra
    for spec in args.script:
        name, _, rest = spec.partition('=')
        ranges, _, fonts = rest.partition(':')
        assert name.isalpha() and ranges and len(fonts.split(',')) == len(faces), \
            f'--script {spec!r}: NAME=RANGES:FONTS, one font for each of the {len(faces)} faces'
        sources[name] = [os.path.join(args.fonts, font + '.ttf') for font in fonts.split(',')]
        for path in sources[name]:
            assert os.path.exists(path), f'--script {name}: {path} is missing (Debian: fonts-noto-core)'
        points = parse_ranges(ranges).intersection(*(set(TTFont(path).getBestCmap()) for path in sources[name]))
        assert not points & covered, f'--script {name}: its ranges overlap characters the faces already cover'
        covered |= points
        for cp in points:
            chunks.setdefault((cp - cp % kChunk, name), set()).add(cp)
    cjk = None
    if args.cjk:
        ranges, path, family = args.cjk.split(':', 2)
        cjk = CjkSource(path, family, paths[0])
        cjk_points = parse_ranges(ranges) & set(cjk.cmap)
        assert not cjk_points & covered, '--cjk: its ranges overlap characters the faces already cover'
    base_name = 'fonts/base.bin'
    chunk_names = {key: f'fonts/u{key[0]:04x}{"-" + key[1].lower() if key[1] else ""}.bin' for key in chunks}
    chunk_index = {key: i for i, key in enumerate(sorted(chunks))}

    # Runs split at chunk boundaries, each with its chunk (-1: in the base file).
    rows = [(first, last, -1) for first, last in runs(base)]
    for key in sorted(chunks):
        rows += [(first, last, chunk_index[key]) for first, last in runs(chunks[key])]
    # CJK runs are not cut at their chunks' edges: the core works out a character's chunk
    # (kCjkChunkPoints, kCjkChunkFile), so the table stays a few rows long.
    if cjk:
        rows += [(first, last, -2) for first, last in runs(cjk_points)]
    rows.sort()

    lines = ['// Generated by tools/font-subsets.py from cmake/fonts.cmake and the fonts\' cmaps: do not edit.',
             'inline constexpr const char* kFontFaces[] = {' + ', '.join(f'"{f}"' for f in faces) + '};',
             f'inline constexpr const char* kBaseFontFile = "{base_name}";',
             'inline constexpr const char* kFontChunkFiles[] = {' +
             ', '.join(f'"{chunk_names[s]}"' for s in sorted(chunks)) + '};',
             f'inline constexpr char32_t kCjkChunkPoints = {kCjkChunk};',
             f'inline constexpr const char* kCjkChunkFile = "{kCjkChunkFile}";',
             f'inline constexpr std::size_t kCjkGroupPoints = {kCjkGroup};',
             f'inline constexpr const char* kCjkGroupFile = "{kCjkGroupFile}";',
             f'inline constexpr const char* kCjkIndexFile = "{kCjkIndexFile}";',
             '// chunk: an index into kFontChunkFiles; -1: in the base file; -2: a CJK chunk.',
             'inline constexpr GlyphRun kGlyphRuns[] = {']
    lines += [f'    {{0x{first:04X}, 0x{last:04X}, {chunk}}},' for first, last, chunk in rows]
    lines += ['};', '']
    if args.header:
        write_if_changed(args.header, '\n'.join(lines).encode())

    if args.web_dir:
        def write_font_file(name, points, script=''):
            fonts = [subset_face(source, points, face if script else None) for source, face in zip(sources[script], paths)]
            blob = struct.pack('<I', len(fonts)) + b''.join(struct.pack('<I', len(f)) for f in fonts) + b''.join(fonts)
            write_if_changed(os.path.join(args.web_dir, name), blob)
        write_font_file(base_name, base)
        for key, points in chunks.items():
            write_font_file(chunk_names[key], points, key[1])
        cjk_chunks = {}
        for cp in cjk_points if cjk else ():
            cjk_chunks.setdefault(cp - cp % kCjkChunk, set()).add(cp)
        def write_cjk_font(name, points):
            font = cjk.chunk_font(points)
            lengths = [len(font)] + [kSameAsFace] * (len(faces) - 1)
            blob = struct.pack('<I', len(faces)) + b''.join(struct.pack('<I', n) for n in lengths) + font
            write_if_changed(os.path.join(args.web_dir, name), blob)
        for first, points in cjk_chunks.items():
            write_cjk_font(kCjkChunkFile % first, points)
        if cjk and args.unihan:
            frequent = frequent_cjk(args.unihan, cjk_points)
            index = b'CJKG' + struct.pack('<HH', kCjkGroup, len(frequent)) + struct.pack(f'<{len(frequent)}H', *frequent)
            write_if_changed(os.path.join(args.web_dir, kCjkIndexFile), index)
            for group, first in enumerate(range(0, len(frequent), kCjkGroup)):
                write_cjk_font(kCjkGroupFile % group, frequent[first:first + kCjkGroup])
    return 0


if __name__ == '__main__':
    sys.exit(main())
