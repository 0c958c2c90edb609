// libFuzzer target for pack editing (src/core/pack_edit.h): a pack plus a sequence of ops,
// as untrusted JSON, the way Explainer.editor.apply receives them. Input:
//   {"pack": "seed" | "NAME" (tests/packs/NAME.json) | {a pack}, "ops": [op, ...]}
// An op {"op": "select", "paragraph": i, "begin": b, "end": e} is the fuzzer's own: it
// computes the selector for that range of paragraph i and checks it.
// Invariants (a violation aborts, in any build):
// - a refused op leaves the pack exactly as it was and says why;
// - an op that changes nothing says so, leaves the pack exactly as it was and has no inverse;
// - an applied op on a valid pack leaves a pack the validator accepts; its inverse
//   restores the pack exactly, and the inverse's inverse redoes it exactly;
// - a computed selector picks exactly the selected text, by the loader's own resolver;
// - the canonical form parses back to the same pack and is a fixed point.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "core/pack_edit.h"

namespace {

using namespace explainer;
using json = nlohmann::json;

constexpr std::size_t kMaxOps = 8;

void require(bool condition, const char* what, const std::string& detail = {}) {
    if (condition) return;
    std::fprintf(stderr, "pack_edit_fuzz: %s [%s]\n", what, detail.substr(0, 2000).c_str());
    std::abort();
}

// A shipped pack by name, read once.
const json* shipped(const std::string& name) {
    static std::map<std::string, json> cache;
    if (name.empty() || name.size() > 40 || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") != std::string::npos) return nullptr;
    if (const auto it = cache.find(name); it != cache.end()) return &it->second;
    const std::string file = name == "seed" ? "/content/isis-losing-ground.json" : "/tests/packs/" + name + ".json";
    std::ifstream in(std::string(EXPLAINER_SOURCE_DIR) + file, std::ios::binary);
    if (!in) return nullptr;
    std::ostringstream text;
    text << in.rdbuf();
    const auto document = parse_pack_document(text.str());
    if (!document) return nullptr;
    return &cache.emplace(name, *document).first->second;
}

// The text of paragraph `index`, or nullptr.
const std::string* paragraph_text(const json& document, const json& index) {
    if (!index.is_number_unsigned() || !document.is_object()) return nullptr;
    const auto article = document.find("article");
    if (article == document.end() || !article->is_object()) return nullptr;
    const auto paragraphs = article->find("paragraphs");
    if (paragraphs == article->end() || !paragraphs->is_array() || index.get<std::size_t>() >= paragraphs->size()) return nullptr;
    const json& paragraph = (*paragraphs)[index.get<std::size_t>()];
    const auto text = paragraph.is_object() ? paragraph.find("text") : paragraph.end();
    return text != paragraph.end() && text->is_string() ? &text->get_ref<const std::string&>() : nullptr;
}

void check_select(const json& document, const json& op) {
    const auto index = op.find("paragraph");
    const auto begin = op.find("begin");
    const auto end = op.find("end");
    if (index == op.end() || begin == op.end() || end == op.end() || !begin->is_number_unsigned() || !end->is_number_unsigned()) return;
    const std::string* found_text = paragraph_text(document, *index);
    if (!found_text) return;
    const std::string& text = *found_text;
    const SelectorResult r = selector_for_range("p", text, begin->get<std::size_t>(), end->get<std::size_t>());
    require(r.mention.has_value() != !r.error.empty(), "a selector or a reason, never both");
    if (!r.mention) return;
    const SelectorMatches found = match_selector(text, *r.mention);
    require(found.chosen && *found.chosen == r.mention->begin, "the computed selector picks the selection", r.mention->exact);
    require(text.compare(r.mention->begin, r.mention->end - r.mention->begin, r.mention->exact) == 0, "exact is the selected text");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = parse_pack_document(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!input || !input->is_object()) return 0;
    const auto ops_member = input->find("ops");
    const auto pack_member = input->find("pack");
    if (ops_member == input->end() || !ops_member->is_array() || pack_member == input->end()) return 0;
    const json& pack = *pack_member;
    json document;
    if (pack.is_string()) {
        const json* named = shipped(pack.get<std::string>());
        if (!named) return 0;
        document = *named;
    } else {
        document = pack;
    }
    bool valid = load_pack(document.dump(-1, ' ', false, json::error_handler_t::replace), "fuzz").errors.empty();
    const json& ops = *ops_member;
    for (std::size_t k = 0; k < ops.size() && k < kMaxOps; ++k) {
        const json& op = ops[k];
        if (op.is_object() && op.value("op", json()) == "select") {
            check_select(document, op);
            continue;
        }
        const json before = document;
        const EditResult r = apply_edit(document, op);
        (void)edit_result_to_json(r).dump(-1, ' ', false, json::error_handler_t::replace);
        if (!r.ok) {
            require(!r.errors.empty(), "a refused op says why");
            for (const EditError& e : r.errors) require(!e.message.empty(), "every error has a message");
            require(document == before, "a refused op leaves the pack as it was");
            continue;
        }
        if (r.unchanged) {
            require(document == before && r.inverse.is_null(), "an op that changes nothing leaves the pack as it was, with nothing to undo");
            continue;
        }
        const bool was_valid = valid;
        if (valid) require(r.pack.has_value(), "a valid pack stays valid", format_pack(document));
        valid = r.pack.has_value();
        json undone = document;
        const EditResult undo = apply_edit(undone, r.inverse, true);
        require(undo.ok, "the inverse applies", undo.errors.empty() ? std::string() : undo.errors[0].path + ": " + undo.errors[0].message);
        require(undone == before && format_pack(undone) == format_pack(before), "the inverse restores the pack exactly", r.inverse.dump());
        if (was_valid) require(undo.pack.has_value(), "undo gives back a valid pack");
        const EditResult redo = apply_edit(undone, undo.inverse, true);
        require(redo.ok && undone == document, "the inverse's inverse redoes the op exactly", undo.inverse.dump());
    }
    const std::string formatted = format_pack(document);
    const auto again = parse_pack_document(formatted);
    require(again && *again == document, "the canonical form parses back to the same pack");
    require(format_pack(*again) == formatted, "the canonical form is a fixed point");
    return 0;
}
