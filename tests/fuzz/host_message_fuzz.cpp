// libFuzzer target for the postMessage protocol. Any bytes must parse without crashing
// into either an accepted message that obeys the protocol or a rejection with a reason;
// every message the explainer builds from what it read must be valid JSON that carries
// the request id back unchanged; normalize_origin must be idempotent. Violations abort.
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-exceptions -Isrc \
//     -Ibuild/json-include src/core/dates.cpp src/core/app_state.cpp src/core/url_state.cpp \
//     src/core/host_message.cpp src/core/pack.cpp src/core/relative_dates.cpp \
//     tests/fuzz/host_message_fuzz.cpp -o host_message_fuzz
//   ./host_message_fuzz -dict=tests/fuzz/host_message_fuzz.dict -max_total_time=60
// (-fno-exceptions as in the web build: every nlohmann/json throw becomes an abort, so a
// value read without checking its type first is found.)

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/host_message.h"
#include "support/pack_builder.h"

namespace {

using namespace explainer;
using nlohmann::json;

void require(bool condition, const char* what, std::string_view detail = {}) {
    if (condition) return;
    std::fprintf(stderr, "host_message_fuzz: %s [%.*s]\n", what, int(detail.size()), detail.data());
    std::abort();
}

Pack make_pack() {
    Pack pack;
    pack.id = "fuzz";
    auto add = [&](const std::string& id, EntityKind kind, const std::string& name) {
        test_support::add_entity(pack, id, kind, name);
    };
    add("sinjar", EntityKind::Place, "Sinjar");
    add("thamir-ismail", EntityKind::Person, "Thamir Ismail");
    add("bad-name", EntityKind::Figure, "\xFF\xC3");  // invalid UTF-8 must not break the JSON out
    return pack;
}

// A reply's requestId must be the one read, as JS would compare it.
void require_same_request_id(const json& reply, const std::optional<RequestId>& id, std::string_view text) {
    if (!id) {
        require(!reply.contains("requestId"), "reply has a requestId the request did not", text);
        return;
    }
    const auto it = reply.find("requestId");
    require(it != reply.end(), "reply lost the requestId", text);
    if (const std::string* s = std::get_if<std::string>(&*id)) {
        require(it->is_string() && it->get_ref<const std::string&>() == *s, "string requestId changed", text);
    } else {
        require(it->is_number() && it->get<double>() == std::get<double>(*id), "number requestId changed", text);
    }
}

json parse_reply(const std::string& reply, std::string_view input) {
    json value = json::parse(reply, nullptr, false);
    require(!value.is_discarded() && value.is_object(), "the explainer wrote invalid JSON", input);
    const auto version = value.find("explainer");
    require(version != value.end() && version->is_number_integer() && version->get<int>() == kHostProtocolVersion,
            "reply without the protocol version", reply);
    require(value.contains("type") && value["type"].is_string(), "reply without a type", reply);
    return value;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Pack pack = make_pack();
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    const HostParseResult result = parse_host_message(input, pack);
    if (result.message) {
        const HostMessage& m = *result.message;
        require(result.addressed && result.rejection.empty(), "accepted message with a rejection", input);
        require(m.type != HostRequest::Select || m.id.empty() || pack.entity_index.count(m.id) == 1,
                "selected an id the pack does not have", input);
        if (m.request_id) {
            if (const double* number = std::get_if<double>(&*m.request_id))
                require(std::isfinite(*number), "non-finite requestId", input);
            else
                require(std::get<std::string>(*m.request_id).size() <= kMaxRequestIdBytes, "requestId too long", input);
        }
        AppState state;
        if (m.type == HostRequest::Select) state.selection = m.id;
        const json reply =
            parse_reply(make_state_message(m.link, summarize_state(state, pack), m.request_id, {m.link}), input);
        require_same_request_id(reply, m.request_id, input);
    } else {
        require(!result.rejection.empty(), "rejection without a reason", input);
        require(result.rejection.size() < 200, "reason too long", result.rejection);
        for (char c : result.rejection) require(c >= 0x20 && c < 0x7F, "reason not printable ASCII", result.rejection);
        const json reply = parse_reply(make_error_message(result.rejection, result.request_id), input);
        require_same_request_id(reply, result.request_id, input);
    }

    // The same bytes as an origin: a normalised origin normalises to itself.
    if (const std::optional<std::string> origin = normalize_origin(input)) {
        require(normalize_origin(*origin) == origin, "normalize_origin is not idempotent", *origin);
        const OriginPolicy policy = make_origin_policy({std::string(input)}, {});
        require(policy.accepts(*origin) && policy.allowed.size() == 1, "policy refuses its own origin", *origin);
    }
    return 0;
}
