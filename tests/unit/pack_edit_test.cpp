// Pack editing (src/core/pack_edit.h): the canonical formatter round-trips every shipped
// pack, selectors computed from selections pick exactly the selection, and every edit
// either applies with an inverse that restores the pack byte for byte, or is refused
// with an error at the op's field and the pack untouched.
//
// Index
// - [SECTION] Helpers
// - [SECTION] Canonical form
// - [SECTION] Selectors
// - [SECTION] Entity operations
// - [SECTION] Mentions and paragraphs
// - [SECTION] Batches and packs with errors
#include "core/pack_edit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/source_files.h"

namespace explainer {
namespace {

using json = nlohmann::json;

// [SECTION] Helpers -------------------------------------------------------------------

using test_support::read_source_file;

json seed() {
    auto document = parse_pack_document(read_source_file("content/isis-losing-ground.json"));
    EXPECT_TRUE(document.has_value());
    return document.value_or(json());
}

std::vector<std::string> shipped_packs() {
    std::vector<std::string> out = {"content/isis-losing-ground.json"};
    for (const auto& file : std::filesystem::directory_iterator(std::string(EXPLAINER_SOURCE_DIR) + "/tests/packs"))
        if (file.path().extension() == ".json") out.push_back("tests/packs/" + file.path().filename().string());
    return out;
}

const json& entity(const json& document, const std::string& id) {
    for (const json& e : document["entities"])
        if (e["id"] == id) return e;
    static const json none;
    return none;
}

std::string messages(const EditResult& r) {
    std::string out;
    for (const EditError& e : r.errors) out += "[" + e.path + "|" + e.pack_path + "] " + e.message + "\n";
    return out;
}

// Applies `op`, checks it succeeded, then undoes it and redoes it, each exactly.
EditResult apply_and_check_inverse(json& document, const json& op) {
    const json before = document;
    EditResult r = apply_edit(document, op);
    EXPECT_TRUE(r.ok) << messages(r);
    if (!r.ok) return r;
    EXPECT_TRUE(r.pack.has_value()) << "a valid pack stays valid";
    const json after = document;
    json undone = document;
    const EditResult undo = apply_edit(undone, r.inverse, true);
    EXPECT_TRUE(undo.ok) << messages(undo);
    EXPECT_TRUE(undo.pack.has_value()) << "undo gives back a valid pack";
    EXPECT_EQ(format_pack(undone), format_pack(before)) << "undo restores the pack exactly";
    const EditResult redo = apply_edit(undone, undo.inverse, true);
    EXPECT_TRUE(redo.ok) << messages(redo);
    EXPECT_EQ(format_pack(undone), format_pack(after)) << "redo gives the edit back exactly";
    return r;
}

// A field set to the value it has: the op succeeds, says it changed nothing, and leaves
// the document as it was with nothing to undo (the editor makes no step of it).
TEST(PackEdit, AnOpThatChangesNothingSaysSo) {
    json document = seed();
    const json before = document;
    const std::string name = document["entities"][0]["name"];
    const EditResult r = apply_edit(document, {{"op", "updateEntity"}, {"id", document["entities"][0]["id"]}, {"fields", {{"name", name}}}});
    EXPECT_TRUE(r.ok) << messages(r);
    EXPECT_TRUE(r.unchanged);
    EXPECT_TRUE(r.inverse.is_null());
    EXPECT_EQ(document, before);
    const EditResult changed = apply_edit(document, {{"op", "updateEntity"}, {"id", document["entities"][0]["id"]}, {"fields", {{"name", name + " (renamed)"}}}});
    EXPECT_TRUE(changed.ok && !changed.unchanged) << messages(changed);
}

// Applies an op that must be refused, and checks the document did not change.
EditResult refused(json& document, const json& op) {
    const std::string before = format_pack(document);
    EditResult r = apply_edit(document, op);
    EXPECT_FALSE(r.ok);
    EXPECT_FALSE(r.errors.empty());
    EXPECT_EQ(format_pack(document), before) << "a refused op leaves the pack as it was";
    return r;
}

// [SECTION] Canonical form --------------------------------------------------------------

TEST(PackFormat, EveryShippedPackRoundTrips) {
    for (const std::string& file : shipped_packs()) {
        SCOPED_TRACE(file);
        const std::string text = read_source_file(file);
        const auto document = parse_pack_document(text);
        ASSERT_TRUE(document.has_value());
        const std::string formatted = format_pack(*document);
        const auto again = parse_pack_document(formatted);
        ASSERT_TRUE(again.has_value());
        EXPECT_EQ(*again, *document) << "parse, format, parse gives the same pack";
        EXPECT_EQ(format_pack(*again), formatted) << "the canonical form is a fixed point";
        const LoadResult original = load_pack(text, file), reloaded = load_pack(formatted, file);
        ASSERT_TRUE(reloaded.pack.has_value());
        EXPECT_EQ(reloaded.pack->entities.size(), original.pack->entities.size());
    }
}

TEST(PackFormat, TheSeedIsAlreadyCanonical) {
    // The shipped seed is saved in canonical form, so an editor's open-then-save of it is
    // a byte-for-byte no-op and every later save diffs only what changed.
    const std::string text = read_source_file("content/isis-losing-ground.json");
    EXPECT_EQ(format_pack(*parse_pack_document(text)), text);
}

TEST(PackFormat, KeysComeInTheDocumentedOrder) {
    const json document = json::parse(R"({"entities": [{"mentions": [{"exact": "Sinjar", "paragraph": "p1"}],
        "name": "Sinjar", "kind": "place", "id": "sinjar", "zzz": 1}], "id": "x", "format": "explainer-pack/1"})");
    const std::string text = format_pack(document);
    EXPECT_EQ(text, "{\n"
                    "  \"format\": \"explainer-pack/1\",\n"
                    "  \"id\": \"x\",\n"
                    "  \"entities\": [\n"
                    "    {\n"
                    "      \"id\": \"sinjar\",\n"
                    "      \"kind\": \"place\",\n"
                    "      \"name\": \"Sinjar\",\n"
                    "      \"mentions\": [\n"
                    "        {\n"
                    "          \"paragraph\": \"p1\",\n"
                    "          \"exact\": \"Sinjar\"\n"
                    "        }\n"
                    "      ],\n"
                    "      \"zzz\": 1\n"
                    "    }\n"
                    "  ]\n"
                    "}\n");
}

TEST(PackFormat, TextIsKeptAsWrittenAndControlsEscaped) {
    const json document = {{"title", "“Quoted” — Hawaiʻi\ttab \"q\" \\"}};
    EXPECT_EQ(format_pack(document), "{\n  \"title\": \"“Quoted” — Hawaiʻi\\ttab \\\"q\\\" \\\\\"\n}\n");
    EXPECT_FALSE(parse_pack_document("{\"a\": ").has_value());
    EXPECT_FALSE(parse_pack_document(std::string(100, '[') + std::string(100, ']')).has_value()) << "nesting is limited";
}

// [SECTION] Selectors -------------------------------------------------------------------

// The selector for text[begin, end) must be found by the loader's own resolver at exactly
// that place.
void expect_selector_picks(std::string_view text, std::size_t begin, std::size_t end, const Mention& m) {
    const SelectorMatches found = match_selector(text, m);
    ASSERT_TRUE(found.chosen.has_value());
    EXPECT_EQ(*found.chosen, begin);
    EXPECT_EQ(m.exact, text.substr(begin, end - begin));
}

TEST(Selectors, UniqueTextNeedsNoContext) {
    const std::string text = "Kurdish forces recaptured Sinjar last week.";
    const SelectorResult r = selector_for_range("p1", text, 26, 32);
    ASSERT_TRUE(r.mention) << r.error;
    EXPECT_EQ(r.mention->exact, "Sinjar");
    EXPECT_TRUE(r.mention->prefix.empty());
    EXPECT_TRUE(r.mention->suffix.empty());
    EXPECT_EQ(r.mention->occurrence, 0);
    EXPECT_EQ(mention_to_json(*r.mention), json({{"paragraph", "p1"}, {"exact", "Sinjar"}}));
}

TEST(Selectors, RepeatedTextGetsTheShortestContextOfWholeWords) {
    const std::string text = "Daesh lost Baiji, and lost Sinjar, and now they are losing Ramadi.";
    const std::size_t second = text.find("lost", 10);
    const SelectorResult r = selector_for_range("p10", text, second, second + 4);
    ASSERT_TRUE(r.mention) << r.error;
    EXPECT_EQ(r.mention->prefix, "and ");
    EXPECT_TRUE(r.mention->suffix.empty());
    EXPECT_EQ(r.mention->occurrence, 0);
    expect_selector_picks(text, second, second + 4, *r.mention);

    const std::size_t first = text.find("lost");
    const SelectorResult f = selector_for_range("p10", text, first, first + 4);
    ASSERT_TRUE(f.mention);
    EXPECT_EQ(f.mention->prefix, "Daesh ");
    expect_selector_picks(text, first, first + 4, *f.mention);
}

TEST(Selectors, IdenticalContextsFallBackToOccurrence) {
    const std::string text = "no no no no";
    for (std::size_t at : {0u, 3u, 6u, 9u}) {
        const SelectorResult r = selector_for_range("p1", text, at, at + 2);
        ASSERT_TRUE(r.mention) << r.error;
        expect_selector_picks(text, at, at + 2, *r.mention);
    }
    // "na" inside "banana": overlapping matches count, as the loader counts them.
    const std::string fruit = "banana";
    const SelectorResult r = selector_for_range("p1", fruit, 4, 6);
    ASSERT_TRUE(r.mention);
    expect_selector_picks(fruit, 4, 6, *r.mention);
}

TEST(Selectors, SelectionsAreTrimmedAndCheckedBeforeUse) {
    const std::string text = "the French capital, Paris";
    const SelectorResult trimmed = selector_for_range("p2", text, 3, 11);  // " French "
    ASSERT_TRUE(trimmed.mention);
    EXPECT_EQ(trimmed.mention->exact, "French");
    EXPECT_EQ(trimmed.mention->begin, 4u);

    EXPECT_NE(selector_for_range("p2", text, 3, 4).error.find("empty"), std::string::npos);
    EXPECT_NE(selector_for_range("p2", text, 10, 99).error.find("outside the paragraph"), std::string::npos);
    const std::string curly = "“Quote”";
    EXPECT_NE(selector_for_range("p2", curly, 1, 5).error.find("cuts a character"), std::string::npos);
}

// [SECTION] Entity operations -------------------------------------------------------------

TEST(PackEdit, AddEntityAndItsInverse) {
    json document = seed();
    // The group's videos are a work too (films), made by the Islamic State.
    const json op = json::parse(R"({"op": "addEntity", "index": 1, "entity": {"id": "islamic-state-videos", "kind": "work",
        "name": "The Islamic State’s videos", "description": "Slickly produced videos of beheadings and massacres.",
        "creators": ["islamic-state"], "mentions": [{"paragraph": "p6", "exact": "slickly produced videos of beheadings and massacres"}]}})");
    const EditResult r = apply_and_check_inverse(document, op);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(document["entities"][1]["id"], "islamic-state-videos");
    EXPECT_EQ(r.inverse, json({{"op", "removeEntity"}, {"id", "islamic-state-videos"}}));
    ASSERT_TRUE(r.pack);
    const Entity* videos = r.pack->find("islamic-state-videos");
    EXPECT_EQ(videos->kind, EntityKind::Work);
    EXPECT_EQ(videos->mentions[0].begin, std::string(document["article"]["paragraphs"][5]["text"]).find("slickly produced"));
}

TEST(PackEdit, ErrorsNameTheOpField) {
    json document = seed();
    EditResult r = refused(document, json::parse(R"({"op": "updateEntity", "id": "sinjar", "fields": {"location": {"lat": 139.8, "lon": 41.9}}})"));
    ASSERT_EQ(r.errors.size(), 1u) << messages(r);
    EXPECT_EQ(r.errors[0].path, "/fields/location/lat");
    EXPECT_NE(r.errors[0].message.find("latitude 139.8 is outside [-90, 90]"), std::string::npos);
    EXPECT_EQ(r.errors[0].pack_path, "/entities/0/location/lat");

    r = refused(document, json::parse(R"({"op": "addEntity", "entity": {"id": "sinjar", "kind": "place"}})"));
    EXPECT_EQ(r.errors[0].path, "/entity/id");
    EXPECT_EQ(r.errors[0].pack_path, "/entities/0/id");  // the entity that has it, for the editor to show
    EXPECT_NE(r.errors[0].message.find("already used by /entities/0"), std::string::npos);

    r = refused(document, json::parse(R"({"op": "addEntity", "entity": {"id": "new-thing", "kind": "plaec", "name": "N", "description": "D."}})"));
    EXPECT_EQ(r.errors[0].path, "/entity/kind") << messages(r);
    EXPECT_NE(r.errors[0].message.find("unknown kind"), std::string::npos);

    r = refused(document, json::parse(R"({"op": "updateEntity", "id": "sinjr", "fields": {}})"));
    EXPECT_EQ(r.errors[0].path, "/id");
    EXPECT_EQ(r.errors[0].message, "no entity has the id \"sinjr\"");

    r = refused(document, json::parse(R"({"op": "updateEntity", "id": "sinjar", "fields": {"id": "sinjar-town"}})"));
    EXPECT_EQ(r.errors[0].path, "/fields/id");

    r = refused(document, json::parse(R"({"op": "renameEverything"})"));
    EXPECT_EQ(r.errors[0].path, "/op");
    r = refused(document, json::parse(R"({"op": "removeEntity", "id": "sinjar", "cascade": true})"));
    EXPECT_EQ(r.errors[0].path, "/cascade");
    EXPECT_EQ(r.errors[0].message, "unknown key \"cascade\" in a removeEntity op");
    r = refused(document, json::parse(R"([1, 2])"));
    EXPECT_EQ(r.errors[0].path, "");
}

TEST(PackEdit, UpdateEntitySetsAndRemovesKeys) {
    json document = seed();
    const json before_aliases = entity(document, "islamic-state")["aliases"];
    const EditResult r = apply_and_check_inverse(document, json::parse(
        R"({"op": "updateEntity", "id": "islamic-state", "fields": {"name": "The Islamic State", "aliases": null}})"));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(entity(document, "islamic-state")["name"], "The Islamic State");
    EXPECT_FALSE(entity(document, "islamic-state").contains("aliases"));
    EXPECT_EQ(r.inverse["fields"]["aliases"], before_aliases);
    EXPECT_EQ(r.pack->find("islamic-state")->name, "The Islamic State");
}

// The article's own fields: set, added and removed in one op with an exact inverse;
// the loader's rules hold (a bad tag is refused at the op's field), and paragraphs are
// left to editParagraph.
TEST(PackEdit, UpdateArticleSetsItsFieldsButNotItsParagraphs) {
    json document = seed();
    const json before = document["article"];
    const EditResult r = apply_and_check_inverse(document, json::parse(
        R"({"op": "updateArticle", "fields": {"headline": "ISIS is losing ground", "language": "en-US", "attribution": null}})"));
    ASSERT_TRUE(r.ok) << messages(r);
    EXPECT_EQ(document["article"]["headline"], "ISIS is losing ground");
    EXPECT_EQ(document["article"]["language"], "en-US");
    EXPECT_FALSE(document["article"].contains("attribution"));
    EXPECT_EQ(r.pack->article.headline, "ISIS is losing ground");
    EXPECT_EQ(r.pack->article.language, "en-US");
    EXPECT_EQ(r.inverse["op"], "updateArticle");
    EXPECT_EQ(r.inverse["fields"]["headline"], before["headline"]);
    EXPECT_EQ(r.inverse["fields"]["language"], nullptr);  // it had none: undo removes it
    EXPECT_EQ(r.inverse["fields"]["attribution"], before.value("attribution", json(nullptr)));

    EditResult bad = refused(document, json::parse(R"({"op": "updateArticle", "fields": {"language": "English"}})"));
    ASSERT_EQ(bad.errors.size(), 1u);
    EXPECT_EQ(bad.errors[0].path, "/fields/language");
    EXPECT_EQ(bad.errors[0].pack_path, "/article/language");
    EXPECT_NE(bad.errors[0].message.find("expected a BCP 47 language tag"), std::string::npos) << bad.errors[0].message;
    bad = refused(document, json::parse(R"({"op": "updateArticle", "fields": {"headline": null}})"));
    EXPECT_EQ(bad.errors[0].path, "/fields/headline");
    bad = refused(document, json::parse(R"({"op": "updateArticle", "fields": {"published": {"iso": "13 November"}}})"));
    EXPECT_EQ(bad.errors[0].pack_path.rfind("/article/published", 0), 0u) << bad.errors[0].pack_path;
    EXPECT_EQ(bad.errors[0].path.rfind("/fields/published", 0), 0u) << bad.errors[0].path;
    bad = refused(document, json::parse(R"({"op": "updateArticle", "fields": {"paragraphs": []}})"));
    EXPECT_EQ(bad.errors[0].path, "/fields/paragraphs");
    EXPECT_NE(bad.errors[0].message.find("editParagraph"), std::string::npos) << bad.errors[0].message;
    bad = refused(document, json::parse(R"({"op": "updateArticle", "fields": "headline"})"));
    EXPECT_EQ(bad.errors[0].path, "/fields");
}

TEST(PackEdit, RemoveEntityIsRefusedWhileReferredTo) {
    json document = seed();
    const EditResult r = refused(document, json::parse(R"({"op": "removeEntity", "id": "thamir-ismail"})"));
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].path, "/id");
    // Every quote of his is named, by its speaker field.
    EXPECT_NE(r.errors[0].message.find("/speaker (\"quote-ismail-besieged\")"), std::string::npos) << r.errors[0].message;
    EXPECT_NE(r.errors[0].message.find("remove or change those references first"), std::string::npos);
}

TEST(PackEdit, RemoveEntityPutsItBackWhereItWas) {
    json document = seed();
    std::size_t index = 0;
    while (document["entities"][index]["id"] != "figure-distance") ++index;
    const EditResult r = apply_and_check_inverse(document, json::parse(R"({"op": "removeEntity", "id": "figure-distance"})"));
    ASSERT_TRUE(r.ok);
    EXPECT_TRUE(entity(document, "figure-distance").is_null());
    EXPECT_EQ(r.inverse["op"], "addEntity");
    EXPECT_EQ(r.inverse["index"], index);
}

// [SECTION] Mentions and paragraphs -------------------------------------------------------

TEST(PackEdit, AddMentionComputedFromASelection) {
    json document = seed();
    const std::string p8 = document["article"]["paragraphs"][7]["text"];
    const std::size_t at = p8.find("oil refinery");
    const SelectorResult selector = selector_for_range("p8", p8, at, at + std::string("oil refinery").size());
    ASSERT_TRUE(selector.mention);
    json op = mention_to_json(*selector.mention);
    op["op"] = "addMention";
    op["id"] = "baiji-refinery";
    const EditResult r = apply_and_check_inverse(document, op);
    ASSERT_TRUE(r.ok);
    const Entity* refinery = r.pack->find("baiji-refinery");
    ASSERT_TRUE(refinery);
    EXPECT_EQ(refinery->mentions.back().begin, at);
}

TEST(PackEdit, AddMentionErrorsAtTheSelectorField) {
    json document = seed();
    EditResult r = refused(document, json::parse(R"({"op": "addMention", "id": "sinjar", "paragraph": "p1", "exact": "Sinjar at night"})"));
    EXPECT_EQ(r.errors[0].path, "/exact") << messages(r);
    EXPECT_NE(r.errors[0].message.find("does not occur in paragraph \"p1\""), std::string::npos);
    r = refused(document, json::parse(R"({"op": "addMention", "id": "islamic-state", "paragraph": "p4", "exact": "Islamic State"})"));
    EXPECT_EQ(r.errors[0].path, "/exact") << messages(r);
    EXPECT_NE(r.errors[0].message.find("matches 2 times"), std::string::npos);
    r = refused(document, json::parse(R"({"op": "addMention", "id": "sinjar", "paragraph": "p99", "exact": "Sinjar"})"));
    EXPECT_EQ(r.errors[0].path, "/paragraph") << messages(r);
    r = refused(document, json::parse(R"({"op": "addMention", "id": "sinjar", "paragraph": "p1", "exact": 7})"));
    EXPECT_EQ(r.errors[0].path, "/exact");
    EXPECT_EQ(r.errors[0].message, "expected the mentioned text (a string), found 7");
}

TEST(PackEdit, RemoveMentionAndItsInverse) {
    json document = seed();
    const json mentions = entity(document, "sinjar")["mentions"];
    const EditResult r = apply_and_check_inverse(document, json::parse(R"({"op": "removeMention", "id": "sinjar", "index": 1})"));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(entity(document, "sinjar")["mentions"].size(), mentions.size() - 1);
    EXPECT_EQ(refused(document, json::parse(R"({"op": "removeMention", "id": "sinjar", "index": 9})")).errors[0].path, "/index");
}

TEST(PackEdit, EditParagraphKeepsMentionsOutsideTheChange) {
    json document = seed();
    std::string p3 = document["article"]["paragraphs"][2]["text"];
    const json before_mentions = document["entities"];
    p3.replace(p3.find("string of losses"), 16, "series of losses");
    const EditResult r = apply_and_check_inverse(document, {{"op", "editParagraph"}, {"paragraph", "p3"}, {"text", p3}});
    ASSERT_TRUE(r.ok);
    EXPECT_TRUE(r.lost.empty());
    EXPECT_EQ(document["entities"], before_mentions) << "no selector needed to change";
    EXPECT_EQ(r.inverse["op"], "editParagraph");
}

TEST(PackEdit, EditParagraphReanchorsARepeatedMention) {
    json document = seed();
    // p9 mentions "Ramadi" once; writing "Ramadi" again before it makes the old selector
    // ambiguous, so it gains context that still picks the same words.
    const std::string p9 = document["article"]["paragraphs"][8]["text"];
    const std::string edited = "Ramadi, Anbar. " + p9;
    const EditResult r = apply_and_check_inverse(document, {{"op", "editParagraph"}, {"paragraph", "p9"}, {"text", edited}});
    ASSERT_TRUE(r.ok) << messages(r);
    EXPECT_TRUE(r.lost.empty());
    const Entity* ramadi = r.pack->find("ramadi");
    bool found = false;
    for (const Mention& m : ramadi->mentions)
        if (m.paragraph == "p9" && m.exact == "Ramadi") {
            found = true;
            EXPECT_EQ(m.begin, std::string("Ramadi, Anbar. ").size() + p9.find("Ramadi")) << "still the article's own words";
            EXPECT_FALSE(m.prefix.empty() && m.suffix.empty() && m.occurrence == 0);
        }
    EXPECT_TRUE(found);
    EXPECT_EQ(r.inverse["op"], "batch");
}

// A drafted suggestion not yet reviewed quotes its sentence as evidence. Correcting words of
// that sentence was refused ("does not occur in paragraph") until the author had accepted
// or rejected it (an author trial): the evidence now moves and stretches over the new words.
TEST(PackEdit, EditParagraphCarriesASuggestionsEvidenceOverTheChange) {
    json document = seed();
    const std::string p1 = document["article"]["paragraphs"][0]["text"];
    for (json& e : document["entities"])
        if (e["id"] == "sinjar")
            e["suggestion"] = {{"rule", "a gazetteer name"},
                               {"evidence", {{"paragraph", "p1"}, {"exact", "the northern Iraqi town of Sinjar from Islamic State militants"}}}};
    std::string edited = p1;
    edited.replace(edited.find("Islamic State militants"), 23, "the Islamic State");
    const EditResult r = apply_and_check_inverse(document, {{"op", "editParagraph"}, {"paragraph", "p1"}, {"text", edited}});
    ASSERT_TRUE(r.ok) << messages(r);
    EXPECT_EQ(entity(document, "sinjar")["suggestion"]["evidence"]["exact"], "the northern Iraqi town of Sinjar from the Islamic State");
    EXPECT_EQ(entity(document, "sinjar")["suggestion"]["rule"], "a gazetteer name");
    // Words before it changed: it moves with its text, unchanged.
    const json moved = document;
    std::string earlier = edited;
    earlier.replace(0, 4, "Only");
    json again = moved;
    ASSERT_TRUE(apply_and_check_inverse(again, {{"op", "editParagraph"}, {"paragraph", "p1"}, {"text", earlier}}).ok);
    EXPECT_EQ(entity(again, "sinjar")["suggestion"]["evidence"], entity(moved, "sinjar")["suggestion"]["evidence"]);
}

TEST(PackEdit, EditParagraphReportsMentionsWhoseTextIsGone) {
    json document = seed();
    std::string p9 = document["article"]["paragraphs"][8]["text"];
    p9.replace(p9.find("have encircled"), 14, "now surround");
    EditResult r = apply_edit(document, {{"op", "editParagraph"}, {"paragraph", "p9"}, {"text", p9}});
    // The encirclement's only mention is gone, and an event without mentions needs
    // citations, which it has: the edit goes through and reports the loss.
    ASSERT_TRUE(r.ok) << messages(r);
    ASSERT_EQ(r.lost.size(), 1u);
    EXPECT_EQ(r.lost[0].entity, "ramadi-encirclement");
    EXPECT_EQ(r.lost[0].mention["exact"], "have encircled");
    json undone = document;
    ASSERT_TRUE(apply_edit(undone, r.inverse).ok);
    EXPECT_EQ(format_pack(undone), format_pack(seed())) << "undo brings the mention back";
}

TEST(PackEdit, EditParagraphRefusedWhenAQuoteLosesItsWords) {
    json document = seed();
    std::string p10 = document["article"]["paragraphs"][9]["text"];
    p10.replace(p10.find("360 degrees"), 11, "on all sides");
    const EditResult r = refused(document, {{"op", "editParagraph"}, {"paragraph", "p10"}, {"text", p10}});
    // The quote's only mention is gone; a quote must occur in the article.
    EXPECT_FALSE(messages(r).empty());
    EXPECT_EQ(refused(document, {{"op", "editParagraph"}, {"paragraph", "p10"}, {"text", ""}}).errors[0].path, "/text");
}

// Removing a paragraph takes its mentions with it, reported as editParagraph reports the
// ones whose words went; undo puts the paragraph back where it was, with its mentions.
TEST(PackEdit, RemoveParagraphTakesItsMentionsAndUndoPutsThemBack) {
    json document = seed();
    const std::size_t paragraphs = document["article"]["paragraphs"].size();
    const EditResult r = apply_and_check_inverse(document, {{"op", "removeParagraph"}, {"paragraph", "p6"}});
    ASSERT_TRUE(r.ok) << messages(r);
    EXPECT_EQ(document["article"]["paragraphs"].size(), paragraphs - 1);
    EXPECT_FALSE(r.pack->paragraph_index("p6"));
    ASSERT_EQ(r.lost.size(), 1u) << "p6 mentions only the Islamic State, which the article names elsewhere too";
    EXPECT_EQ(r.lost[0].entity, "islamic-state");
    EXPECT_EQ(r.lost[0].mention, json({{"paragraph", "p6"}, {"exact", "the Islamic State"}}));
    for (const json& m : entity(document, "islamic-state")["mentions"]) EXPECT_NE(m["paragraph"], "p6");
    EXPECT_EQ(r.inverse["op"], "batch");
    EXPECT_EQ(r.inverse["ops"][0], json({{"op", "addParagraph"}, {"paragraph", seed()["article"]["paragraphs"][5]}, {"index", 5}}));
}

// A suggestion's evidence in the removed paragraph moves to the entity's first mention left;
// with none left the author has not reviewed it yet, and the paragraph is refused.
TEST(PackEdit, RemoveParagraphMovesASuggestionsEvidenceOrIsRefused) {
    json document = seed();
    for (json& e : document["entities"])
        if (e["id"] == "islamic-state")
            e["suggestion"] = {{"rule", "a capitalised name"}, {"evidence", {{"paragraph", "p6"}, {"exact", "the Islamic State has been"}}}};
    json moved = document;
    ASSERT_TRUE(apply_and_check_inverse(moved, {{"op", "removeParagraph"}, {"paragraph", "p6"}}).ok);
    EXPECT_EQ(entity(moved, "islamic-state")["suggestion"]["evidence"], entity(moved, "islamic-state")["mentions"][0]);
    EXPECT_EQ(entity(moved, "islamic-state")["suggestion"]["rule"], "a capitalised name");
    // Cited, so it could stand without mentions, but its evidence has nowhere to go.
    json cited_only_here = json::parse(R"({"id": "isis-videos", "kind": "work", "name": "The group's videos", "description": "Videos of beheadings and massacres.",
        "mentions": [{"paragraph": "p6", "exact": "slickly produced videos"}],
        "citations": [{"publication": "The Washington Post", "title": "Test citation", "url": "https://www.washingtonpost.com/"}],
        "suggestion": {"rule": "a work", "evidence": {"paragraph": "p6", "exact": "slickly produced videos of beheadings"}}})");
    const EditResult added = apply_edit(document, {{"op", "addEntity"}, {"entity", cited_only_here}});
    ASSERT_TRUE(added.ok) << messages(added);
    const EditResult r = refused(document, {{"op", "removeParagraph"}, {"paragraph", "p6"}});
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].path, "/paragraph");
    EXPECT_NE(r.errors[0].message.find("the evidence of suggestion \"isis-videos\""), std::string::npos) << r.errors[0].message;
    EXPECT_NE(r.errors[0].message.find("accept or reject it first"), std::string::npos) << r.errors[0].message;
}

// Refused, saying what holds the paragraph: the article's only paragraph; the words of a
// quote (a quote's words must be the article's, cited or not); an entity mentioned only
// there with no citations to stand on; an id no paragraph has.
TEST(PackEdit, RemoveParagraphIsRefusedWhileSomethingNeedsIt) {
    json document = seed();
    EditResult r = refused(document, {{"op", "removeParagraph"}, {"paragraph", "p5"}});
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].path, "/paragraph");
    const std::string& held = r.errors[0].message;
    EXPECT_NE(held.find("paragraph \"p5\" holds"), std::string::npos) << held;
    EXPECT_NE(held.find("every mention of quote \"quote-berger-strategy\""), std::string::npos) << held;
    EXPECT_NE(held.find("words must be the article's"), std::string::npos) << held;
    EXPECT_NE(held.find("every mention of \"jm-berger\""), std::string::npos) << held;
    EXPECT_NE(held.find("no citations"), std::string::npos) << held;
    EXPECT_EQ(held.find("isis-state-of-terror"), std::string::npos) << "a work with citations stands without its mention: " << held;
    EXPECT_EQ(refused(document, {{"op", "removeParagraph"}, {"paragraph", "p99"}}).errors[0].message, "no paragraph has the id \"p99\"");
    EXPECT_EQ(refused(document, {{"op", "removeParagraph"}, {"paragraph", 6}}).errors[0].path, "/paragraph");
    EXPECT_EQ(refused(document, {{"op", "removeParagraph"}, {"paragraph", "p6"}, {"text", ""}}).errors[0].path, "/text");

    auto one = parse_pack_document(read_source_file("tests/packs/text-only.json"));
    ASSERT_TRUE(one.has_value());
    const std::string only = (*one)["article"]["paragraphs"][0]["id"];
    r = refused(*one, {{"op", "removeParagraph"}, {"paragraph", only}});
    EXPECT_EQ(r.errors[0].message, "paragraph \"" + only + "\" is the article's only one, and an article needs at least one: correct its text instead");
}

// addParagraph, removeParagraph's inverse, is an op of its own: a new paragraph at a place,
// refused under an id the article uses already.
TEST(PackEdit, AddParagraphInsertsAParagraphUnderANewId) {
    json document = seed();
    const json paragraph = {{"id", "p6b"}, {"text", "A paragraph the author wrote."}};
    const EditResult r = apply_and_check_inverse(document, {{"op", "addParagraph"}, {"paragraph", paragraph}, {"index", 6}});
    ASSERT_TRUE(r.ok) << messages(r);
    EXPECT_EQ(document["article"]["paragraphs"][6], paragraph);
    EXPECT_EQ(r.inverse, json({{"op", "removeParagraph"}, {"paragraph", "p6b"}}));
    const EditResult repeated = refused(document, {{"op", "addParagraph"}, {"paragraph", {{"id", "p2"}, {"text", "Again."}}}});
    EXPECT_EQ(repeated.errors[0].path, "/paragraph/id");
    EXPECT_EQ(repeated.errors[0].pack_path, "/article/paragraphs/1/id");
    EXPECT_EQ(refused(document, {{"op", "addParagraph"}, {"paragraph", {{"id", "p12"}, {"text", ""}}}}).errors[0].path, "/paragraph/text");
}

// [SECTION] Batches and packs with errors ---------------------------------------------------

TEST(PackEdit, BatchIsAllOrNothingWithOneInverse) {
    json document = seed();
    // Remove a quote and then its speaker's last reference... the speaker is referenced by
    // other quotes too, so the batch fails at op 1 and nothing changes.
    EditResult r = refused(document, json::parse(R"({"op": "batch", "ops": [
        {"op": "removeEntity", "id": "quote-berger-strategy"},
        {"op": "removeEntity", "id": "thamir-ismail"}]})"));
    EXPECT_EQ(r.errors[0].path, "/ops/1/id");

    // A remove-with-references done by hand: first what refers to him (his quote, his
    // book), then the person.
    const EditResult ok = apply_and_check_inverse(document, json::parse(R"({"op": "batch", "ops": [
        {"op": "removeEntity", "id": "quote-berger-strategy"},
        {"op": "removeEntity", "id": "isis-state-of-terror"},
        {"op": "removeEntity", "id": "jm-berger"}]})"));
    ASSERT_TRUE(ok.ok);
    EXPECT_EQ(ok.inverse["ops"][0]["entity"]["id"], "jm-berger") << "undone in reverse order";
}

TEST(PackEdit, APackWithErrorsCanBeEditedWithoutAddingErrors) {
    json document = seed();
    document["entities"][0]["location"]["lat"] = 139.8;  // an error already there
    json op = json::parse(R"({"op": "updateEntity", "id": "paris", "fields": {"name": "Paris, France"}})");
    EditResult r = apply_edit(document, op);
    EXPECT_TRUE(r.ok) << messages(r);
    EXPECT_FALSE(r.pack.has_value()) << "still invalid, so no loaded pack";
    r = refused(document, json::parse(R"({"op": "updateEntity", "id": "paris", "fields": {"name": ""}})"));
    ASSERT_EQ(r.errors.size(), 1u) << "only the new error, not the old one";
    EXPECT_EQ(r.errors[0].path, "/fields/name");
    // Fixing the old error is an edit too, and undoing the fix brings the error back.
    const json broken = document;
    r = apply_edit(document, json::parse(R"({"op": "updateEntity", "id": "sinjar", "fields": {"location": {"lat": 36.3209, "lon": 41.87656}}})"));
    EXPECT_TRUE(r.ok && r.pack.has_value());
    json copy = document;
    EXPECT_FALSE(apply_edit(copy, r.inverse).ok) << "as a new edit, breaking the pack is refused";
    const EditResult undo = apply_edit(document, r.inverse, true);
    EXPECT_TRUE(undo.ok);
    EXPECT_EQ(document, broken);
}

TEST(PackEdit, ResultAsTheJsApiReturnsIt) {
    json document = seed();
    const EditResult bad = apply_edit(document, json::parse(R"({"op": "removeEntity"})"));
    const json out = edit_result_to_json(bad);
    EXPECT_EQ(out["ok"], false);
    EXPECT_EQ(out["errors"][0]["path"], "/id");
    EXPECT_EQ(out["errors"][0]["message"], "missing required key: expected an entity id (a string)");
    EXPECT_TRUE(out["inverse"].is_null());
}

} // namespace
} // namespace explainer
