// The linked-selection model: every relation direction of selection.h, emphasis
// precedence, map places per kind and time-cursor dimming, on a small pack built here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include <algorithm>
#include <string>
#include <vector>

#include "core/dates.h"
#include "core/geo.h"
#include "core/selection.h"

namespace explainer {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

int day(const char* iso) { return *parse_iso_day(iso); }

// A pack shaped like the first article's: who is where, who said what, what happened.
class SelectionTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (int i = 0; i < 6; ++i) pack.article.paragraphs.push_back({"p" + std::to_string(i + 1), "text", "", ""});

        add_place("sinjar");
        add_place("paris");
        add_place("ramadi");
        add_place("turkey");
        add_place("baiji");
        add_place("raqqa");  // no event, no person, no quote

        add("kurdish-forces", EntityKind::Organisation);
        add("islamic-state", EntityKind::Organisation);
        add("brookings", EntityKind::Organisation);

        Entity& ahmed = add("ali-ahmed", EntityKind::Person);
        ahmed.place = "sinjar";
        ahmed.affiliations = {"kurdish-forces"};
        Entity& berger = add("berger", EntityKind::Person);  // no place
        berger.affiliations = {"brookings"};
        Entity& sympathizer = add("sympathizer", EntityKind::Person);
        sympathizer.place = "turkey";
        Entity& ismail = add("ismail", EntityKind::Person);
        ismail.place = "ramadi";

        Entity& sinjar = add("sinjar-recapture", EntityKind::Event);
        sinjar.places = {"sinjar"};
        sinjar.participants = {"kurdish-forces", "islamic-state"};
        sinjar.date = DateSpan{day("2015-11-13"), day("2015-11-13"), false, "2015-11-13", "last week"};
        Entity& paris = add("paris-attacks", EntityKind::Event);
        paris.places = {"paris"};
        paris.participants = {"islamic-state"};
        paris.date = DateSpan{day("2015-11-13"), day("2015-11-13"), false, "2015-11-13", ""};
        Entity& baiji = add("baiji-recapture", EntityKind::Event);
        baiji.places = {"baiji"};
        baiji.date = DateSpan{day("2015-10-01"), day("2015-10-31"), true, "2015-10-01/2015-10-31", "in October"};
        Entity& siege = add("ramadi-siege", EntityKind::Event);  // undated
        siege.places = {"ramadi"};

        Entity& q_berger = add("q-berger", EntityKind::Quote);
        q_berger.speaker = "berger";
        q_berger.mentions = {mention(4)};
        Entity& q_sym = add("q-sympathizer", EntityKind::Quote);  // said where the speaker is
        q_sym.speaker = "sympathizer";
        q_sym.related = {"paris-attacks"};
        q_sym.mentions = {mention(5), mention(3), mention(5)};
        Entity& q_ismail = add("q-ismail", EntityKind::Quote);  // said somewhere of its own
        q_ismail.speaker = "ismail";
        q_ismail.place = "baiji";
        q_ismail.related = {"baiji-recapture", "sinjar-recapture"};

        Entity& distance = add("fig-distance", EntityKind::Figure);
        distance.check = FigureCheck{"distance", "sinjar", "paris", 2500, "mi"};
        Entity& dead = add("fig-dead", EntityKind::Figure);
        dead.related = {"paris-attacks"};
        dead.mentions = {mention(1)};
    }

    Entity& add(const std::string& id, EntityKind kind) {
        pack.entity_index[id] = pack.entities.size();
        Entity& entity = pack.entities.emplace_back();
        entity.id = id;
        entity.kind = kind;
        entity.name = id;
        return entity;
    }
    void add_place(const std::string& id) { add(id, EntityKind::Place).location = GeoPoint{33.0, 44.0}; }
    Mention mention(std::size_t paragraph) {
        Mention m;
        m.paragraph = pack.article.paragraphs[paragraph].id;
        m.exact = "text";
        m.paragraph_index = paragraph;
        m.end = 4;
        return m;
    }
    Entity& entity(const std::string& id) { return pack.entities[pack.entity_index.at(id)]; }

    Pack pack;
};

// [SECTION] linked_to ---------------------------------------------------------------

// The one computation behind the badge, the arc and the mirror: Sinjar to Paris on
// the sphere (about 3,470 km, haversine by hand), against the article's 2,500 miles.
TEST_F(SelectionTest, CheckedDistanceIsTheGreatCircleAndTheArticlesDifference) {
    for (Entity& e : pack.entities) {
        if (e.id == "sinjar") e.location = GeoPoint{.lon = 41.8766, .lat = 36.3208};
        if (e.id == "paris") e.location = GeoPoint{.lon = 2.3522, .lat = 48.8566};
    }
    const std::optional<CheckedDistance> d = checked_distance(pack, *pack.find("fig-distance"));
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->from->id, "sinjar");
    EXPECT_EQ(d->to->id, "paris");
    EXPECT_NEAR(d->km, 3470, 15);
    EXPECT_EQ(d->article_percent, std::lround((2500 * 1.609344 / d->km - 1) * 100));
    EXPECT_GT(d->article_percent, 10);
    // Not a distance, or a place without a location: nothing to check.
    EXPECT_FALSE(checked_distance(pack, *pack.find("sinjar")).has_value());
    for (Entity& e : pack.entities)
        if (e.id == "paris") e.location.reset();
    EXPECT_FALSE(checked_distance(pack, *pack.find("fig-distance")).has_value());
}

TEST_F(SelectionTest, UnknownOrEmptyIdLinksNothing) {
    for (const char* id : {"", "nowhere", "sinja", "SINJAR"}) {
        const Linked linked = linked_to(pack, id);
        EXPECT_TRUE(linked.empty()) << id;
        EXPECT_THAT(linked.entities, IsEmpty()) << id;
        EXPECT_THAT(linked.paragraphs, IsEmpty()) << id;
        EXPECT_FALSE(linked.contains("sinjar")) << id;
    }
}

TEST_F(SelectionTest, PlaceLinksItsEventsPeopleQuotesAndFigures) {
    // sinjar: the general stationed there, the event there, the figure measured from it;
    // not q-ismail, which names the Sinjar event but neither the place nor a speaker there.
    EXPECT_THAT(linked_to(pack, "sinjar").entities,
                ElementsAre("sinjar", "ali-ahmed", "sinjar-recapture", "fig-distance"));
    // turkey: the sympathizer there, and their quote, which names no place itself.
    EXPECT_THAT(linked_to(pack, "turkey").entities, ElementsAre("turkey", "sympathizer", "q-sympathizer"));
    // baiji: the quote said there by a speaker based elsewhere.
    EXPECT_THAT(linked_to(pack, "baiji").entities, ElementsAre("baiji", "baiji-recapture", "q-ismail"));
    // ramadi: the person there, the undated event, the quote whose speaker is there.
    EXPECT_THAT(linked_to(pack, "ramadi").entities, ElementsAre("ramadi", "ismail", "ramadi-siege", "q-ismail"));
    EXPECT_THAT(linked_to(pack, "raqqa").entities, ElementsAre("raqqa"));
}

TEST_F(SelectionTest, LinkedCacheRecomputesOnlyWhenTheIdOrThePackChanges) {
    LinkedCache cache;
    LinkIndexCache index;
    // Frames with the same selection reuse the links.
    for (int frame = 0; frame < 5; ++frame)
        EXPECT_THAT(cache.get(pack, 1, "sinjar", index).entities, ElementsAre("sinjar", "ali-ahmed", "sinjar-recapture", "fig-distance"));
    EXPECT_EQ(cache.computations(), 1u);
    // A new id is linked afresh.
    EXPECT_THAT(cache.get(pack, 1, "turkey", index).entities, ElementsAre("turkey", "sympathizer", "q-sympathizer"));
    EXPECT_EQ(cache.computations(), 2u);
    // So is the same id in another pack: a pack where Turkey's sympathizer is gone.
    std::erase_if(pack.entities, [](const Entity& e) { return e.id == "sympathizer" || e.id == "q-sympathizer"; });
    pack.entity_index.clear();
    for (std::size_t i = 0; i < pack.entities.size(); ++i) pack.entity_index[pack.entities[i].id] = i;
    EXPECT_THAT(cache.get(pack, 1, "turkey", index).entities, ElementsAre("turkey", "sympathizer", "q-sympathizer"))
        << "same revision: the cache may not look at the pack";
    EXPECT_THAT(cache.get(pack, 2, "turkey", index).entities, ElementsAre("turkey"));
    EXPECT_EQ(cache.computations(), 3u);
    EXPECT_TRUE(cache.get(pack, 2, "", index).empty());
}

TEST_F(SelectionTest, PersonLinksQuotesPlaceAffiliations) {
    EXPECT_THAT(linked_to(pack, "berger").entities, ElementsAre("berger", "brookings", "q-berger"));
    EXPECT_THAT(linked_to(pack, "ali-ahmed").entities, ElementsAre("ali-ahmed", "sinjar", "kurdish-forces"));
    EXPECT_THAT(linked_to(pack, "ismail").entities, ElementsAre("ismail", "ramadi", "q-ismail"));
}

TEST_F(SelectionTest, OrganisationLinksItsPeopleAndEvents) {
    EXPECT_THAT(linked_to(pack, "kurdish-forces").entities,
                ElementsAre("kurdish-forces", "ali-ahmed", "sinjar-recapture"));
    EXPECT_THAT(linked_to(pack, "islamic-state").entities,
                ElementsAre("islamic-state", "sinjar-recapture", "paris-attacks"));
    EXPECT_THAT(linked_to(pack, "brookings").entities, ElementsAre("brookings", "berger"));
}

TEST_F(SelectionTest, EventLinksPlacesParticipantsAndWhatIsAboutIt) {
    EXPECT_THAT(linked_to(pack, "sinjar-recapture").entities,
                ElementsAre("sinjar-recapture", "sinjar", "kurdish-forces", "islamic-state", "q-ismail"));
    EXPECT_THAT(linked_to(pack, "paris-attacks").entities,
                ElementsAre("paris-attacks", "paris", "islamic-state", "q-sympathizer", "fig-dead"));
}

TEST_F(SelectionTest, QuoteLinksSpeakerSpeakersPlaceAndRelated) {
    EXPECT_THAT(linked_to(pack, "q-sympathizer").entities,
                ElementsAre("q-sympathizer", "turkey", "sympathizer", "paris-attacks"));
    EXPECT_THAT(linked_to(pack, "q-ismail").entities,
                ElementsAre("q-ismail", "ramadi", "baiji", "ismail", "sinjar-recapture", "baiji-recapture"));
    EXPECT_THAT(linked_to(pack, "q-berger").entities, ElementsAre("q-berger", "berger"));
}

TEST_F(SelectionTest, FigureLinksWhatItIsAbout) {
    EXPECT_THAT(linked_to(pack, "fig-distance").entities, ElementsAre("fig-distance", "sinjar", "paris"));
    EXPECT_THAT(linked_to(pack, "fig-dead").entities, ElementsAre("fig-dead", "paris-attacks"));
}

TEST_F(SelectionTest, LinksAreSymmetricAndNeverRepeat) {
    for (const Entity& a : pack.entities) {
        const Linked linked = linked_to(pack, a.id);
        ASSERT_EQ(linked.focus, a.id);
        ASSERT_FALSE(linked.entities.empty());
        EXPECT_EQ(linked.entities.front(), a.id);
        std::vector<std::string> sorted = linked.entities;
        std::sort(sorted.begin(), sorted.end());
        EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end()) << a.id << " repeats an entity";
        for (const Entity& b : pack.entities) {
            if (&a == &b) continue;
            EXPECT_EQ(linked.contains(b.id), linked_to(pack, b.id).contains(a.id)) << a.id << " <-> " << b.id;
        }
    }
}

TEST_F(SelectionTest, LinkedEntitiesFollowPackOrderAfterTheFocus) {
    for (const Entity& e : pack.entities) {
        const Linked linked = linked_to(pack, e.id);
        std::vector<std::size_t> indices;
        for (std::size_t i = 1; i < linked.entities.size(); ++i) indices.push_back(pack.entity_index.at(linked.entities[i]));
        EXPECT_TRUE(std::is_sorted(indices.begin(), indices.end())) << e.id;
    }
}

TEST_F(SelectionTest, DanglingReferencesAreIgnored) {
    entity("fig-dead").related.push_back("no-such-entity");
    entity("q-berger").speaker = "nobody";
    EXPECT_THAT(linked_to(pack, "fig-dead").entities, ElementsAre("fig-dead", "paris-attacks"));
    EXPECT_THAT(linked_to(pack, "q-berger").entities, ElementsAre("q-berger"));
    EXPECT_THAT(linked_to(pack, "berger").entities, ElementsAre("berger", "brookings"));
}

TEST_F(SelectionTest, ParagraphsAreTheFocusMentionsSortedAndUnique) {
    const Linked quote = linked_to(pack, "q-sympathizer");
    EXPECT_THAT(quote.paragraphs, ElementsAre(3u, 5u));
    EXPECT_TRUE(quote.mentions_paragraph(3));
    EXPECT_TRUE(quote.mentions_paragraph(5));
    EXPECT_FALSE(quote.mentions_paragraph(4));
    // The event is linked to the quote, but the quote's paragraphs are not the event's.
    EXPECT_THAT(linked_to(pack, "paris-attacks").paragraphs, IsEmpty());
    EXPECT_THAT(linked_to(pack, "fig-dead").paragraphs, ElementsAre(1u));
}

TEST_F(SelectionTest, ContainsMatchesWholeIdsOnly) {
    const Linked linked = linked_to(pack, "q-ismail");
    for (const std::string& id : linked.entities) EXPECT_TRUE(linked.contains(id)) << id;
    EXPECT_FALSE(linked.contains("ismai"));
    EXPECT_FALSE(linked.contains("ismail-x"));
    EXPECT_FALSE(linked.contains(""));
    EXPECT_FALSE(linked.contains("paris"));

    // A Linked written out by hand (no id_order) still answers.
    Linked by_hand;
    by_hand.focus = "b";
    by_hand.entities = {"b", "a", "c"};
    EXPECT_TRUE(by_hand.contains("a"));
    EXPECT_TRUE(by_hand.contains("c"));
    EXPECT_FALSE(by_hand.contains("d"));
}

// [SECTION] Emphasis ---------------------------------------------------------------

TEST_F(SelectionTest, SelectedBeatsHoveredBeatsRelated) {
    AppState state;
    state.selection = "paris-attacks";
    state.hover = "sinjar";
    const Linked selected = linked_to(pack, state.selection);
    const Linked hovered = linked_to(pack, state.hover);

    EXPECT_EQ(emphasis_of(state, selected, hovered, "paris-attacks"), Emphasis::Selected);
    EXPECT_EQ(emphasis_of(state, selected, hovered, "sinjar"), Emphasis::Hovered);
    EXPECT_EQ(emphasis_of(state, selected, hovered, "paris"), Emphasis::Related);         // via the selection
    EXPECT_EQ(emphasis_of(state, selected, hovered, "ali-ahmed"), Emphasis::Related);     // via the hover
    EXPECT_EQ(emphasis_of(state, selected, hovered, "fig-distance"), Emphasis::Related);  // via the hover
    EXPECT_EQ(emphasis_of(state, selected, hovered, "berger"), Emphasis::None);
    EXPECT_EQ(emphasis_of(state, selected, hovered, ""), Emphasis::None);

    // Hovering the selected entity keeps it selected; hovering a related one raises it.
    state.hover = "paris-attacks";
    EXPECT_EQ(emphasis_of(state, selected, linked_to(pack, state.hover), "paris-attacks"), Emphasis::Selected);
    state.hover = "paris";
    EXPECT_EQ(emphasis_of(state, selected, linked_to(pack, state.hover), "paris"), Emphasis::Hovered);

    const AppState nothing;
    EXPECT_EQ(emphasis_of(nothing, Linked{}, Linked{}, "paris"), Emphasis::None);
}

// The index look-up panels use for every entity of a long pack says what the id search
// says, for every entity, selection and hover of the seed.
TEST_F(SelectionTest, EmphasisByIndexAgreesWithEmphasisById) {
    std::vector<std::string> ids{""};
    for (const Entity& e : pack.entities) ids.push_back(e.id);
    for (const std::string& selection : ids)
        for (const std::string& hover : {std::string(), std::string("sinjar"), std::string("berger")}) {
            AppState state;
            state.selection = selection;
            state.hover = hover;
            const Linked selected = selection.empty() ? Linked{} : linked_to(pack, selection);
            const Linked hovered = hover.empty() ? Linked{} : linked_to(pack, hover);
            for (std::size_t i = 0; i < pack.entities.size(); ++i)
                ASSERT_EQ(emphasis_of(state, selected, hovered, pack.entities[i].id, i),
                          emphasis_of(state, selected, hovered, pack.entities[i].id))
                    << pack.entities[i].id << " with " << selection << " selected, " << hover << " hovered";
        }
    // A Linked built by hand (no index) is searched by id.
    Linked by_hand;
    by_hand.focus = "paris";
    by_hand.entities = {"paris", "raqqa"};
    const std::size_t raqqa = *pack.index_of("raqqa");
    EXPECT_TRUE(by_hand.contains(raqqa, "raqqa"));
    EXPECT_FALSE(by_hand.contains(raqqa, "sinjar"));
    EXPECT_TRUE(linked_to(pack, "paris").contains(*pack.index_of("paris-attacks"), "paris-attacks"));
    EXPECT_FALSE(linked_to(pack, "paris").contains(*pack.index_of("berger"), "berger"));
}

// [SECTION] Places and time ----------------------------------------------------------

TEST_F(SelectionTest, PlacesOfEachKind) {
    EXPECT_THAT(places_of(pack, "raqqa"), ElementsAre("raqqa"));
    EXPECT_THAT(places_of(pack, "paris-attacks"), ElementsAre("paris"));
    EXPECT_THAT(places_of(pack, "ali-ahmed"), ElementsAre("sinjar"));
    EXPECT_THAT(places_of(pack, "berger"), IsEmpty());
    EXPECT_THAT(places_of(pack, "q-ismail"), ElementsAre("baiji"));           // where it was said
    EXPECT_THAT(places_of(pack, "q-sympathizer"), ElementsAre("turkey"));     // where the speaker is
    EXPECT_THAT(places_of(pack, "q-berger"), IsEmpty());
    EXPECT_THAT(places_of(pack, "fig-distance"), ElementsAre("sinjar", "paris"));
    EXPECT_THAT(places_of(pack, "fig-dead"), ElementsAre("paris"));           // through its event
    EXPECT_THAT(places_of(pack, "islamic-state"), ElementsAre("sinjar", "paris"));
    EXPECT_THAT(places_of(pack, "brookings"), IsEmpty());
    EXPECT_THAT(places_of(pack, "nowhere"), IsEmpty());
    EXPECT_THAT(places_of(pack, ""), IsEmpty());

    entity("fig-dead").place = "paris";  // named twice: once in the result
    EXPECT_THAT(places_of(pack, "fig-dead"), ElementsAre("paris"));
    entity("ali-ahmed").place = "kurdish-forces";  // not a place: never on the map
    EXPECT_THAT(places_of(pack, "ali-ahmed"), IsEmpty());
}

TEST_F(SelectionTest, PlaceIsFutureUntilItsFirstDatedEventStarts) {
    const int nov13 = day("2015-11-13");
    EXPECT_TRUE(place_is_future(pack, "paris", cursor_on_day(nov13 - 1)));
    EXPECT_FALSE(place_is_future(pack, "paris", cursor_on_day(nov13)));
    EXPECT_FALSE(place_is_future(pack, "paris", cursor_on_day(nov13 + 400)));

    // A range counts from its start: Baiji is no longer future on 1 October.
    EXPECT_TRUE(place_is_future(pack, "baiji", cursor_on_day(day("2015-09-30"))));
    EXPECT_FALSE(place_is_future(pack, "baiji", cursor_on_day(day("2015-10-01"))));
    EXPECT_FALSE(place_is_future(pack, "baiji", cursor_on_day(day("2015-10-15"))));

    // Never dimmed without a dated event (Ramadi's siege is undated, Raqqa has none).
    for (int d : {-100000, 0, nov13, 100000}) {
        EXPECT_FALSE(place_is_future(pack, "ramadi", cursor_on_day(d)));
        EXPECT_FALSE(place_is_future(pack, "raqqa", cursor_on_day(d)));
        EXPECT_FALSE(place_is_future(pack, "nowhere", cursor_on_day(d)));
    }

    // Two events: future only before the earlier one.
    entity("baiji-recapture").places.push_back("paris");
    EXPECT_TRUE(place_is_future(pack, "paris", cursor_on_day(day("2015-09-30"))));
    EXPECT_FALSE(place_is_future(pack, "paris", cursor_on_day(day("2015-10-01"))));
    EXPECT_FALSE(place_is_future(pack, "paris", cursor_on_day(day("2015-11-12"))));
}

TEST_F(SelectionTest, FirstEventDaysAgreeWithPlaceIsFuture) {
    entity("baiji-recapture").places.push_back("paris");
    const std::vector<std::optional<double>> first = first_event_day_by_entity(pack);
    ASSERT_EQ(first.size(), pack.entities.size());
    EXPECT_EQ(first[pack.entity_index.at("paris")], double(day("2015-10-01")));
    EXPECT_EQ(first[pack.entity_index.at("sinjar")], double(day("2015-11-13")));
    EXPECT_EQ(first[pack.entity_index.at("ramadi")], std::nullopt);
    EXPECT_EQ(first[pack.entity_index.at("paris-attacks")], std::nullopt);
    for (int d = day("2015-09-25"); d <= day("2015-11-20"); ++d)
        for (std::size_t i = 0; i < pack.entities.size(); ++i) {
            if (pack.entities[i].kind != EntityKind::Place) continue;
            // Whole-day cursors compare by day, as they always did.
            ASSERT_EQ(first[i] && starts_after_cursor(*first[i], cursor_on_day(d)), first[i] && *first[i] > d);
            EXPECT_EQ(place_is_future(pack, pack.entities[i].id, cursor_on_day(d)), first[i] && starts_after_cursor(*first[i], cursor_on_day(d)))
                << pack.entities[i].id << " on " << format_iso_day(d);
        }
}

// [SECTION] opening_view_points -------------------------------------------------------

// A pack of places only: a town (a location), a country, or a region (countries).
struct PlacesPack {
    Pack pack;
    PlacesPack& town(double lon, double lat) {
        place().location = GeoPoint{lon, lat};
        return *this;
    }
    PlacesPack& country(const std::string& code) {
        place().country = code;
        return *this;
    }
    PlacesPack& region(std::vector<std::string> codes) {
        place().countries = std::move(codes);
        return *this;
    }
    Entity& place() {
        Entity& e = pack.entities.emplace_back();
        e.id = "place-" + std::to_string(pack.entities.size());
        e.kind = EntityKind::Place;
        pack.entity_index[e.id] = pack.entities.size() - 1;
        return e;
    }
};

bool same_points(const std::vector<GeoPoint>& a, const std::vector<GeoPoint>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](GeoPoint p, GeoPoint q) { return p.lon == q.lon && p.lat == q.lat; });
}

constexpr GeoPoint kBandaAceh{95.3222, 5.5577}, kChennai{80.2785, 13.0878}, kParis{2.3488, 48.8534};

// The tsunami of 2004 reached Somalia, which the pack names as a country and no town of
// it: the opening view used to fit Banda Aceh and Chennai, and left Somalia off the map.
TEST(OpeningViewPoints, ACountryNoTownOfThePackIsInBringsItsCore) {
    const PlacesPack p = PlacesPack().town(kBandaAceh.lon, kBandaAceh.lat).country("356").town(kChennai.lon, kChennai.lat).country("706");
    const std::optional<GeoBox> somalia = country_core_box("706");
    ASSERT_TRUE(somalia);
    EXPECT_NEAR(somalia->west, 41.0, 0.2);  // tenths of a degree, rounded outwards
    EXPECT_NEAR(somalia->north, 12.0, 0.2);
    // India holds Chennai: its town stands for it.
    EXPECT_TRUE(same_points(opening_view_points(p.pack), {kBandaAceh, kChennai, {somalia->west, somalia->south}, {somalia->east, somalia->north}}));
    const MapView view = opening_map_view(opening_view_points(p.pack), Viewport{640, 420});
    const Viewport viewport{640, 420};
    for (const GeoPoint corner : {GeoPoint{somalia->west, somalia->south}, GeoPoint{somalia->east, somalia->north}, kBandaAceh}) {
        const Vec2d at = geo_to_screen(view, viewport, corner);
        EXPECT_TRUE(at.x >= 0 && at.x <= viewport.width && at.y >= 0 && at.y <= viewport.height) << corner.lon << "," << corner.lat;
    }
}

// A country's core is what a reader means by its name: its largest shape and the shapes
// near it, not its overseas parts, and not its largest island alone.
TEST(CountryCoreBox, HoldsTheIslandsNearTheLargestShapeAndNotTheFarOnes) {
    if (!has_country_boxes()) GTEST_SKIP() << "a build without the basemap knows no country (cmake/map.cmake)";
    struct Town {
        const char* country;
        GeoPoint at;
        bool held;
    };
    const Town towns[] = {
        {"250", {2.3488, 48.8534}, true},     // Paris
        {"250", {8.7369, 41.9192}, true},     // Ajaccio, Corsica
        {"250", {-52.3333, 4.9333}, false},   // Cayenne, French Guiana
        {"250", {55.4481, -20.8823}, false},  // Saint-Denis, Reunion
        {"776", {-175.2018, -21.1394}, true}, // Nuku'alofa, Tongatapu
        {"776", {-173.9840, -18.6506}, true}, // Neiafu, Vava'u: 263 km of sea away
        {"242", {178.4415, -18.1416}, true},  // Suva
        {"242", {-178.80, -18.23}, true},     // Lakeba, east of 180: the box's east passes it
        {"392", {127.6809, 26.2124}, true},   // Naha, Okinawa
        {"840", {-77.0364, 38.8951}, true},   // Washington
        {"840", {-149.9003, 61.2181}, false}, // Anchorage
        {"840", {-157.8583, 21.3069}, false}, // Honolulu
        {"578", {15.6456, 78.2232}, false},   // Longyearbyen, Svalbard
    };
    for (const Town& town : towns) {
        const std::optional<GeoBox> box = country_core_box(town.country);
        ASSERT_TRUE(box) << town.country;
        EXPECT_EQ(holds(*box, town.at), town.held) << town.country << " at " << town.at.lon << "," << town.at.lat;
    }
    // Tenths of a degree: Luxembourg (5.73-6.53 E, 49.45-50.18 N) is fitted as itself.
    const std::optional<GeoBox> luxembourg = country_core_box("442");
    ASSERT_TRUE(luxembourg);
    EXPECT_NEAR(luxembourg->west, 5.7, 0.15);
    EXPECT_NEAR(luxembourg->east, 6.55, 0.15);
    EXPECT_NEAR(luxembourg->north, 50.2, 0.15);
}

TEST(OpeningViewPoints, ARegionComesWholeUnlessATownOfThePackIsInOneOfItsCountries) {
    const std::vector<std::string> west_europe = {"250", "276", "056"};
    EXPECT_TRUE(same_points(opening_view_points(PlacesPack().town(kParis.lon, kParis.lat).region(west_europe).pack), {kParis}));
    EXPECT_EQ(opening_view_points(PlacesPack().town(kBandaAceh.lon, kBandaAceh.lat).region(west_europe).pack).size(), 1u + 2 * 3);
    // Only countries: their cores, where the view used to open on the whole world.
    EXPECT_EQ(opening_view_points(PlacesPack().country("356").country("586").pack).size(), 4u);
}

TEST(OpeningViewPoints, ACountryWithALocationOrACodeTheAtlasLacksAddsNoBox) {
    PlacesPack p = PlacesPack().town(kParis.lon, kParis.lat);
    p.country("706").pack.entities.back().location = GeoPoint{45.34, 2.04};  // named at Mogadishu
    p.country("999").country("").country("7a6");
    EXPECT_TRUE(same_points(opening_view_points(p.pack), {kParis, {45.34, 2.04}}));
    EXPECT_FALSE(country_core_box("999"));
    EXPECT_FALSE(country_core_box(""));
    EXPECT_FALSE(country_core_box("7a6"));
}

} // namespace
} // namespace explainer
