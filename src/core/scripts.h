// Characters and scripts: which characters of a pack the explainer can draw, which font
// files hold their glyphs, and which scripts it refuses (those that need shaping beyond
// Arabic's letter forms, or fonts it does not ship). The glyph table is generated from the bundled fonts' cmaps and the
// ranges in cmake/fonts.cmake (tools/font-subsets.py): it is the only list of covered
// characters.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace explainer {

// [SECTION] UTF-8 text: one definition of each helper for every core file

// The next code point of well-formed UTF-8 at `at` (advanced past it); U+FFFD for a
// malformed sequence (one byte is skipped) or a value that is no character (above U+10FFFF,
// or a surrogate half).
char32_t next_code_point(std::string_view text, std::size_t& at);

// The code point that starts at byte `at` (as next_code_point, without advancing).
inline char32_t code_point_at(std::string_view text, std::size_t at) { return next_code_point(text, at); }

// Writes the UTF-8 of `cp`, a character of the Basic Multilingual Plane (what find's fold
// table and Arabic's drawn forms hold), at `out`; returns the byte after it.
char* write_utf8(char* out, char32_t cp);

// Appends the UTF-8 of `cp` (as write_utf8) to `out`.
void append_utf8(std::string& out, char32_t cp);

// A byte inside a multi-byte character (10xxxxxx): never a place to cut the text.
inline bool is_utf8_continuation(unsigned char byte) { return (byte & 0xC0u) == 0x80u; }

// `text` without the ASCII spaces, tabs and line ends around it.
inline std::string_view trim_spaces(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return text;
}

// [SECTION] Scripts and glyphs

// "U+02BB".
std::string code_point_name(char32_t cp);

// Layout characters the panels never draw as glyphs (C0 controls such as a newline).
bool is_layout_control(char32_t cp);

// The embeddings, overrides and isolates of Unicode's bidirectional algorithm (U+202A-202E,
// U+2066-2069), which the explainer refuses: it does not apply them (bidi.h), and an
// override makes text read in another order than it is stored. The marks (U+200E, U+200F)
// are drawn.
bool is_explicit_direction_control(char32_t cp);

// What the validator and the drafter say of one: "uses the explicit direction control U+202E, ...".
std::string direction_control_refusal(char32_t cp);

// The name of the script `cp` belongs to when the explainer cannot set that script
// ("Syriac", "Han (CJK)", "Devanagari"), else nullopt.
std::optional<std::string_view> unsupported_script(char32_t cp);

// The scripts it can set, for messages that refuse the others.
inline constexpr std::string_view kDrawnScripts =
    "Latin, Greek, Cyrillic, Armenian, Georgian, Ethiopic, Cherokee, Canadian syllabics, Tifinagh, Hebrew, Arabic, "
    "and Chinese, Japanese and Korean (Han, kana and Hangul)";

// The language `text`'s own script tells: "ko" when it holds Hangul, "ja" when it holds
// kana, else "" (ideographs alone are Chinese's and Japanese's both). The drafter's guess
// for a quotation (web/mirror.js guesses the same for the pack's names).
std::string_view script_language(std::string_view text);

// True when every bundled font face has a glyph for `cp`.
bool has_glyph(char32_t cp);

// True when the glyph is in the base font file (fonts/base.bin, which every page loads
// with the wasm), so a pack using it needs no other font file.
bool glyph_is_embedded(char32_t cp);

// The base font file's relative URL ("fonts/base.bin"): the same format as the chunks.
std::string_view base_font_file();

// The font file (relative URL, "fonts/u0280.bin", "fonts/u4e00-cjk.bin") holding `cp`'s
// glyphs when it is not embedded; "" for embedded or uncovered characters.
std::string font_file_of(char32_t cp);

// The ideographs and Hangul syllables that text uses most travel twice: in the chunks of
// their code points (16 each, fonts/u4e00-cjk.bin) and in groups of 32 of the commonest
// together (fonts/g000-cjk.bin; tools/font-subsets.py orders them by Unihan's
// frequencies). A pack written in Chinese needs a few dozen groups where it would need
// hundreds of chunks, at half the bytes; a pack with a few names in CJK needs fewer bytes
// from the chunks. The groups' index (fonts/index-cjk.bin, 13 KB) is fetched only for a
// pack with enough such characters to gain from it (wants_cjk_groups).
class CjkGroups {
  public:
    // The group holding `cp` (0, 1, ...), or -1 when it is in none.
    int group_of(char32_t cp) const;
    // A group's file ("fonts/g012-cjk.bin").
    static std::string file(int group);
    int groups() const { return groups_; }
    std::size_t characters() const { return characters_; }

  private:
    friend std::optional<CjkGroups> parse_cjk_groups(const std::uint8_t* data, std::size_t size, std::string* error);
    std::vector<std::uint16_t> group_of_;  // 1 + the group of each code point from U+3400, 0 for none
    int groups_ = 0;
    std::size_t characters_ = 0;
};

// The groups' index file ("fonts/index-cjk.bin").
std::string_view cjk_groups_index_file();

// Reads the index (tools/font-subsets.py writes it); nullopt and `error` (what is wrong
// with it) for bytes that are not one.
std::optional<CjkGroups> parse_cjk_groups(const std::uint8_t* data, std::size_t size, std::string* error = nullptr);

// Whether `characters` hold enough ideographs and Hangul syllables (64) that the groups
// may save more than the index's own fetch costs.
bool wants_cjk_groups(const std::vector<char32_t>& characters);

// Every font file the characters need, in a stable order, without repeats. With `groups`,
// a CJK character comes from its group when another of the characters needs that group
// too, if that costs less than the chunks alone (each file counted as 16 glyphs' bytes
// more: its tables, its licence, its request).
std::vector<std::string> font_files_for(const std::vector<char32_t>& characters, const CjkGroups* groups = nullptr);

// The font faces, in the order a font file holds them ("NotoSerif-Regular", ...).
const std::vector<std::string_view>& font_faces();

// Every character of the base font file, ascending.
std::vector<char32_t> embedded_characters();

// What the font atlas must hold to draw text made of `used` (a pack's characters, the
// country names): ASCII, the base's characters that the app's own code writes (those in
// its sources' literals, read at build time by tools/ui-characters.py: "…", "·", the
// quotes and dashes) and all of `used`, ascending, without repeats. The rest of the base
// (accented letters, fractions, arrows...) comes only with `used`: each glyph is drawn in
// five faces, and on a phone the atlas is a third of the first frame.
std::vector<char32_t> atlas_characters(std::vector<char32_t> used);

} // namespace explainer
