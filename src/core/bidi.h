// Right-to-left text: the Unicode Bidirectional Algorithm (UAX #9) for one paragraph at a
// time, and Arabic's contextual letter forms, so that Hebrew and Arabic are drawn in the
// order and shapes a reader expects, alone or inside left-to-right text. The core keeps text
// in logical order (as typed, as stored); only what is drawn is reordered. The character
// tables (bidi classes, Arabic joining, mirrored pairs, bracket pairs, presentation forms)
// are generated at build time from the Unicode Character Database that Debian's
// `unicode-data` package installs (tools/unicode-tables.py).
//
// Explicit direction controls (LRE, RLE, LRO, RLO, PDF, LRI, RLI, FSI, PDI) are not
// supported: the validator refuses them, and here they count as neutral characters (as
// Boundary Neutrals, class BN, which rule X9 removes: each takes the level of the character
// before it and changes no other's). The marks LRM, RLM and ALM are supported (strong
// characters with no glyph).
//
// No function here fails or crashes on any input: malformed UTF-8 (each malformed byte is
// a character U+FFFD, a neutral, with a level like any other), and offsets beyond the text,
// reversed or inside a character (clamped to the text, then moved to the start of the
// character they fall in).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace explainer {

// True when `text` holds a right-to-left character (bidi class R or AL): the only text that
// needs anything below. Cheap enough to call on every string a panel draws. Arabic-Indic
// digits (class AN, such as U+0660-0669) count too: the algorithm orders them right to
// left among themselves even in left-to-right text ("١ ٢" is drawn "٢ ١").
bool has_right_to_left(std::string_view text);

// The resolved embedding levels of one paragraph (rules P2-P3, W1-W7, N0-N2, I1-I2).
struct BidiLevels {
    int paragraph_level = 0;           // 0: left to right, 1: right to left
    std::vector<std::uint8_t> levels;  // one per byte of the paragraph; a character's bytes share its level
};

// `base_level` 0 or 1 sets the paragraph's direction; -1 (or any other value) takes it from
// its first strong character (left to right when it has none). The levels are the
// paragraph's, before line breaks: rule L1 is visual_runs' (per line).
BidiLevels bidi_levels(std::string_view paragraph, int base_level = -1);

// A stretch of a line at one level, in logical byte offsets of the paragraph.
struct BidiRun {
    std::size_t begin = 0, end = 0;
    int level = 0;
};

// Rules L1-L2 for the line [begin, end) of a paragraph: the line's maximal stretches of one
// level, in visual order (leftmost first). Spaces at the line's end take the paragraph's
// level (L1). The runs cover [begin, end) exactly once. `levels` is bidi_levels(paragraph).
std::vector<BidiRun> visual_runs(std::string_view paragraph, const BidiLevels& levels, std::size_t begin, std::size_t end);

// What to draw, left to right, for the stretch [begin, end) of a paragraph at `level`.
// At an odd (right-to-left) level: each Arabic letter in its contextual form (Unicode's
// Arabic Presentation Forms, chosen from the letters it joins on either side in the whole
// paragraph, not only in the stretch), lam followed by alef as one ligature, a mirrored
// character as its mirror ("(" as ")", rule L4), and the characters reversed by cluster: a
// base and the combining marks after it stay together, base first, so a mark drawn with no
// advance lands on its own letter. At an even level: the stretch unchanged. The width of
// visual_text(p, begin, o, level) is where the caret before byte o stands, measured from
// the stretch's right end when the level is odd. At an odd level the marks with no glyph
// (ZWJ, ZWNJ, LRM, RLM, ALM) are left out, and vowel signs between lam and alef do not stop
// the ligature (they follow it); at an even level nothing is changed or left out.
std::string visual_text(std::string_view paragraph, std::size_t begin, std::size_t end, int level);

// The display form of a text drawn on one line (a label, a name): bidi_levels,
// visual_runs and visual_text over the whole text. Text with no right-to-left character
// comes back unchanged.
std::string visual_line(std::string_view text);

// Adds to `characters` the presentation forms its Arabic letters may be drawn with (each
// letter's contextual forms; the lam-alef ligatures when lam is among them): what the font
// atlas must hold and the font files must bring. No sorting, no dedup.
void add_presentation_forms(std::vector<char32_t>& characters);

} // namespace explainer
