// libFuzzer target for the bidirectional algorithm and Arabic forms (core/bidi.h): any
// bytes, malformed UTF-8 included, as a paragraph, with any paragraph direction and any
// line offsets (beyond the text, reversed, inside a character). Invariants (a violation
// aborts, in any build):
// - bidi_levels gives one level per byte, the same for every byte of a character, from the
//   paragraph level up to 2 (no embeddings: I1 and I2 raise a level by at most 2);
//   text with nothing right to left is all at level 0 unless the paragraph is right to left;
// - visual_runs covers the line, clamped to the text and moved to character starts,
//   exactly once with non-empty runs that start at characters; the whole text too;
// - visual_text at an even level is the stretch itself, and at an odd level at most twice
//   its size (a 2-byte Arabic letter drawn as a 3-byte presentation form);
// - visual_line leaves text with nothing right to left unchanged;
// - add_presentation_forms adds at most 12 characters for each (a lam: 4 forms, 8 ligatures).
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/bidi.h"
#include "core/scripts.h"

namespace {

using namespace explainer;

void require(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "bidi_fuzz: %s\n", what);
    std::abort();
}

// Where each character starts, as next_code_point() reads the text.
std::vector<std::size_t> character_starts(const std::string& text) {
    std::vector<std::size_t> starts;
    for (std::size_t at = 0; at < text.size();) {
        starts.push_back(at);
        next_code_point(text, at);
    }
    return starts;
}

// The start of the character holding byte `at` (the text's end for `at` beyond it).
std::size_t start_of(const std::vector<std::size_t>& starts, std::size_t size, std::size_t at) {
    if (at >= size) return size;
    return *(std::upper_bound(starts.begin(), starts.end(), at) - 1);
}

void check_levels(const std::string& text, const std::vector<std::size_t>& starts, const BidiLevels& levels, int base_level) {
    require(levels.levels.size() == text.size(), "one level per byte");
    require(levels.paragraph_level == 0 || levels.paragraph_level == 1, "paragraph level 0 or 1");
    if (base_level == 0 || base_level == 1) require(levels.paragraph_level == base_level, "the given paragraph level");
    std::size_t next_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool starts_character = next_start < starts.size() && starts[next_start] == i;
        if (starts_character) ++next_start;
        require(levels.levels[i] >= levels.paragraph_level && levels.levels[i] <= 2, "levels from the paragraph's up to 2");
        require(starts_character || levels.levels[i] == levels.levels[i - 1], "a character's bytes share its level");
    }
    if (base_level != 1 && !has_right_to_left(text))
        for (const std::uint8_t level : levels.levels) require(level == 0, "left-to-right text at level 0");
}

// The runs of [begin, end) as clamped: each byte once, runs starting at characters.
void check_runs(const std::string& text, const std::vector<std::size_t>& starts, const std::vector<BidiRun>& runs,
                std::size_t begin, std::size_t end) {
    const std::size_t clamped_end = start_of(starts, text.size(), std::min(end, text.size()));
    const std::size_t clamped_begin = start_of(starts, text.size(), std::min(begin, clamped_end));
    std::vector<int> hits(text.size(), 0);
    for (const BidiRun& run : runs) {
        require(run.begin < run.end && run.end <= text.size(), "a run is a non-empty stretch of the text");
        require(start_of(starts, text.size(), run.begin) == run.begin, "a run starts at a character");
        require(start_of(starts, text.size(), run.end) == run.end, "a run ends at a character");
        require(run.level >= 0 && run.level <= 2, "run levels up to 2");
        for (std::size_t i = run.begin; i < run.end; ++i) ++hits[i];
    }
    for (std::size_t i = 0; i < text.size(); ++i)
        require(hits[i] == (i >= clamped_begin && i < clamped_end ? 1 : 0), "runs cover the clamped line exactly once");
}

void check_visual_text(const std::string& text, const BidiRun& run) {
    const std::string drawn = visual_text(text, run.begin, run.end, run.level);
    if (run.level % 2 == 0) {
        require(drawn == text.substr(run.begin, run.end - run.begin), "an even level draws the stretch unchanged");
    } else {
        require(drawn.size() <= 2 * (run.end - run.begin), "an odd level draws at most twice the bytes");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const int base_level = input.PickValueInArray({-1, 0, 1, 7});
    const std::size_t begin = input.ConsumeIntegral<std::uint16_t>();
    const std::size_t end = input.ConsumeIntegral<std::uint16_t>();
    const int stray_level = input.ConsumeIntegralInRange<int>(-3, 4);
    const std::string text = input.ConsumeRemainingBytesAsString();
    const std::vector<std::size_t> starts = character_starts(text);

    const BidiLevels levels = bidi_levels(text, base_level);
    check_levels(text, starts, levels, base_level);
    const std::vector<BidiRun> line = visual_runs(text, levels, begin, end);
    check_runs(text, starts, line, begin, end);
    for (const BidiRun& run : line) check_visual_text(text, run);
    check_runs(text, starts, visual_runs(text, levels, 0, text.size()), 0, text.size());

    // Offsets and levels no run would give: nothing to check but that nothing breaks.
    visual_text(text, begin, end, stray_level);
    const std::string shown = visual_line(text);
    if (!has_right_to_left(text)) require(shown == text, "visual_line leaves left-to-right text unchanged");

    std::vector<char32_t> characters;
    for (std::size_t at = 0; at < text.size();) characters.push_back(next_code_point(text, at));
    const std::size_t given = characters.size();
    add_presentation_forms(characters);
    require(characters.size() <= 13 * given, "at most 12 forms added per character");
    return 0;
}
