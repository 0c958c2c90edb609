// Pack editing: canonical form, selectors from selections, and operations with inverses
// (see pack_edit.h for the operations and the choices they make).
//
// Everything here must hold up against untrusted ops without exceptions (the web and fuzz
// builds abort on a throw): every value is type-checked before it is read, objects are
// searched with find(), and text is dumped with invalid UTF-8 replaced.
//
// Index
// - [SECTION] Small helpers
// - [SECTION] Canonical form
// - [SECTION] Selectors
// - [SECTION] Op reading
// - [SECTION] Entity operations
// - [SECTION] Mention operations
// - [SECTION] Paragraph operations
// - [SECTION] Article operations
// - [SECTION] Applying and validating
#include "pack_edit.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <map>
#include <utility>

#include "scripts.h"

namespace explainer {

namespace {

using json = nlohmann::json;

// [SECTION] Small helpers -----------------------------------------------------------------

constexpr std::size_t kMaxContextBytes = 256;  // load_pack()'s limit for prefix/suffix
constexpr std::size_t kMaxExactBytes = 4096;   // and for exact
constexpr int kMaxBatchDepth = 16;

std::string dump(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); }

// A value in a message: its JSON, cut short on a character boundary.
std::string shown(const json& v) {
    std::string text = dump(v);
    if (text.size() <= 40) return text;
    std::size_t cut = 37;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u) --cut;
    return text.substr(0, cut) + "...";
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

const std::string* string_member(const json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

// The entities array of a document, or nullptr when the document has none.
json* entities_of(json& document) {
    if (!document.is_object()) return nullptr;
    const auto it = document.find("entities");
    return it != document.end() && it->is_array() ? &*it : nullptr;
}

json* paragraphs_of(json& document) {
    if (!document.is_object()) return nullptr;
    const auto article = document.find("article");
    if (article == document.end() || !article->is_object()) return nullptr;
    const auto it = article->find("paragraphs");
    return it != article->end() && it->is_array() ? &*it : nullptr;
}

// Index of the first entity / paragraph with this id.
std::optional<std::size_t> index_with_id(const json* list, std::string_view id) {
    if (!list) return std::nullopt;
    for (std::size_t i = 0; i < list->size(); ++i)
        if (const std::string* own = string_member((*list)[i], "id"); own && *own == id) return i;
    return std::nullopt;
}

// A mention's selector as the resolver reads it, or nullopt when the JSON is malformed
// (the validator reports that).
std::optional<Mention> selector_of(const json& mention) {
    const std::string* paragraph = string_member(mention, "paragraph");
    const std::string* exact = string_member(mention, "exact");
    if (!paragraph || !exact || exact->empty()) return std::nullopt;
    Mention m;
    m.paragraph = *paragraph;
    m.exact = *exact;
    for (const auto& [key, slot] : {std::pair{"prefix", &m.prefix}, std::pair{"suffix", &m.suffix}}) {
        if (const auto it = mention.find(key); it != mention.end()) {
            if (!it->is_string()) return std::nullopt;
            *slot = it->get<std::string>();
        }
    }
    if (const auto it = mention.find("occurrence"); it != mention.end()) {
        if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > 100000) return std::nullopt;
        m.occurrence = static_cast<int>(it->get<std::int64_t>());
    }
    return m;
}

// [SECTION] Canonical form ----------------------------------------------------------------

// What an object is, from where it sits, which decides its key order.
enum class Role { Other, Root, Article, Date, Paragraph, Link, Correction, Entity, Location, Citation, Mention, Check, Stated };

const std::vector<std::string_view>& key_order(Role role) {
    static const std::vector<std::string_view> none;
    static const std::vector<std::string_view> root = {"format", "id", "title", "allowedOrigins", "article", "entities"};
    static const std::vector<std::string_view> article = {"headline", "source", "attribution", "url", "language",
                                                          "published", "updated", "corrections", "paragraphs"};
    static const std::vector<std::string_view> date = {"relative", "iso", "approximate"};
    static const std::vector<std::string_view> paragraph = {"id", "text", "link"};
    static const std::vector<std::string_view> link = {"text", "url"};
    static const std::vector<std::string_view> correction = {"date", "text"};
    // Common keys, then every kind's own keys (a valid entity has only its kind's), then
    // the lists that grow as an author annotates, so additions land at the end.
    static const std::vector<std::string_view> entity = {
        "id", "kind", "name", "description", "aliases", "context",
        "location", "country", "countries",            // place
        "role", "affiliations", "anonymous",           // person
        "date", "expected", "places", "participants",  // event
        "speaker", "text", "language",                 // quote
        "value", "note",                               // figure
        "creators",                                    // work
        "place", "check", "related", "citations", "mentions"};
    static const std::vector<std::string_view> location = {"lat", "lon"};
    static const std::vector<std::string_view> citation = {"publication", "date", "title", "url"};
    static const std::vector<std::string_view> mention = {"paragraph", "exact", "prefix", "suffix", "occurrence"};
    static const std::vector<std::string_view> check = {"kind", "from", "to", "stated"};
    static const std::vector<std::string_view> stated = {"value", "unit"};
    switch (role) {
    case Role::Root: return root;
    case Role::Article: return article;
    case Role::Date: return date;
    case Role::Paragraph: return paragraph;
    case Role::Link: return link;
    case Role::Correction: return correction;
    case Role::Entity: return entity;
    case Role::Location: return location;
    case Role::Citation: return citation;
    case Role::Mention: return mention;
    case Role::Check: return check;
    case Role::Stated: return stated;
    case Role::Other: break;
    }
    return none;
}

// The role of the value (or of the elements of the array) at `key` inside a `parent`.
Role child_role(Role parent, std::string_view key) {
    switch (parent) {
    case Role::Root:
        if (key == "article") return Role::Article;
        if (key == "entities") return Role::Entity;
        break;
    case Role::Article:
        if (key == "published") return Role::Date;
        if (key == "paragraphs") return Role::Paragraph;
        if (key == "corrections") return Role::Correction;
        break;
    case Role::Paragraph:
        if (key == "link") return Role::Link;
        break;
    case Role::Entity:
        if (key == "date") return Role::Date;
        if (key == "location") return Role::Location;
        if (key == "citations") return Role::Citation;
        if (key == "mentions") return Role::Mention;
        if (key == "check") return Role::Check;
        break;
    case Role::Check:
        if (key == "stated") return Role::Stated;
        break;
    default: break;
    }
    return Role::Other;
}

void write_value(std::string& out, const json& v, Role role, int depth) {
    const std::string indent(static_cast<std::size_t>(depth + 1) * 2, ' ');
    const std::string closing(static_cast<std::size_t>(depth) * 2, ' ');
    if (v.is_object()) {
        if (v.empty()) {
            out += "{}";
            return;
        }
        // Documented keys in their order, then any others (std::map keeps them sorted).
        const std::vector<std::string_view>& order = key_order(role);
        std::vector<std::pair<const std::string*, const json*>> members;
        for (const std::string_view key : order)
            if (const auto it = v.find(key); it != v.end()) members.push_back({&it.key(), &*it});
        for (auto it = v.begin(); it != v.end(); ++it)
            if (std::find(order.begin(), order.end(), it.key()) == order.end()) members.push_back({&it.key(), &*it});
        out += "{\n";
        for (std::size_t i = 0; i < members.size(); ++i) {
            out += indent;
            out += dump(json(*members[i].first));
            out += ": ";
            write_value(out, *members[i].second, child_role(role, *members[i].first), depth + 1);
            out += i + 1 < members.size() ? ",\n" : "\n";
        }
        out += closing + "}";
    } else if (v.is_array()) {
        if (v.empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (std::size_t i = 0; i < v.size(); ++i) {
            out += indent;
            write_value(out, v[i], role, depth + 1);
            out += i + 1 < v.size() ? ",\n" : "\n";
        }
        out += closing + "]";
    } else {
        out += dump(v);
    }
}

// [SECTION] Selectors ---------------------------------------------------------------------

// Whether `m` picks exactly the text starting at `begin` in `text`.
bool picks(std::string_view text, const Mention& m, std::size_t begin) {
    const SelectorMatches found = match_selector(text, m);
    return found.chosen && *found.chosen == begin;
}

// The selector for exactly [begin, end) (already trimmed and checked).
Mention selector_at(std::string_view paragraph_id, std::string_view text, std::size_t begin, std::size_t end) {
    Mention m;
    m.paragraph = std::string(paragraph_id);
    m.exact = std::string(text.substr(begin, end - begin));
    m.begin = begin;
    m.end = end;
    if (picks(text, m, begin)) return m;

    // Context of whole words, shortest first: a prefix runs from the start of a word before
    // the selection, a suffix to the end of a word after it.
    std::vector<std::string> prefixes, suffixes;
    for (std::size_t i = begin; i-- > 0 && begin - i <= kMaxContextBytes;)
        if (!is_space(text[i]) && (i == 0 || is_space(text[i - 1]))) prefixes.emplace_back(text.substr(i, begin - i));
    for (std::size_t i = end + 1; i <= text.size() && i - end <= kMaxContextBytes; ++i)
        if (!is_space(text[i - 1]) && (i == text.size() || is_space(text[i]))) suffixes.emplace_back(text.substr(end, i - end));
    const std::size_t steps = std::max(prefixes.size(), suffixes.size());
    for (std::size_t k = 0; k < steps; ++k) {
        const std::string* prefix = k < prefixes.size() ? &prefixes[k] : nullptr;
        const std::string* suffix = k < suffixes.size() ? &suffixes[k] : nullptr;
        for (const auto& [p, s] : {std::pair{prefix, (const std::string*)nullptr}, std::pair{(const std::string*)nullptr, suffix},
                                   std::pair{prefix, suffix}}) {
            if (!p && !s) continue;
            Mention candidate = m;
            candidate.prefix = p ? *p : std::string();
            candidate.suffix = s ? *s : std::string();
            if (picks(text, candidate, begin)) return candidate;
        }
    }
    // No context singles it out (a repeated phrase in repeated words): count instead.
    const SelectorMatches found = match_selector(text, m);
    const auto at = std::find(found.fitting.begin(), found.fitting.end(), begin);
    assert(at != found.fitting.end() && "the selected text is one of its own matches");
    m.occurrence = static_cast<int>(at - found.fitting.begin()) + 1;
    assert(picks(text, m, begin) && "the occurrence picks the selection");
    return m;
}

// [SECTION] Op reading --------------------------------------------------------------------

// Where an error the validator finds in the edited pack belongs in the op: an entity's
// (or paragraph's) pack path below `pack_suffix` maps to `op_path`.
struct Touched {
    enum class Part { Entity, Paragraph, Article } part = Part::Entity;
    std::string id;           // the entity's or the paragraph's; "" for the article
    std::string pack_suffix;  // "/mentions/3", "/name", ""
    std::string op_path;      // "/entity", "/fields/name", "/ops/2"
    bool exact_only = false;  // only the pack path itself, not what lies below it
};

struct Context {
    std::vector<EditError> errors;
    std::vector<Touched> touched;
    std::vector<LostMention> lost;

    void error(std::string path, std::string message) { errors.push_back({std::move(path), {}, std::move(message)}); }
    void pack_error(std::string pack_path, std::string message) { errors.push_back({{}, std::move(pack_path), std::move(message)}); }
    // An op field in conflict with a part of the pack: both paths, so the editor can show either.
    void conflict(std::string path, std::string pack_path, std::string message) {
        errors.push_back({std::move(path), std::move(pack_path), std::move(message)});
    }
};

// Checks an op object's keys and reads its members, each error at the member's path.
class OpFields {
public:
    OpFields(Context& ctx, const json& op, std::string path, std::string_view name, std::vector<std::string_view> allowed)
        : ctx_(ctx), op_(op), path_(std::move(path)) {
        allowed.push_back("op");
        for (auto it = op.begin(); it != op.end(); ++it)
            if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
                ctx.error(at(it.key()), "unknown key " + in_quotes(it.key()) + " in " + std::string(name) + " op");
    }
    std::string at(std::string_view key) const { return path_ + "/" + pointer_escape(key); }
    const std::string& path() const { return path_; }

    const json* member(std::string_view key, bool required, const char* expected) const {
        const auto it = op_.find(key);
        if (it == op_.end()) {
            if (required) ctx_.error(at(key), std::string("missing required key: expected ") + expected);
            return nullptr;
        }
        return &*it;
    }
    const std::string* text(std::string_view key, bool required, const char* expected) const {
        const json* v = member(key, required, expected);
        if (v && !v->is_string()) {
            ctx_.error(at(key), std::string("expected ") + expected + ", found " + shown(*v));
            return nullptr;
        }
        return v ? &v->get_ref<const std::string&>() : nullptr;
    }
    const json* object(std::string_view key, const char* expected) const {
        const json* v = member(key, true, expected);
        if (v && !v->is_object()) {
            ctx_.error(at(key), std::string("expected ") + expected + ", found " + shown(*v));
            return nullptr;
        }
        return v;
    }
    // An optional position in a list of `size` (inserting allows `size` itself).
    std::optional<std::size_t> index(std::string_view key, std::size_t size, bool required, bool inserting) const {
        const json* v = member(key, required, "a position in the list");
        const std::size_t last = inserting ? size : size == 0 ? 0 : size - 1;
        if (!v) return inserting && !required ? std::optional<std::size_t>(size) : std::nullopt;
        if (!v->is_number_integer() || v->get<std::int64_t>() < 0 || static_cast<std::uint64_t>(v->get<std::int64_t>()) > last ||
            (!inserting && size == 0)) {
            ctx_.error(at(key), size == 0 && !inserting ? "the list is empty"
                                                        : "expected a whole number from 0 to " + std::to_string(last) + ", found " + shown(*v));
            return std::nullopt;
        }
        return static_cast<std::size_t>(v->get<std::int64_t>());
    }

private:
    Context& ctx_;
    const json& op_;
    std::string path_;
};

// The entity an op names by "id", with its index, or nullopt (reported).
std::optional<std::size_t> find_entity(Context& ctx, json& document, const OpFields& f) {
    const std::string* id = f.text("id", true, "an entity id (a string)");
    if (!id) return std::nullopt;
    json* entities = entities_of(document);
    if (!entities) {
        ctx.pack_error("/entities", "the pack has no \"entities\" array to edit");
        return std::nullopt;
    }
    const auto index = index_with_id(entities, *id);
    if (!index) ctx.error(f.at("id"), "no entity has the id " + in_quotes(*id));
    return index;
}

json op_object(std::string_view name) { return json{{"op", name}}; }

// [SECTION] Entity operations -------------------------------------------------------------

// Inserts the op's `key` member, an object whose id no element of `list` (at `list_path`)
// has, at the op's "index" (default: the end): its id, or nullopt when refused (reported).
// `whose` and `example` name the id in a message: "the entity's", "sinjar-recapture".
std::optional<std::string> insert_with_new_id(Context& ctx, const OpFields& f, json& list, const json& item, std::string_view key,
                                              const std::string& list_path, std::string_view whose, std::string_view example) {
    const std::string* id = string_member(item, "id");
    if (!id) {
        ctx.error(f.at(key) + "/id", "expected " + std::string(whose) + " id, a string such as " + in_quotes(example));
        return std::nullopt;
    }
    if (const auto existing = index_with_id(&list, *id)) {
        const std::string other = list_path + "/" + std::to_string(*existing);
        ctx.conflict(f.at(key) + "/id", other + "/id", "the id " + in_quotes(*id) + " is already used by " + other);
        return std::nullopt;
    }
    const auto index = f.index("index", list.size(), false, true);
    if (!index) return std::nullopt;
    list.insert(list.begin() + static_cast<std::ptrdiff_t>(*index), item);
    return *id;
}

json add_entity(Context& ctx, json& document, const json& op, const std::string& path) {
    const OpFields f(ctx, op, path, "an addEntity", {"entity", "index"});
    const json* entity = f.object("entity", "an entity object (content/README.md, \"Entities\")");
    json* entities = entities_of(document);
    if (!entities) ctx.pack_error("/entities", "the pack has no \"entities\" array to add to");
    if (!entity || !entities) return nullptr;
    const auto id = insert_with_new_id(ctx, f, *entities, *entity, "entity", "/entities", "the entity's", "sinjar-recapture");
    if (!id) return nullptr;
    ctx.touched.push_back({Touched::Part::Entity, *id, "", f.at("entity"), false});
    json inverse = op_object("removeEntity");
    inverse["id"] = *id;
    return inverse;
}

// Every field of another entity that names `id`, as pack paths with the referring id.
std::vector<std::string> references_to(const json& entities, std::string_view id) {
    std::vector<std::string> found;
    for (std::size_t i = 0; i < entities.size(); ++i) {
        const json& e = entities[i];
        if (!e.is_object()) continue;
        const std::string self = string_member(e, "id") ? *string_member(e, "id") : std::string();
        if (self == id) continue;
        const std::string base = "/entities/" + std::to_string(i);
        const auto note = [&](const std::string& where) { found.push_back(where + (self.empty() ? "" : " (" + in_quotes(self) + ")")); };
        for (const char* key : {"speaker", "place"})
            if (const std::string* v = string_member(e, key); v && *v == id) note(base + "/" + key);
        for (const char* key : kReferenceLists) {
            const auto list = e.find(key);
            if (list == e.end() || !list->is_array()) continue;
            for (std::size_t k = 0; k < list->size(); ++k)
                if ((*list)[k].is_string() && (*list)[k].get_ref<const std::string&>() == id) note(base + "/" + key + "/" + std::to_string(k));
        }
        if (const auto check = e.find("check"); check != e.end())
            for (const char* key : {"from", "to"})
                if (const std::string* v = string_member(*check, key); v && *v == id) note(base + "/check/" + key);
    }
    return found;
}

json remove_entity(Context& ctx, json& document, const json& op, const std::string& path) {
    const OpFields f(ctx, op, path, "a removeEntity", {"id"});
    const auto index = find_entity(ctx, document, f);
    if (!index) return nullptr;
    json& entities = *entities_of(document);
    const std::string id = *string_member(entities[*index], "id");
    const std::vector<std::string> references = references_to(entities, id);
    if (!references.empty()) {
        std::string list;
        for (std::size_t i = 0; i < references.size() && i < 8; ++i) list += (i ? ", " : "") + references[i];
        if (references.size() > 8) list += " and " + std::to_string(references.size() - 8) + " more";
        ctx.error(f.at("id"), "entity " + in_quotes(id) + " is still referred to by " + list +
                                  "; remove or change those references first (a batch can do both in one step)");
        return nullptr;
    }
    json inverse = op_object("addEntity");
    inverse["entity"] = std::move(entities[*index]);
    inverse["index"] = *index;
    entities.erase(*index);
    return inverse;
}

json update_entity(Context& ctx, json& document, const json& op, const std::string& path) {
    const OpFields f(ctx, op, path, "an updateEntity", {"id", "fields"});
    const auto index = find_entity(ctx, document, f);
    const json* fields = f.object("fields", "an object of the keys to set (null removes a key)");
    if (!index || !fields) return nullptr;
    if (fields->contains("id")) {
        ctx.error(f.at("fields") + "/id", "an entity's id cannot change: links and references name it (remove the entity and add it under the new id)");
        return nullptr;
    }
    json& entity = (*entities_of(document))[*index];
    if (!entity.is_object()) {
        ctx.pack_error("/entities/" + std::to_string(*index), "the entity is not an object, so it has no fields to set");
        return nullptr;
    }
    const std::string id = *string_member(entity, "id");
    json previous = json::object();
    for (auto it = fields->begin(); it != fields->end(); ++it) {
        const auto old = entity.find(it.key());
        previous[it.key()] = old == entity.end() ? json(nullptr) : *old;
        if (it->is_null()) entity.erase(it.key());
        else entity[it.key()] = *it;
        ctx.touched.push_back({Touched::Part::Entity, id, "/" + pointer_escape(it.key()), f.at("fields") + "/" + pointer_escape(it.key()), false});
    }
    ctx.touched.push_back({Touched::Part::Entity, id, "", f.at("id"), true});
    json inverse = op_object("updateEntity");
    inverse["id"] = id;
    inverse["fields"] = std::move(previous);
    return inverse;
}

// [SECTION] Mention operations ------------------------------------------------------------

// The inverse of any change to one entity's mentions: put the list back as it was.
json restore_mentions(const std::string& id, const json& entity) {
    json inverse = op_object("updateEntity");
    inverse["id"] = id;
    const auto old = entity.find("mentions");
    inverse["fields"] = json{{"mentions", old == entity.end() ? json(nullptr) : *old}};
    return inverse;
}

json add_mention(Context& ctx, json& document, const json& op, const std::string& path) {
    const OpFields f(ctx, op, path, "an addMention", {"id", "paragraph", "exact", "prefix", "suffix", "occurrence", "index"});
    const auto index = find_entity(ctx, document, f);
    const std::string* paragraph = f.text("paragraph", true, "a paragraph id (a string)");
    const std::string* exact = f.text("exact", true, "the mentioned text (a string)");
    json mention = json::object();
    for (const char* key : {"prefix", "suffix"})
        if (const std::string* context = f.text(key, false, "text (a string)")) mention[key] = *context;
    if (const json* occurrence = f.member("occurrence", false, "which match, from 1")) mention["occurrence"] = *occurrence;
    if (!index || !paragraph || !exact) return nullptr;
    json& entity = (*entities_of(document))[*index];
    if (!entity.is_object()) return nullptr;
    const auto list = entity.find("mentions");
    if (list != entity.end() && !list->is_array()) {
        ctx.pack_error("/entities/" + std::to_string(*index) + "/mentions", "\"mentions\" is not an array, so nothing can be added to it");
        return nullptr;
    }
    const std::size_t size = list == entity.end() ? 0 : list->size();
    const auto at = f.index("index", size, false, true);
    if (!at) return nullptr;
    mention["paragraph"] = *paragraph;
    mention["exact"] = *exact;
    const std::string id = *string_member(entity, "id");
    json inverse = restore_mentions(id, entity);
    json& mentions = entity["mentions"];
    if (!mentions.is_array()) mentions = json::array();
    mentions.insert(mentions.begin() + static_cast<std::ptrdiff_t>(*at), std::move(mention));
    // The selector's own fields map to the op's; a problem with the whole selector
    // ("matches 2 times") belongs to its text.
    ctx.touched.push_back({Touched::Part::Entity, id, "/mentions/" + std::to_string(*at), path, false});
    ctx.touched.push_back({Touched::Part::Entity, id, "/mentions/" + std::to_string(*at), f.at("exact"), true});
    return inverse;
}

json remove_mention(Context& ctx, json& document, const json& op, const std::string& path) {
    const OpFields f(ctx, op, path, "a removeMention", {"id", "index"});
    const auto index = find_entity(ctx, document, f);
    if (!index) return nullptr;
    json& entity = (*entities_of(document))[*index];
    const auto list = entity.is_object() ? entity.find("mentions") : entity.end();
    const std::size_t size = entity.is_object() && list != entity.end() && list->is_array() ? list->size() : 0;
    const auto at = f.index("index", size, true, false);
    if (!at) return nullptr;
    const std::string id = *string_member(entity, "id");
    json inverse = restore_mentions(id, entity);
    list->erase(*at);
    ctx.touched.push_back({Touched::Part::Entity, id, "", f.at("id"), true});
    return inverse;
}

// [SECTION] Paragraph operations ----------------------------------------------------------

// Where a mention that stood at [begin, begin + length) of the old text stands in the new
// one, given that only old[same_front, old.size() - same_back) changed; nullopt when its
// text is gone. A mention in the changed stretch moves to the nearest copy of its text.
std::optional<std::size_t> moved(std::string_view old_text, std::string_view new_text, std::size_t same_front,
                                 std::size_t same_back, std::size_t begin, std::size_t length) {
    if (begin + length <= same_front) return begin;
    if (begin >= old_text.size() - same_back) return begin - old_text.size() + new_text.size();
    Mention plain;
    plain.exact = std::string(old_text.substr(begin, length));
    std::optional<std::size_t> best;
    for (const std::size_t at : match_selector(new_text, plain).plain) {
        const std::size_t distance = at > begin ? at - begin : begin - at;
        if (!best || distance < (*best > begin ? *best - begin : begin - *best)) best = at;
    }
    return best;
}

// A drafted suggestion's evidence in the paragraph, moved as a mention is; where the change
// took some of its words, it stretches over what replaced them, as it now reads. Evidence is
// the drafter's note of why, not the author's claim: losing it made every correction of a
// paragraph with an unreviewed suggestion in it refused ("does not occur in paragraph").
void reanchor_evidence(json& document, const std::string& paragraph_id, std::string_view old_text, std::string_view new_text,
                       std::size_t same_front, std::size_t same_back, std::vector<json>& restore) {
    json* entities = entities_of(document);
    if (!entities) return;
    const std::size_t old_changed_end = old_text.size() - same_back, new_changed_end = new_text.size() - same_back;
    for (json& entity : *entities) {
        const std::string* id = string_member(entity, "id");
        if (!id || !entity.contains("suggestion") || !entity["suggestion"].is_object()) continue;
        json& suggestion = entity["suggestion"];
        if (!suggestion.contains("evidence") || !suggestion["evidence"].is_object()) continue;
        const std::optional<Mention> selector = selector_of(suggestion["evidence"]);
        const SelectorMatches before = selector && selector->paragraph == paragraph_id ? match_selector(old_text, *selector) : SelectorMatches{};
        if (!before.chosen) continue;
        const std::size_t begin = *before.chosen, end = begin + selector->exact.size();
        std::size_t new_begin = begin <= same_front ? begin : begin >= old_changed_end ? begin - old_text.size() + new_text.size() : same_front;
        std::size_t new_end = end <= same_front ? end : end >= old_changed_end ? end - old_text.size() + new_text.size() : new_changed_end;
        // The unchanged ends may meet inside a character ("é" for "è"): whole characters.
        while (new_begin > 0 && is_utf8_continuation(static_cast<unsigned char>(new_text[new_begin]))) --new_begin;
        while (new_end < new_text.size() && is_utf8_continuation(static_cast<unsigned char>(new_text[new_end]))) ++new_end;
        if (new_begin >= new_end) continue;  // nothing of it is left: the validator says so
        json moved_evidence = mention_to_json(selector_at(paragraph_id, new_text, new_begin, new_end));
        if (moved_evidence == suggestion["evidence"]) continue;
        json inverse = op_object("updateEntity");
        inverse["id"] = *id;
        inverse["fields"] = json{{"suggestion", suggestion}};
        restore.push_back(std::move(inverse));
        suggestion["evidence"] = std::move(moved_evidence);
    }
}

// Re-anchors every mention of `paragraph_id` from `old_text` to `new_text` (see
// pack_edit.h), and the evidence of suggestions there; returns the ops that put the
// changed mention lists and suggestions back.
std::vector<json> reanchor(Context& ctx, json& document, const std::string& paragraph_id, std::string_view old_text,
                           std::string_view new_text) {
    std::vector<json> restore;
    json* entities = entities_of(document);
    if (!entities) return restore;
    std::size_t same_front = 0;
    while (same_front < old_text.size() && same_front < new_text.size() && old_text[same_front] == new_text[same_front]) ++same_front;
    std::size_t same_back = 0;
    while (same_back < old_text.size() - same_front && same_back < new_text.size() - same_front &&
           old_text[old_text.size() - 1 - same_back] == new_text[new_text.size() - 1 - same_back])
        ++same_back;
    for (json& entity : *entities) {
        const std::string* id = string_member(entity, "id");
        const auto list = entity.is_object() ? entity.find("mentions") : entity.end();
        if (!id || list == entity.end() || !list->is_array()) continue;
        json kept = json::array();
        bool changed = false;
        for (const json& mention : *list) {
            const std::optional<Mention> selector = selector_of(mention);
            const SelectorMatches before = selector && selector->paragraph == paragraph_id ? match_selector(old_text, *selector) : SelectorMatches{};
            if (!before.chosen) {  // another paragraph's, or already broken: the validator's business
                kept.push_back(mention);
                continue;
            }
            const auto begin = moved(old_text, new_text, same_front, same_back, *before.chosen, selector->exact.size());
            if (!begin) {
                ctx.lost.push_back({*id, mention});
                changed = true;
            } else if (picks(new_text, *selector, *begin)) {
                kept.push_back(mention);
            } else {
                kept.push_back(mention_to_json(selector_at(paragraph_id, new_text, *begin, *begin + selector->exact.size())));
                changed = true;
            }
        }
        if (!changed) continue;
        restore.push_back(restore_mentions(*id, entity));
        *list = std::move(kept);
    }
    reanchor_evidence(document, paragraph_id, old_text, new_text, same_front, same_back, restore);
    return restore;
}

json edit_paragraph(Context& ctx, json& document, const json& op, const std::string& path) {
    const OpFields f(ctx, op, path, "an editParagraph", {"paragraph", "text", "reanchor"});
    const std::string* id = f.text("paragraph", true, "a paragraph id (a string)");
    const std::string* text = f.text("text", true, "the paragraph's new text (a string)");
    const json* reanchor_flag = f.member("reanchor", false, "true or false");
    if (reanchor_flag && !reanchor_flag->is_boolean()) {
        ctx.error(f.at("reanchor"), "expected true or false");
        return nullptr;
    }
    if (!id || !text) return nullptr;
    json* paragraphs = paragraphs_of(document);
    const auto index = index_with_id(paragraphs, *id);
    if (!index) {
        ctx.error(f.at("paragraph"), "no paragraph has the id " + in_quotes(*id));
        return nullptr;
    }
    json& paragraph = (*paragraphs)[*index];
    const std::string* old = string_member(paragraph, "text");
    if (!old) {
        ctx.pack_error("/article/paragraphs/" + std::to_string(*index) + "/text", "the paragraph has no text to edit (fix the pack's file)");
        return nullptr;
    }
    const std::string old_text = *old;
    std::vector<json> restore;
    if (!reanchor_flag || reanchor_flag->get<bool>()) restore = reanchor(ctx, document, *id, old_text, *text);
    paragraph["text"] = *text;
    ctx.touched.push_back({Touched::Part::Paragraph, *id, "/text", f.at("text"), false});

    json inverse = op_object("editParagraph");
    inverse["paragraph"] = *id;
    inverse["text"] = old_text;
    inverse["reanchor"] = false;  // the mention lists are put back as they were, by `restore`
    if (restore.empty()) return inverse;
    json batch = op_object("batch");
    batch["ops"] = json::array({std::move(inverse)});
    for (json& r : restore) batch["ops"].push_back(std::move(r));
    return batch;
}

// The paragraph an op adds back: {id, text, link?}, at `index` (default: the end). It is
// removeParagraph's inverse, and the way an author adds a paragraph.
json add_paragraph(Context& ctx, json& document, const json& op, const std::string& path) {
    const OpFields f(ctx, op, path, "an addParagraph", {"paragraph", "index"});
    const json* paragraph = f.object("paragraph", "a paragraph object: {\"id\", \"text\", \"link\"?}");
    json* paragraphs = paragraphs_of(document);
    if (!paragraphs) ctx.pack_error("/article/paragraphs", "the article has no \"paragraphs\" array to add to (fix the pack's file)");
    if (!paragraph || !paragraphs) return nullptr;
    const auto id = insert_with_new_id(ctx, f, *paragraphs, *paragraph, "paragraph", "/article/paragraphs", "the paragraph's", "p12");
    if (!id) return nullptr;
    ctx.touched.push_back({Touched::Part::Paragraph, *id, "", f.at("paragraph"), false});
    json inverse = op_object("removeParagraph");
    inverse["paragraph"] = *id;
    return inverse;
}

// Whether a selector (a mention, a suggestion's evidence) points into paragraph `id`.
bool in_paragraph(const json& selector, std::string_view id) {
    const std::string* paragraph = string_member(selector, "paragraph");
    return paragraph && *paragraph == id;
}

// The entity's suggestion when its evidence points into paragraph `id`, else nullptr.
json* suggestion_in_paragraph(json& entity, std::string_view id) {
    const auto suggestion = entity.find("suggestion");
    if (suggestion == entity.end() || !suggestion->is_object()) return nullptr;
    const auto evidence = suggestion->find("evidence");
    return evidence != suggestion->end() && in_paragraph(*evidence, id) ? &*suggestion : nullptr;
}

// What stands on paragraph `id`'s words and could not without them, each with what to do
// first: a quote mentioned only there (its words must be the article's), a suggestion whose
// evidence is there and that has no mention elsewhere to move it to (the author has not
// reviewed it yet), an entity mentioned only there that cites nothing (without mentions an
// entity is context from beyond the article, which the validator wants cited).
std::vector<std::string> held_by_paragraph(json& entities, std::string_view id) {
    std::vector<std::string> held;
    for (std::size_t i = 0; i < entities.size(); ++i) {
        json& e = entities[i];
        const std::string* self = string_member(e, "id");
        if (!self) continue;
        std::size_t here = 0, elsewhere = 0;
        if (const auto list = e.find("mentions"); list != e.end() && list->is_array())
            for (const json& mention : *list) ++(in_paragraph(mention, id) ? here : elsewhere);
        const bool evidence_here = suggestion_in_paragraph(e, id) != nullptr;
        if (elsewhere > 0 || (here == 0 && !evidence_here)) continue;
        const std::string* kind = string_member(e, "kind");
        const auto citations = e.find("citations");
        const bool cited = citations != e.end() && citations->is_array() && !citations->empty();
        const std::string name = in_quotes(*self) + " (/entities/" + std::to_string(i) + ")";
        if (kind && *kind == "quote" && here > 0)
            held.push_back("every mention of quote " + name + ", whose words must be the article's: remove the quote first");
        else if (evidence_here)
            held.push_back("the evidence of suggestion " + name + ", not reviewed yet: accept or reject it first");
        else if (!cited)
            held.push_back("every mention of " + name + ", which has no citations to stand on without them: remove it or cite a source first");
    }
    return held;
}

// Removes a paragraph and the mentions in it (reported in `lost`); a suggestion's evidence
// there moves to the entity's first mention left. Refused for the article's only paragraph
// and for one that entities stand on (held_by_paragraph), rather than removing more than
// the author asked for.
json remove_paragraph(Context& ctx, json& document, const json& op, const std::string& path) {
    const OpFields f(ctx, op, path, "a removeParagraph", {"paragraph"});
    const std::string* id = f.text("paragraph", true, "a paragraph id (a string)");
    if (!id) return nullptr;
    json* paragraphs = paragraphs_of(document);
    const auto index = index_with_id(paragraphs, *id);
    if (!index) {
        ctx.error(f.at("paragraph"), "no paragraph has the id " + in_quotes(*id));
        return nullptr;
    }
    if (paragraphs->size() == 1) {
        ctx.error(f.at("paragraph"), "paragraph " + in_quotes(*id) + " is the article's only one, and an article needs at least one: correct its text instead");
        return nullptr;
    }
    json* entities = entities_of(document);
    const std::vector<std::string> held = entities ? held_by_paragraph(*entities, *id) : std::vector<std::string>{};
    if (!held.empty()) {
        std::string list;
        for (std::size_t i = 0; i < held.size() && i < 8; ++i) list += (i ? "; " : "") + held[i];
        if (held.size() > 8) list += "; and " + std::to_string(held.size() - 8) + " more";
        ctx.error(f.at("paragraph"), "paragraph " + in_quotes(*id) + " holds " + list + " (a batch can do that and remove the paragraph in one step)");
        return nullptr;
    }
    json inverse_ops = json::array();
    json restore_paragraph = op_object("addParagraph");
    restore_paragraph["paragraph"] = (*paragraphs)[*index];
    restore_paragraph["index"] = *index;
    inverse_ops.push_back(std::move(restore_paragraph));
    if (entities) {
        for (json& entity : *entities) {
            const std::string* entity_id = string_member(entity, "id");
            const auto list = entity.is_object() ? entity.find("mentions") : entity.end();
            if (!entity_id || list == entity.end() || !list->is_array()) continue;
            json kept = json::array();
            for (const json& mention : *list) {
                if (in_paragraph(mention, *id)) ctx.lost.push_back({*entity_id, mention});
                else kept.push_back(mention);
            }
            if (json* suggestion = suggestion_in_paragraph(entity, *id)) {
                json restore_suggestion = op_object("updateEntity");
                restore_suggestion["id"] = *entity_id;
                restore_suggestion["fields"] = json{{"suggestion", *suggestion}};
                inverse_ops.push_back(std::move(restore_suggestion));
                (*suggestion)["evidence"] = kept.front();  // there is one: held_by_paragraph refused the paragraph otherwise
            }
            if (kept.size() == list->size()) continue;
            inverse_ops.push_back(restore_mentions(*entity_id, entity));
            *list = std::move(kept);
        }
    }
    paragraphs->erase(*index);
    if (inverse_ops.size() == 1) return std::move(inverse_ops[0]);
    json batch = op_object("batch");
    batch["ops"] = std::move(inverse_ops);
    return batch;
}

// [SECTION] Article operations ----------------------------------------------------------

// The article's own fields: its headline, source, dates, corrections... Not its paragraphs,
// which change one at a time (editParagraph) so that their mentions follow.
json update_article(Context& ctx, json& document, const json& op, const std::string& path) {
    const OpFields f(ctx, op, path, "an updateArticle", {"fields"});
    const json* fields = f.object("fields", "an object of the article's keys to set (null removes a key)");
    if (!fields) return nullptr;
    if (fields->contains("paragraphs")) {
        ctx.error(f.at("fields") + "/paragraphs", "paragraphs change one at a time, so that their mentions follow: use editParagraph");
        return nullptr;
    }
    const auto article = document.is_object() ? document.find("article") : document.end();
    if (!document.is_object() || article == document.end() || !article->is_object()) {
        ctx.pack_error("/article", "the pack has no article object to update (fix the pack's file)");
        return nullptr;
    }
    json previous = json::object();
    for (auto it = fields->begin(); it != fields->end(); ++it) {
        const auto old = article->find(it.key());
        previous[it.key()] = old == article->end() ? json(nullptr) : *old;
        if (it->is_null()) article->erase(it.key());
        else (*article)[it.key()] = *it;
        ctx.touched.push_back({Touched::Part::Article, "", "/" + pointer_escape(it.key()), f.at("fields") + "/" + pointer_escape(it.key()), false});
    }
    json inverse = op_object("updateArticle");
    inverse["fields"] = std::move(previous);
    return inverse;
}

// [SECTION] Applying and validating -------------------------------------------------------

json apply_op(Context& ctx, json& document, const json& op, const std::string& path, int depth);

json apply_batch(Context& ctx, json& document, const json& op, const std::string& path, int depth) {
    const OpFields f(ctx, op, path, "a batch", {"ops"});
    const json* ops = f.member("ops", true, "an array of ops");
    if (!ops) return nullptr;
    if (!ops->is_array()) {
        ctx.error(f.at("ops"), "expected an array of ops");
        return nullptr;
    }
    if (depth >= kMaxBatchDepth) {
        ctx.error(path, "batches nest deeper than " + std::to_string(kMaxBatchDepth) + " levels");
        return nullptr;
    }
    json inverses = json::array();
    for (std::size_t i = 0; i < ops->size(); ++i) {
        json inverse = apply_op(ctx, document, (*ops)[i], f.at("ops") + "/" + std::to_string(i), depth + 1);
        if (!ctx.errors.empty()) return nullptr;
        inverses.insert(inverses.begin(), std::move(inverse));
    }
    json inverse = op_object("batch");
    inverse["ops"] = std::move(inverses);
    return inverse;
}

json apply_op(Context& ctx, json& document, const json& op, const std::string& path, int depth) {
    if (!op.is_object()) {
        ctx.error(path, "expected an op object such as {\"op\": \"addEntity\", \"entity\": {...}}, found " + shown(op));
        return nullptr;
    }
    const std::string* name = string_member(op, "op");
    if (!name) {
        ctx.error(path + "/op", "expected the op's name: addEntity, updateEntity, removeEntity, addMention, removeMention, editParagraph, addParagraph, removeParagraph, updateArticle or batch");
        return nullptr;
    }
    if (*name == "addEntity") return add_entity(ctx, document, op, path);
    if (*name == "updateEntity") return update_entity(ctx, document, op, path);
    if (*name == "removeEntity") return remove_entity(ctx, document, op, path);
    if (*name == "addMention") return add_mention(ctx, document, op, path);
    if (*name == "removeMention") return remove_mention(ctx, document, op, path);
    if (*name == "editParagraph") return edit_paragraph(ctx, document, op, path);
    if (*name == "addParagraph") return add_paragraph(ctx, document, op, path);
    if (*name == "removeParagraph") return remove_paragraph(ctx, document, op, path);
    if (*name == "updateArticle") return update_article(ctx, document, op, path);
    if (*name == "batch") return apply_batch(ctx, document, op, path, depth);
    ctx.error(path + "/op", "unknown op " + in_quotes(*name) +
                                ": expected addEntity, updateEntity, removeEntity, addMention, removeMention, editParagraph, addParagraph, removeParagraph, updateArticle or batch");
    return nullptr;
}

// "/entities/3/name" -> "/entities/#sinjar/name": errors compared across an edit that
// moved entities compare by id.
std::string by_id(const json& document, const std::string& path) {
    static constexpr std::string_view kPrefix = "/entities/";
    if (path.rfind(kPrefix, 0) != 0) return path;
    const std::size_t end = path.find('/', kPrefix.size());
    const std::string digits = path.substr(kPrefix.size(), end == std::string::npos ? std::string::npos : end - kPrefix.size());
    if (digits.empty() || digits.size() > 6 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return path;
    const json* entities = document.is_object() && document.contains("entities") ? &document.find("entities").value() : nullptr;
    const std::size_t index = static_cast<std::size_t>(std::stoul(digits));
    if (!entities || !entities->is_array() || index >= entities->size()) return path;
    const std::string* id = string_member((*entities)[index], "id");
    return std::string(kPrefix) + "#" + (id ? *id : digits) + (end == std::string::npos ? "" : path.substr(end));
}

// The op path an error at `pack_path` of the edited document belongs to, or "".
std::string op_path_of(json& document, const std::vector<Touched>& touched, const std::string& pack_path) {
    for (auto t = touched.rbegin(); t != touched.rend(); ++t) {
        std::string base = "/article" + t->pack_suffix;
        if (t->part != Touched::Part::Article) {
            const bool entity = t->part == Touched::Part::Entity;
            const auto index = entity ? index_with_id(entities_of(document), t->id) : index_with_id(paragraphs_of(document), t->id);
            if (!index) continue;
            base = (entity ? "/entities/" : "/article/paragraphs/") + std::to_string(*index) + t->pack_suffix;
        }
        if (pack_path == base) return t->op_path;
        if (!t->exact_only && pack_path.rfind(base + "/", 0) == 0) return t->op_path + pack_path.substr(base.size());
    }
    return {};
}

} // namespace

// [SECTION] Canonical form (public) ---------------------------------------------------------

std::optional<json> parse_pack_document(std::string_view text) {
    if (find_excess_nesting(text)) return std::nullopt;
    json document = json::parse(text, nullptr, false);
    if (document.is_discarded()) return std::nullopt;
    return document;
}

std::string format_pack(const json& document) {
    std::string out;
    write_value(out, document, Role::Root, 0);
    out += '\n';
    return out;
}

// [SECTION] Selectors (public) --------------------------------------------------------------

SelectorResult selector_for_range(std::string_view paragraph_id, std::string_view text, std::size_t begin, std::size_t end) {
    SelectorResult result;
    if (begin > end || end > text.size()) {
        result.error = "the selection [" + std::to_string(begin) + ", " + std::to_string(end) + ") lies outside the paragraph (" +
                       std::to_string(text.size()) + " bytes)";
        return result;
    }
    while (begin < end && is_space(text[begin])) ++begin;
    while (end > begin && is_space(text[end - 1])) --end;
    if (begin == end) {
        result.error = "the selection is empty: select the words that refer to the entity";
        return result;
    }
    if (is_utf8_continuation(static_cast<unsigned char>(text[begin])) || (end < text.size() && is_utf8_continuation(static_cast<unsigned char>(text[end])))) {
        result.error = "the selection cuts a character in two: select whole characters";
        return result;
    }
    if (end - begin > kMaxExactBytes) {
        result.error = "the selection is longer than " + std::to_string(kMaxExactBytes) + " bytes: a mention marks a phrase, not a passage";
        return result;
    }
    result.mention = selector_at(paragraph_id, text, begin, end);
    return result;
}

json mention_to_json(const Mention& mention) {
    json out = {{"paragraph", mention.paragraph}, {"exact", mention.exact}};
    if (!mention.prefix.empty()) out["prefix"] = mention.prefix;
    if (!mention.suffix.empty()) out["suffix"] = mention.suffix;
    if (mention.occurrence > 0) out["occurrence"] = mention.occurrence;
    return out;
}

// [SECTION] Operations (public) -------------------------------------------------------------

EditResult apply_edit(json& document, const json& op, bool restoring) {
    EditResult result;
    Context ctx;
    json work = document;
    json inverse = apply_op(ctx, work, op, "", 0);
    if (!ctx.errors.empty()) {
        result.errors = std::move(ctx.errors);
        return result;
    }
    // A field set to the value it has: nothing to check again, and nothing to undo.
    if (work == document) {
        result.ok = result.unchanged = true;
        return result;
    }
    LoadResult after = load_pack(dump(work), "pack");
    if (!after.errors.empty() && !restoring) {
        // A pack opened with errors may still be edited, as long as the edit adds none.
        const LoadResult before = load_pack(dump(document), "pack");
        std::map<std::string, int> known;
        for (const Diagnostic& d : before.errors) ++known[by_id(document, d.path) + "\n" + d.message];
        for (const Diagnostic& d : after.errors) {
            int& count = known[by_id(work, d.path) + "\n" + d.message];
            if (count > 0) {
                --count;
                continue;
            }
            result.errors.push_back({op_path_of(work, ctx.touched, d.path), d.path, d.message});
        }
        if (!result.errors.empty()) return result;
    }
    document = std::move(work);
    result.ok = true;
    result.inverse = std::move(inverse);
    result.lost = std::move(ctx.lost);
    result.pack = std::move(after.pack);
    result.warnings = std::move(after.warnings);
    return result;
}

json edit_result_to_json(const EditResult& result) {
    json errors = json::array();
    for (const EditError& e : result.errors) errors.push_back({{"path", e.path}, {"packPath", e.pack_path}, {"message", e.message}});
    json lost = json::array();
    for (const LostMention& l : result.lost) lost.push_back({{"id", l.entity}, {"mention", l.mention}});
    return {{"ok", result.ok}, {"unchanged", result.unchanged}, {"errors", std::move(errors)},
            {"inverse", result.ok && !result.unchanged ? result.inverse : json(nullptr)}, {"lost", std::move(lost)}};
}

} // namespace explainer
