// libFuzzer target for the drafter: untrusted article text in the plain-text format of
// explainer-draft (parse_article_text) and the browser's JSON input (draft_pack_from_json).
// Invariants (a violation aborts, in any build):
// - every draft is accepted by load_pack, the validator's own loader;
// - a refusal always says why (a non-empty error) and yields no pack.
// A small made-up gazetteer stands in for the built one (its rows are fixtures, not
// GeoNames records), with names that are also words and an ambiguous name, so place
// matching, ranking and nesting all run.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/draft.h"
#include "core/gazetteer.h"
#include "core/pack.h"

namespace {

using namespace explainer;

void require(bool condition, const char* what, const std::string& detail = "") {
    if (condition) return;
    std::fprintf(stderr, "draft_fuzz: %s\n%s\n", what, detail.c_str());
    std::abort();
}

const Gazetteer& small_gazetteer() {
    static const Gazetteer g = [] {
        std::string error;
        auto parsed = Gazetteer::parse(
            "# explainer-gazetteer/1\n"
            "C\tCL\t152\tChile|Republic of Chile\n"
            "C\tIQ\t368\tIraq|Republic of Iraq\n"
            "C\tFR\t250\tFrance\n"
            "R\t150\tEurope\t250 276\n"
            "P\tSantiago\t-33.45694\t-70.64827\t4837295\tCL\t12\t3871336\n"
            "P\tSantiago\t7.7\t125.1\t108414\tPH\t02\t1000\n"
            "P\tSinjār\t36.3209\t41.87656\t38294\tIQ\t15\t5\n"
            "P\tAr Raqqah\t35.95\t39.01\t177636\tSY\t04\t7\n"
            "P\tParis\t48.85341\t2.3488\t2138551\tFR\t11\t9\n"
            "P\tMost\t50.5\t13.6\t66000\tCZ\t78\t11\n"
            "P\tThe City\t1\t1\t1000\tXX\t\t13\n",
            error);
        require(parsed.has_value(), "the fuzzer's gazetteer does not parse", error);
        return *parsed;
    }();
    return g;
}

void check(const DraftResult& result, const char* what) {
    if (!result.error.empty()) {
        require(result.pack_json.empty(), "a refusal came with a pack");
        return;
    }
    const LoadResult loaded = load_pack(result.pack_json, "draft");
    std::string errors;
    for (const Diagnostic& d : loaded.errors) errors += format_diagnostic(d) + "\n";
    require(loaded.pack.has_value(), what, errors + result.pack_json.substr(0, 4000));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    DraftInput input;
    input.source = "Fuzz";
    input.published = "2015-11-16/2015-11-19";
    const std::string error = parse_article_text(text, input);
    if (error.empty()) check(draft_pack(input, &small_gazetteer()), "a draft of the text does not load");
    else require(input.paragraphs.empty() || !error.empty(), "unreachable");
    check(draft_pack_from_json(text, &small_gazetteer()), "a draft of the JSON input does not load");
    return 0;
}
