// Drafting: a first pack made from an article's plain text, for an editor to check.
// Every entity it suggests carries `suggestion`: the rule that found it and the evidence
// span (a selector into the text), and for places the gazetteer candidates, ranked.
// It finds
// - places: countries, UN M49 regions and GeoNames populated places (gazetteer.h), each
//   with coordinates and a citation naming GeoNames and its geonameid; an ambiguous name
//   ("Santiago") offers candidates ranked by the countries the text names, the other
//   places it finds and population;
// - direct quotations in “…” and "…", also when "he said" splits them, they run on into
//   the next paragraph or they are fragments inside the speaker's sentence ("Biden called
//   the attack “an outrage.”"), with their speaker ("said X", "X said", "he said" for the
//   last named speaker) and the role the text gives ("X, a spokesman for Y");
// - people (ranks and honorifics, speakers), organisations (names, acronyms and the names
//   they spell out in parentheses, "Kurdish forces") and their later references ("the
//   group"), figures (numbers with units) and events with the dates the text gives,
//   relative phrases resolved against publication.
// The result is a pack load_pack() accepts. The text is untrusted: bad input (no text,
// an unsupported script, malformed UTF-8, more than the loader takes) is refused with a
// message saying what to fix.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace explainer {

class Gazetteer;

// What the editor and the command line hand over: exactly the browser's
// Explainer.editor.draft({headline, source, published, paragraphs}) plus the optional url
// and language.
struct DraftInput {
    std::string headline;
    std::string source;
    std::string published;   // an ISO date or range, as `article.published.iso`
    std::string url;         // optional; never guessed
    std::string language;    // optional BCP 47 tag, as `article.language`; never guessed
    std::vector<std::string> paragraphs;
};

struct DraftResult {
    std::string pack_json;   // set on success
    std::string error;       // set on failure: what is wrong and how to fix it
    // Set on success: what the editor must check that the pack cannot say by itself ("paragraph
    // 3: Check the date: the text gives “31 June 2019”, a day its month does not have; drafted
    // as 2019-06."); each is also in the description of the entity it is about.
    std::vector<std::string> warnings;
};

// The loader's limits, so a draft it makes is one the loader takes.
inline constexpr std::size_t kMaxDraftParagraphs = 1000;
inline constexpr std::size_t kMaxDraftParagraphBytes = 16 * 1024;
inline constexpr std::size_t kMaxDraftBytes = 2 * 1024 * 1024;

// Drafts a pack. Without a gazetteer (nullptr) it suggests no places but countries and
// regions neither: those come from the gazetteer too.
DraftResult draft_pack(const DraftInput& input, const Gazetteer* gazetteer);

// The same input as JSON ({"headline", "source", "published", "url"?, "language"?, "paragraphs": [...]}),
// for the browser; errors name the key at fault.
DraftResult draft_pack_from_json(std::string_view input_json, const Gazetteer* gazetteer);
// Reads that JSON into `input`: "" on success, else the error naming the key.
std::string draft_input_from_json(std::string_view input_json, DraftInput& input);

// Every name draft_pack may look up in the gazetteer for this input (spans of the
// capitalised runs, as the drafter reads them), each once. The browser fetches the
// gazetteer shards these need (Gazetteer::shards_for_name) before it drafts, so a draft
// made with a sharded gazetteer is the same as one made with the full file.
std::vector<std::string> draft_place_names(const DraftInput& input);

// Reads the plain-text article format of `explainer-draft` (README, "Drafting a pack"):
// the headline on the first line, then optional "Source:", "Published:", "URL:", "Language:" lines,
// then paragraphs separated by blank lines (or one a line when there is no blank line).
// Fields already set in `input` (from command-line flags) win over the text's lines.
// Returns "" on success, else the error.
std::string parse_article_text(std::string_view text, DraftInput& input);

// A figure's note as the drafter and the editor's "New figure" write it: the sentence of
// `paragraph` around byte `at`, where the figure is given (at most 300 bytes of it).
std::string figure_note(std::string_view paragraph, std::size_t at);

// A quote's name as the drafter and the editor's "New quote" write it: its speaker's name and
// its first words, "Ana Rojas: “We closed the port…”" (at most 60 bytes of the words).
std::string quote_name(std::string_view speaker, std::string_view words);

// An entity id from a name: the folded name's words joined by '-', at most 40 bytes and
// cut after a whole word ("Ar Raqqah" -> "ar-raqqah"); `fallback` when nothing is left.
std::string slug_of(std::string_view text, std::string_view fallback);

// Descriptions the drafter and the editor's "New …" buttons write where an author has one
// still to write. A reader would read them in the entity's card ("Suggested from the
// sentence: …", after an author accepted every suggestion), so the validator warns of them.
inline constexpr std::string_view kPersonStandIn = "Person named in the article.";
inline constexpr std::string_view kOrganisationStandIn = "Organisation named in the article.";
inline constexpr std::string_view kSuggestionStandIn = "Suggested by the drafter.";
inline constexpr std::string_view kCountryStandIn = "Country named in the article. Drawn on the map as its shape.";
inline constexpr std::string_view kPlaceStandInStart = "Place named in the article: ";
inline constexpr std::string_view kSentenceStandInStart = "Suggested from the sentence: ";
inline constexpr std::string_view kNewEntityStandInStart = "Named in the article as “";
bool is_stand_in_description(std::string_view description);

} // namespace explainer
