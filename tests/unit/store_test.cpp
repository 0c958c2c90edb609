// The store: every source of change gives one record with the right fields, history kind
// and revisions; links round-trip through it; undo and redo walk view changes and pack
// edits back and forth. Real packs (the seed and test packs from other places, eras and
// scripts) are loaded so that links name real ids.
#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/api_json.h"
#include "core/geo.h"
#include "core/selection.h"
#include "core/store.h"
#include "core/time_scale.h"
#include "core/host_message.h"
#include "core/url_state.h"
#include "support/reader_panels.h"
#include "support/source_files.h"

namespace explainer {
namespace {

// [SECTION] Fixtures ----------------------------------------------------------------

Pack load(const std::string& relative) {
    std::ifstream in(std::string(EXPLAINER_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    LoadResult loaded = load_pack(text.str(), relative);
    EXPECT_TRUE(loaded.pack.has_value()) << relative << (loaded.errors.empty() ? "" : ": " + loaded.errors[0].message);
    return loaded.pack ? std::move(*loaded.pack) : Pack{};
}

Store store_with(const std::string& relative) {
    Store store;
    store.set_pack(load(relative));
    return store;
}

std::string link_of(const Store& store) { return encode_state(store.view(), store.defaults()); }

// Restores a link the way every route does: decoded against the store's defaults, then
// dispatched as one whole view.
ChangeRecord open_link(Store& store, const std::string& link, ChangeSource source, double now = 0,
                       std::span<const std::string_view> panels = test_support::kReaderPanels) {
    DecodeResult decoded = decode_state(link, store.defaults(), store.pack(), panels);
    EXPECT_TRUE(decoded.ignored.empty()) << link << ": " << (decoded.ignored.empty() ? "" : decoded.ignored[0]);
    return store.dispatch(SetViewAction{decoded.state}, source, now);
}

// [SECTION] Records per source --------------------------------------------------------

TEST(Store, SetPackOpensTheOpeningViewAndCountsRevisions) {
    Store store;
    EXPECT_FALSE(store.has_pack());
    const ChangeRecord record = store.set_pack(load("content/isis-losing-ground.json"));
    EXPECT_TRUE(store.has_pack());
    EXPECT_TRUE(record.has(FieldPack | FieldDefaults));
    EXPECT_EQ(record.history, ChangeKind::None);
    EXPECT_EQ(record.pack_revision, 1u);
    EXPECT_EQ(record.view_revision, 1u);
    EXPECT_EQ(link_of(store), "v=1");
    EXPECT_EQ(store.view().article_paragraph, store.pack().article.paragraphs.front().id);
    EXPECT_EQ(store.set_pack(load("tests/packs/pacific-crossing.json")).pack_revision, 2u);
}

// The seed's countries and Europe each hold one of its towns, so its opening view fits
// its towns alone, as it did before countries counted.
TEST(Store, TheSeedOpensOnItsTownsForEachOfItsCountriesHoldsOne) {
    const Pack seed = load("content/isis-losing-ground.json");
    std::vector<GeoPoint> towns;
    for (const Entity& e : seed.entities)
        if (e.kind == EntityKind::Place && e.location) towns.push_back(*e.location);
    ASSERT_EQ(towns.size(), 7u);
    EXPECT_EQ(opening_view_points(seed).size(), towns.size());
}

TEST(Store, ReaderSelectionPushesFollowsAndCountsOnce) {
    Store store = store_with("content/isis-losing-ground.json");
    const std::uint64_t revision = store.view_revision();
    const ChangeRecord record = store.dispatch(SelectAction{"sinjar"}, ChangeSource::Reader, 1.0);
    EXPECT_EQ(record.fields, static_cast<std::uint32_t>(FieldSelection));
    EXPECT_EQ(record.source, ChangeSource::Reader);
    EXPECT_EQ(record.history, ChangeKind::Push);
    EXPECT_TRUE(record.follow_selection) << "a click brings the selection into view";
    EXPECT_TRUE(record.notifies());
    EXPECT_EQ(record.view_revision, revision + 1);
    // The same again is no change at all: no fields, no history, no new revision.
    const ChangeRecord again = store.dispatch(SelectAction{"sinjar"}, ChangeSource::Api, 1.1);
    EXPECT_EQ(again.fields, 0u);
    EXPECT_FALSE(again.notifies());
    EXPECT_EQ(again.history, ChangeKind::None);
    EXPECT_EQ(again.view_revision, revision + 1);
}

TEST(Store, AFrameOfActionsIsOneRecord) {
    Store store = store_with("content/isis-losing-ground.json");
    const std::vector<Action> frame = {HoverAction{"raqqa"}, SetMapAction{{35.0, 39.0, 6.0}}, SelectAction{"raqqa"},
                                       SetParagraphAction{"p4"}};
    const ChangeRecord record = store.dispatch(frame, ChangeSource::Reader, 2.0);
    EXPECT_EQ(record.fields, static_cast<std::uint32_t>(FieldHover | FieldMap | FieldSelection | FieldParagraph));
    EXPECT_EQ(record.history, ChangeKind::Push) << "a selection among replacements still pushes";
    EXPECT_EQ(change_field_names(record.fields), (std::vector<std::string>{"selection", "hover", "map", "paragraph"}));
}

TEST(Store, HoverAloneIsHeardByNobody) {
    Store store = store_with("content/isis-losing-ground.json");
    const std::uint64_t revision = store.view_revision();
    const ChangeRecord record = store.dispatch(HoverAction{"sinjar"}, ChangeSource::Reader, 0);
    EXPECT_EQ(record.fields, static_cast<std::uint32_t>(FieldHover));
    EXPECT_FALSE(record.notifies());
    EXPECT_EQ(record.history, ChangeKind::None);
    EXPECT_EQ(record.view_revision, revision) << "hover is not part of the view's revision";
    EXPECT_EQ(store.undo_depth(), 0u) << "hover is nothing to undo";
}

TEST(Store, ContinuousChangesReplace) {
    Store store = store_with("content/isis-losing-ground.json");
    EXPECT_EQ(store.dispatch(SetMapAction{{30.0, 40.0, 5.0}}, ChangeSource::Reader, 0).history, ChangeKind::Replace);
    EXPECT_EQ(store.dispatch(SetParagraphAction{"p3"}, ChangeSource::Reader, 0).history, ChangeKind::Replace);
    const TimeRange range{16500, 16600};
    EXPECT_EQ(store.dispatch(SetTimelineAction{range}, ChangeSource::Reader, 0).history, ChangeKind::Replace);
    EXPECT_EQ(store.dispatch(SetPanelAction{"quotes"}, ChangeSource::Reader, 0).history, ChangeKind::Push);
    EXPECT_EQ(store.dispatch(SetQuoteFilterAction{"thamir-ismail"}, ChangeSource::Reader, 0).history, ChangeKind::Push);
}

// [SECTION] The map's target and its size --------------------------------------------

TEST(Store, TheMapSizeRefitsTheOpeningViewAndAnUntouchedMapFollowsIt) {
    Store store = store_with("content/isis-losing-ground.json");
    const MapView nominal = store.view().map;
    const std::uint64_t revision = store.view_revision();
    const ChangeRecord record = store.dispatch(SetMapSizeAction{1100, 380}, ChangeSource::Reader, 0);
    EXPECT_TRUE(record.has(FieldMap | FieldDefaults));
    EXPECT_EQ(record.history, ChangeKind::None) << "a panel's size is not the reader's doing";
    EXPECT_EQ(store.undo_depth(), 0u) << "nothing to undo";
    EXPECT_GT(record.view_revision, revision);
    const MapView wide = store.view().map;
    EXPECT_FALSE(same_map_view(wide, nominal)) << "a wider, lower panel fits the places at another view";
    EXPECT_TRUE(same_map_view(store.defaults().map, wide));
    EXPECT_TRUE(same_map_view(wide, opening_map_view(opening_view_points(store.pack()), Viewport{1100, 380})))
        << "the one definition of the opening view";
    EXPECT_EQ(link_of(store), "v=1") << "an untouched map stays the link's default at any size";
    // The same size again changes nothing.
    EXPECT_EQ(store.dispatch(SetMapSizeAction{1100, 380}, ChangeSource::Reader, 0).fields, 0u);
    // A new pack opens fitted to the size the store knows.
    store.set_pack(load("tests/packs/pacific-crossing.json"));
    EXPECT_TRUE(same_map_view(store.view().map, opening_map_view(opening_view_points(store.pack()), Viewport{1100, 380})));
}

TEST(Store, AMovedMapKeepsItsTargetWhenTheSizeChanges) {
    Store store = store_with("content/isis-losing-ground.json");
    const MapView target{33.3, 44.4, 6.5};
    store.dispatch(SetMapAction{target}, ChangeSource::Reader, 0);
    const ChangeRecord record = store.dispatch(SetMapSizeAction{500, 700}, ChangeSource::Reader, 5);
    EXPECT_EQ(record.fields, static_cast<std::uint32_t>(FieldDefaults)) << "only the default moved";
    EXPECT_TRUE(same_map_view(store.view().map, target));
    const std::string link = link_of(store);
    EXPECT_NE(link.find("map=33.3000,44.4000,6.50"), std::string::npos) << link;
    // Back to the opening view (the map's reset): the default again, and it follows the size.
    store.dispatch(SetMapAction{store.defaults().map}, ChangeSource::Reader, 10);
    EXPECT_EQ(link_of(store), "v=1");
    store.dispatch(SetMapSizeAction{800, 600}, ChangeSource::Reader, 20);
    EXPECT_TRUE(same_map_view(store.view().map, store.defaults().map));
}

// The map holds where the map is to be, not the frames of a flight towards it: one
// action for a flight's end, and a link of the state reopens there.
TEST(Store, TheMapTargetIsOneChangeAndItsLinkRoundTrips) {
    Store store = store_with("content/isis-losing-ground.json");
    store.dispatch(SetMapSizeAction{700, 450}, ChangeSource::Reader, 0);
    const ChangeRecord select = store.dispatch(SelectAction{"sinjar"}, ChangeSource::Reader, 1.0);
    EXPECT_TRUE(select.follow_selection);
    // The frame after: the map panel dispatches the flight's end once.
    const MapView end{36.3208, 41.8766, 6.0};
    const ChangeRecord flight = store.dispatch(SetMapAction{end}, ChangeSource::Reader, 1.02);
    EXPECT_EQ(flight.fields, static_cast<std::uint32_t>(FieldMap));
    EXPECT_EQ(flight.history, ChangeKind::Replace);
    EXPECT_EQ(store.undo_depth(), 1u) << "the selection and the flight it started are one undo step";
    const std::string link = link_of(store);
    Store other = store_with("content/isis-losing-ground.json");
    open_link(other, link, ChangeSource::Link);
    EXPECT_TRUE(same_map_view(other.view().map, end)) << link << " reopens where the flight ends";
    EXPECT_EQ(encode_state(other.view(), other.defaults()), link) << "encode(decode(link)) round-trips";
    // Undo puts back the selection and the map's opening view in one step.
    store.undo(ChangeSource::Reader);
    EXPECT_EQ(store.view().selection, "");
    EXPECT_TRUE(same_map_view(store.view().map, store.defaults().map));
    EXPECT_EQ(link_of(store), "v=1");
}

// A drag sends the view of every frame: one undo step, replacing the history entry.
TEST(Store, ADragIsOneUndoStep) {
    Store store = store_with("content/isis-losing-ground.json");
    for (int frame = 0; frame < 30; ++frame) {
        const ChangeRecord record =
            store.dispatch(SetMapAction{{34.0 + frame * 0.05, 42.0 - frame * 0.05, 5.0}}, ChangeSource::Reader, 3.0 + frame / 60.0);
        EXPECT_EQ(record.history, ChangeKind::Replace);
    }
    EXPECT_EQ(store.undo_depth(), 1u);
    store.undo(ChangeSource::Reader);
    EXPECT_EQ(link_of(store), "v=1") << "the whole drag is undone";
}

TEST(Store, LinksAndHistoryWriteNoHistoryButHostAndApiPush) {
    Store store = store_with("content/isis-losing-ground.json");
    const std::string link = "v=1&sel=paris-attacks&t=2015-11-13&tab=timeline";
    for (ChangeSource source : {ChangeSource::Link, ChangeSource::History}) {
        open_link(store, "v=1", ChangeSource::History);
        const ChangeRecord record = open_link(store, link, source);
        EXPECT_EQ(record.source, source);
        EXPECT_EQ(record.history, ChangeKind::None) << change_source_name(source) << ": the address bar holds it already";
        EXPECT_TRUE(record.has(FieldSelection | FieldTimeCursor | FieldPanel));
        EXPECT_FALSE(record.follow_selection) << "a restored view keeps its own map and scroll";
        EXPECT_EQ(link_of(store), link);
    }
    for (ChangeSource source : {ChangeSource::Host, ChangeSource::Api}) {
        open_link(store, "v=1", ChangeSource::History);
        // Only the paragraph: a replace-kind field, but a whole view asked for is a place
        // to come back to.
        const ChangeRecord record = open_link(store, "v=1&p=p9", source);
        EXPECT_EQ(record.history, ChangeKind::Push) << change_source_name(source);
        EXPECT_EQ(record.fields, static_cast<std::uint32_t>(FieldParagraph));
    }
}

TEST(Store, RestoringTheLinkOnScreenChangesNothing) {
    Store store = store_with("content/isis-losing-ground.json");
    // A map view more precise than a link writes (4 decimals, zoom 2).
    store.dispatch(SetMapAction{{36.123456789, 41.987654321, 5.4321}}, ChangeSource::Reader, 0);
    store.dispatch(SetTimelineAction{TimeRange{16500.123456, 16600.654321}}, ChangeSource::Reader, 0);
    const AppState precise = store.view();
    const ChangeRecord record = open_link(store, link_of(store), ChangeSource::History);
    EXPECT_EQ(record.fields, 0u) << "the view's own link is no change";
    EXPECT_EQ(store.view().map.lat, precise.map.lat) << "the precise view is kept";
    EXPECT_EQ(store.view().timeline->start_day, precise.timeline->start_day);
}

TEST(Store, HoverSurvivesARestoredLink) {
    Store store = store_with("content/isis-losing-ground.json");
    store.dispatch(HoverAction{"raqqa"}, ChangeSource::Reader, 0);
    open_link(store, "v=1&sel=sinjar", ChangeSource::History);
    EXPECT_EQ(store.view().hover, "raqqa") << "hover belongs to the pointer, not to links";
}

// [SECTION] Links round-trip through the store --------------------------------------

TEST(Store, EveryCanonicalLinkRoundTrips) {
    struct Case { const char* pack; std::vector<std::string> links; };
    const std::vector<Case> cases = {
        {"content/isis-losing-ground.json",
         {"v=1", "v=1&sel=sinjar", "v=1&sel=paris-attacks&tab=timeline", "v=1&t=2015-11-13&tl=2015-10-01..2015-12-01",
          "v=1&tab=quotes&who=thamir-ismail", "v=1&map=33.5000,38.0000,6.00&p=p9",
          "v=1&sel=sinjar&map=36.3200,41.8700,5.25&t=2015-11-13&tl=2014-06-01..2015-12-31&p=p4&tab=map&who=thamir-ismail"}},
        {"tests/packs/pacific-crossing.json",
         {"v=1&sel=suva", "v=1&sel=fiji-independence&map=-18.1416,178.4419,7.00&tab=map", "v=1&p=history&tab=quotes"}},
        {"tests/packs/evening-by-minute.json", {"v=1&t=1989-11-09T17:53Z", "v=1&tl=1989-11-09T16:30Z..1989-11-09T22:30Z"}},
    };
    for (const Case& c : cases) {
        Store store = store_with(c.pack);
        for (const std::string& link : c.links) {
            open_link(store, link, ChangeSource::Link);
            EXPECT_EQ(link_of(store), link) << c.pack << ": encode(decode(link)) is the link";
            // And back through the store from another view: the same link again.
            open_link(store, "v=1", ChangeSource::History);
            open_link(store, link, ChangeSource::History);
            EXPECT_EQ(link_of(store), link) << c.pack;
        }
    }
}

// A span beyond where the pack's timeline may go drew the opening view while the state, the
// link and the host were told the span asked (1900..2100, a host trial): it is read as the
// timeline draws it, and that link round-trips.
TEST(Store, ALinksTimelineBeyondThePacksDatesIsReadAsDrawn) {
    Store store = store_with("content/isis-losing-ground.json");
    for (const char* asked : {"v=1&tl=1900-01-01..2100-01-01", "v=1&tl=-9999-01-01..9999-12-31", "v=1&tl=1990-01-01..1990-02-01"}) {
        const DecodeResult decoded = decode_state(asked, store.defaults(), store.pack(), test_support::kReaderPanels);
        EXPECT_TRUE(decoded.ignored.empty()) << asked;
        const TimeRange shown = decoded.state.timeline.value();
        const TimeLimits limits = timeline_limits(store.pack(), timeline_warp(store.pack()));
        EXPECT_GE(shown.start_day, limits.bounds->start_day - 1e-6) << asked;
        EXPECT_LE(shown.end_day, limits.bounds->end_day + 1e-6) << asked;
        store.dispatch(SetViewAction{decoded.state}, ChangeSource::Link, 0);
        const std::string link = link_of(store);
        EXPECT_EQ(link, "v=1&tl=" + *timeline_text(shown));
        EXPECT_NE(link, asked);
        open_link(store, link, ChangeSource::History);
        EXPECT_EQ(link_of(store), link);
    }
    // Within them, a span is read as asked.
    const DecodeResult inside = decode_state("v=1&tl=2015-10-01..2015-12-01", store.defaults(), store.pack(), test_support::kReaderPanels);
    EXPECT_EQ(timeline_text(inside.state.timeline), "2015-10-01..2015-12-01");
}

// [SECTION] Undo and redo -----------------------------------------------------------

TEST(Store, UndoAndRedoWalkSelections) {
    Store store = store_with("content/isis-losing-ground.json");
    store.dispatch(SelectAction{"sinjar"}, ChangeSource::Reader, 1);
    store.dispatch(SelectAction{"raqqa"}, ChangeSource::Api, 5);
    EXPECT_EQ(store.undo_depth(), 2u);
    ChangeRecord record = store.undo(ChangeSource::Api);
    EXPECT_EQ(store.view().selection, "sinjar");
    EXPECT_EQ(record.fields, static_cast<std::uint32_t>(FieldSelection));
    EXPECT_EQ(record.history, ChangeKind::Push);
    EXPECT_FALSE(record.follow_selection) << "undo restores the view, it does not fly";
    store.undo(ChangeSource::Api);
    EXPECT_EQ(store.view().selection, "");
    EXPECT_EQ(store.undo(ChangeSource::Api).fields, 0u) << "nothing left to undo";
    store.redo(ChangeSource::Api);
    store.redo(ChangeSource::Api);
    EXPECT_EQ(store.view().selection, "raqqa");
    EXPECT_EQ(store.redo(ChangeSource::Api).fields, 0u) << "nothing left to redo";
}

TEST(Store, AGestureIsOneUndoStepAndANewChangeDropsRedo) {
    Store store = store_with("content/isis-losing-ground.json");
    const AppState opening = store.view();
    store.dispatch(SelectAction{"ramadi"}, ChangeSource::Api, 10.0);
    // The map flies to it over a second of frames, then the reader pans, still within
    // the merge window of the last change.
    for (int frame = 1; frame <= 60; ++frame)
        store.dispatch(SetMapAction{{33.0 + frame * 0.01, 43.0, 5.0 + frame * 0.02}}, ChangeSource::Reader, 10.0 + frame / 60.0);
    EXPECT_EQ(store.undo_depth(), 1u) << "the selection and its flight are one step";
    // Much later, a pan of its own.
    store.dispatch(SetMapAction{{20.0, 20.0, 3.0}}, ChangeSource::Reader, 30.0);
    EXPECT_EQ(store.undo_depth(), 2u);
    store.undo(ChangeSource::Api);
    EXPECT_DOUBLE_EQ(store.view().map.lat, 33.6);
    store.undo(ChangeSource::Api);
    EXPECT_EQ(store.view().selection, "");
    EXPECT_DOUBLE_EQ(store.view().map.lat, opening.map.lat) << "the flight is undone with its selection";
    EXPECT_EQ(store.redo_depth(), 2u);
    store.dispatch(SelectAction{"sinjar"}, ChangeSource::Reader, 40.0);
    EXPECT_EQ(store.redo_depth(), 0u) << "a new change ends the redo history";
}

// A link opened (setState, a host's request, Back) is a step of its own: the reader's pan
// a moment later was merged into it, and undo went past the link's view to the one before.
// A link or a request that selects something still takes its flight into its step.
TEST(Store, AGestureAfterALinkIsAStepOfItsOwn) {
    for (const ChangeSource source : {ChangeSource::Api, ChangeSource::Host, ChangeSource::History}) {
        SCOPED_TRACE(change_source_name(source));
        Store store = store_with("content/isis-losing-ground.json");
        AppState linked = store.view();
        linked.map = {-10.0, -170.0, 4.0};
        linked.panel = "quotes";
        store.dispatch(SetViewAction{linked}, source, 10.0);
        store.dispatch(SetMapAction{{-11.0, -171.0, 4.5}}, ChangeSource::Reader, 10.3);
        EXPECT_EQ(store.undo_depth(), 2u);
        store.undo(ChangeSource::Api);
        EXPECT_DOUBLE_EQ(store.view().map.lat, -10.0) << "undo gives the link's view back";
        EXPECT_EQ(store.view().panel, "quotes");
        // Nor does a link join the reader's pan before it.
        store.dispatch(SetMapAction{{-12.0, -172.0, 4.0}}, ChangeSource::Reader, 20.0);
        AppState second = store.view();
        second.panel = "timeline";
        store.dispatch(SetViewAction{second}, source, 20.2);
        store.undo(ChangeSource::Api);
        EXPECT_EQ(store.view().panel, "quotes");
        EXPECT_DOUBLE_EQ(store.view().map.lat, -12.0) << "the pan before the link is a step apart";
        // A link that selects takes the flight after it.
        const std::size_t depth = store.undo_depth();
        AppState selecting = store.view();
        selecting.selection = "sinjar";
        store.dispatch(SetViewAction{selecting}, source, 30.0);
        store.dispatch(SetMapAction{{36.3, 41.9, 5.0}}, ChangeSource::Reader, 30.5);
        EXPECT_EQ(store.undo_depth(), depth + 1);
    }
}

TEST(Store, UndoHistoryIsBounded) {
    Store store = store_with("content/isis-losing-ground.json");
    for (std::size_t i = 0; i < kMaxUndoSteps + 20; ++i)
        store.dispatch(SelectAction{i % 2 ? "sinjar" : "raqqa"}, ChangeSource::Reader, static_cast<double>(i));
    EXPECT_EQ(store.undo_depth(), kMaxUndoSteps);
}

TEST(Store, EveryViewActionHasAnInverse) {
    Store store = store_with("content/isis-losing-ground.json");
    store.dispatch(HoverAction{"raqqa"}, ChangeSource::Reader, 0);
    const AppState start = store.view();
    const std::vector<Action> actions = {
        SelectAction{"sinjar"}, SetMapAction{{12.0, 13.0, 4.0}}, SetTimelineAction{TimeRange{16000, 16100}},
        SetTimeCursorAction{cursor_on_day(16050)}, SetParagraphAction{"p5"}, SetPanelAction{"timeline"},
        SetQuoteFilterAction{"jm-berger"}};
    for (const Action& action : actions) {
        AppState state = start;
        ASSERT_NE(apply_action(state, action), ChangeKind::None) << action.index();
        apply_action(state, inverse_action(action, start));
        EXPECT_EQ(encode_state(state, start), "v=1") << "the inverse of action " << action.index() << " puts it back";
    }
    AppState state = start;
    AppState other = start;
    other.selection = "raqqa";
    other.panel = "quotes";
    apply_action(state, SetViewAction{other});
    apply_action(state, inverse_action(SetViewAction{other}, start));
    EXPECT_EQ(encode_state(state, start), "v=1");
    EXPECT_EQ(state.hover, "raqqa");
}

TEST(Store, UndoingEverythingGivesTheStartBackAndRedoingGivesTheEnd) {
    // Random sequences of every kind of action, at random times (so steps merge in
    // every way): undo to the bottom, then redo to the top.
    const Pack pack = load("tests/packs/southern-americas.json");
    std::mt19937 random(12);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    const auto entity = [&] { return pick(4) == 0 ? std::string() : pack.entities[pick(pack.entities.size())].id; };
    for (int run = 0; run < 20; ++run) {
        Store store;
        store.set_pack(pack);
        const std::string start = link_of(store);
        double now = run * 1000.0;
        for (int i = 0; i < 40; ++i) {
            now += pick(3) == 0 ? 2.0 : 0.2;
            const double x = static_cast<double>(pick(1000));
            const std::vector<Action> choices = {
                SelectAction{entity()}, HoverAction{entity()}, SetMapAction{{x / 20 - 25, x / 10 - 50, x / 200}},
                SetTimelineAction{TimeRange{x, x + 30 + pick(400)}}, SetTimeCursorAction{cursor_on_day(static_cast<int>(x))},
                SetParagraphAction{pack.article.paragraphs[pick(pack.article.paragraphs.size())].id},
                SetPanelAction{std::string(test_support::kReaderPanels[pick(4)])}, SetQuoteFilterAction{entity()}};
            store.dispatch(choices[pick(choices.size())], static_cast<ChangeSource>(pick(6)), now);
        }
        const std::string end = link_of(store);
        while (store.undo(ChangeSource::Api).fields != 0) {}
        EXPECT_EQ(link_of(store), start) << "run " << run;
        while (store.redo(ChangeSource::Api).fields != 0) {}
        EXPECT_EQ(link_of(store), end) << "run " << run;
    }
}

// [SECTION] Pack edits through the same store ----------------------------------------

// A stand-in for an editor's edit (the real ones live in pack_edit): renames the headline
// and gives back the edit that renames it back; the same headline again changes nothing.
PackEdit set_headline(std::string headline) {
    return PackEdit{"set headline", [headline](Pack& pack, PackEdit& inverse) -> std::string {
                        if (headline.empty()) return "a headline cannot be empty";
                        if (headline == pack.article.headline) return "";  // no inverse: no change
                        inverse = set_headline(pack.article.headline);
                        pack.article.headline = headline;
                        return "";
                    }};
}

TEST(Store, PackEditsShareTheUndoHistoryAndCountPackRevisions) {
    Store store = store_with("tests/packs/pacific-crossing.json");
    const std::string original = store.pack().article.headline;
    const std::uint64_t packs = store.pack_revision();
    store.dispatch(SelectAction{"suva"}, ChangeSource::Reader, 0);
    ChangeRecord record = store.dispatch(set_headline("Across the Pacific"), ChangeSource::Editor, 10);
    EXPECT_EQ(record.fields, static_cast<std::uint32_t>(FieldPack));
    EXPECT_EQ(record.source, ChangeSource::Editor);
    EXPECT_EQ(record.pack_revision, packs + 1);
    EXPECT_EQ(store.pack().article.headline, "Across the Pacific");
    record = store.dispatch(set_headline(""), ChangeSource::Editor, 11);
    EXPECT_EQ(record.error, "a headline cannot be empty");
    EXPECT_EQ(record.fields, 0u);
    EXPECT_EQ(store.undo_depth(), 2u) << "a refused edit is nothing to undo";
    record = store.dispatch(set_headline("Across the Pacific"), ChangeSource::Editor, 12);
    EXPECT_EQ(record.error, "");
    EXPECT_EQ(record.fields, 0u) << "an edit that leaves the pack as it was changes nothing";
    EXPECT_EQ(record.pack_revision, packs + 1);
    EXPECT_EQ(store.undo_depth(), 2u) << "and is nothing to undo";
    store.undo(ChangeSource::Editor);
    EXPECT_EQ(store.pack().article.headline, original);
    EXPECT_EQ(store.view().selection, "suva") << "one undo, one step";
    store.redo(ChangeSource::Editor);
    EXPECT_EQ(store.pack().article.headline, "Across the Pacific");
    EXPECT_EQ(store.pack_revision(), packs + 3);
}

// Moves a place, as the editor's drag does, and gives back the edit that moves it back.
PackEdit move_place(std::string id, GeoPoint to) {
    return PackEdit{"move place", [id, to](Pack& pack, PackEdit& inverse) -> std::string {
                        Entity& place = pack.entities[pack.entity_index.at(id)];
                        inverse = move_place(id, *place.location);
                        place.location = to;
                        return "";
                    }};
}

// An edit that moves a place refits the opening view, the one links leave out and the
// map's reset flies to, but never moves the map under the author's hands. The store used to
// keep the view fitted when the pack was set, while the map panel refitted its own: after
// such an edit the map showed the new fit and getState() and links said the old one.
TEST(Store, AnEditThatMovesAPlaceRefitsTheOpeningViewButNotTheMap) {
    Store store = store_with("tests/packs/pacific-crossing.json");
    store.dispatch(SetMapSizeAction{900, 500}, ChangeSource::Reader, 0);
    const MapView before = store.defaults().map;
    ChangeRecord record = store.dispatch(move_place("suva", GeoPoint{-149.57, -17.53}), ChangeSource::Editor, 1);  // to Tahiti
    EXPECT_TRUE(record.has(FieldPack | FieldDefaults));
    EXPECT_FALSE(record.has(FieldMap));
    const MapView refitted = opening_map_view(opening_view_points(store.pack()), Viewport{900, 500});
    EXPECT_FALSE(same_map_view(refitted, before));
    EXPECT_TRUE(same_map_view(store.defaults().map, refitted));
    EXPECT_TRUE(same_map_view(store.view().map, before)) << "the map stays where the author sees it";
    EXPECT_NE(link_of(store), "v=1") << "a link says where it is";
    store.undo(ChangeSource::Editor);
    EXPECT_TRUE(same_map_view(store.defaults().map, before));
    EXPECT_EQ(link_of(store), "v=1");
}

// Swaps the pack for `next` (as the editor's session does when an edit makes its document
// validate, or undoes that) and gives back the edit that swaps it back.
PackEdit replace_pack(Pack next) {
    return PackEdit{"replace pack", [next](Pack& pack, PackEdit& inverse) -> std::string {
                        inverse = replace_pack(pack);
                        pack = next;
                        return "";
                    }};
}

// A pack without any date (the editor's stand-in for one that does not validate: its
// article's text alone) has no timeline range, in the view or the opening view, so none
// goes into getState() or a link. The store used to fit a range to no dates: from day 0,
// 1 January 1970, which getState() gave and which stayed after the pack validated.
TEST(Store, APackWithoutADateHasNoTimelineRangeUntilAnEditGivesItDates) {
    Pack undated;
    undated.article.headline = "Text alone";
    undated.article.paragraphs.push_back({"p1", "Words.", "", ""});
    Store store;
    store.set_pack(undated);
    EXPECT_FALSE(store.view().timeline);
    EXPECT_FALSE(store.defaults().timeline);
    EXPECT_EQ(link_of(store), "v=1");
    EXPECT_NE(state_to_json(store.view()).find(R"("timeline":null)"), std::string::npos) << state_to_json(store.view());

    // The edit that makes it a pack with dates gives it the range such a pack opens on.
    const Pack dated = load("content/isis-losing-ground.json");
    ChangeRecord record = store.dispatch(replace_pack(dated), ChangeSource::Editor, 1);
    EXPECT_TRUE(record.has(FieldPack | FieldTimeline | FieldDefaults));
    ASSERT_TRUE(store.view().timeline);
    EXPECT_EQ(store.view().timeline, default_timeline(dated));
    EXPECT_EQ(store.defaults().timeline, default_timeline(dated));
    EXPECT_EQ(link_of(store).find("tl="), std::string::npos) << "the range is the opening one: " << link_of(store);

    // While the pack keeps dates, an edit leaves a range where the author put it.
    const TimeRange panned{16000, 16100};
    store.dispatch(SetTimelineAction{panned}, ChangeSource::Reader, 10);
    record = store.dispatch(set_headline("Still dated"), ChangeSource::Editor, 20);
    EXPECT_FALSE(record.has(FieldTimeline) || record.has(FieldDefaults));
    EXPECT_EQ(store.view().timeline, panned);

    // Undone back to no date, the range goes again; redone, it comes back.
    store.undo(ChangeSource::Editor);
    store.undo(ChangeSource::Editor);
    store.undo(ChangeSource::Editor);
    EXPECT_EQ(store.pack().article.headline, "Text alone");
    EXPECT_FALSE(store.view().timeline);
    EXPECT_FALSE(store.defaults().timeline);
    EXPECT_EQ(link_of(store).find("tl="), std::string::npos) << link_of(store);
    store.redo(ChangeSource::Editor);
    EXPECT_EQ(store.view().timeline, default_timeline(dated));
}

// The stand-in for a pack that does not validate has no place either, and opens on the
// whole world. The editor's map used to stay on that world after an edit made the pack
// validate, and a link said "map=0,0,0.16": now the edit that gives the pack places moves a
// map still showing the world to them, and only such a map.
TEST(Store, TheEditThatGivesAPlacelessPackPlacesMovesAMapStillShowingTheWorld) {
    Pack placeless;
    placeless.article.headline = "Text alone";
    placeless.article.paragraphs.push_back({"p1", "Words.", "", ""});
    const Pack placed = load("content/isis-losing-ground.json");
    const Viewport size{900, 500};
    const MapView world = opening_map_view({}, size);
    const MapView fitted = opening_map_view(opening_view_points(placed), size);
    ASSERT_FALSE(same_map_view(world, fitted));

    Store store;
    store.set_pack(placeless);
    store.dispatch(SetMapSizeAction{size.width, size.height}, ChangeSource::Reader, 0);
    EXPECT_TRUE(same_map_view(store.view().map, world));
    ChangeRecord record = store.dispatch(replace_pack(placed), ChangeSource::Editor, 1);
    EXPECT_TRUE(record.has(FieldMap | FieldDefaults));
    EXPECT_TRUE(same_map_view(store.view().map, fitted));
    EXPECT_TRUE(same_map_view(store.defaults().map, fitted));
    EXPECT_EQ(link_of(store), "v=1") << "the map is where the pack opens";

    // From there on, edits leave the map where it is, as with any pack.
    record = store.dispatch(move_place("raqqa", GeoPoint{2.35, 48.86}), ChangeSource::Editor, 2);  // to Paris
    EXPECT_FALSE(record.has(FieldMap));
    EXPECT_TRUE(same_map_view(store.view().map, fitted));

    // Undone to no place, the map stays too (the author is looking at it); redone, it stays
    // where it is, which is no longer the world.
    store.undo(ChangeSource::Editor);
    store.undo(ChangeSource::Editor);
    EXPECT_TRUE(same_map_view(store.defaults().map, world));
    EXPECT_TRUE(same_map_view(store.view().map, fitted));
    store.redo(ChangeSource::Editor);
    EXPECT_TRUE(same_map_view(store.view().map, fitted));

    // A world the author moved stays where the author moved it.
    Store moved;
    moved.set_pack(placeless);
    moved.dispatch(SetMapSizeAction{size.width, size.height}, ChangeSource::Reader, 0);
    const MapView panned{10.0, 30.0, world.zoom};
    moved.dispatch(SetMapAction{panned}, ChangeSource::Reader, 1);
    record = moved.dispatch(replace_pack(placed), ChangeSource::Editor, 2);
    EXPECT_FALSE(record.has(FieldMap));
    EXPECT_TRUE(same_map_view(moved.view().map, panned));
    EXPECT_TRUE(same_map_view(moved.defaults().map, fitted));
}

// While a pack keeps its dates, an edit that moves them refits the opening range (what
// links leave out and the timeline's reset shows) but not the range the author is looking
// at. The opening range used to stay as the pack had it when the editor opened it: a link
// written after such an edit left out a range that was no longer the one a reader opens on.
TEST(Store, AnEditThatMovesADateRefitsTheOpeningRangeButNotTheTimeline) {
    const Pack dated = load("content/isis-losing-ground.json");
    Store store;
    store.set_pack(dated);
    const std::optional<TimeRange> before = store.view().timeline;
    ASSERT_TRUE(before);
    Pack earlier = dated;
    Entity* event = nullptr;
    for (Entity& entity : earlier.entities)
        if (entity.date && !event) event = &entity;
    ASSERT_NE(event, nullptr);
    event->date->start_day -= 3650;  // ten years back
    event->date->end_day = event->date->start_day + 1;
    ChangeRecord record = store.dispatch(replace_pack(earlier), ChangeSource::Editor, 1);
    EXPECT_TRUE(record.has(FieldDefaults));
    EXPECT_FALSE(record.has(FieldTimeline));
    EXPECT_EQ(store.defaults().timeline, default_timeline(earlier));
    EXPECT_NE(store.defaults().timeline, before);
    EXPECT_EQ(store.view().timeline, before) << "the timeline stays where the author sees it";
    EXPECT_NE(link_of(store).find("tl="), std::string::npos) << "a link says where it is: " << link_of(store);
    store.undo(ChangeSource::Editor);
    EXPECT_EQ(store.defaults().timeline, before);
    EXPECT_EQ(link_of(store), "v=1");
}

// [SECTION] The record as the page reads it -------------------------------------------

TEST(Store, RecordJsonCarriesWhatThePageActsOn) {
    Store store = store_with("content/isis-losing-ground.json");
    const ChangeRecord record = open_link(store, "v=1&sel=sinjar&tab=map", ChangeSource::History);
    const std::string json = change_record_to_json(record, store);
    for (const char* part : {R"("fields":["selection","panel"])", R"("source":"history")", R"("history":"none")",
                             R"("selection":"sinjar")", R"("selectionChanged":true)", R"("link":"#v=1&sel=sinjar&tab=map")"})
        EXPECT_NE(json.find(part), std::string::npos) << part << " in " << json;
}

// [SECTION] Panels are the app's ---------------------------------------------------------

// Core knows no list of panels: the app's table (src/ui/panel_table.cpp) gives their ids
// to the link decoder, and the view, the store, links, the API's JSON and host messages
// carry whichever id it gave. An editor's inspector as a fifth panel needs no core change.
TEST(Store, AFifthPanelTravelsThroughLinksTheApiAndHostMessagesWithoutCoreKnowingIt) {
    constexpr std::array<std::string_view, 5> kWithInspector = {"article", "map", "timeline", "quotes", "inspector"};
    Store store = store_with("content/isis-losing-ground.json");
    const ChangeRecord shown = store.dispatch(SetPanelAction{"inspector"}, ChangeSource::Reader, 0);
    EXPECT_TRUE(shown.has(FieldPanel));
    EXPECT_EQ(shown.history, ChangeKind::Push);
    const std::string link = link_of(store);
    EXPECT_NE(link.find("tab=inspector"), std::string::npos) << link;
    EXPECT_NE(state_to_json(store.view()).find("\"panel\":\"inspector\""), std::string::npos);
    EXPECT_NE(make_state_message(link, summarize_state(store.view(), store.pack())).find("\"panel\":\"inspector\""), std::string::npos);

    // The link reopens the panel where the app lists it, and is refused where it does not.
    Store other = store_with("content/isis-losing-ground.json");
    EXPECT_TRUE(open_link(other, link, ChangeSource::Link, 0, kWithInspector).has(FieldPanel));
    EXPECT_EQ(other.view().panel, "inspector");
    const DecodeResult reader = decode_state(link, other.defaults(), other.pack(), test_support::kReaderPanels);
    ASSERT_EQ(reader.ignored.size(), 1u);
    EXPECT_EQ(reader.ignored[0], "panel 'inspector' is not one of article, map, timeline, quotes");
    EXPECT_EQ(reader.state.panel, kOpeningPanel);
}

// The tests' list of the reader's panels is the app's table, in its order.
TEST(Store, ReaderPanelsAreThePanelTables) {
    const std::string table = test_support::read_source_file("src/ui/panel_table.cpp");
    std::vector<std::string> ids;
    const std::regex row(R"re(\{"([a-z-]+)", "[^"]+",)re");
    for (auto it = std::sregex_iterator(table.begin(), table.end(), row); it != std::sregex_iterator(); ++it) ids.push_back((*it)[1]);
    EXPECT_EQ(ids, std::vector<std::string>(test_support::kReaderPanels.begin(), test_support::kReaderPanels.end()));
}

} // namespace
} // namespace explainer
