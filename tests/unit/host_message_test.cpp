// The postMessage protocol: every acceptance and rejection of host messages, the JSON
// the explainer sends, and the origin policy.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/dates.h"
#include "core/host_message.h"
#include "support/pack_builder.h"

namespace explainer {
namespace {

using nlohmann::json;

Pack make_pack() {
    Pack pack;
    pack.id = "isis-losing-ground";
    auto add = [&](const std::string& id, EntityKind kind, const std::string& name) {
        test_support::add_entity(pack, id, kind, name);
    };
    add("sinjar", EntityKind::Place, "Sinjar");
    add("thamir-ismail", EntityKind::Person, "Thamir Ismail");
    add("bad-utf8", EntityKind::Figure, "caf\xC3");  // cut mid-character
    return pack;
}

class HostMessages : public ::testing::Test {
protected:
    Pack pack = make_pack();

    HostMessage accepted(const std::string& text) {
        const HostParseResult r = parse_host_message(text, pack);
        EXPECT_TRUE(r.message.has_value()) << text << " rejected: " << r.rejection;
        EXPECT_TRUE(r.rejection.empty());
        EXPECT_TRUE(r.addressed);
        return r.message.value_or(HostMessage{});
    }

    // The reason a message addressed to the explainer is rejected.
    std::string rejection(const std::string& text) {
        const HostParseResult r = parse_host_message(text, pack);
        EXPECT_FALSE(r.message.has_value()) << text;
        EXPECT_TRUE(r.addressed) << text;
        EXPECT_FALSE(r.rejection.empty()) << text;
        return r.rejection;
    }
};

json parsed(const std::string& text) {
    json value = json::parse(text, nullptr, false);
    EXPECT_FALSE(value.is_discarded()) << text;
    return value;
}

// [SECTION] Accepted -----------------------------------------------------------------

TEST_F(HostMessages, Select) {
    const HostMessage m = accepted(R"({"explainer":1,"type":"select","id":"sinjar"})");
    EXPECT_EQ(m.type, HostRequest::Select);
    EXPECT_EQ(m.id, "sinjar");
    EXPECT_FALSE(m.request_id.has_value());
}

TEST_F(HostMessages, SelectEmptyIdClears) {
    const HostMessage m = accepted(R"({"explainer":1,"type":"select","id":""})");
    EXPECT_EQ(m.type, HostRequest::Select);
    EXPECT_EQ(m.id, "");
}

TEST_F(HostMessages, SetState) {
    const HostMessage m = accepted(R"({"explainer":1,"type":"setState","link":"#v=1&sel=sinjar"})");
    EXPECT_EQ(m.type, HostRequest::SetState);
    EXPECT_EQ(m.link, "#v=1&sel=sinjar");
}

TEST_F(HostMessages, GetState) {
    EXPECT_EQ(accepted(R"({"explainer":1,"type":"getState"})").type, HostRequest::GetState);
}

TEST_F(HostMessages, RequestIds) {
    HostMessage m = accepted(R"({"explainer":1,"type":"getState","requestId":"r-17"})");
    ASSERT_TRUE(m.request_id.has_value());
    EXPECT_EQ(std::get<std::string>(*m.request_id), "r-17");

    m = accepted(R"({"explainer":1,"type":"getState","requestId":42})");
    ASSERT_TRUE(m.request_id.has_value());
    EXPECT_EQ(std::get<double>(*m.request_id), 42.0);

    m = accepted(R"({"explainer":1,"type":"getState","requestId":-0.25})");
    EXPECT_EQ(std::get<double>(*m.request_id), -0.25);

    m = accepted(R"({"explainer":1,"type":"getState","requestId":""})");
    EXPECT_EQ(std::get<std::string>(*m.request_id), "");

    m = accepted(R"({"explainer":1,"type":"getState","requestId":")" + std::string(kMaxRequestIdBytes, 'r') + "\"}");
    EXPECT_EQ(std::get<std::string>(*m.request_id).size(), kMaxRequestIdBytes);
}

TEST_F(HostMessages, VersionAsFloatAndUnknownMembersAreFine) {
    const HostMessage m = accepted(R"({"type":"select","explainer":1.0,"id":"sinjar","hostTag":{"a":[1,2]}})");
    EXPECT_EQ(m.id, "sinjar");
}

TEST_F(HostMessages, SizeLimitIsInclusive) {
    std::string text = R"({"explainer":1,"type":"getState"})";
    text.append(kMaxHostMessageBytes - text.size(), ' ');
    ASSERT_EQ(text.size(), kMaxHostMessageBytes);
    accepted(text);
    text += ' ';
    EXPECT_EQ(rejection(text), "message is larger than 8192 bytes");
}

// [SECTION] Rejected -----------------------------------------------------------------

TEST_F(HostMessages, NotForTheExplainer) {
    // Other scripts' traffic: rejected but not addressed, so no reply is sent.
    for (const char* text : {"", "not json", R"({"explainer":1,)", "[1,2]", R"("hello")", "42", "null",
                             R"({"type":"select","id":"sinjar"})", R"({"source":"react-devtools"})"}) {
        const HostParseResult r = parse_host_message(text, pack);
        EXPECT_FALSE(r.message.has_value()) << text;
        EXPECT_FALSE(r.addressed) << text;
        EXPECT_FALSE(r.rejection.empty()) << text;
    }
    EXPECT_EQ(parse_host_message("{oops", pack).rejection, "message is not valid JSON");
    EXPECT_EQ(parse_host_message("[]", pack).rejection, "message is not a JSON object");
    EXPECT_EQ(parse_host_message("{}", pack).rejection, "message has no \"explainer\" member");
}

TEST_F(HostMessages, WrongVersion) {
    EXPECT_EQ(rejection(R"({"explainer":2,"type":"getState"})"),
              "protocol version '2' is not supported; this explainer speaks version 1");
    EXPECT_EQ(rejection(R"({"explainer":0,"type":"getState"})"),
              "protocol version '0' is not supported; this explainer speaks version 1");
    EXPECT_EQ(rejection(R"({"explainer":1.5,"type":"getState"})"),
              "protocol version '1.5' is not supported; this explainer speaks version 1");
    for (const char* version : {R"("1")", "true", "null", "[1]", "{}"})
        EXPECT_EQ(rejection(std::string(R"({"type":"getState","explainer":)") + version + "}"),
                  "\"explainer\" must be the protocol version number 1")
            << version;
}

TEST_F(HostMessages, BadType) {
    EXPECT_EQ(rejection(R"({"explainer":1})"), "message has no \"type\"");
    EXPECT_EQ(rejection(R"({"explainer":1,"type":3})"), "\"type\" must be a string");
    EXPECT_EQ(rejection(R"({"explainer":1,"type":null})"), "\"type\" must be a string");
    EXPECT_EQ(rejection(R"({"explainer":1,"type":"navigate"})"),
              "unknown message type 'navigate' (known: select, setState, getState)");
    EXPECT_EQ(rejection(R"({"explainer":1,"type":"Select","id":"sinjar"})"),
              "unknown message type 'Select' (known: select, setState, getState)");
}

TEST_F(HostMessages, BadSelect) {
    EXPECT_EQ(rejection(R"({"explainer":1,"type":"select"})"),
              "select needs an \"id\" (an entity id, or \"\" to clear)");
    for (const char* id : {"7", "null", "true", R"(["sinjar"])", R"({"id":"sinjar"})"})
        EXPECT_EQ(rejection(std::string(R"({"explainer":1,"type":"select","id":)") + id + "}"), "\"id\" must be a string")
            << id;
    EXPECT_EQ(rejection(R"({"explainer":1,"type":"select","id":"nowhere"})"), "unknown id 'nowhere'");
    EXPECT_EQ(rejection(R"({"explainer":1,"type":"select","id":"Sinjar"})"), "unknown id 'Sinjar'");
}

TEST_F(HostMessages, BadSetState) {
    EXPECT_EQ(rejection(R"({"explainer":1,"type":"setState"})"), "setState needs a \"link\" (\"#v=1&...\")");
    EXPECT_EQ(rejection(R"({"explainer":1,"type":"setState","link":{"sel":"sinjar"}})"), "\"link\" must be a string");
    EXPECT_EQ(rejection(R"({"explainer":1,"type":"setState","link":null})"), "\"link\" must be a string");
}

TEST_F(HostMessages, BadRequestId) {
    for (const char* id : {"null", "true", "[]", "{}"})
        EXPECT_EQ(rejection(std::string(R"({"explainer":1,"type":"getState","requestId":)") + id + "}"),
                  "\"requestId\" must be a string or a finite number")
            << id;
    EXPECT_EQ(rejection(R"({"explainer":1,"type":"getState","requestId":")" + std::string(kMaxRequestIdBytes + 1, 'r') +
                        "\"}"),
              "\"requestId\" is longer than 256 bytes");
}

TEST_F(HostMessages, RejectionsKeepTheRequestIdForTheReply) {
    const HostParseResult r = parse_host_message(R"({"explainer":1,"type":"select","id":"nowhere","requestId":9})", pack);
    EXPECT_FALSE(r.message.has_value());
    ASSERT_TRUE(r.request_id.has_value());
    EXPECT_EQ(std::get<double>(*r.request_id), 9.0);
    // The protocol version's rejections too: they came before the id was read, and went
    // out without it.
    for (const char* version : {"2", R"("1")", "true"}) {
        const HostParseResult v = parse_host_message(std::string(R"({"explainer":)") + version + R"(,"type":"getState","requestId":"r-9"})", pack);
        EXPECT_TRUE(v.addressed) << version;
        EXPECT_FALSE(v.rejection.empty()) << version;
        ASSERT_TRUE(v.request_id.has_value()) << version;
        EXPECT_EQ(std::get<std::string>(*v.request_id), "r-9") << version;
    }
    // An unreadable id is still the rejection, after the version's.
    EXPECT_EQ(parse_host_message(R"({"explainer":2,"requestId":[1]})", pack).rejection,
              "protocol version '2' is not supported; this explainer speaks version 1");
    EXPECT_EQ(parse_host_message(R"({"explainer":1,"type":"getState","requestId":[1]})", pack).rejection,
              "\"requestId\" must be a string or a finite number");
}

TEST_F(HostMessages, ReasonsQuoteUntrustedTextSafely) {
    const std::string reason =
        rejection(R"({"explainer":1,"type":"select","id":"\u001b[2J)" + std::string(5000, 'x') + "\"}");
    EXPECT_LT(reason.size(), 80u);
    for (char c : reason) EXPECT_TRUE(c >= 0x20 && c < 0x7F) << int(c);
}

// [SECTION] Messages to the host -----------------------------------------------------

TEST_F(HostMessages, StateMessage) {
    AppState state;
    state.selection = "sinjar";
    state.time_cursor = cursor_on_day(*parse_iso_day("2015-11-13"));
    state.article_paragraph = "p4";
    state.panel = "map";
    state.quote_speaker_filter = "thamir-ismail";
    const json m = parsed(make_state_message("v=1&sel=sinjar", summarize_state(state, pack), RequestId{"r1"}));
    EXPECT_EQ(m["explainer"], 1);
    EXPECT_EQ(m["type"], "state");
    EXPECT_EQ(m["link"], "#v=1&sel=sinjar");
    EXPECT_EQ(m["selection"], "sinjar");
    EXPECT_EQ(m["selectionName"], "Sinjar");
    EXPECT_EQ(m["selectionType"], "place");
    EXPECT_EQ(m["timeCursor"], "2015-11-13");
    EXPECT_EQ(m["paragraph"], "p4");
    EXPECT_EQ(m["panel"], "map");
    EXPECT_EQ(m["quoteSpeaker"], "thamir-ismail");
    EXPECT_EQ(m["requestId"], "r1");
    EXPECT_FALSE(m.contains("ignored"));
}

TEST_F(HostMessages, StateMessageWithNothingSet) {
    const json m = parsed(make_state_message("#v=1", summarize_state(AppState{}, pack)));
    EXPECT_EQ(m["link"], "#v=1");
    for (const char* field : {"selection", "selectionName", "selectionType", "timeCursor", "paragraph", "quoteSpeaker"})
        EXPECT_TRUE(m[field].is_null()) << field;
    EXPECT_EQ(m["panel"], "article");
    EXPECT_FALSE(m.contains("requestId"));
}

TEST_F(HostMessages, StateMessageCarriesDecodeNotes) {
    const json m = parsed(make_state_message("#v=1", StateSummary{}, RequestId{3.0},
                                             {"unknown key 'foo' ignored", "selection 'x' is not in this pack"}));
    EXPECT_EQ(m["ignored"], json({"unknown key 'foo' ignored", "selection 'x' is not in this pack"}));
    EXPECT_TRUE(m["requestId"].is_number_integer());
    EXPECT_EQ(m["requestId"], 3);
}

TEST_F(HostMessages, RequestIdsComeBackAsSent) {
    for (const char* sent : {"7", "-12", "0.5", "1e300", "9007199254740993", R"("abc")", R"("")"}) {
        const HostParseResult r =
            parse_host_message(std::string(R"({"explainer":1,"type":"getState","requestId":)") + sent + "}", pack);
        ASSERT_TRUE(r.message && r.message->request_id) << sent;
        const json reply = parsed(make_state_message("#v=1", StateSummary{}, r.message->request_id));
        // Compared as JS would: numbers by double value, strings by text.
        const json original = json::parse(sent);
        if (original.is_string())
            EXPECT_EQ(reply["requestId"], original) << sent;
        else
            EXPECT_EQ(reply["requestId"].get<double>(), original.get<double>()) << sent;
    }
    EXPECT_EQ(make_error_message("x", RequestId{7.0}), R"({"explainer":1,"type":"error","reason":"x","requestId":7})");
}

TEST_F(HostMessages, ReadyMessage) {
    AppState state;
    state.selection = "thamir-ismail";
    const json m = parsed(make_ready_message(pack.id, "v=1&sel=thamir-ismail", summarize_state(state, pack)));
    EXPECT_EQ(m["explainer"], 1);
    EXPECT_EQ(m["type"], "ready");
    EXPECT_EQ(m["pack"], "isis-losing-ground");
    EXPECT_EQ(m["link"], "#v=1&sel=thamir-ismail");
    EXPECT_EQ(m["selection"], "thamir-ismail");
    EXPECT_EQ(m["selectionType"], "person");
    EXPECT_EQ(m["selectionName"], "Thamir Ismail");
}

TEST_F(HostMessages, InvalidUtf8InThePackDoesNotBreakTheJson) {
    AppState state;
    state.selection = "bad-utf8";
    const json m = parsed(make_state_message("#v=1&sel=bad-utf8", summarize_state(state, pack)));
    EXPECT_EQ(m["selectionName"], "caf\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
}

TEST_F(HostMessages, ResizeMessage) {
    EXPECT_EQ(make_resize_message(640), R"({"explainer":1,"type":"resize","height":640})");
    EXPECT_EQ(parsed(make_resize_message(-5))["height"], 0);
    EXPECT_EQ(parsed(make_resize_message(2147483647))["height"], 1000000);
}

TEST_F(HostMessages, ErrorMessage) {
    const json m = parsed(make_error_message("unknown id 'nowhere'", RequestId{std::string("r2")}));
    EXPECT_EQ(m["type"], "error");
    EXPECT_EQ(m["reason"], "unknown id 'nowhere'");
    EXPECT_EQ(m["requestId"], "r2");
    EXPECT_FALSE(parsed(make_error_message("x"))["requestId"].is_string());
}

// [SECTION] Origins ------------------------------------------------------------------

TEST(Origins, Normalization) {
    EXPECT_EQ(normalize_origin("https://example.com"), "https://example.com");
    EXPECT_EQ(normalize_origin("https://Example.COM/"), "https://example.com");
    EXPECT_EQ(normalize_origin("HTTPS://news.example.org:443"), "https://news.example.org");
    EXPECT_EQ(normalize_origin("http://localhost:80"), "http://localhost");
    EXPECT_EQ(normalize_origin("http://localhost:8000"), "http://localhost:8000");
    EXPECT_EQ(normalize_origin("https://example.com:80"), "https://example.com:80");
    EXPECT_EQ(normalize_origin("http://127.0.0.1:5173/"), "http://127.0.0.1:5173");
    EXPECT_EQ(normalize_origin("http://[::1]:8080"), "http://[::1]:8080");
    EXPECT_EQ(normalize_origin("https://xn--caf-dma.example"), "https://xn--caf-dma.example");
    // Leading zeros, however many, as a browser's URL parser reads them (six characters
    // were refused, an outside host trial found).
    EXPECT_EQ(normalize_origin("HTTP://News.example:08080/"), "http://news.example:8080");
    EXPECT_EQ(normalize_origin("HTTP://127.0.0.1:018432/"), "http://127.0.0.1:18432");
    EXPECT_EQ(normalize_origin("http://localhost:0000000080"), "http://localhost");
    EXPECT_EQ(normalize_origin("https://[::1]:000443"), "https://[::1]");
}

TEST(Origins, NotOrigins) {
    for (const char* text : {"*", "null", "", "example.com", "https://", "https:///", "ftp://example.com",
                             "file:///etc/passwd", "javascript://example.com", "https://example.com/path",
                             "https://example.com?x=1", "https://example.com#x", "https://user@example.com",
                             "https://example.com:", "https://example.com:0", "https://example.com:65536",
                             "https://example.com:123456", "https://example.com:0123456", "https://example.com:000", "https://example.com:8a", "https://exa mple.com",
                             "https://caf\xC3\xA9.example", "https://*.example.com", "https://[::1", "https://[]",
                             "https://[::1]x", "https://.example.com", "https://example.com//"})
        EXPECT_FALSE(normalize_origin(text).has_value()) << text;
    EXPECT_FALSE(normalize_origin("https://" + std::string(600, 'a') + ".com").has_value());
}

TEST(Origins, Policy) {
    const OriginPolicy policy = make_origin_policy({"https://host.example/", "*"},
                                                   {"https://News.example", "https://host.example", "null"});
    EXPECT_EQ(policy.allowed, (std::vector<std::string>{"https://host.example", "https://news.example"}));
    ASSERT_EQ(policy.notes.size(), 2u);
    EXPECT_EQ(policy.notes[0], "origin '*' from the origin= parameter is not an origin like https://example.com; ignored");
    EXPECT_EQ(policy.notes[1],
              "origin 'null' from the pack's allowedOrigins is not an origin like https://example.com; ignored");

    EXPECT_TRUE(policy.accepts("https://host.example"));
    EXPECT_TRUE(policy.accepts("https://news.example"));
    EXPECT_FALSE(policy.accepts("http://host.example"));
    EXPECT_FALSE(policy.accepts("https://host.example:8443"));
    EXPECT_FALSE(policy.accepts("https://evil.host.example"));
    EXPECT_FALSE(policy.accepts("https://host.example.evil"));
    EXPECT_FALSE(policy.accepts("null"));
    EXPECT_FALSE(policy.accepts("*"));
}

TEST(Origins, EmptyPolicyAcceptsNothing) {
    const OriginPolicy policy = make_origin_policy({}, {});
    EXPECT_TRUE(policy.allowed.empty());
    EXPECT_FALSE(policy.accepts("https://example.com"));
}

TEST(Origins, QueryOriginsAreCapped) {
    std::vector<std::string> query;
    for (int i = 0; i < 100; ++i) query.push_back("https://h" + std::to_string(i) + ".example");
    const OriginPolicy policy = make_origin_policy(query, {"https://pack.example"});
    EXPECT_EQ(policy.allowed.size(), 17u);  // 16 from the query, then the pack's
    EXPECT_TRUE(policy.accepts("https://h15.example"));
    EXPECT_FALSE(policy.accepts("https://h16.example"));
    EXPECT_TRUE(policy.accepts("https://pack.example"));
    EXPECT_EQ(policy.notes.size(), 1u);
}

} // namespace
} // namespace explainer
