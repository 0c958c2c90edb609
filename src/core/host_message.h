// The host-page API: the versioned postMessage protocol between a page that embeds the
// explainer in an <iframe> and the explainer. README ("Embedding and the host-page
// API") is the reference for host developers; this header is the contract for the
// platform code.
//
// Host -> explainer (JSON text: the page's JS passes JSON.stringify(event.data)):
//   {"explainer": 1, "type": "select",   "id": "sinjar",           "requestId"?: "r1" | 7}
//   {"explainer": 1, "type": "setState", "link": "#v=1&sel=sinjar", "requestId"?: ...}
//   {"explainer": 1, "type": "getState",                            "requestId"?: ...}
// `"id": ""` clears the selection. Members the protocol does not name are ignored, so
// hosts may tag messages for their own bookkeeping.
//
// Explainer -> host: "ready" once loaded, "state" in reply to a request (and whenever
// the link changes), "resize" when the content height changes, "error" for a request
// that was rejected. Replies carry the request's requestId.
//
// Origins: the platform acts only on messages whose source is window.parent and whose
// origin OriginPolicy accepts, and posts only to origins it accepts, never to "*".
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "app_state.h"
#include "pack.h"

namespace explainer {

inline constexpr int kHostProtocolVersion = 1;
inline constexpr std::size_t kMaxHostMessageBytes = 8192;
inline constexpr std::size_t kMaxRequestIdBytes = 256;

// [SECTION] Host -> explainer -------------------------------------------------------

// The host's tag for a request, echoed in the reply: a JSON string or a finite number
// (a JS number, hence double).
using RequestId = std::variant<std::string, double>;

enum class HostRequest { Select, SetState, GetState };

struct HostMessage {
    HostRequest type = HostRequest::GetState;
    std::string id;    // Select: an entity id of the pack, "" clears the selection
    std::string link;  // SetState: a link fragment, with or without '#', for decode_state()
    std::optional<RequestId> request_id;
};

struct HostParseResult {
    std::optional<HostMessage> message;   // set when the message is accepted
    std::string rejection;                // why it was not, for the host's console
    // The message was meant for the explainer (it is a JSON object with an "explainer"
    // member, or too large to tell), so a rejection deserves an "error" reply. Other
    // traffic on the window (other scripts' messages) is dropped silently.
    bool addressed = false;
    std::optional<RequestId> request_id;  // readable even when rejected, for the reply
};

// Total and bounded: any text gives a result; texts over kMaxHostMessageBytes are not parsed.
HostParseResult parse_host_message(std::string_view json_text, const Pack& pack);

// [SECTION] Explainer -> host -------------------------------------------------------

// What a host most likely wants to mirror in its own page, beside the link.
struct StateSummary {
    std::string selection;        // entity id, "" = nothing selected
    std::string selection_name;   // the entity's display name
    std::string selection_kind;   // entity_kind_name(): "place", "person", ...
    std::optional<TimeCursor> time_cursor;
    std::string paragraph;        // paragraph id at the top of the article, "" = top
    std::string panel = kOpeningPanel;  // panel id
    std::string quote_speaker_filter;
};
StateSummary summarize_state(const AppState& state, const Pack& pack);

// Each returns one JSON text {"explainer":1,"type":...}; `link` gets a leading '#' if it
// has none. `ignored` are decode_state()'s notes after a setState.
std::string make_ready_message(std::string_view pack_id, std::string_view link, const StateSummary& summary);
std::string make_state_message(std::string_view link, const StateSummary& summary,
                               const std::optional<RequestId>& request_id = std::nullopt,
                               const std::vector<std::string>& ignored = {});
std::string make_resize_message(int height_css_px);  // clamped to 0..1,000,000
std::string make_error_message(std::string_view reason, const std::optional<RequestId>& request_id = std::nullopt);

// [SECTION] Origins -----------------------------------------------------------------

// An origin as browsers serialise MessageEvent.origin: "https://example.com[:port]",
// scheme and host lower-case, no default port, no path. Accepts one trailing '/'.
// nullopt for anything else: "*", "null", file:, user-info, paths, queries, non-ASCII
// hosts (write them in punycode).
std::optional<std::string> normalize_origin(std::string_view text);

struct OriginPolicy {
    std::vector<std::string> allowed;  // normalised, without repeats; posting targets
    std::vector<std::string> notes;    // configured origins that were not usable, and why

    bool accepts(std::string_view origin) const;
};

// `from_query`: the values of the page's `origin=` query parameters; `from_pack`: the
// pack's allowedOrigins. Empty policy = the host API is off.
OriginPolicy make_origin_policy(const std::vector<std::string>& from_query, const std::vector<std::string>& from_pack);

} // namespace explainer
