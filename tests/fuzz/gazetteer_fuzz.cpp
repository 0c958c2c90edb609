// libFuzzer target for the gazetteer's parser (core/gazetteer.h): the full file, a
// browser index and its shards come over the network, so each is untrusted. The input is
// "MODE\nQUERY\nTEXT": MODE 'i' parses TEXT as a file or an index, 's' merges TEXT as a
// shard (its prefix the first S line of a fixed index that fits QUERY's key) into that
// index; then QUERY is searched and its shards asked for.
// Invariants (a violation aborts, in any build):
// - a refusal says why (a non-empty error) and leaves a gazetteer unchanged;
// - a merged shard is marked merged and never asked for again;
// - search returns at most `limit` hits, each named, with coordinates on the globe.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/gazetteer.h"

namespace {

using namespace explainer;

void require(bool condition, const char* what, const std::string& detail = "") {
    if (condition) return;
    std::fprintf(stderr, "gazetteer_fuzz: %s\n%s\n", what, detail.c_str());
    std::abort();
}

// A fixture index (made-up rows), so shards have somewhere to go.
const Gazetteer& fixture_index() {
    static const Gazetteer g = [] {
        std::string error;
        auto parsed = Gazetteer::parse(
            "# explainer-gazetteer/1\n"
            "C\tCL\t152\tChile|Republic of Chile\t-33.45\t-70.65\n"
            "C\tAQ\t010\tAntarctica\n"
            "R\t005\tSouth America\t152 032\n"
            "S\ta\t1\nS\tk\t1\nS\tr\t1\nS\tsa\t1\nS\tsan\t1\nS\tsan \t1\n"
            "P\tSantiago\t-33.45\t-70.65\t5000000\tCL\t12\t100\n",
            error);
        require(parsed.has_value(), "the fixture index parses", error);
        return *parsed;
    }();
    return g;
}

void check_search(const Gazetteer& g, std::string_view query) {
    for (const std::size_t limit : {std::size_t{0}, std::size_t{1}, std::size_t{7}}) {
        const auto hits = search_places(g, query, limit);
        require(hits.size() <= limit, "search returns at most limit hits");
        for (const PlaceHit& h : hits) {
            require(!h.name.empty(), "a hit has a name");
            require(std::isfinite(h.lat) && std::isfinite(h.lon) && std::fabs(h.lat) <= 90 && std::fabs(h.lon) <= 180,
                    "a hit is on the globe", h.name);
        }
    }
    for (const std::string& shard : g.shards_for_search(query)) require(!g.has_shard(shard), "search asks only for shards not merged");
    for (const std::string& shard : g.shards_for_name(query)) require(!g.has_shard(shard), "a name asks only for shards not merged");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t first = input.find('\n');
    if (first == std::string_view::npos) return 0;
    const std::size_t second = input.find('\n', first + 1);
    if (second == std::string_view::npos) return 0;
    const std::string_view mode = input.substr(0, first);
    const std::string_view query = input.substr(first + 1, second - first - 1);
    const std::string_view text = input.substr(second + 1);
    std::string error;
    if (mode == "i") {
        const auto g = Gazetteer::parse(text, error);
        require(g.has_value() || !error.empty(), "a refused file says why");
        if (g) check_search(*g, query);
        return 0;
    }
    Gazetteer g = fixture_index();
    std::string prefix = g.shard_for_key(name_key(query));
    if (prefix.empty()) prefix = "k";
    const std::size_t before = g.place_count();
    if (g.add_shard(prefix, text, error)) {
        require(g.has_shard(prefix), "a merged shard is marked merged");
        require(g.place_count() >= before, "merging keeps the places");
    } else {
        require(!error.empty(), "a refused shard says why");
        require(g.place_count() == before && !g.has_shard(prefix), "a refused shard changes nothing");
    }
    check_search(g, query);
    return 0;
}
