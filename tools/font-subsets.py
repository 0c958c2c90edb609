#!/usr/bin/python3
"""Cuts the bundled fonts into the base every page loads and the chunks a page fetches
when its pack needs them, and writes the table the core checks characters against: one source of truth for which
characters the explainer can draw (the ranges in cmake/fonts.cmake and the fonts' own
cmaps).

  font-subsets.py --fonts DIR --faces A,B,... --base RANGES --extra RANGES
                  [--script NAME=RANGES:FONTS ...] [--cjk RANGES:FILE:FAMILY]
                  [--header OUT.inc] [--web-dir DIR]

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
        for first, points in cjk_chunks.items():
            font = cjk.chunk_font(points)
            lengths = [len(font)] + [kSameAsFace] * (len(faces) - 1)
            blob = struct.pack('<I', len(faces)) + b''.join(struct.pack('<I', n) for n in lengths) + font
            write_if_changed(os.path.join(args.web_dir, kCjkChunkFile % first), blob)
    return 0


if __name__ == '__main__':
    sys.exit(main())
