// The postMessage protocol (see host_message.h and README, "Embedding and the host-page API").
//
// Index
// - [SECTION] JSON helpers
// - [SECTION] Parsing host messages
// - [SECTION] Messages to the host
// - [SECTION] Origins
//
// The web build has exceptions off, where every nlohmann/json throw is an abort: this
// file parses with allow_exceptions=false and checks each value's type before reading
// it, and dumps with the `replace` error handler so that invalid UTF-8 in a pack's
// names cannot abort either.

#include "host_message.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "dates.h"
#include "url_state.h"

namespace explainer {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// [SECTION] JSON helpers ------------------------------------------------------------

std::string dump(const ordered_json& value) {
    return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// Integral ids go out as JSON integers so that the host gets back the very text it sent
// (7, not 7.0); 2^53 is where doubles stop being exact integers.
ordered_json request_id_json(const RequestId& id) {
    if (const std::string* text = std::get_if<std::string>(&id)) return *text;
    const double number = std::get<double>(id);
    constexpr double kExactIntegerLimit = 9007199254740992.0;
    if (std::trunc(number) == number && std::fabs(number) <= kExactIntegerLimit)
        return static_cast<std::int64_t>(number);
    return number;
}

const json* member(const json& object, const char* name) {
    const auto it = object.find(name);
    return it == object.end() ? nullptr : &*it;
}

// [SECTION] Parsing host messages ---------------------------------------------------

HostParseResult rejected(HostParseResult result, std::string reason) {
    result.message.reset();
    result.rejection = std::move(reason);
    return result;
}

} // namespace

HostParseResult parse_host_message(std::string_view json_text, const Pack& pack) {
    HostParseResult result;
    if (json_text.size() > kMaxHostMessageBytes) {
        result.addressed = true;  // too large to look inside; the host should hear why
        return rejected(result, "message is larger than " + std::to_string(kMaxHostMessageBytes) + " bytes");
    }
    const json root = json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) return rejected(result, "message is not valid JSON");
    if (!root.is_object()) return rejected(result, "message is not a JSON object");
    const json* version = member(root, "explainer");
    if (!version) return rejected(result, "message has no \"explainer\" member");
    result.addressed = true;

    // The request id is read before anything else can fail, so that every rejection, the
    // protocol version's too, reaches the host tagged with it when it is readable.
    std::string request_id_problem;
    if (const json* id = member(root, "requestId")) {
        if (id->is_string()) {
            const std::string& text = id->get_ref<const std::string&>();
            if (text.size() > kMaxRequestIdBytes) request_id_problem = "\"requestId\" is longer than " + std::to_string(kMaxRequestIdBytes) + " bytes";
            else result.request_id = text;
        } else if (id->is_number() && std::isfinite(id->get<double>())) {
            result.request_id = id->get<double>();
        } else {
            request_id_problem = "\"requestId\" must be a string or a finite number";
        }
    }

    if (!version->is_number())
        return rejected(result, "\"explainer\" must be the protocol version number " + std::to_string(kHostProtocolVersion));
    if (version->get<double>() != kHostProtocolVersion)
        return rejected(result, "protocol version " + quote_for_note(version->dump()) +
                                    " is not supported; this explainer speaks version " +
                                    std::to_string(kHostProtocolVersion));
    if (!request_id_problem.empty()) return rejected(result, std::move(request_id_problem));

    const json* type = member(root, "type");
    if (!type) return rejected(result, "message has no \"type\"");
    if (!type->is_string()) return rejected(result, "\"type\" must be a string");
    const std::string& type_name = type->get_ref<const std::string&>();

    HostMessage message;
    message.request_id = result.request_id;
    if (type_name == "select") {
        const json* id = member(root, "id");
        if (!id) return rejected(result, "select needs an \"id\" (an entity id, or \"\" to clear)");
        if (!id->is_string()) return rejected(result, "\"id\" must be a string");
        const std::string& entity = id->get_ref<const std::string&>();
        const auto found = pack.entity_index.find(entity);
        if (!entity.empty() && (found == pack.entity_index.end() || found->second >= pack.entities.size()))
            return rejected(result, "unknown id " + quote_for_note(entity));
        message.type = HostRequest::Select;
        message.id = entity;
    } else if (type_name == "setState") {
        const json* link = member(root, "link");
        if (!link) return rejected(result, "setState needs a \"link\" (\"#v=1&...\")");
        if (!link->is_string()) return rejected(result, "\"link\" must be a string");
        message.type = HostRequest::SetState;
        message.link = link->get_ref<const std::string&>();
    } else if (type_name == "getState") {
        message.type = HostRequest::GetState;
    } else {
        return rejected(result, "unknown message type " + quote_for_note(type_name) +
                                    " (known: select, setState, getState)");
    }
    result.message = std::move(message);
    return result;
}

// [SECTION] Messages to the host ----------------------------------------------------

StateSummary summarize_state(const AppState& state, const Pack& pack) {
    StateSummary summary;
    summary.selection = state.selection;
    if (const auto found = pack.entity_index.find(state.selection);
        found != pack.entity_index.end() && found->second < pack.entities.size()) {
        const Entity& entity = pack.entities[found->second];
        summary.selection_name = entity.name;
        summary.selection_kind = entity_kind_name(entity.kind);
    }
    summary.time_cursor = state.time_cursor;
    summary.paragraph = state.article_paragraph;
    summary.panel = state.panel;
    summary.quote_speaker_filter = state.quote_speaker_filter;
    return summary;
}

namespace {

ordered_json envelope(const char* type) {
    ordered_json message = ordered_json::object();
    message["explainer"] = kHostProtocolVersion;
    message["type"] = type;
    return message;
}

// Field names and shapes follow the page's JS API (api_json.h state_to_json), so a host
// sees one vocabulary whichever API it uses; the name and type of the selection come
// along because a host page usually wants to show them.
void put_state(ordered_json& message, std::string_view link, const StateSummary& summary) {
    auto id_or_null = [](const std::string& id) { return id.empty() ? ordered_json(nullptr) : ordered_json(id); };
    message["link"] = !link.empty() && link.front() == '#' ? std::string(link) : "#" + std::string(link);
    message["selection"] = id_or_null(summary.selection);
    message["selectionName"] = id_or_null(summary.selection_name);
    message["selectionType"] = id_or_null(summary.selection_kind);
    message["timeCursor"] = summary.time_cursor ? ordered_json(time_cursor_text(*summary.time_cursor)) : ordered_json(nullptr);
    message["paragraph"] = id_or_null(summary.paragraph);
    message["panel"] = summary.panel;
    message["quoteSpeaker"] = id_or_null(summary.quote_speaker_filter);
}

} // namespace

std::string make_ready_message(std::string_view pack_id, std::string_view link, const StateSummary& summary) {
    ordered_json message = envelope("ready");
    message["pack"] = std::string(pack_id);
    put_state(message, link, summary);
    return dump(message);
}

std::string make_state_message(std::string_view link, const StateSummary& summary,
                               const std::optional<RequestId>& request_id, const std::vector<std::string>& ignored) {
    ordered_json message = envelope("state");
    put_state(message, link, summary);
    if (!ignored.empty()) message["ignored"] = ignored;
    if (request_id) message["requestId"] = request_id_json(*request_id);
    return dump(message);
}

std::string make_resize_message(int height_css_px) {
    constexpr int kMaxHeight = 1000000;
    ordered_json message = envelope("resize");
    message["height"] = std::clamp(height_css_px, 0, kMaxHeight);
    return dump(message);
}

std::string make_error_message(std::string_view reason, const std::optional<RequestId>& request_id) {
    ordered_json message = envelope("error");
    message["reason"] = std::string(reason);
    if (request_id) message["requestId"] = request_id_json(*request_id);
    return dump(message);
}

// [SECTION] Origins -----------------------------------------------------------------

std::optional<std::string> normalize_origin(std::string_view text) {
    constexpr std::size_t kMaxOriginBytes = 512;
    if (text.size() > kMaxOriginBytes) return std::nullopt;
    auto lower = [](std::string_view in) {
        std::string out(in);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return out;
    };
    const std::size_t separator = text.find("://");
    if (separator == std::string_view::npos) return std::nullopt;
    const std::string scheme = lower(text.substr(0, separator));
    if (scheme != "http" && scheme != "https") return std::nullopt;
    std::string_view rest = text.substr(separator + 3);
    if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    if (rest.find_first_of("/?#@\\") != std::string_view::npos) return std::nullopt;

    std::string_view host = rest, port_text;
    if (!rest.empty() && rest.front() == '[') {  // IPv6 literal: "[::1]:8080"
        const std::size_t close = rest.find(']');
        if (close == std::string_view::npos || close < 2) return std::nullopt;
        host = rest.substr(0, close + 1);
        const std::string_view after = rest.substr(close + 1);
        if (!after.empty() && after.front() != ':') return std::nullopt;
        if (!after.empty()) {
            port_text = after.substr(1);
            if (port_text.empty()) return std::nullopt;
        }
        const std::string_view inside = host.substr(1, host.size() - 2);
        if (!std::all_of(inside.begin(), inside.end(), [](char c) {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            }))
            return std::nullopt;
    } else {
        const std::size_t colon = rest.find(':');
        if (colon != std::string_view::npos) {
            host = rest.substr(0, colon);
            port_text = rest.substr(colon + 1);
            if (port_text.empty()) return std::nullopt;
        }
        if (host.empty() || host.front() == '.' || host.front() == '-') return std::nullopt;
        if (!std::all_of(host.begin(), host.end(), [](char c) {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-';
            }))
            return std::nullopt;
    }

    std::string origin = scheme + "://" + lower(host);
    if (!port_text.empty()) {
        if (!std::all_of(port_text.begin(), port_text.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
        // Leading zeros are no part of the number, however many (":018432" is 18432, as a
        // browser's URL parser reads it); what is left has at most five digits.
        port_text.remove_prefix(std::min(port_text.find_first_not_of('0'), port_text.size() - 1));
        if (port_text.size() > 5) return std::nullopt;
        int port = 0;
        for (char c : port_text) port = port * 10 + (c - '0');
        if (port < 1 || port > 65535) return std::nullopt;
        const int default_port = scheme == "https" ? 443 : 80;
        if (port != default_port) origin += ":" + std::to_string(port);
    }
    return origin;
}

bool OriginPolicy::accepts(std::string_view origin) const {
    const std::optional<std::string> normalized = normalize_origin(origin);
    return normalized && std::find(allowed.begin(), allowed.end(), *normalized) != allowed.end();
}

OriginPolicy make_origin_policy(const std::vector<std::string>& from_query, const std::vector<std::string>& from_pack) {
    // The query string is anyone's to write; a cap keeps a silly link from building a
    // huge policy. Packs are validated content and list a handful.
    constexpr std::size_t kMaxQueryOrigins = 16;
    OriginPolicy policy;
    auto add = [&](const std::string& text, const char* source) {
        const std::optional<std::string> origin = normalize_origin(text);
        if (!origin) {
            policy.notes.push_back("origin " + quote_for_note(text) + " from " + source +
                                   " is not an origin like https://example.com; ignored");
            return;
        }
        if (std::find(policy.allowed.begin(), policy.allowed.end(), *origin) == policy.allowed.end())
            policy.allowed.push_back(*origin);
    };
    for (std::size_t i = 0; i < from_query.size(); ++i) {
        if (i == kMaxQueryOrigins) {
            policy.notes.push_back("more than " + std::to_string(kMaxQueryOrigins) +
                                   " origin= parameters; the rest were ignored");
            break;
        }
        add(from_query[i], "the origin= parameter");
    }
    for (const std::string& origin : from_pack) add(origin, "the pack's allowedOrigins");
    return policy;
}

} // namespace explainer
