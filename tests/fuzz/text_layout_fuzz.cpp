// libFuzzer target for layout_paragraph(): random UTF-8 text, styled runs and widths.
// Invariants (a violation aborts, in any build):
// - no line or run starts or ends inside a UTF-8 sequence;
// - placed runs cover the text once, in reading order (a line's runs sorted by their
//   bytes: a line with right-to-left text lists them in visual order): the only bytes
//   between one run and the next are the spaces trimmed from a line's end;
// - a line's runs go left to right and stay within its ink (trailing spaces are never
//   hit or highlighted), which starts at the right margin's side in a right-to-left
//   paragraph;
// - no line is wider than the measure unless it holds a single code point (and marks
//   drawn with no advance, RLM or ZWNJ, beside it: two crash inputs of the short runs);
// - hit-testing agrees with the layout: the middle of every drawn run answers its tag,
//   and tag_rects() covers exactly the runs of that tag.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/text_layout.h"

namespace {

using namespace explainer;

void require(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "text_layout_fuzz: %s\n", what);
    std::abort();
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
bool at_code_point(std::string_view text, std::size_t at) {
    return at >= text.size() || !is_continuation(static_cast<unsigned char>(text[at]));
}

// Turns arbitrary bytes into valid UTF-8: a byte that does not start a well-formed
// sequence of the length it announces becomes '?'.
std::string to_utf8(const std::string& bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size();) {
        const unsigned char c = static_cast<unsigned char>(bytes[i]);
        const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = length > 0 && i + length <= bytes.size();
        for (std::size_t k = 1; ok && k < length; ++k) ok = is_continuation(static_cast<unsigned char>(bytes[i + k]));
        if (!ok) {
            out += '?';
            ++i;
            continue;
        }
        out.append(bytes, i, length);
        i += length;
    }
    return out;
}

// The marks drawn with no advance: ZWNJ, ZWJ, LRM and RLM, as Noto's fonts draw them, and
// ALM, a right-to-left letter to bidi, which visual_text always drops (Noto Sans Arabic
// gives it an advance). Bidi drops ZWNJ and the others from a right-to-left stretch and keeps
// them in a left-to-right one, where a width of their own would make a line measured at one
// level wider at the other.
bool has_no_advance(std::string_view text, std::size_t at) {
    const std::string_view cp = text.substr(at, 3);
    return cp == "\xE2\x80\x8C" || cp == "\xE2\x80\x8D" || cp == "\xE2\x80\x8E" || cp == "\xE2\x80\x8F" || text.substr(at, 2) == "\xD8\x9C";
}

// Widths in half pixels, so every sum is exact in float.
float code_point_width(int style, std::string_view text) {
    float width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (is_continuation(c) || has_no_advance(text, i)) continue;
        width += c == ' ' ? 2.0f + 0.5f * style : 0.5f * static_cast<float>((c % 13) + 1 + style * 3);
    }
    return width;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const float max_width = 0.5f * input.ConsumeIntegralInRange<int>(0, 1600);
    const int run_count = input.ConsumeIntegralInRange<int>(1, 8);
    std::vector<std::size_t> cuts;
    for (int i = 1; i < run_count; ++i) cuts.push_back(input.ConsumeIntegral<std::uint16_t>());
    const std::string text = to_utf8(input.ConsumeRemainingBytesAsString());

    // Runs at code-point boundaries, covering the text in order, styles 0..2, some untagged.
    std::vector<StyledRun> runs;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= cuts.size(); ++i) {
        std::size_t end = i < cuts.size() && !text.empty() ? std::max(begin, cuts[i] % (text.size() + 1)) : text.size();
        while (!at_code_point(text, end)) ++end;
        if (end == begin && i < cuts.size()) continue;
        const int tag = (i % 3 == 2) ? -1 : static_cast<int>(i);
        runs.push_back({begin, end, static_cast<int>(i % 3), tag});
        begin = end;
    }

    const ParagraphLayout layout = layout_paragraph(
        text, runs, max_width, code_point_width, [](int style) { return 20.0f + 4.0f * style; });

    std::size_t covered = 0;
    float y = 0;
    for (const LayoutLine& line : layout.lines) {
        require(line.y == y && line.height > 0, "lines are stacked without gaps");
        y += line.height;
        std::size_t line_begin = std::string::npos, line_end = 0;
        const float ink_left = layout.right_to_left && std::isfinite(max_width) && max_width > line.width ? max_width - line.width : 0;
        float x = ink_left;
        for (const PlacedRun& run : line.runs) {
            require(run.begin <= run.end && run.end <= text.size(), "run outside the text");
            require(at_code_point(text, run.begin) && at_code_point(text, run.end), "run splits a UTF-8 sequence");
            require(run.level >= 0 && run.level <= 2, "a level beyond what the text's direction can give");
            require(run.x >= x - 1e-3f && run.width >= 0, "runs on a line go left to right");
            require(run.width == 0 || run.x + run.width <= ink_left + line.width + 1e-3f, "a run reaches beyond the line's ink");
            x = run.x + run.width;
        }
        std::vector<const PlacedRun*> reading(line.runs.size());
        for (std::size_t i = 0; i < reading.size(); ++i) reading[i] = &line.runs[i];
        std::sort(reading.begin(), reading.end(), [](const PlacedRun* a, const PlacedRun* b) { return a->begin < b->begin; });
        for (const PlacedRun* run : reading) {
            require(run->begin >= covered, "runs overlap");
            for (std::size_t k = covered; k < run->begin; ++k) require(text[k] == ' ', "bytes skipped that are not spaces");
            covered = run->end;
            if (run->begin < run->end) {
                line_begin = std::min(line_begin, run->begin);
                line_end = run->end;
            }
        }
        if (line_begin != std::string::npos && line.width > max_width) {
            std::size_t advancing = 0;  // code points with a width of their own
            for (std::size_t at = line_begin; at < line_end; ++at)
                if (!is_continuation(static_cast<unsigned char>(text[at])) && !has_no_advance(text, at)) ++advancing;
            require(advancing <= 1, "a line wider than the measure holds more than one code point");
        }
        for (const PlacedRun& run : line.runs) {
            if (run.width <= 0) continue;
            const std::optional<int> hit = tag_at(layout, run.x + run.width / 2, line.y + line.height / 2);
            require(hit == (run.tag >= 0 ? std::optional<int>(run.tag) : std::nullopt), "tag_at disagrees with the layout");
        }
    }
    for (std::size_t k = covered; k < text.size(); ++k) require(text[k] == ' ', "text left out of the layout");
    require(layout.height == y, "paragraph height is the sum of its lines");

    for (const StyledRun& run : runs) {
        if (run.tag < 0) continue;
        float area = 0, expected = 0;
        for (const LayoutRect& rect : tag_rects(layout, run.tag)) area += rect.w * rect.h;
        for (const LayoutLine& line : layout.lines)
            for (const PlacedRun& placed : line.runs)
                if (placed.tag == run.tag) expected += placed.width * line.height;
        require(area >= expected - 1e-2f * (1 + expected), "tag_rects misses part of a tag");
    }
    return 0;
}
