// libFuzzer target for the link codec. Any bytes must decode without crashing, with a
// bounded, printable set of notes, and the link of the decoded state must be a fixed
// point: decoding it is clean and encoding the result gives the same link, i.e.
// encode(decode(encode(decode(x)))) == encode(decode(x)). Violations abort.
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-exceptions -Isrc \
//     -Ibuild/json-include src/core/dates.cpp src/core/app_state.cpp src/core/url_state.cpp \
//     tests/fuzz/url_state_fuzz.cpp -o url_state_fuzz
//   ./url_state_fuzz -dict=tests/fuzz/url_state_fuzz.dict -max_total_time=60
// (-fno-exceptions as in the web build: a throw anywhere becomes an abort the fuzzer sees.)

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/dates.h"
#include "core/url_state.h"
#include "support/pack_builder.h"
#include "support/reader_panels.h"

namespace {

using namespace explainer;

void require(bool condition, const char* what, std::string_view detail = {}) {
    if (condition) return;
    std::fprintf(stderr, "url_state_fuzz: %s [%.*s]\n", what, int(detail.size()), detail.data());
    std::abort();
}

Pack make_pack() {
    Pack pack;
    pack.id = "fuzz";
    auto add = [&](const std::string& id, EntityKind kind) { test_support::add_entity(pack, id, kind); };
    add("sinjar", EntityKind::Place);
    add("paris-attacks", EntityKind::Event);
    add("thamir-ismail", EntityKind::Person);
    add("a b&c=d%", EntityKind::Person);  // needs percent-encoding
    add("isis", EntityKind::Organisation);
    for (const char* id : {"p1", "p2", "p#3"}) {
        test_support::add_paragraph(pack, id);
    }
    return pack;
}

// Two opening views: an empty one, and one where every key has a value to clear.
AppState make_defaults(bool full) {
    AppState state;
    state.map = {34.5, 40.0, 4.0};
    state.timeline = TimeRange{16071.0, 16800.0};
    if (full) {
        state.selection = "sinjar";
        state.time_cursor = cursor_on_day(16752);
        state.article_paragraph = "p2";
        state.panel = "quotes";
        state.quote_speaker_filter = "thamir-ismail";
        state.map = {-12.3456, 170.5, 19.99};
    }
    return state;
}

void check(std::string_view input, const AppState& defaults, const Pack& pack) {
    const DecodeResult first = decode_state(input, defaults, pack, test_support::kReaderPanels);
    require(first.ignored.size() <= kMaxLinkNotes, "too many notes");
    for (const std::string& note : first.ignored) {
        require(note.size() < 200, "note too long", note);
        for (char c : note) require(c >= 0x20 && c < 0x7F, "note not printable ASCII", note);
    }
    require(first.state.hover == defaults.hover, "hover came from a link");

    const std::string link = encode_state(first.state, defaults);
    require(link.size() <= kMaxLinkBytes, "encoded link too long", link);
    const DecodeResult second = decode_state(link, defaults, pack, test_support::kReaderPanels);
    require(second.ignored.empty(), "the encoder wrote a link with problems", link);
    require(encode_state(second.state, defaults) == link, "encode(decode(link)) != link", link);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Pack pack = make_pack();
    static const AppState empty_defaults = make_defaults(false);
    static const AppState full_defaults = make_defaults(true);
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    check(input, empty_defaults, pack);
    check(input, full_defaults, pack);
    return 0;
}
