// libFuzzer target for find and text selection on untrusted text: a paragraph, a query
// (what a reader types) and a width, from arbitrary bytes (not necessarily UTF-8).
// Invariants (a violation aborts, in any build):
// - every match lies inside the text, in order, without overlap, and starts and ends on
//   a whole character;
// - word_at() gives a range inside the text that holds its offset or touches it;
// - every caret point_at() answers is inside the text, on a character boundary, and
//   moving it by character or word stays inside the text;
// - copying the whole paragraph gives the paragraph back.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/find.h"
#include "core/scripts.h"
#include "core/text_selection.h"

namespace {

using namespace explainer;

void require(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "find_fuzz: %s\n", what);
    std::abort();
}

bool on_boundary(std::string_view text, std::size_t at) {
    return at >= text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
}

// Packs and typed queries are UTF-8 (the loader and the browser see to it): a malformed
// sequence becomes '?'.
std::string well_formed(std::string_view bytes) {
    std::string out;
    for (std::size_t at = 0; at < bytes.size();) {
        const std::size_t begin = at;
        const char32_t cp = next_code_point(bytes, at);
        const bool malformed = cp == 0xFFFD && bytes.substr(begin, at - begin) != "\xEF\xBF\xBD";
        if (malformed) out += '?';
        else out.append(bytes.substr(begin, at - begin));
    }
    return out;
}

float measure(int, std::string_view text) { return static_cast<float>(text.size()) * 7.0f; }
float line_height(int) { return 20.0f; }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzedDataProvider provider(data, size);
    const std::string query = well_formed(provider.ConsumeRandomLengthString(40));
    const float width = provider.ConsumeFloatingPointInRange<float>(20.0f, 600.0f);
    const float x = provider.ConsumeFloatingPointInRange<float>(-50.0f, 700.0f);
    const float y = provider.ConsumeFloatingPointInRange<float>(-50.0f, 400.0f);
    const std::string text = well_formed(provider.ConsumeRemainingBytesAsString());

    std::size_t last_end = 0;
    for (const ByteRange& match : find_all(text, query)) {
        require(match.begin < match.end && match.end <= text.size(), "a match outside the text");
        require(match.begin >= last_end, "matches overlap or are out of order");
        require(on_boundary(text, match.begin) && on_boundary(text, match.end), "a match splits a character");
        last_end = match.end;
    }

    const ParagraphLayout layout = layout_paragraph(text, {{0, text.size(), 0, -1}}, width, measure, line_height);
    const std::vector<TextBlock> blocks = {{text, &layout, 0, {}}};
    const TextPoint point = point_at(blocks, x, y, measure);
    require(point.paragraph == 0 && point.offset <= text.size(), "point_at answered outside the text");
    require(on_boundary(text, point.offset), "point_at answered inside a character");
    for (CaretStep step : {CaretStep::Left, CaretStep::Right, CaretStep::WordLeft, CaretStep::WordRight, CaretStep::Up, CaretStep::Down}) {
        const TextPoint moved = move_point(blocks, point, step, measure);
        require(moved.paragraph == 0 && moved.offset <= text.size(), "a caret step left the text");
    }
    const ByteRange word = word_at(text, point.offset);
    require(word.begin <= word.end && word.end <= text.size(), "word_at outside the text");
    require(text.empty() || (word.begin <= point.offset && point.offset <= word.end) || word.end <= point.offset,
            "word_at far from its offset");
    require(selected_text(blocks, {{0, 0}, {0, text.size()}}) == text, "copying everything lost or added bytes");
    return 0;
}
