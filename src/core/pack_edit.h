// Editing a pack: the operations an author performs (in the editor, or through
// `Explainer.editor.apply(op)`), each with its exact inverse for undo and redo; the
// selector an author's text selection becomes; and the canonical formatter that saves a
// pack so that open-then-save changes nothing and later edits make small diffs.
//
// The document edited is the pack's JSON as authored (a nlohmann::json value), not the
// loaded Pack: the Pack resolves relative dates, marks context and drops key order, so
// it cannot give the author's file back. Every edit is checked by load_pack(), the same
// validator the app and explainer-validate run, and the loaded Pack comes with the result.
//
// Operations are JSON objects, as the JS API receives them:
//   {"op": "addEntity", "entity": {...}, "index"?: n}       insert (default: at the end)
//   {"op": "updateEntity", "id": ID, "fields": {key: value|null}}  set keys; null removes one
//   {"op": "removeEntity", "id": ID}                         refused while anything refers to it
//   {"op": "addMention", "id": ID, "paragraph": P, "exact": TEXT, "prefix"?, "suffix"?,
//    "occurrence"?: n, "index"?: n}                           append (or insert) a selector
//   {"op": "removeMention", "id": ID, "index": n}
//   {"op": "editParagraph", "paragraph": P, "text": TEXT, "reanchor"?: true}
//   {"op": "addParagraph", "paragraph": {id, text, link?}, "index"?: n}  insert (default: at the end)
//   {"op": "removeParagraph", "paragraph": P}                 with its mentions; refused while it is needed
//   {"op": "updateArticle", "fields": {key: value|null}}   the article's keys but its paragraphs
//   {"op": "batch", "ops": [op, ...]}                        all or nothing, one undo step
// An entity's id never changes (links and references name it): remove it and add it again.
// removeEntity refuses, naming every field that refers to the entity (a quote's speaker,
// an event's places, any `related`, ...), rather than removing more than the author asked
// for; a batch can clear those references and remove it in one step.
// editParagraph re-anchors the paragraph's mentions: a mention outside the changed text
// keeps its place, one inside it moves to the nearest copy of its text, and its selector is
// recomputed only when the old one no longer picks that place. A mention whose text is gone
// is removed and reported in `lost`; the inverse restores it. A suggestion's evidence moves
// as a mention does, and stretches over the new words where the change took some of its own.
// removeParagraph removes the paragraph's mentions too (reported in `lost`, as editParagraph
// reports them) and moves a suggestion's evidence there to the entity's first mention left.
// It refuses the article's only paragraph, and one that holds every mention of a quote (its
// words must be the article's), of an entity without citations (one with no mentions is
// context, which needs them), or a suggestion's evidence with no mention elsewhere (not
// reviewed yet): the message names each, rather than removing more than the author asked for.
//
// Index
// - [SECTION] Canonical form
// - [SECTION] Selectors
// - [SECTION] Operations
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pack.h"

namespace explainer {

// [SECTION] Canonical form ------------------------------------------------------------

// The pack's JSON as a document, or nullopt when the text is not JSON (load_pack() says
// where and why). Nesting is limited as in load_pack().
std::optional<nlohmann::json> parse_pack_document(std::string_view text);

// The canonical text of a pack: two-space indentation, one member or element a line, keys
// in the order content/README.md documents them (unknown keys after, alphabetically),
// UTF-8 as is, shortest round-trip numbers, and a final newline. Parsing the result gives
// the same document, and formatting that again gives the same text.
std::string format_pack(const nlohmann::json& document);

// [SECTION] Selectors -----------------------------------------------------------------

// The selector for bytes [begin, end) of a paragraph's text (the author's selection):
// `exact` is the selected text without surrounding spaces; a prefix or suffix of whole
// words is added only when `exact` occurs more than once, and `occurrence` only when no
// context of up to 256 bytes singles it out. load_pack()'s resolver picks exactly that
// text. Refused with a reason: an empty or out-of-range selection, or one that cuts a
// UTF-8 character.
struct SelectorResult {
    std::optional<Mention> mention;  // paragraph, exact, prefix, suffix, occurrence, begin, end
    std::string error;
};
SelectorResult selector_for_range(std::string_view paragraph_id, std::string_view text, std::size_t begin, std::size_t end);

// {"paragraph", "exact", "prefix"?, "suffix"?, "occurrence"?}: a mention as a pack writes it.
nlohmann::json mention_to_json(const Mention& mention);

// [SECTION] Operations ----------------------------------------------------------------

// The fields of an entity that list other entities by id (an event's places, a person's
// affiliations): a removed entity must leave them (removeEntity refuses while it is in one).
inline constexpr const char* kReferenceLists[] = {"places", "participants", "affiliations", "creators", "related"};

// What is wrong with an op. `path` points into the op ("/entity/location/lat",
// "/ops/2/exact"); it is "" when the problem lies elsewhere in the pack, and `pack_path`
// then says where (it is set whenever the validator found the problem).
struct EditError {
    std::string path;
    std::string pack_path;
    std::string message;
};

// A mention editParagraph removed because its text is no longer in the paragraph.
struct LostMention {
    std::string entity;        // entity id
    nlohmann::json mention;    // the selector as it was
};

struct EditResult {
    bool ok = false;
    std::vector<EditError> errors;    // when !ok: why; the document is unchanged
    bool unchanged = false;           // when ok: the op left the document as it was (no inverse)
    nlohmann::json inverse;           // when ok and changed: the op that undoes this one exactly
    std::vector<LostMention> lost;
    std::optional<Pack> pack;         // the loaded pack after the edit (when it validates)
    std::vector<Diagnostic> warnings; // the validator's warnings about the result
};

// Applies `op` to `document` atomically: on any error the document is left as it was.
// A valid pack stays valid (the op is refused with the validator's messages otherwise); a
// pack opened with errors may be edited as long as the edit adds none.
// `restoring` is for undo and redo: `op` is an inverse an earlier result returned, which
// puts back a pack the editor already held, so it is applied even when that pack had
// errors (undoing the fix of an error brings the error back). Its shape is still checked.
EditResult apply_edit(nlohmann::json& document, const nlohmann::json& op, bool restoring = false);

// {"ok": bool, "errors": [{"path", "packPath", "message"}], "inverse": op|null,
//  "lost": [{"id", "mention"}]}: the result as Explainer.editor.apply(op) returns it.
nlohmann::json edit_result_to_json(const EditResult& result);

} // namespace explainer
