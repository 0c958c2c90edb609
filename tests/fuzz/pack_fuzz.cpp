// libFuzzer entry for load_pack(): any bytes must give either a pack or diagnostics,
// never a crash, a hang or undefined behaviour. Seed corpus: content/*.json and
// tests/packs/**.json.
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -Ibuild/json-include \
//     src/core/dates.cpp src/core/relative_dates.cpp src/core/pack.cpp tests/fuzz/pack_fuzz.cpp -o pack_fuzz
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/pack.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const explainer::LoadResult result = explainer::load_pack(text, "fuzz.json");
    assert((result.pack.has_value() == result.errors.empty()) && "a pack comes exactly when there are no errors");
    for (const explainer::Diagnostic& d : result.errors) {
        assert(!d.message.empty() && "every diagnostic says what is wrong");
        (void)explainer::format_diagnostic(d);
    }
    if (result.pack) {
        // Resolved mentions must lie inside their paragraphs.
        for (const explainer::Entity& e : result.pack->entities)
            for (const explainer::Mention& m : e.mentions) {
                assert(m.paragraph_index < result.pack->article.paragraphs.size() && "mention paragraph resolved");
                assert(m.begin <= m.end && m.end <= result.pack->article.paragraphs[m.paragraph_index].text.size() &&
                       "mention offsets inside the paragraph");
            }
    }
    return 0;
}
