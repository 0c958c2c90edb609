// load_pack(): JSON text -> validated Pack, or every problem found, each with a place.
//
// Three passes, each total and bounded, none throwing (the web build has no exceptions):
//  1. Syntax: a nesting pre-scan, then nlohmann's SAX parser with a handler that records
//     the first syntax error (turned into clear English with a 1-based line/column that
//     we compute from the byte offset ourselves) and any repeated object key, and builds
//     the DOM in the same single pass.
//  2. Shape: the DOM is walked against the pack format (content/README.md): unknown
//     keys, missing keys, wrong types, empty text, bad ids, bad dates and coordinates.
//  3. Meaning: references between entities, mention selectors against the article
//     text, relative dates against the publication date, citations for context.
// Errors are collected, not thrown, up to kMaxErrors.
//
// Index
// - [SECTION] Limits and small helpers
// - [SECTION] Syntax pass
// - [SECTION] Diagnostics sink
// - [SECTION] Object fields
// - [SECTION] Dates
// - [SECTION] Shape: article
// - [SECTION] Shape: entities
// - [SECTION] Meaning: references
// - [SECTION] Meaning: mentions
// - [SECTION] Meaning: dates, citations, figures
// - [SECTION] Meaning: characters
// - [SECTION] load_pack and Pack lookups
#include "pack.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "bidi.h"
#include "date_text.h"
#include "dates.h"
#include "draft.h"
#include "find.h"
#include "geo.h"
#include "host_message.h"
#include "index_sort.h"
#include "json_places.h"
#include "relative_dates.h"
#include "scripts.h"

namespace explainer {

namespace {

using json = nlohmann::json;

// [SECTION] Limits and small helpers ------------------------------------------------

constexpr std::size_t kMaxInputBytes = 4u * 1024u * 1024u;
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxErrors = 200;
// Counts and lengths far beyond any article, so that checking a hostile pack stays
// linear-ish in its size (mention search is O(paragraph + exact) per mention).
constexpr std::size_t kMaxParagraphs = 1000;
constexpr std::size_t kMaxParagraphBytes = 16u * 1024u;
constexpr std::size_t kMaxEntities = 2000;
constexpr std::size_t kMaxMentions = 20000;  // in the whole pack
constexpr std::size_t kMaxExactBytes = 4096;
constexpr std::size_t kMaxContextBytes = 256;  // prefix, suffix
constexpr std::string_view kFormat = "explainer-pack/1";

bool is_slug(std::string_view s) {
    // [a-z0-9]+(-[a-z0-9]+)*
    if (s.empty() || s.front() == '-' || s.back() == '-') return false;
    char previous = 0;
    for (const char c : s) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && c != '-') return false;
        if (c == '-' && previous == '-') return false;
        previous = c;
    }
    return true;
}

// A well-formed BCP 47 tag as packs use them (RFC 5646's language, script, region and
// variant subtags): a primary language of 2 or 3 letters, then subtags of 1 to 8 letters
// or digits, each after a hyphen; at most 35 characters. Whether the language exists is
// the author's to check (the IANA registry is not shipped).
bool is_language_tag(std::string_view s) {
    if (s.empty() || s.size() > 35 || s.back() == '-') return false;
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    std::size_t at = 0, subtag = 0;
    while (at <= s.size()) {
        const std::size_t end = std::min(s.find('-', at), s.size());
        const std::string_view part = s.substr(at, end - at);
        const bool letters = std::all_of(part.begin(), part.end(), letter);
        const bool alnum = std::all_of(part.begin(), part.end(), [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
        if (subtag == 0 ? !(letters && part.size() >= 2 && part.size() <= 3) : !(alnum && !part.empty() && part.size() <= 8))
            return false;
        ++subtag;
        at = end + 1;
    }
    return true;
}

// Whether `a` and `b` are the same text but for the case of ASCII letters ("Iraq", "IRAQ").
bool same_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool is_blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Every start of `pattern` in `text`, overlapping ones included, in O(text + pattern)
// (Knuth-Morris-Pratt), so no pack can make selector search quadratic.
std::vector<std::size_t> exact_occurrences(std::string_view text, std::string_view pattern) {
    std::vector<std::size_t> starts;
    if (pattern.empty() || pattern.size() > text.size()) return starts;
    std::vector<std::size_t> border(pattern.size(), 0);
    for (std::size_t i = 1, k = 0; i < pattern.size(); ++i) {
        while (k > 0 && pattern[i] != pattern[k]) k = border[k - 1];
        if (pattern[i] == pattern[k]) ++k;
        border[i] = k;
    }
    for (std::size_t i = 0, k = 0; i < text.size(); ++i) {
        while (k > 0 && text[i] != pattern[k]) k = border[k - 1];
        if (text[i] == pattern[k]) ++k;
        if (k == pattern.size()) {
            starts.push_back(i + 1 - k);
            k = border[k - 1];
        }
    }
    return starts;
}

bool is_http_url(std::string_view s) {
    const auto rest_after = [&](std::string_view scheme) -> std::string_view {
        return s.substr(0, scheme.size()) == scheme ? s.substr(scheme.size()) : std::string_view();
    };
    std::string_view rest = rest_after("https://");
    if (rest.empty()) rest = rest_after("http://");
    if (rest.empty() || rest.front() == '/' || rest.front() == ':') return false;
    return std::none_of(rest.begin(), rest.end(),
                        [](char c) { return c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || static_cast<unsigned char>(c) < 0x20; });
}

// The host of an http(s) URL, lower-cased, without port or user info: "en.wikipedia.org".
std::string url_host(std::string_view url) {
    const std::size_t start = url.find("//");
    if (!is_http_url(url) || start == std::string_view::npos) return {};
    std::string_view rest = url.substr(start + 2);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
    rest = rest.substr(0, rest.find(':'));
    std::string host(rest);
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return host;
}

// "368": an ISO 3166-1 numeric code, as the map's world atlas names countries.
bool is_country_code(std::string_view code) {
    return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// 200 -> "200", 139.8296 -> "139.8296": numbers in messages as authors wrote them.
std::string format_number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}


std::string with_article(EntityKind kind) {
    const bool vowel = kind == EntityKind::Organisation || kind == EntityKind::Event;
    return std::string(vowel ? "an " : "a ") + entity_kind_name(kind);
}

std::string child(const std::string& path, std::string_view key) { return path + "/" + pointer_escape(key); }
std::string child(const std::string& path, std::size_t index) { return path + "/" + std::to_string(index); }

const char* type_name(const json& v) {
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "an unsupported value";
    }
}

// Optimal string alignment distance, for "did you mean" hints on short names.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    if (a.size() > 40 || b.size() > 40) return 40;
    std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

template <class Names>
std::string did_you_mean(std::string_view wrong, const Names& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, wrong.size() / 3) + 1;
    std::size_t tried = 0;
    for (const auto& candidate : candidates) {
        if (++tried > 1000) break;  // a hint, not a search: bounded work per message
        const std::size_t length_gap = wrong.size() > candidate.size() ? wrong.size() - candidate.size() : candidate.size() - wrong.size();
        if (length_gap >= best_distance) continue;
        const std::size_t d = edit_distance(wrong, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = std::string(candidate);
        }
    }
    return best.empty() ? std::string() : " (did you mean " + in_quotes(best) + "?)";
}

// [SECTION] Syntax pass -------------------------------------------------------------


struct SyntaxError {
    std::size_t offset = 0;
    std::string message;
};

// Where the token nlohmann complains about starts: the parser reports the offset just
// past the last character it read.
std::size_t token_start(std::string_view text, std::size_t end, std::string_view token_kind) {
    if (end == 0) return 0;
    std::size_t i = std::min(end, text.size()) - 1;
    const auto back_over = [&](auto belongs) {
        while (i > 0 && belongs(text[i - 1])) --i;
    };
    if (token_kind == "string literal") {
        // From the closing quote back to the opening one that is not escaped.
        while (i > 0) {
            --i;
            if (text[i] != '"') continue;
            std::size_t slashes = 0;
            while (slashes < i && text[i - 1 - slashes] == '\\') ++slashes;
            if (slashes % 2 == 0) break;
        }
    } else if (token_kind == "number literal") {
        back_over([](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; });
    } else if (token_kind == "true literal" || token_kind == "false literal" || token_kind == "null literal") {
        back_over([](char c) { return c >= 'a' && c <= 'z'; });
    } else if (token_kind == "word") {
        back_over([](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
    }
    return i;
}

// What stands at `at` where JSON wants a value (a key in `context` "object key"), in an
// author's terms: a curly or single quote, a comment, a word ("True"), or the character.
std::string found_instead(std::string_view text, std::size_t at, std::string_view context) {
    if (at >= text.size()) return "unexpected end of the file";
    const std::string_view rest = text.substr(at);
    std::size_t end = at;
    const char32_t cp = next_code_point(text, end);
    std::string found(text.substr(at, end - at));
    const auto word = std::find_if_not(rest.begin(), rest.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
    if (word != rest.begin()) found = rest.substr(0, std::min<std::size_t>(20, static_cast<std::size_t>(word - rest.begin())));
    if (rest.substr(0, 2) == "//" || rest.substr(0, 2) == "/*") return "found '" + std::string(rest.substr(0, 2)) + "': JSON has no comments; remove it";
    const std::string quotes = ": JSON strings and keys need straight double quotes \"\xE2\x80\xA6\"";
    if (cp >= 0x2018 && cp <= 0x201F) return "found '" + found + "' (a curly quotation mark)" + quotes;
    if (cp == '\'') return "found ''' (a single quote)" + quotes;
    found = cp < 0x20 ? code_point_name(cp) : "'" + found + "'" + (cp >= 0x80 ? " (" + code_point_name(cp) + ")" : "");
    const bool after_value = context == "object" || context == "array";
    const std::size_t before = at > 0 ? text.find_last_not_of(" \t\r\n", at - 1) : std::string_view::npos;
    return "expected " +
           std::string(context == "object key" ? "a quoted key"
                       : context == "object"   ? "',' or '}' after object member"
                       : context == "array"    ? "',' or ']' after array element"
                                               : "a value (object, array, string, number, true, false or null)") +
           ", found " + found + (after_value && before != std::string_view::npos && text[before] == '"' ? " (a quote inside a string is written \\\")" : "");
}

std::string describe_token(std::string_view kind) {
    if (kind == "string literal") return "a string";
    if (kind == "number literal") return "a number";
    if (kind == "end of input") return "the end of the file";
    if (kind == "true literal") return "true";
    if (kind == "false literal") return "false";
    if (kind == "null literal") return "null";
    return std::string(kind);  // "'}'", "','", ...
}

// Turns "syntax error while parsing object - unexpected string literal; expected '}'"
// into "expected ',' or '}' after object member, found a string" and places it.
SyntaxError explain_parse_error(std::string_view text, std::size_t position, std::string_view what) {
    SyntaxError out;
    out.offset = position > 0 ? position - 1 : 0;
    const std::size_t while_at = what.find("while parsing ");
    const std::size_t dash_at = what.find(" - ", while_at == std::string_view::npos ? 0 : while_at);
    if (while_at == std::string_view::npos || dash_at == std::string_view::npos) {
        const std::size_t colon = what.find(": ");
        out.message = std::string(colon == std::string_view::npos ? what : what.substr(colon + 2));
        return out;
    }
    const std::string_view context = what.substr(while_at + 14, dash_at - (while_at + 14));
    std::string_view detail = what.substr(dash_at + 3);

    if (detail.substr(0, 11) != "unexpected ") {
        // A lexer error ("invalid literal", "invalid string: ..."): nlohmann's words are
        // clear; drop its "last read" echo, which repeats bytes the author can see.
        if (const std::size_t last_read = detail.find("; last read:"); last_read != std::string_view::npos)
            detail = detail.substr(0, last_read);
        std::string message(detail);
        if (const std::size_t semi = message.find("; expected"); semi != std::string::npos) message[semi] = ':';
        if (message == "invalid string: missing closing quote") {
            // Point at the string's opening quote: it is the last unescaped quote in the file.
            out.offset = text.size();
            for (std::size_t i = text.size(); i-- > 0;) {
                if (text[i] != '"') continue;
                std::size_t slashes = 0;
                while (slashes < i && text[i - 1 - slashes] == '\\') ++slashes;
                if (slashes % 2 == 0) {
                    out.offset = i;
                    break;
                }
            }
            message = "unterminated string: missing closing quote";
        } else if (message == "invalid literal") {
            // The lexer stopped on the byte before `position`, inside a word it was reading ("tru}").
            out.offset = token_start(text, std::min(position, text.size()), "word");
            message = found_instead(text, out.offset, context);
        }
        out.message = message;
        return out;
    }

    detail.remove_prefix(11);
    const std::size_t expected_at = detail.find("; expected ");
    const std::string_view token = detail.substr(0, expected_at);
    const std::string_view expected = expected_at == std::string_view::npos ? std::string_view() : detail.substr(expected_at + 11);
    const bool at_end = token == "end of input";
    out.offset = at_end ? text.size() : token_start(text, position, token);
    std::string found = describe_token(token);
    if (token == "string literal" && position >= out.offset + 2 && position <= text.size() && text[out.offset] == '"')
        found = in_quotes(text.substr(out.offset + 1, position - out.offset - 2));  // the string itself says most

    if (context == "object") {
        out.message = "expected ',' or '}' after object member, found " + found;
    } else if (context == "array") {
        out.message = "expected ',' or ']' after array element, found " + found;
    } else if (context == "object key") {
        out.message = "expected a quoted key, found " + found;
        if (token == "'}'") out.message += " (JSON does not allow a comma before '}')";
    } else if (context == "object separator") {
        out.message = "expected ':' after object key, found " + found;
    } else if (expected == "end of input") {
        out.message = "unexpected " + found + " after the end of the JSON value (a file holds one value)";
    } else if (at_end && text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        out.message = "the file is empty: expected a JSON object";
    } else {
        out.message = "expected a value (object, array, string, number, true, false or null), found " + found;
        if (token == "']'") out.message += " (JSON does not allow a comma before ']')";
    }
    return out;
}

// Records the first syntax error and every repeated key (with its JSON Pointer), and
// builds the DOM in the same pass (`root`; a repeated key keeps its last value, as
// json::parse does), so the text is lexed once. A member is added to its object with one
// map insertion, which also tells a repeated key (a set of each object's keys beside it
// cost a quarter of a long pack's parse); a path is written only for a repeated key.
class SyntaxChecker {
public:
    SyntaxChecker(std::string_view text, json& root) : text_(text), root_(root) {}

    std::optional<SyntaxError> error;
    std::vector<std::string> duplicate_keys;  // JSON Pointers

    bool null() { return put(nullptr); }
    bool boolean(bool b) { return put(b); }
    bool number_integer(json::number_integer_t n) { return put(n); }
    bool number_unsigned(json::number_unsigned_t n) { return put(n); }
    bool number_float(json::number_float_t n, const std::string&) { return put(n); }
    bool string(std::string& s) { return put(std::move(s)); }
    bool binary(json::binary_t& b) { return put(json::binary(std::move(b))); }
    bool start_object(std::size_t) { return open(json::object(), false); }
    bool key(std::string& k) {
        Frame& f = frames_.back();
        const auto [member, added] = f.container->get_ref<json::object_t&>().try_emplace(k);
        if (!added && duplicate_keys.size() < kMaxErrors) {
            std::string p = path();
            p += '/';
            p += pointer_escape(k);
            duplicate_keys.push_back(std::move(p));
        }
        f.member = &member->second;
        f.key = k;
        return true;
    }
    bool end_object() {
        frames_.pop_back();
        return true;
    }
    bool start_array(std::size_t) { return open(json::array(), true); }
    bool end_array() {
        frames_.pop_back();
        return true;
    }
    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex) {
        if (ex.id == kNumberOverflow) {
            // nlohmann's words named its exception ("[json.exception.out_of_range.406] number
            // overflow parsing '1e400'"); say where the number stands and what holds numbers.
            const std::string at = value_path();
            error = SyntaxError{token_start(text_, position, "number literal"),
                                (at.empty() ? "" : "at " + at + ": ") + "the number " + last_token +
                                    " is too large: a number must lie within about ±1.8e308"};
            return false;
        }
        error = explain_parse_error(text_, position, ex.what());
        return false;
    }

private:
    // An open object or array. A pointer to a container stays good while it is open: its
    // parent gets no other element until it is closed.
    struct Frame {
        json* container = nullptr;
        bool array = false;
        std::size_t elements = 0;  // an array's, so far
        std::string key;           // an object's member being read
        json* member = nullptr;    // where that member's value goes
    };

    // Puts a value where the open container expects it (the root when none is open).
    json* place(json&& value) {
        if (frames_.empty()) {
            root_ = std::move(value);
            return &root_;
        }
        Frame& f = frames_.back();
        if (!f.array) {
            assert(f.member && "an object's value follows its key");
            *f.member = std::move(value);
            return f.member;
        }
        ++f.elements;
        json::array_t& array = f.container->get_ref<json::array_t&>();
        array.push_back(std::move(value));
        return &array.back();
    }
    bool put(json&& value) {
        place(std::move(value));
        return true;
    }
    bool open(json&& empty, bool array) {
        Frame frame;
        frame.container = place(std::move(empty));
        frame.array = array;
        frames_.push_back(std::move(frame));
        return true;
    }
    // nlohmann's out_of_range.406: a number beyond a double's range.
    static constexpr int kNumberOverflow = 406;

    // The JSON Pointer of the value being read: the member after the last key, or the
    // next element of an array.
    std::string value_path() const {
        std::string p = path();
        if (frames_.empty()) return p;
        p += '/';
        p += frames_.back().array ? std::to_string(frames_.back().elements) : pointer_escape(frames_.back().key);
        return p;
    }

    // The JSON Pointer of the innermost open container, from the root.
    std::string path() const {
        std::string p;
        for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
            p += '/';
            p += frames_[i].array ? std::to_string(frames_[i].elements - 1) : pointer_escape(frames_[i].key);
        }
        return p;
    }

    std::string_view text_;
    json& root_;
    std::vector<Frame> frames_;
};

// [SECTION] Diagnostics sink --------------------------------------------------------

class Sink {
public:
    Sink(std::string_view file, std::vector<Diagnostic>& out, std::vector<Diagnostic>& warnings)
        : file_(file), out_(out), warnings_(warnings) {}

    void at(const std::string& path, std::string message) {
        if (out_.size() > kMaxErrors) return;
        Diagnostic d;
        d.file = file_;
        d.path = path;
        if (out_.size() == kMaxErrors) {
            d.path.clear();
            d.message = "too many errors; stopped after " + std::to_string(kMaxErrors);
        } else {
            d.message = std::move(message);
        }
        out_.push_back(std::move(d));
    }
    void at_position(std::string_view text, std::size_t offset, std::string message) {
        const TextPlace p = places_of_offsets(text, std::span<const std::size_t>(&offset, 1)).front();
        Diagnostic d;
        d.file = file_;
        d.line = p.line;
        d.column = p.column;
        d.message = std::move(message);
        out_.push_back(std::move(d));
    }
    // Something to look at that does not stop the pack from loading; capped like errors.
    void warn(const std::string& path, std::string message) {
        if (warnings_.size() >= kMaxErrors) return;
        Diagnostic d;
        d.severity = Diagnostic::Severity::Warning;
        d.file = file_;
        d.path = path;
        d.message = std::move(message);
        warnings_.push_back(std::move(d));
    }
    std::size_t count() const { return out_.size(); }
    bool full() const { return out_.size() > kMaxErrors; }

private:
    std::string file_;
    std::vector<Diagnostic>& out_;
    std::vector<Diagnostic>& warnings_;
};

// [SECTION] Object fields -----------------------------------------------------------

// Typed access to one JSON object's members that reports, at the member's pointer,
// every missing, mistyped or empty value, and (on construction) every unknown key.
class Fields {
public:
    Fields(Sink& sink, const json& object, std::string path, const std::vector<std::string_view>& allowed,
           std::string_view what)
        : sink_(sink), object_(object), path_(std::move(path)) {
        for (const auto& [key, unused] : object_.items()) {
            (void)unused;
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                sink_.at(child(path_, key), "unknown key " + in_quotes(key) + " in " + std::string(what) + did_you_mean(key, allowed));
        }
    }

    std::string path_of(std::string_view key) const { return child(path_, key); }

    // The member, or nullptr (reported when required).
    const json* member(std::string_view key, bool required) const {
        const auto it = object_.find(key);
        if (it == object_.end()) {
            if (required) sink_.at(path_of(key), "missing required key " + in_quotes(key));
            return nullptr;
        }
        return &*it;
    }
    const json* typed(std::string_view key, bool required, bool (json::*is)() const noexcept, const char* expected) const {
        const json* v = member(key, required);
        if (v && !(v->*is)()) {
            sink_.at(path_of(key), std::string("expected ") + expected + ", found " + type_name(*v));
            return nullptr;
        }
        return v;
    }

    // Text that must not be empty when present (and must be present when required).
    std::string text(std::string_view key, bool required) const {
        const json* v = typed(key, required, &json::is_string, "a string");
        if (!v) return {};
        const std::string& s = v->get_ref<const std::string&>();
        if (is_blank(s)) sink_.at(path_of(key), "must not be empty");
        return s;
    }
    std::string url(std::string_view key, bool required) const {
        std::string s = text(key, required);
        if (!s.empty() && !is_blank(s) && !is_http_url(s))
            sink_.at(path_of(key), "expected an http:// or https:// URL, found " + in_quotes(s));
        return s;
    }
    // A BCP 47 language tag ("en", "uk", "chr", "iu-Cans", "sr-Latn"): what screen readers
    // and the browser read the text as.
    std::string language(std::string_view key) const {
        std::string s = text(key, false);
        if (!s.empty() && !is_language_tag(s))
            sink_.at(path_of(key), "expected a BCP 47 language tag such as \"en\", \"uk\", \"chr\" or \"iu-Cans\" (a language of "
                                   "2 or 3 letters, then subtags of letters and digits after hyphens), found " + in_quotes(s));
        return s;
    }
    std::string slug(std::string_view key, bool required) const {
        const json* v = typed(key, required, &json::is_string, "a string");
        if (!v) return {};
        const std::string& s = v->get_ref<const std::string&>();
        if (!is_slug(s))
            sink_.at(path_of(key), "id " + in_quotes(s) + " is not a slug: use lower-case letters, digits and single hyphens, like \"sinjar-recapture\"");
        return s;
    }
    bool flag(std::string_view key) const {
        const json* v = typed(key, false, &json::is_boolean, "true or false");
        return v && v->get<bool>();
    }
    std::optional<double> number(std::string_view key, bool required) const {
        const json* v = typed(key, required, &json::is_number, "a number");
        if (!v) return std::nullopt;
        return v->get<double>();
    }
    // An array of id strings (ids are checked against the pack later).
    std::vector<std::string> ids(std::string_view key) const {
        std::vector<std::string> out;
        const json* v = typed(key, false, &json::is_array, "an array of ids");
        if (!v) return out;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json& item = (*v)[i];
            if (!item.is_string()) sink_.at(child(path_of(key), i), std::string("expected an id string, found ") + type_name(item));
            else out.push_back(item.get<std::string>());
        }
        return out;
    }
    std::vector<std::string> strings(std::string_view key) const {
        std::vector<std::string> out;
        const json* v = typed(key, false, &json::is_array, "an array of strings");
        if (!v) return out;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json& item = (*v)[i];
            if (!item.is_string()) sink_.at(child(path_of(key), i), std::string("expected a string, found ") + type_name(item));
            else if (is_blank(item.get_ref<const std::string&>())) sink_.at(child(path_of(key), i), "must not be empty");
            else out.push_back(item.get<std::string>());
        }
        return out;
    }

private:
    Sink& sink_;
    const json& object_;
    std::string path_;
};

// Checks that `v` is an object before Fields reads it.
bool expect_object(Sink& sink, const json& v, const std::string& path) {
    if (v.is_object()) return true;
    sink.at(path, std::string("expected an object, found ") + type_name(v));
    return false;
}

// [SECTION] Dates -------------------------------------------------------------------

// "2015", "2015-11" or "2015-11-13" (years may be "-0043") -> first and last day it covers.
std::optional<std::pair<int, int>> parse_iso_part(std::string_view s) {
    const std::size_t n = iso_year_length(s);
    const auto year = parse_iso_year(s.substr(0, n));
    if (n == 0 || !year) return std::nullopt;
    if (s.size() == n) return std::make_pair(days_from_civil({*year, 1, 1}), days_from_civil({*year, 12, 31}));
    if (const auto first = parse_iso_month(s)) return std::make_pair(*first, add_months(*first, 1) - 1);
    if (const auto day = parse_iso_day(s)) return std::make_pair(*day, *day);
    return std::nullopt;
}

// What is wrong with a "YYYY-MM-DD" whose month or day does not exist ("June 1786 has 30
// days"); "" when `s` has another form or is a real day.
std::string impossible_day(std::string_view s) {
    const std::size_t n = iso_year_length(s);
    const auto year = parse_iso_year(s.substr(0, n));
    const auto two_digits = [&](std::size_t at) {
        return std::isdigit(static_cast<unsigned char>(s[at])) && std::isdigit(static_cast<unsigned char>(s[at + 1])) ? (s[at] - '0') * 10 + (s[at + 1] - '0') : -1;
    };
    if (year && s.size() == n + 3 && s[n] == '-') {  // "YYYY-MM"
        const int month = two_digits(n + 1);
        return month == 0 || month > 12 ? "months run from 01 to 12" : "";
    }
    if (!year || s.size() != n + 6 || s[n] != '-' || s[n + 3] != '-') return "";
    const int month = two_digits(n + 1), day = two_digits(n + 4);
    if (month < 0 || day < 0) return "";
    if (month < 1 || month > 12) return "months run from 01 to 12";
    const int days = days_in_month(*year, month);
    if (day >= 1 && day <= days) return "";
    return (month == 2 && days == 28 && day == 29 ? year_text(*year) + " is not a leap year: " : "") + month_name(month) + " " +
           year_text(*year) + " has " + std::to_string(days) + " days";
}

// One end of an "iso" value: the days it covers and, when written with a time, the instant.
struct IsoPart {
    int first_day = 0;
    int last_day = 0;
    std::optional<Instant> instant;
};

// Parses one end; on failure returns nullopt and sets `error` to the message naming the rule.
std::optional<IsoPart> parse_iso_end(std::string_view s, std::string& error) {
    if (has_time_part(s) || (year_out_of_range(s) && s.find('T') != std::string_view::npos)) {
        const DateTimeParse parsed = parse_iso_date_time(s);
        if (parsed.error != DateTimeError::None) {
            const std::string day = parsed.error == DateTimeError::BadDate ? impossible_day(s.substr(0, s.find('T'))) : "";
            error = "time " + in_quotes(std::string(s)) + ": " + (day.empty() ? std::string(date_time_rule(parsed.error)) : day);
            return std::nullopt;
        }
        return IsoPart{parsed.local_day, parsed.local_day, parsed.instant};
    }
    if (year_out_of_range(s)) {
        error = "date " + in_quotes(std::string(s)) + ": " + std::string(date_time_rule(DateTimeError::YearOutOfRange));
        return std::nullopt;
    }
    const auto days = parse_iso_part(s);
    if (!days) {
        if (const std::string why = impossible_day(s); !why.empty()) error = "date " + in_quotes(std::string(s)) + ": " + why;
        return std::nullopt;  // else the caller's "not an ISO 8601 date" message
    }
    return IsoPart{days->first, days->second, std::nullopt};
}

// A year written with its era ("490 BC", "44 B.C.", "500 BCE", "AD 1453", "1453 CE") as
// ISO writes it: "-0489" (1 BC is year "0000", 2 BC "-0001"), "1453". None for any other
// text.
std::optional<std::string> iso_year_of_era(std::string_view s) {
    std::string t;  // without dots and spaces, in capitals: "490BC", "AD1453"
    for (const char c : s)
        if (c != '.' && c != ' ') t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string_view rest = t;
    const bool era_first = rest.starts_with("AD") || rest.starts_with("CE");
    if (era_first) rest.remove_prefix(2);
    const std::size_t digits = std::min(rest.find_first_not_of("0123456789"), rest.size());
    if (digits == 0 || digits > 4) return std::nullopt;
    unsigned year = 0;  // from_chars<unsigned>, as country_core_box reads codes: one copy in the wasm
    std::from_chars(rest.data(), rest.data() + digits, year);
    const std::string_view era = rest.substr(digits);
    const bool bc = !era_first && (era == "BC" || era == "BCE");
    if (year == 0 || !(bc || (era_first ? era.empty() : era == "AD" || era == "CE"))) return std::nullopt;
    const int iso = bc ? 1 - static_cast<int>(year) : static_cast<int>(year);
    const std::string padded = std::to_string(iso < 0 ? -iso : iso);
    return (iso < 0 ? "-" : "") + std::string(4 - std::min<std::size_t>(4, padded.size()), '0') + padded;
}

// How to write a year given as an author says "around 1600" ("c. 1600", "~1600", "circa
// 1600", "1600?"), with its era ("490 BC", "c. 490 BC"), a decade ("1990s") or a century
// ("1600s"): the year in ISO, with "approximate": true when hedged, or the span as a range.
// "" for any other text, which gets the list of ISO forms instead.
std::string approximate_year_advice(std::string_view s) {
    const std::string_view approximate = " and add \"approximate\": true beside \"iso\"";
    if (const std::optional<std::string> year = iso_year_of_era(s)) return "write the year as \"" + *year + "\"";
    std::string_view rest = s;
    bool hedged = false;  // a word before the year says it is approximate
    // Longer words first: "c" is also how "circa" and "ca." start.
    for (std::string_view word : {"approximately", "approx.", "around", "about", "circa", "ca.", "ca", "c.", "c", "~"}) {
        if (rest.size() > word.size() && same_ignoring_case(rest.substr(0, word.size()), word)) {
            rest.remove_prefix(word.size());
            hedged = true;
            break;
        }
    }
    rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
    if (const std::optional<std::string> year = iso_year_of_era(rest); year && hedged)
        return "write the year as \"" + *year + "\"" + std::string(approximate);
    const std::size_t digits = std::min(rest.find_first_not_of("0123456789"), rest.size());
    if (digits == 0 || digits > 4) return "";
    const std::string year = std::string(4 - digits, '0') + std::string(rest.substr(0, digits));
    const std::string_view suffix = rest.substr(digits);
    if (suffix == "?" || (suffix.empty() && hedged)) return "write the year as \"" + year + "\"" + std::string(approximate);
    const bool plural = suffix == "s" || suffix == "'s";
    const auto range = [&](int years) { return "\"" + year + "/" + year.substr(0, 2) + (years == 100 ? "99" : year.substr(2, 1) + "9") + "\""; };
    const std::string as_year = ", or the year \"" + year + "\" with \"approximate\": true beside \"iso\"";
    if (plural && year.ends_with("00"))
        return "write the century as the range " + range(100) + " (its first decade: " + range(10) + ")" + as_year;
    if (plural && year.ends_with('0')) return "write the decade as the range " + range(10) + as_year;
    return "";
}

// Reads "DATE", "DATE/DATE", "DATETIME" or "DATETIME/DATETIME" into `out`; returns the
// error message, "" when it parsed.
std::string parse_iso_span(std::string_view s, DateSpan& out) {
    const auto not_iso = [&] {  // the message, written only for a date that does not parse
        const std::string advice = approximate_year_advice(s);
        return "not an ISO 8601 date: " + in_quotes(std::string(s)) +
               (advice.empty() ? " (use \"YYYY-MM-DD\", \"YYYY-MM\", \"YYYY\" (\"-0043\" for 44 BC), a time \"YYYY-MM-DDTHH:MM+01:00\" or a range \"START/END\")"
                               : ": " + advice);
    };
    const std::size_t slash = s.find('/');
    std::string error;
    const auto first = parse_iso_end(s.substr(0, slash), error);
    if (!first) return error.empty() ? not_iso() : error;
    auto last = first;
    if (slash != std::string_view::npos) {
        last = parse_iso_end(s.substr(slash + 1), error);
        if (!last) return error.empty() ? not_iso() : error;
        if (first->instant.has_value() != last->instant.has_value())
            return "date range " + in_quotes(std::string(s)) + " mixes a date and a time: give both ends a time, or neither";
        const bool reversed = first->instant ? last->instant->utc_second < first->instant->utc_second
                                             : last->last_day < first->first_day;
        if (reversed) return "date range " + in_quotes(std::string(s)) + " ends before it starts";
    }
    out.start_day = first->first_day;
    out.end_day = last->last_day;
    if (first->instant) out.times = TimedSpan{*first->instant, *last->instant};
    out.iso = std::string(s);
    return "";
}

// A DATE object as written, before relative phrases are resolved.
struct DateInput {
    DateSpan span;
    std::string relative;          // the phrase, "" when none
    bool has_iso = false;
    std::optional<bool> approximate;
    std::string path;
};

std::optional<DateInput> read_date(Sink& sink, const json& v, const std::string& path, bool allow_relative) {
    if (!expect_object(sink, v, path)) return std::nullopt;
    const std::size_t before = sink.count();
    Fields f(sink, v, path, {"iso", "relative", "approximate"}, "a date");
    DateInput in;
    in.path = path;
    const json* iso = f.typed("iso", false, &json::is_string, "a string");
    const json* relative = f.typed("relative", false, &json::is_string, "a string");
    if (const json* a = f.typed("approximate", false, &json::is_boolean, "true or false")) in.approximate = a->get<bool>();
    if (!v.contains("iso") && !v.contains("relative")) {
        sink.at(path, allow_relative ? "a date needs \"iso\" (\"2015-11-13\", \"2015-10-01/2015-10-31\") or \"relative\" (\"last week\")"
                                     : "a date needs \"iso\" (\"2015-11-13\" or \"2015-11-16/2015-11-19\")");
        return std::nullopt;
    }
    if (relative && !allow_relative) {
        sink.at(f.path_of("relative"), "the publication date cannot be relative: it is what relative dates are resolved against");
    } else if (relative) {
        in.relative = relative->get<std::string>();
        if (is_blank(in.relative)) sink.at(f.path_of("relative"), "must not be empty");
    }
    if (iso) {
        const std::string& text = iso->get_ref<const std::string&>();
        const std::string error = parse_iso_span(text, in.span);
        if (error.empty()) in.has_iso = true;
        else sink.at(f.path_of("iso"), error);
    }
    if (sink.count() != before) return std::nullopt;
    if (in.approximate) in.span.approximate = *in.approximate;
    return in;
}

// [SECTION] Shape: article ----------------------------------------------------------

struct EntityInput {
    Entity entity;
    std::string path;                 // "/entities/3"
    bool kind_known = false;
    std::optional<DateInput> date;
    bool has_mentions_key = false;
    std::vector<bool> mention_usable;  // false: the selector itself is malformed (already reported)
    bool evidence_usable = false;      // the suggestion's evidence selector is well-formed
};

struct PackInput {
    Pack pack;
    bool paragraphs_read = false;  // false: mentions cannot be resolved, and saying so would only repeat the error
    // Cut at a limit (already reported): what refers past the cut is not checked.
    bool paragraphs_cut = false, entities_cut = false;
    std::vector<char> text_cut;  // by paragraph (not vector<bool>: its bit copies cost the reader's bytes)
    std::optional<DateInput> published;
    std::optional<int> updated_day;
    std::vector<std::pair<int, std::string>> correction_days;  // day, JSON path of its "date"
    std::vector<EntityInput> entities;
};

// A day written "YYYY-MM-DD", as corrections and `updated` must be.
std::optional<int> read_iso_day(Sink& sink, const Fields& f, std::string_view key, bool required) {
    const std::string text = f.text(key, required);
    if (text.empty() || is_blank(text)) return std::nullopt;
    const auto day = parse_iso_day(text);
    const std::string why = day ? "" : impossible_day(text);
    if (!day) sink.at(f.path_of(key), why.empty() ? "not an ISO 8601 day: " + in_quotes(text) + " (use \"YYYY-MM-DD\")" : "date " + in_quotes(text) + ": " + why);
    return day;
}

// `updated` and `corrections`: what the newsroom changed after publication. Each
// correction has a day and a text; they are listed oldest first, none before the
// publication date, and `updated` is not before the last correction.
void read_corrections(Sink& sink, const Fields& f, PackInput& in) {
    Article& a = in.pack.article;
    in.updated_day = read_iso_day(sink, f, "updated", false);
    if (in.updated_day) a.updated = f.text("updated", false);
    const json* list = f.typed("corrections", false, &json::is_array, "an array of corrections");
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = child(f.path_of("corrections"), i);
        if (!expect_object(sink, (*list)[i], path)) continue;
        Fields cf(sink, (*list)[i], path, {"date", "text"}, "a correction");
        Correction c;
        const std::optional<int> day = read_iso_day(sink, cf, "date", true);
        c.text = cf.text("text", true);
        if (day) {
            c.date = cf.text("date", true);
            in.correction_days.push_back({*day, cf.path_of("date")});
        }
        a.corrections.push_back(std::move(c));
    }
}

void read_article(Sink& sink, const json& v, PackInput& in) {
    const std::string path = "/article";
    if (!expect_object(sink, v, path)) return;
    Fields f(sink, v, path, {"headline", "source", "attribution", "url", "language", "published", "updated", "corrections", "paragraphs"},
             "the article");
    Article& a = in.pack.article;
    a.headline = f.text("headline", true);
    a.source = f.text("source", true);
    a.attribution = f.text("attribution", false);
    a.url = f.url("url", false);
    a.language = f.language("language");
    if (const json* published = f.member("published", true)) in.published = read_date(sink, *published, f.path_of("published"), false);
    read_corrections(sink, f, in);

    const json* paragraphs = f.typed("paragraphs", true, &json::is_array, "an array of paragraphs");
    if (!paragraphs) return;
    in.paragraphs_read = true;
    if (paragraphs->empty()) sink.at(f.path_of("paragraphs"), "the article needs at least one paragraph");
    in.paragraphs_cut = paragraphs->size() > kMaxParagraphs;
    if (in.paragraphs_cut)
        sink.at(f.path_of("paragraphs"), "the article has " + std::to_string(paragraphs->size()) + " paragraphs; at most " +
                                             std::to_string(kMaxParagraphs) + " are read, and mentions of the others are not checked");
    // id -> index of its first paragraph. (The hash maps of the core share one key type,
    // std::string, and so one copy of their code in the web engine.)
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < std::min(paragraphs->size(), kMaxParagraphs); ++i) {
        const std::string p_path = child(f.path_of("paragraphs"), i);
        const json& pv = (*paragraphs)[i];
        if (!expect_object(sink, pv, p_path)) continue;
        Fields pf(sink, pv, p_path, {"id", "text", "link"}, "a paragraph");
        Paragraph p;
        p.id = pf.slug("id", true);
        p.text = pf.text("text", true);
        if (p.text.size() > kMaxParagraphBytes) {
            sink.at(pf.path_of("text"), "the paragraph is " + std::to_string(p.text.size()) + " bytes; at most " +
                                            std::to_string(kMaxParagraphBytes) + " (split it)");
            p.text.resize(kMaxParagraphBytes);
            in.text_cut.resize(i + 1);
            in.text_cut[i] = true;
        }
        if (const json* link = pf.member("link", false); link && expect_object(sink, *link, pf.path_of("link"))) {
            Fields lf(sink, *link, pf.path_of("link"), {"text", "url"}, "a link");
            p.link_text = lf.text("text", true);
            p.link_url = lf.url("url", true);
        }
        if (!p.id.empty()) {
            const auto [it, fresh] = seen.emplace(p.id, i);
            if (!fresh)
                sink.at(pf.path_of("id"), "paragraph id " + in_quotes(p.id) + " is repeated (first used at " +
                                              child(child(f.path_of("paragraphs"), it->second), "id") + ")");
        }
        a.paragraphs.push_back(std::move(p));
    }
}

// [SECTION] Shape: entities ---------------------------------------------------------

struct KindInfo {
    EntityKind kind;
    const char* name;
    std::vector<std::string_view> keys;  // kind-specific keys
};

const std::vector<KindInfo>& kinds() {
    static const std::vector<KindInfo> table = {
        {EntityKind::Place, "place", {"location", "country", "countries"}},
        {EntityKind::Person, "person", {"role", "affiliations", "anonymous", "place"}},
        {EntityKind::Organisation, "organisation", {}},
        {EntityKind::Event, "event", {"date", "expected", "places", "participants"}},
        {EntityKind::Quote, "quote", {"speaker", "place", "text", "language"}},
        {EntityKind::Figure, "figure", {"value", "note", "place", "check"}},
        {EntityKind::Work, "work", {"creators"}},
    };
    return table;
}

const std::vector<std::string_view> kCommonEntityKeys = {"id",        "kind",     "name",   "aliases", "description",
                                                         "context",   "citations", "mentions", "related", "suggestion"};

// Which kinds accept `key` ("place" and "person" for "place", ...), for the message
// about a key that belongs to another kind.
std::string kinds_with_key(std::string_view key) {
    std::string out;
    for (const KindInfo& k : kinds()) {
        if (std::find(k.keys.begin(), k.keys.end(), key) == k.keys.end()) continue;
        out += out.empty() ? "" : " and ";
        out += k.name;
        out += "s";
    }
    return out;
}

std::vector<Citation> read_citations(Sink& sink, const Fields& f) {
    std::vector<Citation> out;
    const json* v = f.typed("citations", false, &json::is_array, "an array of citations");
    if (!v) return out;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const std::string path = child(f.path_of("citations"), i);
        if (!expect_object(sink, (*v)[i], path)) continue;
        Fields cf(sink, (*v)[i], path, {"publication", "date", "title", "url"}, "a citation");
        Citation c;
        c.publication = cf.text("publication", true);
        c.date = cf.text("date", false);
        c.title = cf.text("title", false);
        c.url = cf.url("url", false);
        if (!c.date.empty() && !parse_iso_part(c.date)) {
            const std::string why = impossible_day(c.date);
            sink.at(cf.path_of("date"), why.empty() ? "not an ISO 8601 date: " + in_quotes(c.date) + " (use \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\")"
                                                    : "date " + in_quotes(c.date) + ": " + why);
        }
        if (c.date.empty() && c.url.empty())
            sink.at(path, "a citation needs a \"date\" or a \"url\" so a reader can find the source");
        if (is_low_grade_source(c.url))
            sink.warn(cf.path_of("url"), "a low-grade source (" + std::string(url_host(c.url)) +
                                             ", listed in content/low-grade-sources.txt): cite the wire service, outlet, official statement or gazetteer instead");
        out.push_back(std::move(c));
    }
    return out;
}

// Reads one selector (a mention, or a suggestion's evidence); malformed parts are reported.
Mention read_selector(Sink& sink, const json& v, const std::string& path) {
    Fields mf(sink, v, path, {"paragraph", "exact", "prefix", "suffix", "occurrence"}, "a mention");
    Mention m;
    m.paragraph = mf.slug("paragraph", true);
    if (const json* exact = mf.typed("exact", true, &json::is_string, "a string")) {
        m.exact = exact->get<std::string>();
        if (m.exact.empty()) sink.at(mf.path_of("exact"), "must not be empty");
    }
    if (m.exact.size() > kMaxExactBytes)
        sink.at(mf.path_of("exact"), "longer than " + std::to_string(kMaxExactBytes) + " bytes: a mention marks a phrase, not a passage");
    if (const json* prefix = mf.typed("prefix", false, &json::is_string, "a string")) m.prefix = prefix->get<std::string>();
    if (const json* suffix = mf.typed("suffix", false, &json::is_string, "a string")) m.suffix = suffix->get<std::string>();
    for (const auto& [key, context] : {std::pair{"prefix", &m.prefix}, std::pair{"suffix", &m.suffix}})
        if (context->size() > kMaxContextBytes)
            sink.at(mf.path_of(key), std::string("longer than ") + std::to_string(kMaxContextBytes) + " bytes: a few words are enough");
    if (const json* occurrence = mf.member("occurrence", false)) {
        if (!occurrence->is_number_integer() || occurrence->get<std::int64_t>() < 1 || occurrence->get<std::int64_t>() > 100000)
            sink.at(mf.path_of("occurrence"), "expected a whole number from 1 (the first match), found " +
                                                  (occurrence->is_number() ? occurrence->dump() : std::string(type_name(*occurrence))));
        else m.occurrence = static_cast<int>(occurrence->get<std::int64_t>());
    }
    return m;
}

// Mentions left to read in the pack; once it is spent, no more are read (or reported).
struct MentionBudget {
    std::size_t left = kMaxMentions;
    bool spent = false;
};

std::vector<Mention> read_mentions(Sink& sink, const Fields& f, std::vector<bool>& usable, MentionBudget& budget) {
    std::vector<Mention> out;
    const json* v = f.typed("mentions", false, &json::is_array, "an array of mentions");
    if (!v) return out;
    if (budget.spent || v->size() > budget.left) {
        if (!budget.spent)
            sink.at(f.path_of("mentions"), "too many mentions: a pack may have at most " + std::to_string(kMaxMentions) +
                                               "; these and those of later entities are not checked");
        budget.spent = true;
        out.resize(v->size());  // unread, not missing: no "has no mentions" to follow
        usable.assign(v->size(), false);
        return out;
    }
    budget.left -= v->size();
    out.reserve(v->size());
    usable.reserve(usable.size() + v->size());
    for (std::size_t i = 0; i < v->size(); ++i) {
        const std::string path = child(f.path_of("mentions"), i);
        const std::size_t errors_before = sink.count();
        if (!expect_object(sink, (*v)[i], path)) {
            out.emplace_back();  // keeps indices aligned with the JSON for later messages
            usable.push_back(false);
            continue;
        }
        Mention m = read_selector(sink, (*v)[i], path);
        usable.push_back(sink.count() == errors_before);
        out.push_back(std::move(m));
    }
    return out;
}

// A drafting suggestion: {rule, evidence (a selector), candidates?: [{name, country, admin1, lat, lon, population, geonameid}]}.
void read_suggestion(Sink& sink, const Fields& f, EntityInput& in) {
    const json* v = f.member("suggestion", false);
    if (!v || !expect_object(sink, *v, f.path_of("suggestion"))) return;
    Fields sf(sink, *v, f.path_of("suggestion"), {"rule", "evidence", "candidates"}, "a suggestion");
    Suggestion s;
    s.rule = sf.text("rule", true);
    const std::size_t errors_before = sink.count();
    if (const json* evidence = sf.member("evidence", true); evidence && expect_object(sink, *evidence, sf.path_of("evidence")))
        s.evidence = read_selector(sink, *evidence, sf.path_of("evidence"));
    in.evidence_usable = sink.count() == errors_before && sf.member("evidence", false) && sf.member("evidence", false)->is_object();
    if (const json* list = sf.typed("candidates", false, &json::is_array, "an array of candidates")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string path = child(sf.path_of("candidates"), i);
            if (!expect_object(sink, (*list)[i], path)) continue;
            Fields cf(sink, (*list)[i], path, {"name", "country", "admin1", "lat", "lon", "population", "geonameid"}, "a candidate");
            SuggestedPlace c;
            c.name = cf.text("name", true);
            c.country = cf.text("country", true);
            c.admin1 = cf.text("admin1", false);
            const auto lat = cf.number("lat", true), lon = cf.number("lon", true);
            if (lat && lon && *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180) c.location = GeoPoint{.lon = *lon, .lat = *lat};
            else if (lat && lon) sink.at(path, "coordinates outside [-90, 90] x [-180, 180]");
            c.population = cf.number("population", false).value_or(0);
            if (const auto id = cf.number("geonameid", true)) c.geonameid = static_cast<std::int64_t>(*id);
            s.candidates.push_back(std::move(c));
        }
    }
    in.entity.suggestion = std::move(s);
}

// Whether the map draws a country for a code of three digits: "999" or "336" (the
// Vatican, too small for the basemap) it does not. A build without the basemap's table
// (has_country_boxes) knows no country, and takes every code as drawn rather than warn of each.
bool on_the_map(const std::string& code) { return !has_country_boxes() || country_core_box(code).has_value(); }

void read_entity(Sink& sink, const json& v, const std::string& path, EntityInput& in, MentionBudget& mention_budget) {
    in.path = path;
    // The allowed keys depend on the kind, so read it first.
    const KindInfo* kind = nullptr;
    if (const auto k = v.find("kind"); k != v.end() && k->is_string()) {
        for (const KindInfo& info : kinds())
            if (*k == info.name) kind = &info;
    }
    std::vector<std::string_view> allowed = kCommonEntityKeys;
    if (kind) allowed.insert(allowed.end(), kind->keys.begin(), kind->keys.end());

    // Keys of other kinds get their own message instead of "unknown key" (and none
    // when the kind itself is unknown: that error says enough).
    std::vector<std::string_view> all_keys = kCommonEntityKeys;
    for (const KindInfo& info : kinds()) all_keys.insert(all_keys.end(), info.keys.begin(), info.keys.end());
    Fields f(sink, v, path, all_keys, kind ? with_article(kind->kind) : std::string("an entity"));
    if (kind) {
        for (const auto& [key, unused] : v.items()) {
            (void)unused;
            const bool other_kinds_key = std::find(all_keys.begin(), all_keys.end(), key) != all_keys.end();
            if (other_kinds_key && std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                sink.at(child(path, key), "key " + in_quotes(key) + " does not apply to " + with_article(kind->kind) + " (it is for " + kinds_with_key(key) + ")");
        }
    }

    Entity& e = in.entity;
    e.id = f.slug("id", true);
    if (const json* k = f.typed("kind", true, &json::is_string, "a string")) {
        if (!kind) {
            std::vector<std::string_view> names;
            for (const KindInfo& info : kinds()) names.push_back(info.name);
            sink.at(f.path_of("kind"), "unknown kind " + in_quotes(k->get<std::string>()) +
                                           ": expected place, person, organisation, event, quote, figure or work" +
                                           did_you_mean(k->get<std::string>(), names));
        }
    }
    in.kind_known = kind != nullptr;
    if (kind) e.kind = kind->kind;
    e.name = f.text("name", true);
    e.aliases = f.strings("aliases");
    e.description = f.text("description", true);
    e.context = f.flag("context");
    e.citations = read_citations(sink, f);
    in.has_mentions_key = v.contains("mentions");
    e.mentions = read_mentions(sink, f, in.mention_usable, mention_budget);
    e.related = f.ids("related");
    read_suggestion(sink, f, in);
    if (!kind) return;

    switch (kind->kind) {
    case EntityKind::Place: {
        // A country or a region is drawn as its shape, so it needs no point of its own.
        const bool has_shape = v.contains("country") || v.contains("countries");
        if (const json* loc = f.member("location", !has_shape); loc && expect_object(sink, *loc, f.path_of("location"))) {
            Fields lf(sink, *loc, f.path_of("location"), {"lat", "lon"}, "a location");
            const auto lat = lf.number("lat", true);
            const auto lon = lf.number("lon", true);
            if (lat && !(*lat >= -90.0 && *lat <= 90.0))
                sink.at(lf.path_of("lat"), "latitude " + format_number(*lat) + " is outside [-90, 90]");
            if (lon && !(*lon >= -180.0 && *lon <= 180.0))
                sink.at(lf.path_of("lon"), "longitude " + format_number(*lon) + " is outside [-180, 180]");
            if (lat && lon) e.location = GeoPoint{.lon = *lon, .lat = *lat};
        }
        if (const json* c = f.typed("country", false, &json::is_string, "a string")) {
            e.country = c->get<std::string>();
            if (!is_country_code(e.country))
                sink.at(f.path_of("country"), "expected an ISO 3166-1 numeric code of three digits (\"368\" for Iraq), found " + in_quotes(e.country));
            else if (!on_the_map(e.country))  // the place loads, since it may have its point too
                sink.warn(f.path_of("country"), "no country on the map has the code " + in_quotes(e.country) +
                                                    ": expected the 3-digit ISO 3166-1 numeric code of a country on the map (\"368\" for Iraq); the "
                                                    "map draws nothing for this one");
        }
        // A region drawn as its countries (Europe as the UN M49 list).
        if (f.member("countries", false)) {
            if (!e.country.empty()) sink.at(f.path_of("countries"), "a place has either `country` or `countries`, not both");
            e.countries = f.strings("countries");
            if (f.member("countries", false)->is_array() && f.member("countries", false)->empty())
                sink.at(f.path_of("countries"), "a region needs at least one country (ISO 3166-1 numeric codes such as \"040\")");
            for (std::size_t i = 0; i < e.countries.size(); ++i) {
                if (!is_country_code(e.countries[i]))
                    sink.at(child(f.path_of("countries"), i), "expected an ISO 3166-1 numeric code of three digits (\"040\" for Austria), found " + in_quotes(e.countries[i]));
                else if (std::find(e.countries.begin(), e.countries.begin() + static_cast<std::ptrdiff_t>(i), e.countries[i]) != e.countries.begin() + static_cast<std::ptrdiff_t>(i))
                    sink.at(child(f.path_of("countries"), i), "country " + in_quotes(e.countries[i]) + " is listed twice");
            }
            // A region draws the countries of its list the map has: Europe as the UN lists
            // it, Gibraltar and the Vatican included, draws the rest. Only none is a slip.
            if (!e.countries.empty() && std::all_of(e.countries.begin(), e.countries.end(), is_country_code) &&
                std::none_of(e.countries.begin(), e.countries.end(), on_the_map))
                sink.warn(f.path_of("countries"), "no country on the map has any of the region's " + std::to_string(e.countries.size()) +
                                                      " codes (the first is " + in_quotes(e.countries[0]) + "): expected 3-digit ISO 3166-1 numeric "
                                                      "codes of countries on the map (\"040\" for Austria); the map draws nothing for this region");
        }
        break;
    }
    case EntityKind::Person:
        e.role = f.text("role", false);
        e.affiliations = f.ids("affiliations");
        e.anonymous = f.flag("anonymous");
        if (f.member("place", false)) e.place = f.slug("place", false);
        break;
    case EntityKind::Organisation: break;
    case EntityKind::Work: e.creators = f.ids("creators"); break;
    case EntityKind::Event:
        // An event the article gives no date for has none (the timeline leaves it out), and
        // one it only expects ("there will be more attacks") cannot have one yet.
        e.expected = f.flag("expected");
        if (e.expected && v.contains("date"))
            sink.at(f.path_of("date"), "an expected event is undated: remove \"date\" (or \"expected\" if it has happened)");
        else if (const json* d = f.member("date", false)) in.date = read_date(sink, *d, f.path_of("date"), true);
        e.places = f.ids("places");
        e.participants = f.ids("participants");
        break;
    case EntityKind::Quote:
        e.speaker = f.slug("speaker", true);
        if (f.member("place", false)) e.place = f.slug("place", false);
        e.text = f.text("text", true);
        e.language = f.language("language");
        break;
    case EntityKind::Figure: {
        e.value = f.text("value", true);
        e.note = f.text("note", true);
        if (f.member("place", false)) e.place = f.slug("place", false);
        if (const json* check = f.member("check", false); check && expect_object(sink, *check, f.path_of("check"))) {
            Fields cf(sink, *check, f.path_of("check"), {"kind", "from", "to", "stated"}, "a figure check");
            FigureCheck fc;
            fc.kind = cf.text("kind", true);
            if (!fc.kind.empty() && fc.kind != "distance")
                sink.at(cf.path_of("kind"), "unknown check kind " + in_quotes(fc.kind) + ": the only kind is \"distance\"");
            fc.from = cf.slug("from", true);
            fc.to = cf.slug("to", true);
            if (const json* stated = cf.member("stated", true); stated && expect_object(sink, *stated, cf.path_of("stated"))) {
                Fields sf(sink, *stated, cf.path_of("stated"), {"value", "unit"}, "a stated value");
                if (const auto value = sf.number("value", true)) {
                    fc.stated_value = *value;
                    if (!(*value > 0.0)) sink.at(sf.path_of("value"), "a stated distance must be greater than 0");
                }
                fc.stated_unit = sf.text("unit", true);
                if (!fc.stated_unit.empty() && fc.stated_unit != "mi" && fc.stated_unit != "km")
                    sink.at(sf.path_of("unit"), "unknown unit " + in_quotes(fc.stated_unit) + ": expected \"mi\" or \"km\"");
            }
            e.check = fc;
        }
        break;
    }
    }
}

void read_pack(Sink& sink, const json& root, PackInput& in) {
    if (!root.is_object()) {
        sink.at("", std::string("a pack is a JSON object, found ") + type_name(root));
        return;
    }
    Fields f(sink, root, "", {"format", "id", "title", "allowedOrigins", "article", "entities"}, "the pack");
    if (const json* format = f.typed("format", true, &json::is_string, "a string"); format && *format != kFormat)
        sink.at(f.path_of("format"), "unsupported format " + in_quotes(format->get<std::string>()) + ": expected \"" + std::string(kFormat) + "\"");
    in.pack.id = f.slug("id", true);
    in.pack.title = f.text("title", true);
    in.pack.allowed_origins = f.strings("allowedOrigins");
    for (std::size_t i = 0; i < in.pack.allowed_origins.size(); ++i) {
        // Read as the host-page policy reads it (host_message.h): "HTTP://Example.com:08722/" is
        // an origin there, and a pack's check must not refuse what the policy takes.
        if (!normalize_origin(in.pack.allowed_origins[i]))
            sink.at(child(f.path_of("allowedOrigins"), i), "not an origin: " + in_quotes(in.pack.allowed_origins[i]) +
                                                               " (use scheme and host only, like \"https://news.example.com\")");
    }
    if (const json* article = f.member("article", true)) read_article(sink, *article, in);
    const json* entities = f.typed("entities", true, &json::is_array, "an array of entities");
    if (!entities) return;
    in.entities_cut = entities->size() > kMaxEntities;
    if (in.entities_cut)
        sink.at(f.path_of("entities"), "the pack has " + std::to_string(entities->size()) + " entities; at most " +
                                           std::to_string(kMaxEntities) + " are read, and references to the others are not checked");
    in.entities.resize(std::min(entities->size(), kMaxEntities));
    MentionBudget mention_budget;
    for (std::size_t i = 0; i < in.entities.size(); ++i) {
        const std::string path = child(f.path_of("entities"), i);
        in.entities[i].path = path;
        if (expect_object(sink, (*entities)[i], path)) read_entity(sink, (*entities)[i], path, in.entities[i], mention_budget);
    }
}

// [SECTION] Meaning: references -----------------------------------------------------

class References {
public:
    References(Sink& sink, const PackInput& in) : sink_(sink), in_(in) {
        for (std::size_t i = 0; i < in.entities.size(); ++i) {
            const std::string& id = in.entities[i].entity.id;
            if (id.empty()) continue;
            const auto [it, fresh] = first_.emplace(id, i);
            if (!fresh)
                sink.at(in.entities[i].path + "/id", "duplicate id " + in_quotes(id) + " (first used at " + in.entities[it->second].path + ")");
            else ids_.push_back(id);
        }
    }

    const EntityInput* find(std::string_view id) const {
        const auto it = first_.find(std::string(id));
        return it == first_.end() ? nullptr : &in_.entities[it->second];
    }

    // Reports an unknown id, or one of the wrong kind. `allowed` empty = any kind.
    void check(const std::string& path, const std::string& id, const std::string& self, std::string_view role,
               std::initializer_list<EntityKind> allowed) const {
        if (id.empty()) return;
        const EntityInput* target = find(id);
        if (!target && in_.entities_cut) return;
        if (!target) {
            sink_.at(path, std::string(role) + " refers to unknown entity id " + in_quotes(id) + did_you_mean(id, ids_));
            return;
        }
        if (id == self) {
            sink_.at(path, std::string(role) + " refers to the entity itself");
            return;
        }
        if (!target->kind_known || allowed.size() == 0) return;
        if (std::find(allowed.begin(), allowed.end(), target->entity.kind) != allowed.end()) return;
        std::string wanted;
        std::size_t n = 0;
        for (const EntityKind k : allowed) {
            if (n > 0) wanted += ++n == allowed.size() ? " or " : ", ";
            else n = 1;
            wanted += with_article(k);
        }
        sink_.at(path, std::string(role) + " must be " + wanted + ", but " + in_quotes(id) + " is " + with_article(target->entity.kind));
    }
    void check_all(const std::string& path, const std::vector<std::string>& ids, const std::string& self, std::string_view role,
                   std::initializer_list<EntityKind> allowed) const {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (!seen.insert(ids[i]).second) sink_.at(child(path, i), "id " + in_quotes(ids[i]) + " is listed twice");
            else check(child(path, i), ids[i], self, role, allowed);
        }
    }

private:
    Sink& sink_;
    const PackInput& in_;
    std::unordered_map<std::string, std::size_t> first_;
    std::vector<std::string> ids_;
};

void check_references(Sink& sink, const PackInput& in, const References& refs) {
    using K = EntityKind;
    for (const EntityInput& ei : in.entities) {
        const Entity& e = ei.entity;
        const std::string& p = ei.path;
        refs.check_all(p + "/related", e.related, e.id, "related", {});
        if (!ei.kind_known) continue;
        switch (e.kind) {
        case K::Person:
            refs.check_all(p + "/affiliations", e.affiliations, e.id, "an affiliation", {K::Organisation});
            refs.check(p + "/place", e.place, e.id, "place", {K::Place});
            break;
        case K::Event:
            refs.check_all(p + "/places", e.places, e.id, "a place", {K::Place});
            refs.check_all(p + "/participants", e.participants, e.id, "a participant", {K::Person, K::Organisation});
            break;
        case K::Quote:
            refs.check(p + "/speaker", e.speaker, e.id, "the speaker", {K::Person});
            refs.check(p + "/place", e.place, e.id, "place", {K::Place});
            break;
        case K::Figure:
            refs.check(p + "/place", e.place, e.id, "place", {K::Place});
            if (e.check) {
                refs.check(p + "/check/from", e.check->from, e.id, "\"from\"", {K::Place});
                refs.check(p + "/check/to", e.check->to, e.id, "\"to\"", {K::Place});
                if (!e.check->from.empty() && e.check->from == e.check->to)
                    sink.at(p + "/check/to", "a distance check needs two different places");
            }
            break;
        case K::Work:
            refs.check_all(p + "/creators", e.creators, e.id, "a creator", {K::Person, K::Organisation});
            break;
        case K::Place:
        case K::Organisation: break;
        }
    }
}

// [SECTION] Meaning: mentions -------------------------------------------------------

// The checks and hints only an author needs, once enable_author_checks has run: referred
// to only there, so an engine that never calls it (the reader's) links none of them.
struct AuthorChecks {
    void (*swapped_points)(Sink&, const PackInput&);
    std::string (*mismatch_hint)(std::string_view text, std::string_view exact);
    void (*name_entities)(std::vector<Diagnostic>&, const json& root);
    void (*after_publication)(Sink&, const std::string& path, const std::string& relative, const DateSpan& resolved, const DateSpan& published);
    void (*plain_date_after_publication)(Sink&, const std::string& path, const DateSpan& date, const DateSpan& published, const std::string& updated);
    void (*stand_in_descriptions)(Sink&, const PackInput&);
};
const AuthorChecks* g_author_checks = nullptr;

// For a mention that does not occur: the paragraph's words it matches but for case and
// accents (find's fold), as a "did you mean"; when one of the two writes an accent as a
// combining mark and the other does not (decomposed vs composed, NFD vs NFC), it says so.
std::string mismatch_hint(std::string_view text, std::string_view exact) {
    const FoldedText folded = fold_for_find(text);
    const std::string needle = fold_query(exact);
    std::vector<std::string_view> found;  // distinct, at most 3
    for (const std::size_t at : exact_occurrences(folded.text, needle)) {  // linear, as for mentions
        const std::size_t begin = folded.source_begin[at];
        const std::string_view words = text.substr(begin, folded.source_end[at + needle.size() - 1] - begin);
        if (found.size() < 3 && std::find(found.begin(), found.end(), words) == found.end()) found.push_back(words);
    }
    if (found.empty()) return "";
    const auto marks = [](std::string_view s) {
        for (std::size_t i = 0; i < s.size();)
            if (const char32_t cp = next_code_point(s, i); cp >= 0x300 && cp <= 0x36F) return true;
        return false;
    };
    if (marks(found[0]) != marks(exact))
        return "; the paragraph has " + in_quotes(found[0]) +
               ", the same letters written with different Unicode forms (accents composed vs decomposed): retype the mention or copy it from the paragraph";
    std::string out = " (did you mean ";
    for (std::size_t i = 0; i < found.size(); ++i) out += (i == 0 ? "" : i + 1 == found.size() ? " or " : ", ") + in_quotes(found[i]);
    return out + "?)";
}

// Where a quote's text parts from the mention it should lie in: the longest start of the
// text the mention holds, and a few words of each around where they part, as "; the
// mention reads "…obedient to their laws, we lie" where the text has "…obedient to their lows, we lie""
// (a trial's quote had one letter changed, and the message said only that the text does
// not occur). "" when they share less than a word or two at the start.
std::string quote_divergence_hint(std::string_view mention, std::string_view text) {
    std::size_t held = 0, lacking = text.size() + 1;  // a start of `held` bytes occurs; of `lacking`, not
    while (lacking - held > 1) {
        const std::size_t mid = held + (lacking - held) / 2;
        (mention.find(text.substr(0, mid)) != std::string_view::npos ? held : lacking) = mid;
    }
    while (held > 0 && held < text.size() && (static_cast<unsigned char>(text[held]) & 0xC0) == 0x80) --held;  // whole code points
    constexpr std::size_t kFewestShared = 8;  // bytes: fewer ("you ") is no place to point at
    if (held < kFewestShared || held >= text.size()) return "";
    const std::size_t at = mention.find(text.substr(0, held)) + held;
    const auto around = [&](std::string_view s, std::size_t from) {  // a few words each side of the parting
        std::size_t begin = from >= 16 ? s.rfind(' ', from - 16) : std::string_view::npos;
        begin = begin == std::string_view::npos || from < 16 ? 0 : begin + 1;
        const std::size_t end = std::min(s.size(), s.find(' ', from + 8));
        return (begin > 0 ? "\xE2\x80\xA6" : "") + std::string(s.substr(begin, end - begin)) + (end < s.size() ? "\xE2\x80\xA6" : "");
    };
    return "; the mention reads " + in_quotes(around(mention, at)) + " where the text has " + in_quotes(around(text, held));
}

// Resolves one selector to byte offsets; returns false (after reporting) when it does
// not pick exactly one place in the paragraph.
bool resolve_mention(Sink& sink, const std::string& path, const Paragraph& paragraph, Mention& m) {
    const SelectorMatches found = match_selector(paragraph.text, m);
    const std::vector<std::size_t>& plain = found.plain;
    const std::vector<std::size_t>& fitting = found.fitting;
    const std::string where = " in paragraph " + in_quotes(paragraph.id);
    const bool narrowed = !m.prefix.empty() || !m.suffix.empty();
    if (fitting.empty()) {
        if (plain.empty()) sink.at(path + "/exact", in_quotes(m.exact) + " does not occur" + where + (sink.full() || !g_author_checks ? "" : g_author_checks->mismatch_hint(paragraph.text, m.exact)));
        else
            sink.at(path, in_quotes(m.exact) + " occurs " + std::to_string(plain.size()) + (plain.size() == 1 ? " time" : " times") + where +
                              " but never with the given " + (m.prefix.empty() ? "suffix" : m.suffix.empty() ? "prefix" : "prefix and suffix"));
        return false;
    }
    if (m.occurrence > 0) {
        if (!found.chosen) {
            sink.at(path + "/occurrence", "occurrence " + std::to_string(m.occurrence) + " asked for, but " + in_quotes(m.exact) + " matches only " +
                                              std::to_string(fitting.size()) + (fitting.size() == 1 ? " time" : " times") + where +
                                              (narrowed ? " with the given prefix/suffix" : ""));
            return false;
        }
    } else if (!found.chosen) {
        sink.at(path, in_quotes(m.exact) + " matches " + std::to_string(fitting.size()) + " times" + where +
                          (narrowed ? " even with the given prefix/suffix" : "") + "; add a prefix, suffix or occurrence");
        return false;
    }
    m.begin = *found.chosen;
    m.end = *found.chosen + m.exact.size();
    return true;
}

struct Span {
    std::size_t paragraph, begin, end;
    std::size_t entity;
    std::string path;
};

void check_mentions(Sink& sink, PackInput& in) {
    if (!in.paragraphs_read) return;
    // Paragraph ids to indices, made once: a scan of the paragraphs for each mention made
    // a long pack's check grow with the square of its length. A repeated id (an error
    // of its own) keeps its first paragraph, as Pack::paragraph_index does.
    std::unordered_map<std::string, std::size_t> paragraph_of;
    for (std::size_t p = 0; p < in.pack.article.paragraphs.size(); ++p) paragraph_of.emplace(in.pack.article.paragraphs[p].id, p);
    const auto paragraph_index = [&](std::string_view id) -> std::optional<std::size_t> {
        const auto it = paragraph_of.find(std::string(id));
        if (it == paragraph_of.end()) return std::nullopt;
        return it->second;
    };
    std::vector<Span> spans;
    for (std::size_t ei = 0; ei < in.entities.size(); ++ei) {
        EntityInput& input = in.entities[ei];
        for (std::size_t i = 0; i < input.entity.mentions.size(); ++i) {
            Mention& m = input.entity.mentions[i];
            const std::string path = child(input.path + "/mentions", i);
            if (!input.mention_usable[i]) continue;
            const auto p = paragraph_index(m.paragraph);
            if (in.paragraphs_cut && !p) continue;
            if (p && *p < in.text_cut.size() && in.text_cut[*p]) continue;
            if (!p) {
                if (sink.full()) continue;
                std::vector<std::string> ids;
                for (const Paragraph& para : in.pack.article.paragraphs) ids.push_back(para.id);
                sink.at(path + "/paragraph", "unknown paragraph id " + in_quotes(m.paragraph) + did_you_mean(m.paragraph, ids));
                continue;
            }
            m.paragraph_index = *p;
            if (resolve_mention(sink, path, in.pack.article.paragraphs[*p], m)) spans.push_back({*p, m.begin, m.end, ei, path});
        }
        // A suggestion's evidence must point into the text, but it is not a mention: it may cross them.
        if (input.entity.suggestion && input.evidence_usable) {
            Mention& m = input.entity.suggestion->evidence;
            const std::string path = input.path + "/suggestion/evidence";
            if (const auto p = paragraph_index(m.paragraph)) {
                m.paragraph_index = *p;
                if (*p >= in.text_cut.size() || !in.text_cut[*p]) resolve_mention(sink, path, in.pack.article.paragraphs[*p], m);
            } else if (!in.paragraphs_cut) {
                sink.at(path + "/paragraph", "unknown paragraph id " + in_quotes(m.paragraph));
            }
        }
    }
    // Mentions may nest ("the French capital" around "French") but not cross, and one
    // stretch of text stands for one entity.
    sort_items(spans, [](const Span& a, const Span& b) {
        return std::tie(a.paragraph, a.begin, b.end) < std::tie(b.paragraph, b.begin, a.end);
    });
    // In this order every span's enclosing spans come before it: a stack of the open
    // ones finds each crossing in one pass (a span that crosses any open span also
    // crosses the innermost one).
    std::vector<const Span*> open;
    for (const Span& b : spans) {
        while (!open.empty() && (open.back()->paragraph != b.paragraph || open.back()->end <= b.begin)) open.pop_back();
        if (!open.empty()) {
            const Span& a = *open.back();
            const std::string& other = in.entities[a.entity].entity.id;
            if (a.begin == b.begin && a.end == b.end) {
                sink.at(b.path, a.entity == b.entity ? "repeats the mention at " + a.path
                                                     : "covers the same text as a mention of " + in_quotes(other) + " (" + a.path + "); one stretch of text stands for one entity");
                continue;
            }
            if (b.end > a.end) {
                sink.at(b.path, "overlaps a mention of " + in_quotes(other) + " (" + a.path + ") without nesting inside it");
                continue;
            }
        }
        open.push_back(&b);
    }
}

// [SECTION] Meaning: dates, citations, figures -------------------------------------

// Corrections come after publication, oldest first; `updated` is not before the last.
void check_corrections(Sink& sink, const PackInput& in) {
    const std::optional<int> first_day = in.published ? std::optional<int>(in.published->span.start_day) : std::nullopt;
    for (std::size_t i = 0; i < in.correction_days.size(); ++i) {
        const auto& [day, path] = in.correction_days[i];
        if (first_day && day < *first_day)
            sink.at(path, "a correction cannot come before the article's publication date (" + in.published->span.iso + ")");
        if (i > 0 && day < in.correction_days[i - 1].first)
            sink.at(path, "corrections are listed oldest first: this one is older than the one before it");
    }
    if (in.updated_day && first_day && *in.updated_day < *first_day)
        sink.at("/article/updated", "the article cannot be updated before its publication date (" + in.published->span.iso + ")");
    if (in.updated_day && !in.correction_days.empty() && *in.updated_day < in.correction_days.back().first)
        sink.at("/article/updated", "\"updated\" is older than the last correction");
}

void check_dates_and_context(Sink& sink, PackInput& in, const References& refs) {
    const std::optional<DateSpan> published = in.published ? std::optional<DateSpan>(in.published->span) : std::nullopt;
    for (EntityInput& ei : in.entities) {
        Entity& e = ei.entity;
        bool beyond_article = e.context;
        if (ei.date) {
            DateInput& d = *ei.date;
            if (!d.relative.empty()) {
                // Without a valid publication date only the phrase itself can be checked.
                DateSpan anchor;
                anchor.start_day = anchor.end_day = days_from_civil({2000, 6, 15});
                const auto resolved = resolve_relative_date(d.relative, published ? *published : anchor);
                if (!resolved) {
                    sink.at(d.path + "/relative", "unknown relative date " + in_quotes(d.relative) + "; write one of " +
                                                      std::string(relative_date_forms()) + "; or give the date in \"iso\" (\"2015-11\", \"1785\")");
                } else if (published && d.has_iso) {
                    // An exact date from elsewhere must agree with the article's words.
                    if (d.span.start_day < resolved->start_day || d.span.end_day > resolved->end_day)
                        sink.at(d.path + "/iso", "date " + in_quotes(d.span.iso) + " lies outside " + in_quotes(d.relative) + ", which the article's publication date puts at " + resolved->iso);
                    d.span.phrase = resolved->phrase;
                    beyond_article = true;
                } else if (published) {
                    const bool approximate = resolved->approximate;
                    d.span = *resolved;
                    d.span.approximate = d.approximate.value_or(approximate);
                }
                if (published && resolved && resolved->start_day > published->end_day && g_author_checks)
                    g_author_checks->after_publication(sink, d.path, d.relative, *resolved, *published);
            } else if (published && g_author_checks) {
                // An update may report what happened after publication, up to its own day.
                const int last_reported = std::max(published->end_day, in.updated_day.value_or(published->end_day));
                if (d.span.start_day > last_reported)
                    g_author_checks->plain_date_after_publication(sink, d.path, d.span, *published, in.updated_day ? in.pack.article.updated : "");
            }
            e.date = d.span;
        }
        if (ei.kind_known && e.kind == EntityKind::Quote && !e.text.empty() && !e.mentions.empty()) {
            // The quote's words must be the article's: found inside one of its mentions.
            const auto resolved = [](const Mention& m) { return m.end > m.begin; };
            const auto inside = [&](const Mention& m) {
                return resolved(m) && !exact_occurrences(m.exact, e.text).empty();
            };
            if (std::any_of(e.mentions.begin(), e.mentions.end(), resolved) && std::none_of(e.mentions.begin(), e.mentions.end(), inside))
                sink.at(ei.path + "/text", "the quote's text does not occur verbatim in any of its mentions" +
                                               quote_divergence_hint(std::find_if(e.mentions.begin(), e.mentions.end(), resolved)->exact, e.text));
        }
        if (ei.kind_known && e.kind == EntityKind::Figure && e.check) {
            for (const std::string* id : {&e.check->from, &e.check->to}) {
                const EntityInput* place = refs.find(*id);
                if (place && place->kind_known && place->entity.kind == EntityKind::Place && !place->entity.location)
                    sink.at(ei.path + "/check", "place " + in_quotes(*id) + " has no location to measure from");
            }
        }
        if (ei.kind_known && e.kind == EntityKind::Place && e.location && e.citations.empty())
            sink.at(ei.path + "/location", "coordinates come from beyond the article: cite the gazetteer or atlas in \"citations\"");
        const bool no_mentions = !ei.has_mentions_key || e.mentions.empty();
        if (no_mentions && e.citations.empty())
            sink.at(ei.path, "entity " + in_quotes(e.id) + " has no mentions, so it is context from beyond the article: it needs \"citations\"");
        else if (beyond_article && e.citations.empty())
            sink.at(ei.path + (e.context ? "/context" : "/date/iso"),
                    e.context ? "a context entity needs at least one citation"
                              : "an exact date beyond the article's words needs at least one citation");
        // "context" tells the panels the entity carries facts from beyond the article.
        if (no_mentions || beyond_article) e.context = true;
    }
}

// What both warnings of a date after publication advise for an event still to come.
constexpr std::string_view kStillToCome =
    "if the event is still to come, replace its \"date\" with \"expected\": true (an expected event has no date yet)";

// "8 February" in an article of November is read as the coming one: rarely what is meant.
void warn_after_publication(Sink& sink, const std::string& path, const std::string& relative, const DateSpan& resolved,
                            const DateSpan& published) {
    sink.warn(path + "/relative", in_quotes(relative) + " resolves to " + resolved.iso.substr(0, resolved.iso.find('/')) +
                                      ", after the article's publication date (" + published.iso + "): if the article means an earlier one, write "
                                      "the date with its year in \"iso\" (\"" + format_iso_day(add_months(resolved.start_day, -12)) +
                                      "\"); " + std::string(kStillToCome));
}

// "2026-10" in an article of January 2025 (or, with `updated`, after its last update): a
// slip of the year, or an event the article expects, which has no date yet.
void warn_plain_date_after_publication(Sink& sink, const std::string& path, const DateSpan& date, const DateSpan& published,
                                       const std::string& updated) {
    const std::string bound = updated.empty() ? "publication date (" + published.iso + ")" : "last update (" + updated + ")";
    sink.warn(path + "/iso", "date " + in_quotes(date.iso) + " starts after the article's " + bound + ": " + std::string(kStillToCome) +
                                 "; if not, correct the date");
}

// Whether the article names a country by its name (or an alias), not only by an adjective
// ("Russian captives"), or the pack gives it as context (no mentions). A story set in
// Bukhara that speaks of Russian captives is no story in Russia: its places were each
// warned of, as if their latitude and longitude were swapped.
bool names_country(const Entity& country) {
    if (country.mentions.empty()) return true;
    return std::any_of(country.mentions.begin(), country.mentions.end(), [&](const Mention& m) {
        return same_ignoring_case(m.exact, country.name) ||
               std::any_of(country.aliases.begin(), country.aliases.end(), [&](const std::string& alias) { return same_ignoring_case(m.exact, alias); });
    });
}

// A place's point outside its country (the place's own `country`, else every country the
// pack names, by name: names_country) that lies inside it with latitude and longitude
// swapped: a warning, since the point alone is a valid one. Not a point inside another
// country of the pack, even one the article names only by an adjective: Rome in a story
// of Ethiopia that speaks of the Italian army is where the pack means it (a trial's pack;
// Rome swapped lies in Ethiopia).
void check_swapped_points(Sink& sink, const PackInput& in) {
    std::vector<std::pair<const Entity*, GeoBox>> countries;
    for (const EntityInput& ei : in.entities)
        if (ei.kind_known && ei.entity.kind == EntityKind::Place)
            if (const auto box = country_core_box(ei.entity.country)) countries.emplace_back(&ei.entity, *box);
    for (const EntityInput& ei : in.entities) {
        const Entity& e = ei.entity;
        if (!ei.kind_known || e.kind != EntityKind::Place || !e.location || !e.countries.empty()) continue;
        const GeoPoint point = *e.location, swapped{.lon = point.lat, .lat = point.lon};
        const Entity* inside = nullptr;
        double inside_area = 0;
        bool outside = true;
        const bool own_country = !e.country.empty();  // a country's label point: measured against itself only
        for (const auto& [country, box] : countries) {
            if (own_country && country != &e) continue;
            outside = outside && !holds(box, point);
            // Of the boxes that hold the swapped point, the smallest names it best: Harbin's
            // is in Russia's box as in China's, and the first in the pack was named.
            const double area = (box.east - box.west) * (box.north - box.south);
            if ((own_country || names_country(*country)) && holds(box, swapped) && (!inside || area < inside_area))
                inside = country, inside_area = area;
        }
        if (outside && inside)
            sink.warn(ei.path + "/location", "lat " + format_number(point.lat) + ", lon " + format_number(point.lon) + " lies outside " + inside->name +
                                                 ", but lat " + format_number(swapped.lat) + ", lon " + format_number(swapped.lon) +
                                                 " lies inside it: are latitude and longitude swapped?");
    }
}


// An accepted entity whose description is still the drafter's or the editor's stand-in
// ("Person named in the article."): readers would read it in its card. A suggestion not yet
// accepted may keep one.
void warn_stand_in_descriptions(Sink& sink, const PackInput& in) {
    for (const EntityInput& ei : in.entities)
        if (!ei.entity.suggestion && is_stand_in_description(ei.entity.description))
            sink.warn(ei.path + "/description", "the drafter's stand-in " + in_quotes(ei.entity.description) + ", which readers would read in " +
                                                    in_quotes(ei.entity.name) + "'s card: say what a reader should know of it");
}

// [SECTION] Meaning: characters ------------------------------------------------------

// One pass over every string of the pack: a script the explainer cannot set is refused
// (once per string), a character no bundled font has is a warning (once per character
// and string), and every character drawn is marked in `used` (for the font atlas).
// A bitmap of 64-bit words, read back word by word: a bit per code point scanned one by one
// cost more than the rest of a small pack's load (1.1 million bits on every load).
class CodePointSet {
public:
    // Holds the code points below `end` (all of Unicode unless said otherwise).
    explicit CodePointSet(char32_t end = 0x110000) : words_((end + 63) / 64, 0) {}
    bool holds(char32_t cp) const { return cp / 64 < words_.size(); }
    void insert(char32_t cp) {
        assert(holds(cp) && "CodePointSet::insert: the code point is beyond the set's end");
        words_[cp / 64] |= std::uint64_t{1} << (cp % 64);
    }
    bool contains(char32_t cp) const { return holds(cp) && (words_[cp / 64] >> (cp % 64) & 1) != 0; }
    std::vector<char32_t> ascending() const {
        std::vector<char32_t> out;
        for (std::size_t w = 0; w < words_.size(); ++w)
            for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1)
                out.push_back(static_cast<char32_t>(w * 64 + static_cast<unsigned>(std::countr_zero(bits))));
        return out;
    }
private:
    std::vector<std::uint64_t> words_;
};

// Where the walk over the pack is, as links to the parents: spelled out as a JSON path
// only for a report (a path string per value was most of the pass's cost).
struct WalkPath {
    const WalkPath* parent = nullptr;  // null at the root
    std::string_view key;              // a member's name, or
    std::size_t index = 0;             // an element's index when `key` is empty and `in_array`
    bool in_array = false;
    std::string str() const {
        if (!parent) return "";
        return in_array ? child(parent->str(), index) : child(parent->str(), key);
    }
};

// The characters of one pass: `used` gathers every character drawn; `drawable` those
// already checked and found drawable (the common case after a string or two), which
// need no further look-up. It holds the Basic Multilingual Plane only (8 KB to clear
// rather than 139 KB); characters beyond it take the full look-up every time.
struct CharacterCheck {
    Sink& sink;
    CodePointSet& used;
    CodePointSet drawable{0x10000};
};

void check_string(CharacterCheck& check, const std::string& text, const WalkPath& path) {
    bool refused = false;
    std::set<char32_t> warned;
    for (std::size_t at = 0; at < text.size();) {
        // Most of a pack is ASCII already found drawable: skipped without decoding.
        if (const auto ascii = static_cast<unsigned char>(text[at]); ascii < 0x80 && (is_layout_control(ascii) || check.drawable.contains(ascii))) {
            ++at;
            continue;
        }
        const char32_t cp = next_code_point(text, at);
        if (check.drawable.contains(cp) || is_layout_control(cp)) continue;
        if (is_explicit_direction_control(cp)) {
            if (!refused) check.sink.at(path.str(), direction_control_refusal(cp));
            refused = true;
        } else if (const auto script = unsupported_script(cp)) {
            if (!refused)
                check.sink.at(path.str(), "uses the " + std::string(*script) + " script (" + code_point_name(cp) +
                                              "), which the explainer cannot draw yet; packs may use " + std::string(kDrawnScripts));
            refused = true;
        } else {
            check.used.insert(cp);
            if (!has_glyph(cp)) {
                if (warned.insert(cp).second)
                    check.sink.warn(path.str(), code_point_name(cp) + " has no glyph in the bundled fonts; readers see \"?\" in its place");
            } else if (check.drawable.holds(cp)) {
                check.drawable.insert(cp);
            }
        }
    }
}

void check_characters(CharacterCheck& check, const json& v, const WalkPath& path) {
    if (v.is_object()) {
        for (const auto& [key, member] : v.items()) check_characters(check, member, WalkPath{&path, key});
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i) check_characters(check, v[i], WalkPath{&path, {}, i, true});
    } else if (v.is_string()) {
        check_string(check, v.get_ref<const std::string&>(), path);
    }
}

// Each message about an entity names its id beside the pointer: "/entities/14" alone
// sends an author counting.
void name_entities(std::vector<Diagnostic>& list, const json& root) {
    const auto entities = root.is_object() ? root.find("entities") : root.end();
    if (entities == root.end() || !entities->is_array()) return;
    for (Diagnostic& d : list) {
        unsigned index = 0;  // from_chars<unsigned>, as country_core_box reads codes: one copy in the wasm
        if (!d.path.starts_with("/entities/")) continue;
        const char* digits = d.path.c_str() + 10;
        if (std::from_chars(digits, d.path.c_str() + d.path.size(), index).ptr == digits) continue;
        if (index >= entities->size() || !(*entities)[index].is_object()) continue;
        const auto id = (*entities)[index].find("id");
        if (id == (*entities)[index].end() || !id->is_string() || id->get_ref<const std::string&>().empty()) continue;
        d.entity = id->get<std::string>();
    }
}

} // namespace

// [SECTION] load_pack and Pack lookups ---------------------------------------------

void enable_author_checks() {
    static constexpr AuthorChecks checks{check_swapped_points, mismatch_hint, name_entities, warn_after_publication,
                                         warn_plain_date_after_publication, warn_stand_in_descriptions};
    g_author_checks = &checks;
}

std::string in_quotes(std::string_view s) {
    // Long values would drown the message; 60 bytes is plenty to recognise one. Cut on a
    // UTF-8 character boundary.
    std::string out = "\"";
    if (s.size() <= 60) {
        out.append(s);
    } else {
        std::size_t cut = 57;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0u) == 0x80u) --cut;
        out.append(s.substr(0, cut)).append("...");
    }
    return out + "\"";
}

std::string pointer_escape(std::string_view key) {
    std::string out;
    for (const char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

SelectorMatches match_selector(std::string_view text, const Mention& m) {
    SelectorMatches out;
    out.plain = exact_occurrences(text, m.exact);
    for (const std::size_t at : out.plain) {
        const bool prefix_fits = at >= m.prefix.size() && text.substr(at - m.prefix.size(), m.prefix.size()) == m.prefix;
        const bool suffix_fits = text.substr(at + m.exact.size(), m.suffix.size()) == m.suffix;
        if (prefix_fits && suffix_fits) out.fitting.push_back(at);
    }
    if (m.occurrence > 0 && static_cast<std::size_t>(m.occurrence) <= out.fitting.size()) out.chosen = out.fitting[static_cast<std::size_t>(m.occurrence) - 1];
    else if (m.occurrence <= 0 && out.fitting.size() == 1) out.chosen = out.fitting[0];
    return out;
}

const char* entity_kind_name(EntityKind kind) {
    switch (kind) {
    case EntityKind::Place: return "place";
    case EntityKind::Person: return "person";
    case EntityKind::Organisation: return "organisation";
    case EntityKind::Event: return "event";
    case EntityKind::Quote: return "quote";
    case EntityKind::Figure: return "figure";
    case EntityKind::Work: return "work";
    }
    return "entity";
}

const std::vector<std::string>& low_grade_source_hosts() {
    // content/low-grade-sources.txt, compiled in by CMake: one host a line, # comments.
    static const std::vector<std::string> hosts = [] {
        static constexpr std::string_view kList =
#include "low_grade_sources.inc"
            ;
        std::vector<std::string> out;
        std::size_t start = 0;
        while (start < kList.size()) {
            std::size_t end = kList.find('\n', start);
            if (end == std::string_view::npos) end = kList.size();
            std::string_view line = kList.substr(start, end - start);
            line = line.substr(0, line.find('#'));
            while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
            while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front()))) line.remove_prefix(1);
            if (!line.empty()) out.emplace_back(line);
            start = end + 1;
        }
        return out;
    }();
    return hosts;
}

bool is_low_grade_source(std::string_view url) {
    const std::string host = url_host(url);
    if (host.empty()) return false;
    // A listed host, or a subdomain of one: the host itself and each domain it is under
    // ("a.b.example", "b.example", "example") are looked up in the sorted list, rather
    // than every listed host compared with it (each citation of a long pack did).
    static const std::vector<std::string> listed = [] {
        std::vector<std::string> sorted = low_grade_source_hosts();
        sort_items(sorted);
        return sorted;
    }();
    for (std::string_view domain = host;;) {
        if (std::binary_search(listed.begin(), listed.end(), domain)) return true;
        const std::size_t dot = domain.find('.');
        if (dot == std::string_view::npos) return false;
        domain.remove_prefix(dot + 1);
    }
}

double span_start_days(const DateSpan& span) {
    return span.times ? instant_days(span.times->start.utc_second) : static_cast<double>(span.start_day);
}

double span_end_days(const DateSpan& span) {
    return span.times ? instant_days(span.times->end.utc_second) : static_cast<double>(span.end_day) + 1.0;
}

const Entity* Pack::find(std::string_view id) const {
    const auto i = index_of(id);
    return i ? &entities[*i] : nullptr;
}

const std::string& Pack::name_of(std::string_view id) const {
    static const std::string kNone;
    const Entity* entity = find(id);
    return entity ? entity->name : kNone;
}

std::optional<std::size_t> Pack::index_of(std::string_view id) const {
    const auto it = entity_index.find(std::string(id));
    if (it != entity_index.end()) return it->second;
    return std::nullopt;
}

std::optional<std::size_t> Pack::paragraph_index(std::string_view id) const {
    for (std::size_t i = 0; i < article.paragraphs.size(); ++i)
        if (article.paragraphs[i].id == id) return i;
    return std::nullopt;
}

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.file;
    if (d.line > 0) out += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
    out += d.severity == Diagnostic::Severity::Warning ? ": warning: " : ": error: ";
    if (d.path.empty()) return out + d.message;
    // The entity's id after the message, so "at /pointer: " reads as it always has (tools match it).
    return out + "at " + d.path + ": " + d.message + (d.entity.empty() ? "" : " (entity " + in_quotes(d.entity) + ")");
}

void place_at_their_values(std::string_view json_text, std::span<Diagnostic* const> diagnostics) {
    std::vector<std::string> pointers;
    for (const Diagnostic* d : diagnostics) pointers.push_back(d->path);
    const std::vector<TextPlace> places = places_of_pointers(json_text, pointers);
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        diagnostics[i]->line = places[i].line;
        diagnostics[i]->column = places[i].column;
    }
}

// nlohmann's SAX parser is iterative, but a DOM nested thousands deep is still no
// pack; reject it with a position before parsing. Strings are skipped so brackets in
// text do not count.
std::optional<std::size_t> find_excess_nesting(std::string_view text) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxDepth) return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return std::nullopt;
}

LoadResult load_pack(std::string_view json_text, std::string_view file_name) {
    LoadResult result;
    Sink sink(file_name, result.errors, result.warnings);

    if (json_text.size() > kMaxInputBytes) {
        sink.at("", "the file is " + std::to_string(json_text.size()) + " bytes; a pack may be at most 4 MiB");
        return result;
    }
    if (const auto deep = find_excess_nesting(json_text)) {
        sink.at_position(json_text, *deep, "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
        return result;
    }
    json root;
    SyntaxChecker syntax(json_text, root);
    if (!json::sax_parse(json_text, &syntax, json::input_format_t::json, true, false) || syntax.error) {
        assert(syntax.error && "the SAX handler only stops on a syntax error");
        if (syntax.error) sink.at_position(json_text, syntax.error->offset, syntax.error->message);
        return result;
    }
    for (const std::string& path : syntax.duplicate_keys)
        sink.at(path, "key repeated in the same object (JSON keeps only one of them; remove the other)");


    PackInput in;
    read_pack(sink, root, in);
    const References refs(sink, in);
    check_references(sink, in, refs);
    check_mentions(sink, in);
    check_dates_and_context(sink, in, refs);
    check_corrections(sink, in);
    if (g_author_checks) g_author_checks->swapped_points(sink, in), g_author_checks->stand_in_descriptions(sink, in);
    CodePointSet used;
    CharacterCheck characters{sink, used};
    check_characters(characters, root, WalkPath{});

    if (g_author_checks)
        for (auto* list : {&result.errors, &result.warnings}) g_author_checks->name_entities(*list, root);
    // Only a pack with something to report pays for the pass that places it.
    std::vector<Diagnostic*> unplaced;
    for (auto* list : {&result.errors, &result.warnings})
        for (Diagnostic& d : *list)
            if (d.line == 0 && !d.path.empty()) unplaced.push_back(&d);
    if (!unplaced.empty()) place_at_their_values(json_text, unplaced);
    if (!result.errors.empty()) return result;
    Pack& pack = in.pack;
    pack.characters = used.ascending();
    // Arabic letters are drawn in their contextual forms: the atlas and the font files
    // bring those glyphs, which the pack's text does not hold.
    const std::size_t letters = pack.characters.size();
    add_presentation_forms(pack.characters);
    if (pack.characters.size() > letters) {
        sort_items(pack.characters);
        pack.characters.erase(std::unique(pack.characters.begin(), pack.characters.end()), pack.characters.end());
    }
    if (in.published) pack.article.published = in.published->span;
    pack.entities.reserve(in.entities.size());
    for (EntityInput& ei : in.entities) pack.entities.push_back(std::move(ei.entity));
    for (std::size_t i = 0; i < pack.entities.size(); ++i) pack.entity_index.emplace(pack.entities[i].id, i);
    result.pack = std::move(pack);
    return result;
}

} // namespace explainer
