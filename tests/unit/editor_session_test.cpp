// The editor's session (src/core/editor_session.h): a pack opens (with errors too), every
// op goes through the Store's one history (undo and redo exact, unlimited), the Store's
// pack is always the document's, and the ops the editor builds (a new entity from a
// selection, accepting and rejecting suggestions, a location) are ones the validator takes.
#include "core/editor_session.h"

#include <gtest/gtest.h>

#include <string>

#include "core/dates.h"
#include "core/draft.h"
#include "support/source_files.h"

namespace explainer {
namespace {

using json = nlohmann::json;
using test_support::read_source_file;

const std::string kSeed = "content/isis-losing-ground.json";

TEST(EditorSession, OpensTheSeedAndSavesTheSameBytes) {
    const std::string text = read_source_file(kSeed);
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(text, "seed.json", store), "");
    EXPECT_TRUE(session.errors().empty());
    EXPECT_EQ(session.export_text(), text);
    EXPECT_EQ(store.pack().entities.size(), session.document()["entities"].size());
}

TEST(EditorSession, NotJsonIsRefusedWithLineAndColumn) {
    EditorSession session;
    Store store;
    const std::string error = session.open("{\n  \"id\": ,\n}", "bad.json", store);
    EXPECT_NE(error.find("bad.json:2:"), std::string::npos) << error;
    EXPECT_FALSE(session.is_open());
}

// A selection of the seed's p1 becomes a selector that matches once, then an entity.
json new_entity(const EditorSession& session, const Store& store, std::string_view words, std::string kind) {
    const Paragraph& p1 = store.pack().article.paragraphs.front();
    const std::size_t at = p1.text.find(words);
    EXPECT_NE(at, std::string::npos);
    const SelectorResult selector = selector_for_range(p1.id, p1.text, at, at + words.size());
    EXPECT_TRUE(selector.mention) << selector.error;
    NewEntity request;
    request.kind = std::move(kind);
    request.selector = *selector.mention;
    // A place as the editor makes it: from a hit of the place search, with its citation.
    const PlaceHit hit{.name = "Sinjar", .country = "IQ", .lat = 36.32, .lon = 41.86, .population = 38000, .geonameid = 94824};
    if (request.kind == "place") request.place = &hit;
    request.speaker = "ali-ahmed";
    return new_entity_op(session.document(), request);
}

json new_organisation(const EditorSession& session, const Store& store, std::string_view words) {
    return new_entity(session, store, words, "organisation");
}

// Every "New …" button of the editor makes an entity the pack accepts (a figure had no
// note, which the format requires, so "New figure" was always refused). A figure's note
// is the sentence that gives it, as the drafter writes it.
TEST(EditorSession, EveryKindOfNewEntityIsAccepted) {
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(read_source_file(kSeed), "seed.json", store), "");
    const std::vector<std::pair<std::string, std::string_view>> kinds = {
        {"place", "northern Iraqi town"}, {"person", "watched"}, {"organisation", "security forces"}, {"event", "unfold"},
        {"quote", "this one"}, {"figure", "hours"}, {"work", "his television"}};
    for (const auto& [kind, words] : kinds) {
        const json op = new_entity(session, store, words, kind);
        const json result = session.apply(op, store, ChangeSource::Editor, 1.0);
        EXPECT_TRUE(result["ok"].get<bool>()) << kind << ": " << result.dump();
        if (kind == "figure")
            EXPECT_EQ(op["entity"]["note"], "As the article gives it: " + store.pack().article.paragraphs.front().text);
        // A quote is named after its speaker, as drafts name quotes (it was named "this one").
        if (kind == "quote") {
            EXPECT_EQ(op["entity"]["name"], store.pack().find("ali-ahmed")->name + ": “this one”");
            EXPECT_EQ(op["entity"]["id"], "quote-" + slug_of(store.pack().find("ali-ahmed")->name, "quote"));
        }
    }
}

// A new place made by a click on the map is rounded to 5 decimals, as a dragged or typed one
// is (README): it was saved as 52.153249037088536 (an outside author trial).
TEST(EditorSession, ANewPlacePutOnTheMapByHandIsRoundedAsADraggedOneIs) {
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(read_source_file(kSeed), "seed.json", store), "");
    const Paragraph& p1 = store.pack().article.paragraphs.front();
    const std::size_t at = p1.text.find("watched");
    const SelectorResult selector = selector_for_range(p1.id, p1.text, at, at + 7);
    ASSERT_TRUE(selector.mention);
    NewEntity request;
    request.kind = "place";
    request.selector = *selector.mention;
    request.lat = 52.153249037088536, request.lon = 124.34656102315864;
    request.placed_by_hand = true;
    const json op = new_entity_op(session.document(), request);
    EXPECT_EQ(op["entity"]["location"], (json{{"lat", 52.15325}, {"lon", 124.34656}}));
    EXPECT_EQ(hand_placed_location_op(session.document(), "sinjar", 52.153249037088536, 124.34656102315864)["fields"]["location"],
              op["entity"]["location"]);
}

TEST(EditorSession, EditsJoinTheStoresHistoryAndUndoIsExact) {
    const std::string text = read_source_file(kSeed);
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(text, "seed.json", store), "");
    const std::size_t before = store.pack().entities.size();
    const json op = new_organisation(session, store, "Kurdish");
    const json result = session.apply(op, store, ChangeSource::Editor, 1.0);
    ASSERT_TRUE(result["ok"].get<bool>()) << result.dump();
    EXPECT_EQ(store.pack().entities.size(), before + 1);
    EXPECT_TRUE(store.pack().find(op["entity"]["id"].get<std::string>()));
    store.undo(ChangeSource::Editor);
    EXPECT_EQ(session.export_text(), text) << "undo gives back the pack byte for byte";
    EXPECT_EQ(store.pack().entities.size(), before);
    store.redo(ChangeSource::Editor);
    EXPECT_EQ(store.pack().entities.size(), before + 1);
}

// A paragraph removed through the session is one step of the store's history: the store's
// pack loses it and the mentions in it (reported as lost), and one undo gives the bytes back.
TEST(EditorSession, ARemovedParagraphIsOneStepAndUndoGivesItBack) {
    const std::string text = read_source_file(kSeed);
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(text, "seed.json", store), "");
    const json result = session.apply({{"op", "removeParagraph"}, {"paragraph", "p6"}}, store, ChangeSource::Editor, 1.0);
    ASSERT_TRUE(result["ok"].get<bool>()) << result.dump();
    EXPECT_EQ(result["lost"], json::parse(R"([{"id": "islamic-state", "mention": {"paragraph": "p6", "exact": "the Islamic State"}}])"));
    EXPECT_FALSE(store.pack().paragraph_index("p6"));
    EXPECT_EQ(store.undo_depth(), 1u);
    store.undo(ChangeSource::Editor);
    EXPECT_EQ(session.export_text(), text) << "undo gives back the paragraph and its mention, byte for byte";
    EXPECT_TRUE(store.pack().paragraph_index("p6"));
    store.redo(ChangeSource::Editor);
    EXPECT_FALSE(store.pack().paragraph_index("p6"));
    const json last = session.apply({{"op", "removeParagraph"}, {"paragraph", "p5"}}, store, ChangeSource::Editor, 2.0);
    EXPECT_FALSE(last["ok"].get<bool>());
    EXPECT_EQ(last["errors"][0]["path"], "/paragraph");
    EXPECT_EQ(store.undo_depth(), 1u) << "a refusal is no step";
}

TEST(EditorSession, UndoIsUnlimitedWithinASession) {
    const std::string text = read_source_file(kSeed);
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(text, "seed.json", store), "");
    const std::size_t steps = kMaxUndoSteps + 30;
    for (std::size_t i = 0; i < steps; ++i) {
        const json op = {{"op", "updateEntity"}, {"id", "sinjar"}, {"fields", {{"description", "Edit " + std::to_string(i) + "."}}}};
        ASSERT_TRUE(session.apply(op, store, ChangeSource::Editor, 10.0 * static_cast<double>(i))["ok"].get<bool>());
    }
    EXPECT_EQ(store.undo_depth(), steps);
    for (std::size_t i = 0; i < steps; ++i) store.undo(ChangeSource::Editor);
    EXPECT_EQ(session.export_text(), text);
}

// An op that leaves the pack as it was (a field committed with the value it has) is no
// step of the history: one undo always takes back a change the author can see.
TEST(EditorSession, AnOpThatChangesNothingIsNoStep) {
    const std::string text = read_source_file(kSeed);
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(text, "seed.json", store), "");
    const std::uint64_t revision = session.revision();
    const std::string name = store.pack().find("sinjar")->name;
    const json result = session.apply({{"op", "updateEntity"}, {"id", "sinjar"}, {"fields", {{"name", name}}}}, store, ChangeSource::Editor, 1.0);
    EXPECT_TRUE(result["ok"].get<bool>()) << result.dump();
    EXPECT_TRUE(result.value("unchanged", false));
    EXPECT_EQ(store.undo_depth(), 0u);
    EXPECT_EQ(session.revision(), revision);
    EXPECT_EQ(session.export_text(), text);
    const json changed = session.apply({{"op", "updateEntity"}, {"id", "sinjar"}, {"fields", {{"name", name + " town"}}}}, store, ChangeSource::Editor, 2.0);
    EXPECT_FALSE(changed.value("unchanged", false));
    EXPECT_EQ(store.undo_depth(), 1u);
}

TEST(EditorSession, RefusedOpsChangeNothingAndStandAtTheirField) {
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(read_source_file(kSeed), "seed.json", store), "");
    const std::uint64_t revision = session.revision();
    const json result = session.apply({{"op", "updateEntity"}, {"id", "sinjar"}, {"fields", {{"location", {{"lat", 123}, {"lon", 0}}}}}},
                                      store, ChangeSource::Api, 1.0);
    EXPECT_FALSE(result["ok"].get<bool>());
    EXPECT_EQ(session.revision(), revision);
    EXPECT_EQ(store.undo_depth(), 0u);
    const std::size_t index = *store.pack().index_of("sinjar");
    EXPECT_FALSE(session.messages_at(index, "location").empty());
    EXPECT_TRUE(session.messages_at(index, "name").empty());
}

TEST(EditorSession, APackWithErrorsOpensListsThemAndCanBeFixed) {
    json pack = json::parse(read_source_file(kSeed));
    const std::string id = pack["entities"][0]["id"];
    const json location = pack["entities"][0]["location"];
    pack["entities"][0]["location"]["lat"] = 123;
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(pack.dump(), "broken.json", store), "");
    ASSERT_FALSE(session.errors().empty());
    EXPECT_EQ(session.errors().front().path, "/entities/0/location/lat");
    // The panels show the article's text meanwhile.
    EXPECT_EQ(store.pack().article.paragraphs.size(), pack["article"]["paragraphs"].size());
    EXPECT_TRUE(store.pack().entities.empty());
    const json fixed = session.apply({{"op", "updateEntity"}, {"id", id}, {"fields", {{"location", location}}}}, store, ChangeSource::Editor, 1.0);
    ASSERT_TRUE(fixed["ok"].get<bool>()) << fixed.dump();
    EXPECT_TRUE(session.errors().empty());
    EXPECT_EQ(store.pack().entities.size(), pack["entities"].size());
    store.undo(ChangeSource::Editor);
    EXPECT_FALSE(session.errors().empty()) << "undoing the fix brings the error back";
}

// The diagnostics the editor's page gets (explainer_editor_validate and _open): an error in
// an entity names the entity's id, with author checks on as the editor's engine has them;
// one outside every entity has no `entity` at all.
TEST(EditorSession, DiagnosticsNameTheEntityAnErrorIsIn) {
    enable_author_checks();
    json pack = json::parse(read_source_file(kSeed));
    const std::string id = pack["entities"][0]["id"];
    pack["entities"][0]["location"]["lat"] = 123;
    pack["article"]["headline"] = 7;
    EditorSession session;
    Store store;
    const std::string text = pack.dump(4);  // laid out otherwise than export() writes it
    ASSERT_EQ(session.open(text, "broken.json", store), "");
    const json diagnostics = session.diagnostics_json();
    const auto at = [&](std::string_view path) {
        for (const json& e : diagnostics["errors"])
            if (e["path"] == path) return e;
        ADD_FAILURE() << "no error at " << path << " in " << diagnostics.dump();
        return json();
    };
    EXPECT_EQ(at("/entities/0/location/lat").value("entity", ""), id);
    EXPECT_FALSE(at("/article/headline").contains("entity"));
    // Placed in the text opened, where the author's file has them.
    const std::size_t lat = text.find("\"lat\": 123");
    EXPECT_EQ(at("/entities/0/location/lat")["line"], std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(lat), '\n') + 1);
    EXPECT_EQ(at("/entities/0/location/lat")["column"], lat - text.rfind('\n', lat) + 7);  // after `"lat": `
}

// After an edit, a warning is placed in the text export() writes, the file the author saves.
TEST(EditorSession, AWarningAfterAnEditIsPlacedInTheExportedText) {
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(read_source_file(kSeed), "seed.json", store), "");
    const json result = session.apply({{"op", "updateEntity"}, {"id", "sinjar"}, {"fields", {{"description", "A town \u2603."}}}},
                                      store, ChangeSource::Editor, 1.0);
    ASSERT_TRUE(result["ok"].get<bool>()) << result.dump();
    const json warnings = session.diagnostics_json()["warnings"];
    ASSERT_EQ(warnings.size(), 1u) << warnings.dump();
    const std::string text = session.export_text();
    const std::size_t at = text.find("\"A town");
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(warnings[0]["line"], std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1) << warnings.dump();
    EXPECT_EQ(warnings[0]["column"], at - text.rfind('\n', at));
}

TEST(EditorSession, SuggestionsAreAcceptedAndRejectedInBulk) {
    DraftInput input;
    input.headline = "Storm reaches the coast";
    input.source = "Test";
    input.published = "2026-11-30";
    input.paragraphs = {"“We closed the port at noon,” said Captain Ana Rojas, the harbour master.",
                        "“The boats are safe,” she said. The storm cost 12 million dollars."};
    const DraftResult drafted = draft_pack(input, nullptr);
    ASSERT_EQ(drafted.error, "");
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(drafted.pack_json, "draft.json", store), "");
    const std::vector<std::string> ids = session.suggestion_ids();
    ASSERT_GE(ids.size(), 3u);
    // Rejecting everything removes the speaker after her quotes, in one step.
    const json rejected = session.apply(remove_entities_op(session.document(), ids), store, ChangeSource::Editor, 1.0);
    ASSERT_TRUE(rejected["ok"].get<bool>()) << rejected.dump();
    EXPECT_TRUE(session.document()["entities"].empty());
    store.undo(ChangeSource::Editor);
    EXPECT_EQ(session.suggestion_ids(), ids);
    const json accepted = session.apply(accept_suggestions_op(ids), store, ChangeSource::Editor, 2.0);
    ASSERT_TRUE(accepted["ok"].get<bool>()) << accepted.dump();
    EXPECT_TRUE(session.suggestion_ids().empty());
    EXPECT_TRUE(session.errors().empty());
}

// Rejecting a place that entities which stay refer to: they lose it from their lists and their
// "place" in the same step (it was refused, in terms of ops and batches, until the author had
// mended each of them by hand). A quote's speaker and a distance check's places cannot be lost
// so: rejecting those alone is refused in the author's words, naming what holds them.
TEST(EditorSession, ARejectedPlaceLeavesTheEntitiesThatStay) {
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(read_source_file(kSeed), "seed.json", store), "");
    EXPECT_TRUE(removal_refusals(session.document(), {"turkey", "ramadi"}, Removal::Reject).empty());
    const json result = session.apply(remove_entities_op(session.document(), {"turkey", "ramadi"}), store, ChangeSource::Editor, 1.0);
    ASSERT_TRUE(result["ok"].get<bool>()) << result.dump();
    EXPECT_FALSE(store.pack().find("turkey"));
    EXPECT_EQ(store.pack().find("quote-sympathizer-paris")->place, "");
    EXPECT_EQ(store.pack().find("attacks-on-fronts")->places, std::vector<std::string>{"raqqa"});
    EXPECT_TRUE(store.pack().find("ramadi-encirclement")->places.empty());
    EXPECT_TRUE(session.errors().empty());
    store.undo(ChangeSource::Editor);
    EXPECT_EQ(store.pack().find("quote-sympathizer-paris")->place, "turkey") << "one step, one undo";

    const std::vector<std::string> refusals = removal_refusals(session.document(), {"thamir-ismail", "sinjar"}, Removal::Reject);
    ASSERT_EQ(refusals.size(), 5u) << "four quotes and a distance check";
    EXPECT_NE(refusals[0].find("\"Maj. Gen. Thamir Ismail\" cannot be rejected while the quote"), std::string::npos) << refusals[0];
    EXPECT_NE(refusals[0].find("reject that quote too, or change its speaker first"), std::string::npos) << refusals[0];
    EXPECT_NE(refusals[4].find("distance check's \"from\" place"), std::string::npos) << refusals[4];
    std::vector<std::string> with_quotes = {"thamir-ismail"};
    for (const Entity& e : store.pack().entities)
        if (e.speaker == "thamir-ismail") with_quotes.push_back(e.id);
    EXPECT_TRUE(removal_refusals(session.document(), with_quotes, Removal::Reject).empty());
    // "Delete entity" says it in its own words.
    const std::vector<std::string> deleting = removal_refusals(session.document(), {"thamir-ismail"}, Removal::Delete);
    ASSERT_EQ(deleting.size(), 4u);
    EXPECT_NE(deleting[0].find("cannot be deleted while the quote"), std::string::npos) << deleting[0];
    EXPECT_NE(deleting[0].find("delete that quote too, or change its speaker first"), std::string::npos) << deleting[0];
}

TEST(EditorSession, APlaceFromTheGazetteerIsCitedToGeoNames) {
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(read_source_file(kSeed), "seed.json", store), "");
    const PlaceHit erbil{"Erbil", "IQ", 36.19257, 44.01062, 932800, 95446};
    const json op = set_location_op("sinjar", erbil.lat, erbil.lon, &erbil);
    const json result = session.apply(op, store, ChangeSource::Editor, 1.0);
    ASSERT_TRUE(result["ok"].get<bool>()) << result.dump();
    const Entity* sinjar = store.pack().find("sinjar");
    ASSERT_TRUE(sinjar && sinjar->location);
    EXPECT_DOUBLE_EQ(sinjar->location->lat, erbil.lat);
    EXPECT_EQ(sinjar->citations.front().url, "https://www.geonames.org/95446");
    EXPECT_EQ(fresh_entity_id(session.document(), "Sinjar", "place"), "sinjar-2");
}

// A marker dragged on the map: the coordinates are the author's, not GeoNames', so the
// gazetteer's citation goes and the hand-placed one comes; the pack still validates, and
// one undo brings the place and its citation back.
TEST(EditorSession, APlaceMovedByHandLosesItsGazetteerCitation) {
    const std::string text = read_source_file(kSeed);
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(text, "seed.json", store), "");
    const json op = hand_placed_location_op(session.document(), "sinjar", 36.5, 42.25);
    const json result = session.apply(op, store, ChangeSource::Editor, 1.0);
    ASSERT_TRUE(result["ok"].get<bool>()) << result.dump();
    const Entity* sinjar = store.pack().find("sinjar");
    ASSERT_TRUE(sinjar && sinjar->location);
    EXPECT_DOUBLE_EQ(sinjar->location->lat, 36.5);
    EXPECT_DOUBLE_EQ(sinjar->location->lon, 42.25);
    ASSERT_EQ(sinjar->citations.size(), 1u);
    EXPECT_EQ(sinjar->citations.front().publication, "Natural Earth");
    // Moved again: still one hand-placed citation, not two.
    ASSERT_TRUE(session.apply(hand_placed_location_op(session.document(), "sinjar", 36.0, 42.0), store, ChangeSource::Editor, 3.0)["ok"].get<bool>());
    EXPECT_EQ(store.pack().find("sinjar")->citations.size(), 1u);
    store.undo(ChangeSource::Editor);
    store.undo(ChangeSource::Editor);
    EXPECT_EQ(session.export_text(), text);
}

TEST(EditorSession, DraggedDatesSnapToTheTimelinesUnit) {
    const int nov13 = *parse_iso_day("2015-11-13"), nov19 = *parse_iso_day("2015-11-19");
    const double dec2 = *parse_iso_day("2015-12-02") + 0.4, nov15 = *parse_iso_day("2015-11-15") + 0.6;
    EXPECT_EQ(dragged_date(nov13, nov13, DragPart::Whole, nov13 + 0.5, nov13 + 2.7, DateUnit::Day).iso, "2015-11-15");
    EXPECT_EQ(dragged_date(nov13, nov19, DragPart::End, nov19 + 0.5, dec2, DateUnit::Day).iso, "2015-11-13/2015-12-02");
    EXPECT_EQ(dragged_date(nov13, nov19, DragPart::Start, nov13, nov15, DateUnit::Day).iso, "2015-11-15/2015-11-19");
    // The start never passes the end: the span shrinks to one unit.
    EXPECT_EQ(dragged_date(nov13, nov19, DragPart::Start, nov13, dec2, DateUnit::Day).iso, "2015-11-19");
    EXPECT_EQ(dragged_date(nov13, nov19, DragPart::End, nov19, dec2, DateUnit::Month).iso, "2015-11/2015-12");
    EXPECT_EQ(dragged_date(nov13, nov19, DragPart::Whole, nov15, dec2, DateUnit::Month).iso, "2015-12");
    EXPECT_EQ(dragged_date(nov13, nov19, DragPart::Whole, nov15, *parse_iso_day("2013-02-01"), DateUnit::Year).iso, "2013");
    // Dragged past year 9999 or before year -9999 (10000 BC), a span stops at the edge, its length kept.
    EXPECT_EQ(dragged_date(nov13, nov19, DragPart::Whole, nov15, 1e9, DateUnit::Year).iso, "9999");
    EXPECT_EQ(dragged_date(*parse_iso_day("2014-06-01"), *parse_iso_day("2015-10-31"), DragPart::Whole, nov15, -1e9,
                               DateUnit::Month).iso, "-9999-01/-9998-05");
    EXPECT_EQ(dragged_date(nov13, nov19, DragPart::Whole, nov15, -1e9, DateUnit::Year).iso, "-9999");
    // Into the years BC: months and years are written as packs write them (44 BC is -0043).
    const int ides = *parse_iso_day("-0043-03-15");
    EXPECT_EQ(dragged_date(ides, ides, DragPart::Whole, ides, *parse_iso_day("-0043-01-20"), DateUnit::Month).iso, "-0043-01");
    EXPECT_EQ(dragged_date(nov13, nov19, DragPart::Whole, nov15, *parse_iso_day("-0043-07-01"), DateUnit::Month).iso, "-0043-07");
    EXPECT_EQ(dragged_date(ides, ides, DragPart::Whole, ides, *parse_iso_day("0000-06-01"), DateUnit::Year).iso, "0000");
    const DraggedDate months = dragged_date(nov13, nov19, DragPart::End, nov19, dec2, DateUnit::Month);
    EXPECT_EQ(months.start_day, *parse_iso_day("2015-11-01"));
    EXPECT_EQ(months.end_day, *parse_iso_day("2015-12-31"));
    EXPECT_EQ(date_unit_for(TickUnit::Quarter), DateUnit::Month);
    EXPECT_EQ(date_unit_for(TickUnit::Hour), DateUnit::Day);
    EXPECT_EQ(date_unit_for(TickUnit::Decade), DateUnit::Year);
}

// The op keeps the article's phrase: the validator then judges the exact date against it.
TEST(EditorSession, ADraggedDateKeepsThePhraseAndTheValidatorJudgesIt) {
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(read_source_file(kSeed), "seed.json", store), "");
    const json inside = dragged_date_op(session.document(), "sinjar-recapture", "2015-11-12");
    EXPECT_EQ(inside["fields"]["date"]["relative"], "last week");
    ASSERT_TRUE(session.apply(inside, store, ChangeSource::Editor, 1.0)["ok"].get<bool>());
    EXPECT_EQ(store.pack().find("sinjar-recapture")->date->iso, "2015-11-12");
    const json outside = session.apply(dragged_date_op(session.document(), "sinjar-recapture", "2015-12"), store, ChangeSource::Editor, 2.0);
    EXPECT_FALSE(outside["ok"].get<bool>());
    EXPECT_NE(outside.dump().find("last week"), std::string::npos) << outside.dump();
}

// The inspector's live check: the validator's word on a field being typed, the pack untouched.
TEST(EditorSession, CheckSaysWhatAnOpWouldMeetWithoutApplyingIt) {
    const std::string text = read_source_file(kSeed);
    EditorSession session;
    Store store;
    ASSERT_EQ(session.open(text, "seed.json", store), "");
    const std::uint64_t revision = session.revision();
    const json bad = session.check({{"op", "updateEntity"}, {"id", "sinjar"}, {"fields", {{"location", {{"lat", 95}, {"lon", 41}}}}}});
    EXPECT_FALSE(bad["ok"].get<bool>());
    ASSERT_FALSE(bad["errors"].empty());
    EXPECT_NE(bad["errors"][0]["message"].get<std::string>().find("90"), std::string::npos) << bad.dump();
    EXPECT_TRUE(session.check({{"op", "updateEntity"}, {"id", "sinjar"}, {"fields", {{"name", "Shingal"}}}})["ok"].get<bool>());
    EXPECT_EQ(session.export_text(), text);
    EXPECT_EQ(session.revision(), revision);
}

} // namespace
} // namespace explainer
