// Characters and scripts (see scripts.h).
//
// Index
// - [SECTION] UTF-8
// - [SECTION] Scripts the explainer refuses
// - [SECTION] Glyph coverage (generated table)
#include "scripts.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstdio>
#include <iterator>

#include "index_sort.h"

namespace explainer {

// [SECTION] UTF-8 ------------------------------------------------------------------------

char32_t next_code_point(std::string_view text, std::size_t& at) {
    assert(at < text.size() && "next_code_point needs a byte to read");
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned lead = byte(at);
    const int extra = lead < 0x80 ? 0 : (lead & 0xE0) == 0xC0 ? 1 : (lead & 0xF0) == 0xE0 ? 2 : (lead & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0 || at + extra >= text.size()) {
        ++at;
        return 0xFFFD;
    }
    char32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
    for (int i = 1; i <= extra; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) {
            ++at;
            return 0xFFFD;
        }
        cp = (cp << 6) | (byte(at + i) & 0x3F);
    }
    at += 1 + extra;
    // Beyond Unicode's last code point, or a surrogate half: not a character (callers index
    // tables by code point, up to 0x10FFFF).
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
    return cp;
}

char* write_utf8(char* out, char32_t cp) {
    assert(cp <= 0xFFFF && "write_utf8 writes characters of the Basic Multilingual Plane");
    if (cp < 0x80) {
        *out++ = static_cast<char>(cp);
    } else {
        if (cp < 0x800) {
            *out++ = static_cast<char>(0xC0 | (cp >> 6));
        } else {
            *out++ = static_cast<char>(0xE0 | (cp >> 12));
            *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        }
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    char bytes[3];
    out.append(bytes, write_utf8(bytes, cp));
}

std::string code_point_name(char32_t cp) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
    return buffer;
}

bool is_layout_control(char32_t cp) { return cp < 0x20; }

bool is_explicit_direction_control(char32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

std::string direction_control_refusal(char32_t cp) {
    return "uses the explicit direction control " + code_point_name(cp) +
           ", which the explainer does not apply (it can show text in another order than it is stored): "
           "remove it; the marks U+200E (left to right) and U+200F (right to left) are accepted";
}

std::string_view script_language(std::string_view text) {
    bool kana = false;
    for (std::size_t at = 0; at < text.size();) {
        if (static_cast<unsigned char>(text[at]) < 0xE1) {  // below U+1000: neither
            ++at;
            continue;
        }
        const char32_t cp = next_code_point(text, at);
        if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xAC00 && cp <= 0xD7A3)) return "ko";
        kana = kana || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF);
    }
    return kana ? "ja" : "";
}

// [SECTION] Scripts the explainer refuses --------------------------------------------------
// Scripts that need shaping beyond Arabic's letter forms, or fonts the explainer does not
// ship. Armenian, Georgian, Ethiopic, Cherokee, Canadian syllabics, Tifinagh, Hebrew,
// Arabic, and Chinese, Japanese and Korean (Han, kana, Hangul's syllables) are drawn
// (cmake/fonts.cmake; right to left and Arabic's forms: bidi.h). Hangul's conjoining
// letters (jamo) are not: they are composed into syllables, which needs shaping; nor are
// the rare ideographs beyond the Basic Multilingual Plane (ImGui keeps 16-bit characters); the
// Arabic blocks beyond the basic one (letters of African and Asian languages, ligatures)
// are not, since the letter forms come from the basic block's presentation forms.
// Blocks from the Unicode standard; a block of mixed use takes its main script's name.

namespace {

struct ScriptBlock {
    char32_t first, last;
    std::string_view script;
};

constexpr ScriptBlock kRefusedScripts[] = {
    {0x0700, 0x074F, "Syriac"},     {0x0750, 0x077F, "Arabic Supplement"},     {0x0780, 0x07BF, "Thaana"},
    {0x07C0, 0x07FF, "N'Ko"},       {0x0800, 0x083F, "Samaritan"},  {0x0840, 0x085F, "Mandaic"},
    {0x0860, 0x086F, "Syriac"},     {0x0870, 0x08FF, "Arabic Extended"},     {0x0900, 0x097F, "Devanagari"},
    {0x0980, 0x09FF, "Bengali"},    {0x0A00, 0x0A7F, "Gurmukhi"},   {0x0A80, 0x0AFF, "Gujarati"},
    {0x0B00, 0x0B7F, "Odia"},       {0x0B80, 0x0BFF, "Tamil"},      {0x0C00, 0x0C7F, "Telugu"},
    {0x0C80, 0x0CFF, "Kannada"},    {0x0D00, 0x0D7F, "Malayalam"},  {0x0D80, 0x0DFF, "Sinhala"},
    {0x0E00, 0x0E7F, "Thai"},       {0x0E80, 0x0EFF, "Lao"},        {0x0F00, 0x0FFF, "Tibetan"},
    {0x1000, 0x109F, "Myanmar"},    {0x1100, 0x11FF, "Hangul jamo"},
    {0x1680, 0x169F, "Ogham"},      {0x16A0, 0x16FF, "Runic"},      {0x1700, 0x177F, "Philippine (Baybayin)"},
    {0x1780, 0x17FF, "Khmer"},      {0x1800, 0x18AF, "Mongolian"},
    {0x1900, 0x194F, "Limbu"},      {0x1950, 0x19DF, "Tai"},        {0x19E0, 0x19FF, "Khmer"},
    {0x1A00, 0x1AAF, "Tai Tham"},   {0x1B00, 0x1B7F, "Balinese"},   {0x1B80, 0x1BBF, "Sundanese"},
    {0x1BC0, 0x1BFF, "Batak"},      {0x1C00, 0x1C4F, "Lepcha"},     {0x1C50, 0x1C7F, "Ol Chiki"},
    {0x2E80, 0x2FFF, "CJK radicals"},  {0x3190, 0x31EF, "CJK strokes and kanbun"},
    {0x4DC0, 0x4DFF, "Yijing hexagram"},
    {0xA000, 0xA4CF, "Yi"},
    {0xA4D0, 0xA4FF, "Lisu"},       {0xA500, 0xA63F, "Vai"},        {0xA6A0, 0xA6FF, "Bamum"},
    {0xA800, 0xA82F, "Syloti Nagri"}, {0xA840, 0xA87F, "Phags-pa"}, {0xA880, 0xA8DF, "Saurashtra"},
    {0xA8E0, 0xA8FF, "Devanagari"}, {0xA900, 0xA92F, "Kayah Li"},   {0xA930, 0xA95F, "Rejang"},
    {0xA960, 0xA97F, "Hangul jamo"},     {0xA980, 0xA9DF, "Javanese"},   {0xA9E0, 0xA9FF, "Myanmar"},
    {0xAA00, 0xAA5F, "Cham"},       {0xAA60, 0xAA7F, "Myanmar"},    {0xAA80, 0xAADF, "Tai"},
    {0xAAE0, 0xAAFF, "Meetei Mayek"},
    {0xABC0, 0xABFF, "Meetei Mayek"}, {0xD7B0, 0xD7FF, "Hangul jamo"},
    {0xFC00, 0xFDFF, "Arabic ligatures"}, {0xFE30, 0xFE4F, "CJK vertical forms"},
    {0x1B000, 0x1B2FF, "Japanese kana"},
    {0x1E900, 0x1E95F, "Adlam"},    {0x1EE00, 0x1EEFF, "Arabic Mathematical"},   {0x20000, 0x3FFFF, "Han (CJK) extensions B and later"},
};

template <typename Row>
const Row* row_containing(const Row* begin, const Row* end, char32_t cp) {
    const Row* after = std::upper_bound(begin, end, cp, [](char32_t c, const Row& row) { return c < row.first; });
    if (after == begin) return nullptr;
    const Row* row = after - 1;
    return cp <= row->last ? row : nullptr;
}

} // namespace

std::optional<std::string_view> unsupported_script(char32_t cp) {
    const ScriptBlock* block = row_containing(std::begin(kRefusedScripts), std::end(kRefusedScripts), cp);
    if (!block) return std::nullopt;
    return block->script;
}

// [SECTION] Glyph coverage (generated table) ------------------------------------------------

namespace {

struct GlyphRun {
    char32_t first, last;
    int chunk;  // index into kFontChunkFiles; kInBase or kInCjkChunk
};
constexpr int kInBase = -1;      // in the base font file
constexpr int kInCjkChunk = -2;  // in the CJK chunk its code point falls in (cjk_chunk_file)

#include "glyph_runs.inc"
#include "ui_characters.inc"  // kUiCharacters: tools/ui-characters.py

const GlyphRun* run_of(char32_t cp) { return row_containing(std::begin(kGlyphRuns), std::end(kGlyphRuns), cp); }

// The CJK chunk holding `cp`: "fonts/u4e00-cjk.bin" (the tool names them so).
std::string cjk_chunk_file(char32_t cp) {
    char name[32];
    std::snprintf(name, sizeof name, kCjkChunkFile, static_cast<unsigned>(cp - cp % kCjkChunkPoints));
    return name;
}

} // namespace

bool has_glyph(char32_t cp) { return run_of(cp) != nullptr; }

bool glyph_is_embedded(char32_t cp) {
    const GlyphRun* run = run_of(cp);
    return run && run->chunk == kInBase;
}

std::string font_file_of(char32_t cp) {
    const GlyphRun* run = run_of(cp);
    if (!run || run->chunk == kInBase) return "";
    return run->chunk == kInCjkChunk ? cjk_chunk_file(cp) : kFontChunkFiles[run->chunk];
}

namespace {

constexpr char32_t kFirstGrouped = 0x3400, kLastGrouped = 0xFAFF;

bool is_grouped_script(char32_t cp) {  // the ideographs and Hangul syllables the index may list
    return (cp >= kFirstGrouped && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= kLastGrouped);
}

// The CJK chunk files or group files for `cjk` (sorted), and what fetching them costs in
// glyphs: the glyphs each file holds, and kCjkFileCost for the file itself.
struct CjkPlan {
    std::vector<std::string> files;
    std::size_t cost = 0;
};
constexpr std::size_t kCjkFileCost = 16;

template <typename T>
void sort_unique(std::vector<T>& values) {
    sort_items(values);
    values.erase(std::unique(values.begin(), values.end()), values.end());
}

// Without groups, every character's chunk. With them, a grouped character comes from its
// group, unless the text needs no other character of that group (a rare one): then from
// its chunk, 16 glyphs against the group's 32.
CjkPlan cjk_plan(const std::vector<char32_t>& cjk, const CjkGroups* groups) {
    const auto group_of = [groups](char32_t cp) { return groups ? groups->group_of(cp) : -1; };
    std::vector<std::uint8_t> needed(groups ? groups->groups() : 0);  // characters needing each group, up to 2
    for (char32_t cp : cjk)
        if (const int group = group_of(cp); group >= 0 && needed[group] < 2) ++needed[group];
    std::vector<int> taken;        // the groups fetched
    std::vector<char32_t> chunks;  // each chunk's first code point
    for (char32_t cp : cjk) {
        const int group = group_of(cp);
        if (group >= 0 && needed[group] > 1) taken.push_back(group);
        else chunks.push_back(cp - cp % kCjkChunkPoints);
    }
    sort_unique(taken);
    sort_unique(chunks);
    CjkPlan plan;
    plan.cost = taken.size() * (kCjkFileCost + kCjkGroupPoints) + chunks.size() * (kCjkFileCost + kCjkChunkPoints);
    for (int group : taken) plan.files.push_back(CjkGroups::file(group));
    for (char32_t chunk : chunks) plan.files.push_back(cjk_chunk_file(chunk));
    return plan;
}

} // namespace

int CjkGroups::group_of(char32_t cp) const {
    return cp >= kFirstGrouped && cp - kFirstGrouped < group_of_.size() ? group_of_[cp - kFirstGrouped] - 1 : -1;
}

std::string CjkGroups::file(int group) {
    char name[32];
    std::snprintf(name, sizeof name, kCjkGroupFile, static_cast<unsigned>(group));
    return name;
}

std::string_view cjk_groups_index_file() { return kCjkIndexFile; }

std::optional<CjkGroups> parse_cjk_groups(const std::uint8_t* data, std::size_t size, std::string* error) {
    const auto fail = [error](std::string why) -> std::optional<CjkGroups> {
        if (error) *error = std::string(kCjkIndexFile) + ": " + std::move(why);
        return std::nullopt;
    };
    const auto u16_at = [data](std::size_t at) { return static_cast<unsigned>(data[at] | data[at + 1] << 8); };
    // "CJKG", u16 characters per group, u16 count, then count x u16 code points (little-endian).
    const unsigned per_group = size < 8 ? 0 : u16_at(4), count = size < 8 ? 0 : u16_at(6);
    if (size < 8 || std::string_view(reinterpret_cast<const char*>(data), 4) != "CJKG" || per_group != kCjkGroupPoints ||
        size != 8 + 2 * std::size_t{count})
        return fail("not this build's index of CJK groups (\"CJKG\", groups of " + std::to_string(kCjkGroupPoints) +
                    ", a count, then that many code points: " + std::to_string(size) + " bytes)");
    // The build writes it: a code point outside the ideographs and syllables is passed over
    // (its group's file would name other characters, never memory out of the table).
    CjkGroups groups;
    groups.group_of_.assign(kLastGrouped - kFirstGrouped + 1, 0);
    for (unsigned i = 0; i < count; ++i)
        if (const char32_t cp = u16_at(8 + 2 * i); is_grouped_script(cp))
            groups.group_of_[cp - kFirstGrouped] = static_cast<std::uint16_t>(1 + i / per_group);
    groups.groups_ = static_cast<int>((count + per_group - 1) / per_group);
    groups.characters_ = count;
    return groups;
}

bool wants_cjk_groups(const std::vector<char32_t>& characters) {
    constexpr std::size_t kWorthTheIndex = 64;
    return static_cast<std::size_t>(std::count_if(characters.begin(), characters.end(), [](char32_t cp) {
               const GlyphRun* run = run_of(cp);
               return is_grouped_script(cp) && run && run->chunk == kInCjkChunk;
           })) >= kWorthTheIndex;
}

std::vector<std::string> font_files_for(const std::vector<char32_t>& characters, const CjkGroups* groups) {
    std::vector<bool> needed(std::size(kFontChunkFiles), false);
    std::vector<char32_t> cjk;
    for (char32_t cp : characters) {
        const GlyphRun* run = run_of(cp);
        if (run && run->chunk >= 0) needed[run->chunk] = true;
        if (run && run->chunk == kInCjkChunk) cjk.push_back(cp);
    }
    std::vector<std::string> files;
    for (std::size_t i = 0; i < needed.size(); ++i)
        if (needed[i]) files.emplace_back(kFontChunkFiles[i]);
    CjkPlan plan = cjk_plan(cjk, nullptr);
    if (groups) {
        CjkPlan grouped = cjk_plan(cjk, groups);
        if (grouped.cost < plan.cost) plan = std::move(grouped);
    }
    files.insert(files.end(), std::make_move_iterator(plan.files.begin()), std::make_move_iterator(plan.files.end()));
    return files;
}

const std::vector<std::string_view>& font_faces() {
    static const std::vector<std::string_view> faces(std::begin(kFontFaces), std::end(kFontFaces));
    return faces;
}

std::vector<char32_t> embedded_characters() {
    std::vector<char32_t> out;
    for (const GlyphRun& run : kGlyphRuns)
        if (run.chunk == kInBase)
            for (char32_t cp = run.first; cp <= run.last; ++cp) out.push_back(cp);
    return out;
}

std::string_view base_font_file() { return kBaseFontFile; }

std::vector<char32_t> atlas_characters(std::vector<char32_t> used) {
    for (char32_t cp = 0x20; cp <= 0x7E; ++cp) used.push_back(cp);
    for (char32_t cp : kUiCharacters)
        if (glyph_is_embedded(cp)) used.push_back(cp);
    sort_items(used);
    used.erase(std::unique(used.begin(), used.end()), used.end());
    return used;
}

} // namespace explainer
