#include "text_selection.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "bidi.h"
#include "scripts.h"

namespace explainer {

namespace {

// [SECTION] Code points -----------------------------------------------------------------

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::size_t next_boundary(std::string_view text, std::size_t at) {
    if (at >= text.size()) return text.size();
    ++at;
    while (at < text.size() && is_continuation(static_cast<unsigned char>(text[at]))) ++at;
    return at;
}

std::size_t previous_boundary(std::string_view text, std::size_t at) {
    if (at == 0) return 0;
    --at;
    while (at > 0 && is_continuation(static_cast<unsigned char>(text[at]))) --at;
    return at;
}

// Combining marks stay with the character before them: a caret never stops between them.
// Hebrew's points and cantillation, and Arabic's vowel signs, are such marks.
bool is_mark(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) || (cp >= 0x0591 && cp <= 0x05BD) ||
           cp == 0x05BF || cp == 0x05C1 || cp == 0x05C2 || cp == 0x05C4 || cp == 0x05C5 || cp == 0x05C7 ||
           (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
           (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) || cp == 0x06E7 || cp == 0x06E8 ||
           (cp >= 0x06EA && cp <= 0x06ED) || (cp >= 0x135D && cp <= 0x135F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

// The punctuation of the scripts with letters beyond Latin, Greek and Cyrillic: Armenian
// (U+055A-055F, the full stop U+0589 and the hyphen U+058A), Georgian (the paragraph
// separator U+10FB), Ethiopic (U+1360-1368: the wordspace, full stop, comma...), Canadian
// syllabics (the hyphen U+1400, the chi sign U+166D and the full stop U+166E) and
// Tifinagh (the separator mark U+2D70), Hebrew (the maqaf U+05BE, paseq U+05C0, sof pasuq
// U+05C3, nun hafukha U+05C6; its geresh and gershayim stand inside abbreviations, as
// letters) and Arabic (U+0609-060D: per mille, comma, date separator..., the semicolon
// U+061B, U+061D-061F, U+066A-066D: percent, decimal and thousands separators, star, and
// the full stop U+06D4). Cherokee is punctuated as English is.
bool is_script_punctuation(char32_t cp) {
    return (cp >= 0x055A && cp <= 0x055F) || cp == 0x0589 || cp == 0x058A || cp == 0x05BE || cp == 0x05C0 || cp == 0x05C3 ||
           cp == 0x05C6 || (cp >= 0x0609 && cp <= 0x060D) || cp == 0x061B || (cp >= 0x061D && cp <= 0x061F) ||
           (cp >= 0x066A && cp <= 0x066D) || cp == 0x06D4 || cp == 0x10FB || (cp >= 0x1360 && cp <= 0x1368) || cp == 0x1400 ||
           cp == 0x166D || cp == 0x166E || cp == 0x2D70 ||
           // CJK punctuation (、。「」《》〜, not the iteration marks 々〆〇), the katakana middle
           // dot ・, and the full-width forms of ASCII's punctuation (，！？（）：)
           (cp >= 0x3001 && cp <= 0x303F && (cp < 0x3005 || cp > 0x3007) && cp != 0x303B) || cp == 0x30FB ||
           (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65);
}

enum class CharClass { Space, Word, Punctuation };

CharClass classify(char32_t cp) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000)
        return CharClass::Space;
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? CharClass::Word : CharClass::Punctuation;
    // Latin-1 punctuation and symbols, general punctuation, currency signs, arrows and
    // mathematical operators; every other character of the scripts packs use is a letter,
    // a digit or a mark.
    const bool latin1_symbol = cp <= 0xBF && cp != 0xAA && cp != 0xB2 && cp != 0xB3 && cp != 0xB5 && cp != 0xB9 &&
                               cp != 0xBA && !(cp >= 0xBC && cp <= 0xBE);
    if (latin1_symbol || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
        (cp >= 0x2190 && cp <= 0x22FF) || cp == 0x037E || cp == 0x0387 || is_script_punctuation(cp))
        return CharClass::Punctuation;
    return CharClass::Word;
}

struct CodePoint {
    std::size_t begin, end;
    CharClass kind;
};

// The paragraph as classified code points; an apostrophe between two letters is part
// of the word ("don’t", "Kurds'" is not), and marks take their base's class.
std::vector<CodePoint> classify_text(std::string_view text) {
    std::vector<CodePoint> out;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = next_boundary(text, at);
        const char32_t cp = code_point_at(text, at);
        CharClass kind = classify(cp);
        if (is_mark(cp) && !out.empty()) kind = out.back().kind;
        out.push_back({at, end, kind});
        at = end;
    }
    for (std::size_t i = 1; i + 1 < out.size(); ++i) {
        const char32_t cp = code_point_at(text, out[i].begin);
        if ((cp == '\'' || cp == 0x2019) && out[i - 1].kind == CharClass::Word && out[i + 1].kind == CharClass::Word)
            out[i].kind = CharClass::Word;
    }
    return out;
}

bool is_word_at(std::string_view text, std::size_t at) {
    return at < text.size() && classify(code_point_at(text, at)) == CharClass::Word;
}

// [SECTION] Lines -----------------------------------------------------------------------

// The x of a caret before byte `offset` of a run (begin <= offset <= end), paragraph
// coordinates: from the run's left end, or from its right end when it reads right to left.
float caret_in_run(std::string_view text, const PlacedRun& run, std::size_t offset, const MeasureText& measure) {
    if (run.level % 2) return run.x + run.width - measure(run.style, visual_text(text, run.begin, offset, run.level));
    return run.x + measure(run.style, text.substr(run.begin, offset - run.begin));
}

// The end of the character at `at` with the marks after it: a caret never stops before a mark.
std::size_t cluster_end(std::string_view text, std::size_t at, std::size_t limit) {
    std::size_t next = next_boundary(text, at);
    while (next < limit && is_mark(code_point_at(text, next))) next = next_boundary(text, next);
    return next;
}

// The nearest caret offset to x on one line (paragraph coordinates). Each character's
// width is measured on its own as it is drawn: read left to right, or right to left with
// its Arabic form.
std::size_t offset_on_line(const TextBlock& block, const LayoutLine& line, float x, const MeasureText& measure) {
    if (line.runs.empty()) return line.begin;
    std::size_t best = line.begin;
    float best_distance = INFINITY;
    const auto consider = [&](std::size_t offset, float pen) {
        if (const float d = std::fabs(x - pen); d < best_distance) best = offset, best_distance = d;
    };
    for (const PlacedRun& run : line.runs) {
        const bool backwards = run.level % 2;
        float pen = backwards ? run.x + run.width : run.x;
        consider(run.begin, pen);
        for (std::size_t at = run.begin; at < run.end;) {
            const std::size_t next = cluster_end(block.text, at, run.end);
            if (backwards) pen -= measure(run.style, visual_text(block.text, at, next, run.level));
            else pen += measure(run.style, block.text.substr(at, next - at));
            consider(next, pen);
            at = next;
        }
    }
    return best;
}

std::size_t offset_in_block(const TextBlock& block, float x, float y, const MeasureText& measure) {
    const std::vector<LayoutLine>& lines = block.layout->lines;
    if (lines.empty()) return 0;
    for (const LayoutLine& line : lines)
        if (y < line.y + line.height) return offset_on_line(block, line, x, measure);
    return offset_on_line(block, lines.back(), x, measure);
}

} // namespace

// [SECTION] Hit testing -------------------------------------------------------------------

TextPoint point_at(const std::vector<TextBlock>& blocks, float x, float y, const MeasureText& measure) {
    if (blocks.empty()) return {};
    const auto below = std::partition_point(blocks.begin(), blocks.end(), [&](const TextBlock& block) {
        return block.y + block.layout->height <= y;
    });
    if (below == blocks.end()) return {blocks.size() - 1, blocks.back().text.size()};
    const std::size_t index = static_cast<std::size_t>(below - blocks.begin());
    // Between two paragraphs: the nearer one.
    if (y < below->y && index > 0) {
        const TextBlock& previous = blocks[index - 1];
        if (y - (previous.y + previous.layout->height) < below->y - y) return {index - 1, previous.text.size()};
    }
    return {index, offset_in_block(*below, x, std::max(0.0f, y - below->y), measure)};
}

std::size_t line_of(const ParagraphLayout& layout, std::size_t offset) {
    std::size_t found = 0;
    for (std::size_t i = 0; i < layout.lines.size(); ++i)
        if (!layout.lines[i].runs.empty() && layout.lines[i].begin <= offset) found = i;
    return found;
}

float caret_x(const TextBlock& block, std::size_t offset, const MeasureText& measure) {
    if (block.layout->lines.empty()) return 0;
    const LayoutLine& line = block.layout->lines[line_of(*block.layout, offset)];
    if (line.runs.empty()) return block.layout->right_to_left ? block.layout->max_width : 0;
    // The run that holds the offset; past the line's ink (its trailing spaces), the end of
    // the run that reads last.
    const PlacedRun* last = &line.runs.front();
    for (const PlacedRun& run : line.runs) {
        if (run.begin <= offset && offset <= run.end) return caret_in_run(block.text, run, offset, measure);
        if (run.end > last->end) last = &run;
    }
    return caret_in_run(block.text, *last, offset < line.begin ? last->begin : last->end, measure);
}

std::vector<LayoutRect> range_rects(const TextBlock& block, std::size_t begin, std::size_t end, const MeasureText& measure) {
    std::vector<LayoutRect> rects;
    for (const LayoutLine& line : block.layout->lines) {
        // One rectangle per run's part, joined with the one before when they touch: a
        // line of one direction gets one, a selection across directions may get several.
        const std::size_t first = rects.size();
        for (const PlacedRun& run : line.runs) {
            const std::size_t b = std::max(begin, run.begin), e = std::min(end, run.end);
            if (b >= e) continue;
            const float x0 = caret_in_run(block.text, run, b, measure), x1 = caret_in_run(block.text, run, e, measure);
            const float left = std::min(x0, x1), right = std::max(x0, x1);
            if (rects.size() > first && left - (rects.back().x + rects.back().w) < 0.5f) {
                rects.back().w = std::max(rects.back().w, right - rects.back().x);
                continue;
            }
            rects.push_back({left, line.y, right - left, line.height});
        }
    }
    return rects;
}

// [SECTION] Words -------------------------------------------------------------------------

ByteRange word_at(std::string_view text, std::size_t offset) {
    const std::vector<CodePoint> cps = classify_text(text);
    if (cps.empty()) return {0, 0};
    std::size_t i = 0;
    while (i < cps.size() && cps[i].end <= offset) ++i;
    // A caret right after a word (the right half of its last letter) means that word.
    if (i == cps.size() || (cps[i].kind != CharClass::Word && i > 0 && cps[i - 1].kind == CharClass::Word && cps[i].begin == offset))
        --i;
    std::size_t first = i, last = i;
    while (first > 0 && cps[first - 1].kind == cps[i].kind) --first;
    while (last + 1 < cps.size() && cps[last + 1].kind == cps[i].kind) ++last;
    return {cps[first].begin, cps[last].end};
}

// [SECTION] Moving a selection's end -------------------------------------------------------

TextPoint move_point(const std::vector<TextBlock>& blocks, TextPoint from, CaretStep step, const MeasureText& measure) {
    assert(from.paragraph < blocks.size() && "move_point needs a point inside the blocks");
    const TextBlock& block = blocks[from.paragraph];
    const std::string_view text = block.text;
    const bool first = from.paragraph == 0, last = from.paragraph + 1 == blocks.size();
    // In a right-to-left paragraph, the arrow keys go the way its lines read: Left forward.
    if (block.layout && block.layout->right_to_left) {
        if (step == CaretStep::Left || step == CaretStep::Right) step = step == CaretStep::Left ? CaretStep::Right : CaretStep::Left;
        else if (step == CaretStep::WordLeft || step == CaretStep::WordRight)
            step = step == CaretStep::WordLeft ? CaretStep::WordRight : CaretStep::WordLeft;
    }
    switch (step) {
    case CaretStep::Left: {
        if (from.offset == 0) return first ? from : TextPoint{from.paragraph - 1, blocks[from.paragraph - 1].text.size()};
        std::size_t at = previous_boundary(text, from.offset);
        while (at > 0 && is_mark(code_point_at(text, at))) at = previous_boundary(text, at);
        return {from.paragraph, at};
    }
    case CaretStep::Right: {
        if (from.offset >= text.size()) return last ? from : TextPoint{from.paragraph + 1, 0};
        std::size_t at = next_boundary(text, from.offset);
        while (at < text.size() && is_mark(code_point_at(text, at))) at = next_boundary(text, at);
        return {from.paragraph, at};
    }
    case CaretStep::WordRight: {
        if (from.offset >= text.size()) return last ? from : TextPoint{from.paragraph + 1, 0};
        std::size_t at = from.offset;
        while (at < text.size() && !is_word_at(text, at)) at = next_boundary(text, at);
        return {from.paragraph, at < text.size() ? word_at(text, at).end : at};
    }
    case CaretStep::WordLeft: {
        if (from.offset == 0) return first ? from : TextPoint{from.paragraph - 1, blocks[from.paragraph - 1].text.size()};
        std::size_t at = previous_boundary(text, from.offset);
        while (at > 0 && !is_word_at(text, at)) at = previous_boundary(text, at);
        return {from.paragraph, is_word_at(text, at) ? word_at(text, at).begin : 0};
    }
    case CaretStep::Up:
    case CaretStep::Down: {
        const float x = caret_x(block, from.offset, measure);
        const std::vector<LayoutLine>& lines = block.layout->lines;
        const std::size_t line = line_of(*block.layout, from.offset);
        if (step == CaretStep::Up && line > 0) return {from.paragraph, offset_on_line(block, lines[line - 1], x, measure)};
        if (step == CaretStep::Down && line + 1 < lines.size())
            return {from.paragraph, offset_on_line(block, lines[line + 1], x, measure)};
        if (step == CaretStep::Up) {
            if (first) return {from.paragraph, 0};
            const TextBlock& above = blocks[from.paragraph - 1];
            if (above.layout->lines.empty()) return {from.paragraph - 1, 0};
            return {from.paragraph - 1, offset_on_line(above, above.layout->lines.back(), x, measure)};
        }
        if (last) return {from.paragraph, text.size()};
        const TextBlock& below = blocks[from.paragraph + 1];
        if (below.layout->lines.empty()) return {from.paragraph + 1, 0};
        return {from.paragraph + 1, offset_on_line(below, below.layout->lines.front(), x, measure)};
    }
    }
    return from;
}

// [SECTION] Copying -------------------------------------------------------------------------

std::string selected_text(const std::vector<TextBlock>& blocks, const TextSelection& selection) {
    std::string out;
    const TextPoint begin = selection.begin(), end = selection.end();
    if (selection.empty() || begin.paragraph >= blocks.size()) return out;
    for (std::size_t p = begin.paragraph; p <= end.paragraph && p < blocks.size(); ++p) {
        const TextBlock& block = blocks[p];
        std::size_t from = p == begin.paragraph ? begin.offset : 0;
        const std::size_t to = std::min(block.text.size(), p == end.paragraph ? end.offset : block.text.size());
        if (p != begin.paragraph) out += "\n\n";
        for (const ByteRange& ornament : block.ornaments) {
            if (ornament.end <= from) continue;
            if (ornament.begin >= to) break;
            if (ornament.begin > from) out.append(block.text.substr(from, ornament.begin - from));
            from = ornament.end;
        }
        if (from < to) out.append(block.text.substr(from, to - from));
    }
    return out;
}

std::size_t plain_offset(const TextBlock& block, std::size_t offset) {
    std::size_t hidden = 0;
    for (const ByteRange& ornament : block.ornaments) {
        if (ornament.begin >= offset) break;
        hidden += std::min(offset, ornament.end) - ornament.begin;
    }
    return offset - hidden;
}

std::size_t drawn_offset(const TextBlock& block, std::size_t words_offset, bool past_ornaments) {
    std::size_t offset = words_offset;
    for (const ByteRange& ornament : block.ornaments) {
        if (ornament.begin > offset || (ornament.begin == offset && !past_ornaments)) break;
        offset += ornament.end - ornament.begin;
    }
    return std::min(offset, block.text.size());
}

// [SECTION] Quotes ----------------------------------------------------------------------------

std::string quote_for_clipboard(const Pack& pack, const Entity& quote) {
    std::string out;
    const bool quoted = quote.text.rfind("\xE2\x80\x9C", 0) == 0;  // already opens with “
    if (!quoted) out += "\xE2\x80\x9C";
    out += quote.text;
    if (!quoted) out += "\xE2\x80\x9D";
    if (const Entity* speaker = pack.find(quote.speaker)) {
        out += " \xE2\x80\x94 " + speaker->name;
        if (!speaker->role.empty()) out += ", " + speaker->role;
    }
    return out;
}

} // namespace explainer
