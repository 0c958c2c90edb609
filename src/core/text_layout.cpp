// Paragraph layout (see text_layout.h).
//
// Index
// - [SECTION] Break opportunities
// - [SECTION] Line building
// - [SECTION] Visual order (right-to-left text)
// - [SECTION] Layout
// - [SECTION] Hit testing
#include "text_layout.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>

#include "bidi.h"
#include "scripts.h"

namespace explainer {

namespace {

// [SECTION] Break opportunities -------------------------------------------------------

// The byte after the character at `at` (a malformed sequence ends at the next lead byte).
std::size_t next_char_boundary(std::string_view text, std::size_t at) {
    ++at;
    while (at < text.size() && is_utf8_continuation(static_cast<unsigned char>(text[at]))) ++at;
    return at;
}

// A word is the text up to and including the next break opportunity; its trailing
// spaces hang in the margin rather than count against the line's width.
struct Word {
    std::size_t begin = 0, end = 0;  // [begin, end) including trailing spaces
    std::size_t ink_end = 0;         // end without trailing spaces
};

// How a character takes a line break beside it, for Chinese and Japanese, whose words have
// no spaces between them (a simplification of Unicode's line breaking, UAX #14, with
// Japanese's kinsoku rules): a line may break before or after an ideograph or a kana, but
// never before closing punctuation, a small kana or a length mark (they would open a
// line), nor after opening punctuation.
enum class BreakClass : std::uint8_t {
    Other,        // breaks only as the rest of the text does
    Ideographic,  // a break on either side
    Opening,      // no break after it
    Closing,      // no break before it
    CjkClosing,   // no break before it; a break after it
};

BreakClass break_class(char32_t cp) {
    switch (cp) {
    case '(': case '[': case '{': case 0x201C: case 0x2018: case 0xAB:
        return BreakClass::Opening;
    // Closing marks, the ellipses … and ‥ (which never open a line), and the signs after a
    // number (% ‰ ° ℃)
    case ')': case ']': case '}': case ',': case '.': case ':': case ';': case '!': case '?': case '%': case 0x201D:
    case 0x2019: case 0xBB: case 0x2026: case 0x2025: case 0x2030: case 0xB0: case 0x2103:
        return BreakClass::Closing;
    default: break;
    }
    if (cp < 0x3000) return BreakClass::Other;
    switch (cp) {
    // 〈《「『【〔〖〘〚〝 and the full-width （［｛｟｢
    case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010: case 0x3014: case 0x3016: case 0x3018:
    case 0x301A: case 0x301D: case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF5F: case 0xFF62:
        return BreakClass::Opening;
    // 、。〉》」』】〕〗〙〛〞〟, the wave dash 〜, the iteration marks 々〻ゝゞヽヾ, the sound
    // marks ゛゜, the hyphen ゠, the middle dot ・ and the length mark ー, small kana, and the
    // full-width ！），．：；？］｝｠｡｣､･ and ％
    case 0x3001: case 0x3002: case 0x3009: case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3015:
    case 0x3017: case 0x3019: case 0x301B: case 0x301E: case 0x301F: case 0x301C: case 0x30A0: case 0xFF05:
    case 0x3005: case 0x303B: case 0x309B:
    case 0x309C: case 0x309D: case 0x309E: case 0x30FB: case 0x30FC: case 0x30FD: case 0x30FE:
    case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049: case 0x3063: case 0x3083: case 0x3085:
    case 0x3087: case 0x308E: case 0x3095: case 0x3096: case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7:
    case 0x30A9: case 0x30C3: case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE: case 0x30F5: case 0x30F6:
    case 0xFF01: case 0xFF09: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF1F: case 0xFF3D:
    case 0xFF5D: case 0xFF60: case 0xFF61: case 0xFF63: case 0xFF64: case 0xFF65:
        return BreakClass::CjkClosing;
    default: break;
    }
    if (cp >= 0x31F0 && cp <= 0x31FF) return BreakClass::CjkClosing;  // small katakana for Ainu
    // Korean is left to its spaces, as Korean typesetting does ("keep-all"): a word of
    // Hangul breaks only when it alone is wider than the line.
    const bool ideographic = cp <= 0x312F /* CJK symbols, kana, Bopomofo */ || (cp >= 0x3400 && cp <= 0x9FFF) ||
                             (cp >= 0xFF10 && cp <= 0xFF5A) /* full-width letters and digits */;
    return ideographic ? BreakClass::Ideographic : BreakClass::Other;
}

// Whether a line may break between characters of classes `before` and `after` where
// neither is a space (spaces, dashes and hyphens are split_words' own).
bool breaks_between(BreakClass before, BreakClass after) {
    if (after == BreakClass::Closing || after == BreakClass::CjkClosing || before == BreakClass::Opening) return false;
    return before == BreakClass::Ideographic || after == BreakClass::Ideographic || before == BreakClass::CjkClosing;
}

} // namespace

bool breaks_between_characters(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        // Every character that breaks so is U+3000 or above: three bytes from 0xE3 on.
        if (static_cast<unsigned char>(text[at]) < 0xE3) {
            ++at;
            continue;
        }
        if (break_class(next_code_point(text, at)) == BreakClass::Ideographic) return true;
    }
    return false;
}

namespace {

std::vector<Word> split_words(std::string_view text) {
    std::vector<Word> words;
    std::size_t begin = 0, at = 0;
    BreakClass previous = BreakClass::Other;
    while (at < text.size()) {
        const std::size_t next = next_char_boundary(text, at);
        const BreakClass current = break_class(next - at == 1 ? static_cast<unsigned char>(text[at]) : code_point_at(text, at));
        if (at > begin && breaks_between(previous, current)) {
            words.push_back({begin, at, at});
            begin = at;
        }
        previous = current;
        // The character's bytes compared directly: string compares, four a character,
        // were most of a long article's layout in wasm (each one a call to memcmp).
        const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
        const bool ascii = next - at == 1;
        const bool space = ascii && byte(0) == ' ';
        const bool dash = next - at == 3 && byte(0) == 0xE2 && byte(1) == 0x80 &&
                          (byte(2) == 0x94 /* em dash */ || byte(2) == 0x93 /* en dash */);
        // Marks after which a line may break, as after a hyphen (Unicode's line break class
        // BA): the Armenian hyphen (U+058A), the Ethiopic wordspace (U+1361), which
        // separates words where older texts have no spaces, the Canadian syllabics hyphen
        // (U+1400) and the Tifinagh separator mark (U+2D70).
        const bool script_break = (next - at == 2 && byte(0) == 0xD6 && byte(1) == 0x8A) ||
                                  (next - at == 3 && byte(0) == 0xE1 && byte(1) == 0x8D && byte(2) == 0xA1) ||
                                  (next - at == 3 && byte(0) == 0xE1 && byte(1) == 0x90 && byte(2) == 0x80) ||
                                  (next - at == 3 && byte(0) == 0xE2 && byte(1) == 0xB5 && byte(2) == 0xB0);
        const bool dash_break = dash || script_break || (ascii && byte(0) == '-' && at > begin);
        if (space) {
            std::size_t end = next;
            while (end < text.size() && text[end] == ' ') ++end;
            words.push_back({begin, end, at});
            begin = at = end;
            continue;
        }
        at = next;
        if (dash_break && at < text.size() && text[at] != ' ') {
            words.push_back({begin, at, at});
            begin = at;
        }
    }
    if (begin < text.size()) words.push_back({begin, text.size(), text.size()});
    return words;
}

// [SECTION] Line building -----------------------------------------------------------

// A stretch of text inside one styled run, measured.
struct Piece {
    std::size_t begin = 0, end = 0;
    const StyledRun* run = nullptr;
    float width = 0;
};

// Measures stretches of a paragraph as they are drawn, so that the lines broken with
// these widths are as wide once put in visual order: each part of a stretch at a right-to-
// left level as visual_text draws it (Arabic's contextual forms are not as wide as the
// letters' nominal ones; marks with no glyph are left out), any other part as it is.
class StretchMeasure {
public:
    // `levels`: the paragraph's, when it holds right-to-left text; null otherwise.
    StretchMeasure(std::string_view text, const MeasureText& measure, const BidiLevels* levels)
        : text_(text), measure_(measure), levels_(levels) {}

    float operator()(int style, std::size_t begin, std::size_t end) const {
        if (!levels_) return measure_(style, text_.substr(begin, end - begin));
        float width = 0;
        for (std::size_t part = begin; part < end;) {
            const std::uint8_t level = levels_->levels[part];
            std::size_t part_end = part + 1;
            while (part_end < end && levels_->levels[part_end] == level) ++part_end;
            width += level % 2 ? measure_(style, visual_text(text_, part, part_end, level))
                               : measure_(style, text_.substr(part, part_end - part));
            part = part_end;
        }
        return width;
    }

    const MeasureText& as_drawn() const { return measure_; }

private:
    std::string_view text_;
    const MeasureText& measure_;
    const BidiLevels* levels_;
};

class LineBuilder {
public:
    LineBuilder(std::string_view text, const std::vector<StyledRun>& runs, const StretchMeasure& measure,
                const std::function<float(int)>& line_height, ParagraphLayout& out)
        : text_(text), runs_(runs), measure_(measure), line_height_(line_height), out_(out) {}

    // Width of [begin, end) across styled runs.
    float width_of(std::size_t begin, std::size_t end) const {
        float width = 0;
        for_pieces(begin, end, [&](std::size_t b, std::size_t e, const StyledRun& run) { width += measure_(run.style, b, e); });
        return width;
    }

    // [begin, end) cut at the runs' edges, each piece measured; their widths add up, in
    // order, to width_of(begin, end).
    float measure_pieces(std::size_t begin, std::size_t end, std::vector<Piece>& pieces) const {
        pieces.clear();
        float width = 0;
        for_pieces(begin, end, [&](std::size_t b, std::size_t e, const StyledRun& run) {
            pieces.push_back({b, e, &run, measure_(run.style, b, e)});
            width += pieces.back().width;
        });
        return width;
    }

    // Appends measured pieces to the current line at x.
    void place(const std::vector<Piece>& pieces, float x) {
        LayoutLine& line = current();
        for (const Piece& piece : pieces) {
            const StyledRun& run = *piece.run;
            PlacedRun* last = line.runs.empty() ? nullptr : &line.runs.back();
            // Merge with the previous piece of the same run, so drawing and hit-testing
            // see one rectangle per run per line.
            if (last && last->tag == run.tag && last->style == run.style && last->end == piece.begin)
                last->end = piece.end, last->width = x + piece.width - last->x;
            else
                line.runs.push_back({piece.begin, piece.end, run.style, run.tag, x, piece.width, 0, {}});
            line.height = std::max(line.height, line_height_(run.style));
            x += piece.width;
        }
    }

    LayoutLine& current() {
        if (out_.lines.empty()) out_.lines.emplace_back();
        return out_.lines.back();
    }

    void new_line() { out_.lines.emplace_back(); }

    // Calls fn(b, e, run) for each run's part of [begin, end), in order. The runs cover
    // the text in order, so they are found from the first that ends after `begin`,
    // rather than by a walk of all of them for every word (a long paragraph has dozens).
    template <class Fn>
    void for_pieces(std::size_t begin, std::size_t end, Fn&& fn) const {
        auto run = std::partition_point(runs_.begin(), runs_.end(), [begin](const StyledRun& r) { return r.end <= begin; });
        for (; run != runs_.end() && run->begin < end; ++run) {
            const std::size_t b = std::max(begin, run->begin), e = std::min(end, run->end);
            if (b < e) fn(b, e, *run);
        }
    }

private:
    std::string_view text_;
    const std::vector<StyledRun>& runs_;
    const StretchMeasure& measure_;
    const std::function<float(int)>& line_height_;
    ParagraphLayout& out_;
};

// Whether the runs keep layout_paragraph's contract: in order, without gaps or overlaps.
[[maybe_unused]] bool runs_cover_in_order(std::string_view text, const std::vector<StyledRun>& runs) {
    std::size_t at = 0;
    for (const StyledRun& run : runs) {
        if (run.begin != at || run.end < run.begin) return false;
        at = run.end;
    }
    return runs.empty() || at == text.size();
}

// [SECTION] Visual order (right-to-left text) ---------------------------------------------

// Whether a run may take in the next piece: the same annotation and style at the same
// level, and the piece follows it in reading order.
bool continues(const PlacedRun& run, const PlacedRun& piece) {
    if (run.tag != piece.tag || run.style != piece.style || run.level != piece.level) return false;
    return run.level % 2 ? piece.end == run.begin : run.end == piece.begin;
}

// Puts one line's runs (logical order, logical widths) in visual order: cut at the edges
// of its bidi runs (rules L1-L2), the pieces of a right-to-left run reversed, each
// measured and placed from the left; an odd run gets the text it draws. A right-to-left
// paragraph's line ends at the right margin.
void order_line(std::string_view text, const BidiLevels& levels, const StretchMeasure& measure, float max_width,
                LayoutLine& line) {
    std::vector<PlacedRun> ordered;
    for (const BidiRun& bidi : visual_runs(text, levels, line.begin, line.end)) {
        std::vector<PlacedRun> pieces;
        for (const PlacedRun& run : line.runs) {
            const std::size_t b = std::max(bidi.begin, run.begin), e = std::min(bidi.end, run.end);
            if (b < e) pieces.push_back({b, e, run.style, run.tag, 0, 0, bidi.level, {}});
        }
        if (bidi.level % 2) std::reverse(pieces.begin(), pieces.end());
        for (PlacedRun& piece : pieces) {
            if (!ordered.empty() && continues(ordered.back(), piece)) {
                PlacedRun& run = ordered.back();
                run.begin = std::min(run.begin, piece.begin);
                run.end = std::max(run.end, piece.end);
            } else {
                ordered.push_back(std::move(piece));
            }
        }
    }
    float x = 0;
    for (PlacedRun& run : ordered) {
        if (run.level % 2) {
            run.shown = visual_text(text, run.begin, run.end, run.level);
            run.width = measure.as_drawn()(run.style, run.shown);
        } else {
            run.width = measure.as_drawn()(run.style, text.substr(run.begin, run.end - run.begin));
        }
        run.x = x;
        x += run.width;
    }
    line.width = x;
    // An infinite measure is one line with no margin to align to.
    if (levels.paragraph_level % 2 && std::isfinite(max_width) && max_width > x)
        for (PlacedRun& run : ordered) run.x += max_width - x;
    line.runs = std::move(ordered);
}

} // namespace

// [SECTION] Layout --------------------------------------------------------------------

ParagraphLayout layout_paragraph(std::string_view text, const std::vector<StyledRun>& runs, float max_width,
                                 const MeasureText& measure, const std::function<float(int)>& line_height) {
    assert(measure && line_height && "layout_paragraph needs a measure and a line-height callback");
    assert(runs_cover_in_order(text, runs) && "layout_paragraph: the runs cover the text in order, without gaps or overlaps");
    ParagraphLayout out;
    out.max_width = max_width;
    // The levels come first: line breaking measures each stretch as it will be drawn.
    const std::optional<BidiLevels> levels = has_right_to_left(text) ? std::optional(bidi_levels(text)) : std::nullopt;
    const StretchMeasure stretch_measure(text, measure, levels ? &*levels : nullptr);
    LineBuilder builder(text, runs, stretch_measure, line_height, out);

    float x = 0;  // pen position on the current line, trailing spaces included
    float ink = 0;  // line width without its trailing spaces
    std::vector<Piece> pieces;  // the word's, measured once for its width and its placing
    for (const Word& word : split_words(text)) {
        const float full_width = builder.measure_pieces(word.begin, word.end, pieces);
        const float ink_width = word.ink_end == word.end ? full_width : builder.width_of(word.begin, word.ink_end);
        if (x > 0 && x + ink_width > max_width) {
            builder.current().width = ink;
            builder.new_line();
            x = ink = 0;
        }
        if (ink_width > max_width && x == 0) {
            // A word wider than the whole measure: break it between code points.
            std::size_t piece = word.begin;
            while (piece < word.ink_end) {
                std::size_t end = next_char_boundary(text, piece);
                while (end < word.ink_end && builder.width_of(piece, next_char_boundary(text, end)) <= max_width)
                    end = next_char_boundary(text, end);
                ink = builder.measure_pieces(piece, end, pieces);
                builder.place(pieces, 0);
                piece = end;
                if (piece < word.ink_end) {
                    builder.current().width = ink;
                    builder.new_line();
                }
            }
            x = ink;
            if (word.end > word.ink_end) {
                const float spaces = builder.measure_pieces(word.ink_end, word.end, pieces);
                builder.place(pieces, x);
                x += spaces;
            }
            continue;
        }
        builder.place(pieces, x);
        ink = x + ink_width;
        x += full_width;
    }
    if (!out.lines.empty()) out.lines.back().width = ink;

    float y = 0;
    for (LayoutLine& line : out.lines) {
        if (line.height == 0) line.height = line_height(runs.empty() ? 0 : runs.front().style);
        line.y = y;
        y += line.height;
        // Trailing spaces are placed (so byte ranges stay contiguous) but must not be
        // hit or highlighted beyond the ink: clip the runs at the line's end to the ink
        // width. The spaces may span several runs (a style change among them), so clip
        // back to the last run that holds ink.
        for (auto run = line.runs.rbegin(); run != line.runs.rend(); ++run) {
            run->width = std::max(0.0f, std::min(run->width, line.width - run->x));
            while (run->end > run->begin && text[run->end - 1] == ' ') --run->end;
            if (run->end > run->begin) break;
        }
        if (!line.runs.empty()) line.begin = line.runs.front().begin, line.end = line.runs.back().end;
    }
    out.height = y;
    if (levels) {
        out.right_to_left = levels->paragraph_level % 2 != 0;
        for (LayoutLine& line : out.lines)
            if (!line.runs.empty()) order_line(text, *levels, stretch_measure, max_width, line);
    }
    return out;
}

// [SECTION] Hit testing -----------------------------------------------------------------

std::optional<int> tag_at(const ParagraphLayout& layout, float x, float y) {
    for (const LayoutLine& line : layout.lines) {
        if (y < line.y || y >= line.y + line.height) continue;
        for (const PlacedRun& run : line.runs)
            if (x >= run.x && x < run.x + run.width) return run.tag >= 0 ? std::optional<int>(run.tag) : std::nullopt;
        return std::nullopt;
    }
    return std::nullopt;
}

std::vector<LayoutRect> tag_rects(const ParagraphLayout& layout, int tag) {
    std::vector<LayoutRect> rects;
    for (const LayoutLine& line : layout.lines) {
        LayoutRect* open = nullptr;
        for (const PlacedRun& run : line.runs) {
            if (run.tag != tag) {
                open = nullptr;
                continue;
            }
            if (open) {
                open->w = run.x + run.width - open->x;
            } else {
                rects.push_back({run.x, line.y, run.width, line.height});
                open = &rects.back();
            }
        }
    }
    return rects;
}

} // namespace explainer
