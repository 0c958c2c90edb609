// The baked basemap (tools/bake-map.mjs -> EXPLAINER_BASEMAP_FILE) and the parser's
// handling of hostile bytes.
#include "core/basemap.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/triangulate.h"

namespace explainer {
namespace {

// [SECTION] A tiny independent encoder for hand-made files

struct Encoder {
    std::vector<uint8_t> bytes;
    std::vector<uint8_t> levels;  // one a point of the lines, written by line_levels()
    long cx = 0, cy = 0;

    void u8(uint8_t v) { bytes.push_back(v); }
    void u16(uint16_t v) { u8(v & 0xFF), u8(v >> 8); }
    void u32(uint32_t v) { u16(v & 0xFFFF), u16(v >> 16); }
    void f64(double v) {
        uint8_t b[8];
        std::memcpy(b, &v, 8);  // the test machines are little-endian, as is wasm
        bytes.insert(bytes.end(), b, b + 8);
    }
    void varint(uint32_t v) {
        while (v >= 0x80) u8(static_cast<uint8_t>(v | 0x80)), v >>= 7;
        u8(static_cast<uint8_t>(v));
    }
    void zigzag(long v) { varint(static_cast<uint32_t>(v >= 0 ? 2 * v : -2 * v - 1)); }
    void str(const std::string& s) {
        varint(static_cast<uint32_t>(s.size()));
        bytes.insert(bytes.end(), s.begin(), s.end());
    }
    // A country's head: its id, name and label (the body begins with every country's).
    void head(const std::string& id, const std::string& name, uint32_t label_x, uint32_t label_y) {
        str(id), str(name), varint(label_x), varint(label_y);
    }
    void delta(std::pair<long, long> p) { zigzag(p.first - cx), zigzag(p.second - cy), cx = p.first, cy = p.second; }
    // A coastline or border: every point at `level` unless `point_levels` gives one each.
    void line(std::initializer_list<std::pair<long, long>> pts, uint8_t level = 0,
              std::initializer_list<uint8_t> point_levels = {}) {
        varint(static_cast<uint32_t>(pts.size()));
        for (auto p : pts) delta(p);
        if (point_levels.size() == 0) levels.insert(levels.end(), pts.size(), level);
        levels.insert(levels.end(), point_levels.begin(), point_levels.end());
    }
    // After the last line: their levels.
    void line_levels() {
        bytes.insert(bytes.end(), levels.begin(), levels.end());
        levels.clear();
    }
    // A ring of new points only (one run), each at `level` unless `point_levels` gives one each.
    void ring(std::initializer_list<std::pair<long, long>> pts, uint8_t level = 0,
              std::initializer_list<uint8_t> point_levels = {}) {
        varint(static_cast<uint32_t>(pts.size()));
        fresh(pts, level, point_levels);
    }
    void fresh(std::initializer_list<std::pair<long, long>> pts, uint8_t level = 0,
               std::initializer_list<uint8_t> point_levels = {}) {
        varint(static_cast<uint32_t>(pts.size() << 1));
        const uint8_t* each = point_levels.begin();
        for (auto p : pts) delta(p), u8(point_levels.size() ? *each++ : level);
    }
    // A run of a ring copied from line `index` (coastlines first), `length` points from
    // `first`; the cursor moves to `last`, the last point copied.
    void copy(uint32_t length, bool reverse, uint32_t index, uint32_t first, std::pair<long, long> last) {
        varint(length << 2 | (reverse ? 2 : 0) | 1), varint(index), varint(first);
        cx = last.first, cy = last.second;
    }
    // Header for a grid of 0.01 degrees from (0, 0) over the box 0..10 x 0..10.
    void header(uint32_t countries, uint32_t coasts, uint32_t borders) {
        for (char c : std::string("EXMB")) u8(static_cast<uint8_t>(c));
        u16(4), u16(0);
        f64(0), f64(0), f64(10), f64(10);
        f64(0), f64(0), f64(0.01), f64(0.01);
        u32(countries), u32(coasts), u32(borders);
        u32(0);  // body size, set by done()
    }
    std::vector<uint8_t> done() {
        line_levels();
        set_body_size(bytes, bytes.size() - kHeaderBytes);
        return bytes;
    }
    static constexpr size_t kHeaderBytes = 88;
    static void set_body_size(std::vector<uint8_t>& file, size_t body_size) {
        const auto n = static_cast<uint32_t>(body_size);
        for (int i = 0; i < 4; ++i) file[84 + static_cast<size_t>(i)] = static_cast<uint8_t>(n >> (8 * i));
    }
};

// Two countries: "A" a square 1..5 with a hole 2..3, "B" the square 5..9 next to it;
// one coastline, one border. Grid units are 0.01 degrees. B's ring copies the border
// (backwards: its points and their levels), then has new points.
std::vector<uint8_t> sample_file() {
    Encoder e;
    e.header(2, 1, 1);
    e.head("001", "Alpha", 400, 400);
    e.head("002", "B\xC3\xA9ta", 700, 300);
    e.line({{500, 100}, {100, 100}, {100, 500}, {500, 500}}, 6);
    e.line({{500, 100}, {500, 500}}, kMaxDetailLevel);
    e.line_levels();
    e.varint(1), e.varint(2);  // Alpha: one polygon of two rings
    e.ring({{100, 100}, {500, 100}, {500, 500}, {100, 500}});
    e.ring({{200, 200}, {200, 300}, {300, 300}, {300, 200}}, 0, {1, 2, 3, 4});
    e.varint(1), e.varint(1);  // Beta: one polygon of one ring
    e.varint(4);
    e.copy(2, true, 1, 1, {500, 100});
    e.fresh({{900, 100}, {900, 500}}, 5);
    return e.done();
}

std::optional<Basemap> parse(const std::vector<uint8_t>& bytes, std::string* error = nullptr) {
    return parse_basemap(bytes.data(), bytes.size(), error);
}

// [SECTION] Parser on hand-made files

TEST(Basemap, ParsesAHandMadeFile) {
    std::string error;
    const std::optional<Basemap> map = parse(sample_file(), &error);
    ASSERT_TRUE(map) << error;
    EXPECT_EQ(map->region.east, 10.0);
    EXPECT_EQ(map->grid_step.lon, 0.01) << "the grid's step, within which the bake's cuts lie from the region's edge";
    EXPECT_EQ(map->grid_step.lat, 0.01);
    ASSERT_EQ(map->countries.size(), 2u);
    const Country& alpha = map->countries[0];
    EXPECT_EQ(alpha.id, "001");
    EXPECT_EQ(alpha.name, "Alpha");
    EXPECT_NEAR(alpha.label.lon, 4.0, 1e-12);
    ASSERT_EQ(alpha.polygons.size(), 1u);
    ASSERT_EQ(alpha.polygons[0].rings.size(), 2u);
    EXPECT_NEAR(alpha.polygons[0].rings[1][2].lat, 3.0, 1e-12);
    EXPECT_NEAR(alpha.bounds.west, 1.0, 1e-12);
    EXPECT_NEAR(alpha.bounds.north, 5.0, 1e-12);
    EXPECT_EQ(map->countries[1].name, "B\xC3\xA9ta");
    ASSERT_EQ(map->coastlines.size(), 1u);
    ASSERT_EQ(map->borders.size(), 1u);
    EXPECT_EQ(map->borders[0].size(), 2u);
    // Each point's level of detail, parallel to the points.
    ASSERT_EQ(alpha.polygons[0].levels.size(), 2u);
    EXPECT_EQ(alpha.polygons[0].levels[0], (DetailLevels{0, 0, 0, 0}));
    EXPECT_EQ(alpha.polygons[0].levels[1], (DetailLevels{1, 2, 3, 4}));
    const GeoLine& beta = map->countries[1].polygons[0].rings[0];
    ASSERT_EQ(beta.size(), 4u);
    EXPECT_NEAR(beta[0].lat, 5.0, 1e-12) << "the border, backwards";
    EXPECT_NEAR(beta[1].lat, 1.0, 1e-12);
    EXPECT_NEAR(beta[2].lon, 9.0, 1e-12) << "new points after a copy are relative to its last point";
    EXPECT_NEAR(beta[2].lat, 1.0, 1e-12);
    EXPECT_EQ(map->countries[1].polygons[0].levels[0], (DetailLevels{kMaxDetailLevel, kMaxDetailLevel, 5, 5}))
        << "copies keep their line's levels";
    ASSERT_EQ(map->coastline_levels.size(), 1u);
    EXPECT_EQ(map->coastline_levels[0], (DetailLevels{6, 6, 6, 6}));
    ASSERT_EQ(map->border_levels.size(), 1u);
    EXPECT_EQ(map->border_levels[0], (DetailLevels{kMaxDetailLevel, kMaxDetailLevel}));

    EXPECT_EQ(country_at(*map, {1.5, 1.5}), 0u);
    EXPECT_EQ(country_at(*map, {2.5, 2.5}), std::nullopt) << "in the hole";
    EXPECT_EQ(country_at(*map, {7.0, 3.0}), 1u);
    EXPECT_EQ(country_at(*map, {9.5, 3.0}), std::nullopt);
    // At sea within reach of one coast: that country; of two, or of none: no country.
    EXPECT_EQ(country_at_or_off_coast(*map, {0.9, 3.0}), 0u);
    EXPECT_EQ(country_at_or_off_coast(*map, {9.1, 3.0}), 1u);
    EXPECT_EQ(country_at_or_off_coast(*map, {9.5, 3.0}), std::nullopt) << "0.5 degrees out";
    EXPECT_EQ(country_at_or_off_coast(*map, {5.0, 5.1}), std::nullopt) << "off where the border meets the coast";
    EXPECT_EQ(country_at_or_off_coast(*map, {7.0, 3.0}), 1u) << "inside is inside";
    EXPECT_EQ(find_country(*map, "002"), &map->countries[1]);
    EXPECT_EQ(find_country(*map, "999"), nullptr);
    EXPECT_EQ(find_country(*map, ""), nullptr);
}

TEST(Basemap, EveryPrefixOfAHandMadeFileFails) {
    const std::vector<uint8_t> bytes = sample_file();
    for (size_t n = 0; n < bytes.size(); ++n) {
        std::string error;
        EXPECT_FALSE(parse_basemap(bytes.data(), n, &error)) << n;
        EXPECT_FALSE(error.empty());
        // Also with the header's body size doctored to match the cut, so that the
        // truncation is met inside the body, wherever it falls.
        if (n < Encoder::kHeaderBytes) continue;
        std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<long>(n));
        Encoder::set_body_size(cut, n - Encoder::kHeaderBytes);
        error.clear();
        EXPECT_FALSE(parse(cut, &error)) << n;
        EXPECT_FALSE(error.empty());
    }
    EXPECT_FALSE(parse_basemap(nullptr, 0));
    EXPECT_FALSE(parse_basemap(nullptr, 100));
}

TEST(Basemap, EveryByteCorruptionIsHandled) {
    // Whatever a flipped byte does, the parser answers (ASan/UBSan builds check how).
    const std::vector<uint8_t> good = sample_file();
    size_t rejected = 0;
    for (size_t i = 0; i < good.size(); ++i) {
        for (const uint8_t flip : {0x01, 0x80, 0xFF}) {
            std::vector<uint8_t> bad = good;
            bad[i] ^= flip;
            rejected += !parse(bad).has_value();
        }
    }
    EXPECT_GT(rejected, good.size());  // most corruptions are caught, not all can be
}

TEST(Basemap, RejectsHostileFiles) {
    auto expect_error = [](std::vector<uint8_t> bytes, const char* fragment) {
        std::string error;
        EXPECT_FALSE(parse(bytes, &error));
        EXPECT_NE(error.find(fragment), std::string::npos) << error;
    };
    std::vector<uint8_t> bytes = sample_file();
    bytes.push_back(0);
    expect_error(bytes, "trailing");
    Encoder::set_body_size(bytes, bytes.size() - Encoder::kHeaderBytes);
    expect_error(bytes, "trailing bytes after the last country");

    Encoder short_levels;  // a line's levels cut off
    short_levels.header(0, 1, 0);
    short_levels.line({{100, 100}, {200, 200}, {300, 300}});
    short_levels.levels.pop_back();
    expect_error(short_levels.done(), "levels of detail expected");

    bytes = sample_file();
    bytes.back() = kMaxDetailLevel + 1;  // the level of the last new point of B's ring
    expect_error(bytes, "level of detail out of range");

    // Copies: of a line that is not there, beyond a line's points (either way), longer
    // than the ring, and more points than any file may hold.
    auto ring_of = [](auto&& write_runs, uint32_t points) {
        Encoder e;
        e.header(1, 1, 0);
        e.head("001", "Alpha", 400, 400);
        e.line({{100, 100}, {500, 100}, {500, 500}});
        e.line_levels();
        e.varint(1), e.varint(1);
        e.varint(points);
        write_runs(e);
        return e.done();
    };
    expect_error(ring_of([](Encoder& e) { e.copy(3, false, 1, 0, {500, 500}); }, 3), "copies line 1 of 1");
    expect_error(ring_of([](Encoder& e) { e.copy(3, false, 0, 1, {500, 500}); }, 3), "beyond its line");
    expect_error(ring_of([](Encoder& e) { e.copy(3, true, 0, 1, {100, 100}); }, 3), "beyond its line");
    expect_error(ring_of([](Encoder& e) { e.copy(3, false, 0, 3, {100, 100}); }, 3), "beyond its line");
    expect_error(ring_of([](Encoder& e) { e.copy(4, false, 0, 0, {500, 500}); }, 3), "where 3 are left");
    expect_error(ring_of([](Encoder& e) { e.copy(0, false, 0, 0, {500, 500}); }, 3), "run of 0 points");
    expect_error(ring_of([](Encoder& e) { e.copy(3, false, 0, 0, {500, 500}); }, 3000000), "more than");
    const std::optional<Basemap> forward = parse(ring_of([](Encoder& e) {
        e.copy(2, false, 0, 1, {500, 500});
        e.fresh({{100, 500}});
    }, 3));
    ASSERT_TRUE(forward);
    EXPECT_NEAR(forward->countries[0].polygons[0].rings[0][0].lon, 5.0, 1e-12);
    EXPECT_NEAR(forward->countries[0].polygons[0].rings[0][1].lat, 5.0, 1e-12);
    EXPECT_NEAR(forward->countries[0].polygons[0].rings[0][2].lon, 1.0, 1e-12);

    bytes = sample_file();
    bytes[0] = 'X';
    expect_error(bytes, "magic");

    bytes = sample_file();
    bytes[4] = 3;  // version 3 wrote each country's name after the lines, with its shape
    expect_error(bytes, "version");

    Encoder huge;
    huge.header(4000, 0, 0);
    expect_error(huge.done(), "country count");

    Encoder lines;
    lines.header(0, 0xFFFFFFFF, 0);
    expect_error(lines.done(), "line count");

    Encoder nan_box;
    nan_box.header(0, 0, 0);
    const double nan = NAN;
    std::memcpy(&nan_box.bytes[8], &nan, 8);  // west
    expect_error(nan_box.done(), "region");

    Encoder zero_step;
    zero_step.header(0, 0, 0);
    const double zero = 0.0;
    std::memcpy(&zero_step.bytes[56], &zero, 8);  // step_lon
    expect_error(zero_step.done(), "grid");

    Encoder outside;  // grid point 2000 is lon 20, outside the 0..10 box
    outside.header(0, 1, 0);
    outside.line({{100, 100}, {2000, 100}});
    expect_error(outside.done(), "outside");

    Encoder off_grid;  // a delta taking the cursor below zero
    off_grid.header(0, 1, 0);
    off_grid.line({{100, 100}, {-5, 100}});
    expect_error(off_grid.done(), "off the grid");

    Encoder few;
    few.header(0, 1, 0);
    few.line({{100, 100}});
    expect_error(few.done(), "too few");

    Encoder many_points;  // claims far more points than bytes remain
    many_points.header(0, 1, 0);
    many_points.varint(1000000);
    many_points.zigzag(1), many_points.zigzag(1), many_points.zigzag(2), many_points.zigzag(2);
    expect_error(many_points.done(), "point count");

    Encoder long_varint;
    long_varint.header(0, 1, 0);
    for (int i = 0; i < 6; ++i) long_varint.u8(0x80);
    long_varint.bytes.insert(long_varint.bytes.end(), 8, 0);
    expect_error(long_varint.done(), "varint");

    Encoder control;
    control.header(1, 0, 0);
    control.head("001", "Al\npha", 4, 4);
    control.varint(1), control.varint(1);
    control.ring({{100, 100}, {500, 100}, {500, 500}});
    expect_error(control.done(), "UTF-8");

    // Cut off, overlong '/', a UTF-16 surrogate.
    for (const char* name : {"\xC3", "\xC0\xAF", "\xED\xA0\x80"}) {
        Encoder bad_utf8;
        bad_utf8.header(1, 0, 0);
        bad_utf8.head("001", name, 4, 4);
        bad_utf8.varint(1), bad_utf8.varint(1);
        bad_utf8.ring({{100, 100}, {500, 100}, {500, 500}});
        expect_error(bad_utf8.done(), "UTF-8");
    }
}

// The names come from the header and the heads alone: a fault further on is the full
// parse's to find, and one in the header or the heads is refused with the same reason.
TEST(Basemap, CountryNamesAreReadWithoutTheShapes) {
    std::vector<uint8_t> bytes = sample_file();
    std::string error;
    const auto names = basemap_country_names(bytes.data(), bytes.size(), &error);
    ASSERT_TRUE(names) << error;
    EXPECT_EQ(*names, (std::vector<std::string>{"Alpha", "B\xC3\xA9ta"}));

    bytes.back() = kMaxDetailLevel + 1;  // in the last shape
    EXPECT_FALSE(parse(bytes));
    EXPECT_TRUE(basemap_country_names(bytes.data(), bytes.size())) << "the shapes are not read";

    for (size_t n = 0; n < bytes.size(); ++n) {
        error.clear();
        EXPECT_FALSE(basemap_country_names(bytes.data(), n, &error)) << "the header's body size shows the cut at " << n;
        EXPECT_FALSE(error.empty());
    }
    EXPECT_FALSE(basemap_country_names(nullptr, 100));

    Encoder bad;
    bad.header(1, 0, 0);
    bad.head("001", "\xC3", 4, 4);
    bad.varint(1), bad.varint(1);
    bad.ring({{100, 100}, {500, 100}, {500, 500}});
    const std::vector<uint8_t> bad_name = bad.done();
    error.clear();
    EXPECT_FALSE(basemap_country_names(bad_name.data(), bad_name.size(), &error));
    EXPECT_NE(error.find("UTF-8"), std::string::npos) << error;
}

// [SECTION] The real baked file

#ifdef EXPLAINER_BASEMAP_FILE

class RealBasemap : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::ifstream in(EXPLAINER_BASEMAP_FILE, std::ios::binary);
        bytes_ = std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
        std::string error;
        map_ = parse_basemap(bytes_.data(), bytes_.size(), &error);
        error_ = error;
    }
    void SetUp() override { ASSERT_TRUE(map_.has_value()) << EXPLAINER_BASEMAP_FILE << ": " << error_; }

    static std::string name_at(GeoPoint p) {
        const std::optional<size_t> i = country_at(*map_, p);
        return i ? map_->countries[*i].name : "(none)";
    }
    static std::string id_at(GeoPoint p) {
        const std::optional<size_t> i = country_at(*map_, p);
        return i ? map_->countries[*i].id : "(none)";
    }

    static inline std::vector<uint8_t> bytes_;
    static inline std::optional<Basemap> map_;
    static inline std::string error_;
};

// The first-load layer: the whole world, the countries of Natural Earth 1:50m (241;
// small islands and city states kept at full detail, all but two islets that fall
// between the grid's lines), so that any country can be named and highlighted by its
// code before any detail arrives.
TEST_F(RealBasemap, HasEveryCountryOfTheWorld) {
    EXPECT_EQ(map_->region.west, -180.0);
    EXPECT_EQ(map_->region.east, 180.0);
    EXPECT_NEAR(map_->region.south, -kMercatorMaxLat, 1e-9);
    EXPECT_NEAR(map_->region.north, kMercatorMaxLat, 1e-9);
    EXPECT_GE(map_->countries.size(), 239u) << "all but islets below the grid";
    EXPECT_GT(map_->coastlines.size(), 500u);
    EXPECT_GT(map_->borders.size(), 150u);
    const std::pair<const char*, const char*> expected[] = {
        {"368", "Iraq"}, {"760", "Syria"}, {"792", "Turkey"}, {"250", "France"}, {"056", "Belgium"}, {"364", "Iran"},
        {"242", "Fiji"}, {"184", "Cook Islands"}, {"180", "Democratic Republic of the Congo"}, {"882", "Samoa"}, {"840", "United States of America"}, {"152", "Chile"},
        {"032", "Argentina"}, {"010", "Antarctica"}, {"492", "Monaco"}, {"036", "Australia"}};
    for (const auto& [id, name] : expected) {
        const Country* c = find_country(*map_, id);
        ASSERT_NE(c, nullptr) << id;
        EXPECT_EQ(c->name, name);
    }
    std::printf("[          ] basemap: %zu bytes, %zu countries, %zu coastlines, %zu borders\n", bytes_.size(),
                map_->countries.size(), map_->coastlines.size(), map_->borders.size());
    const auto names = basemap_country_names(bytes_.data(), bytes_.size());
    ASSERT_TRUE(names);
    ASSERT_EQ(names->size(), map_->countries.size());
    for (size_t i = 0; i < names->size(); ++i) EXPECT_EQ((*names)[i], map_->countries[i].name) << i;
}

// The mirror reads a place's country out ("Honiara, Solomon Islands"): no name is the
// atlas's abbreviation ("Solomon Is.", "Dem. Rep. Congo") but "St." and "U.S.", as
// newsrooms write them.
TEST_F(RealBasemap, CountryNamesAreWrittenOut) {
    for (const Country& country : map_->countries) {
        std::string name = country.name;
        for (const std::string kept : {"St.", "U.S."})
            for (std::size_t at; (at = name.find(kept)) != std::string::npos;) name.erase(at, kept.size());
        EXPECT_EQ(name.find('.'), std::string::npos) << country.name;
    }
}

TEST_F(RealBasemap, CountryAtPlacesOfTheStory) {
    EXPECT_EQ(id_at({2.3522, 48.8566}), "250") << "Paris";
    EXPECT_EQ(id_at({41.87, 36.32}), "368") << "Sinjar";
    EXPECT_EQ(id_at({43.30, 33.42}), "368") << "Ramadi";
    EXPECT_EQ(id_at({43.49, 34.93}), "368") << "Baiji";
    EXPECT_EQ(id_at({44.3661, 33.3152}), "368") << "Baghdad";
    EXPECT_EQ(id_at({39.01, 35.95}), "760") << "Raqqa";
    EXPECT_EQ(id_at({36.2765, 33.5138}), "760") << "Damascus";
    EXPECT_EQ(id_at({4.3517, 50.8503}), "056") << "Brussels";
    EXPECT_EQ(id_at({32.8597, 39.9334}), "792") << "Ankara";
    EXPECT_EQ(name_at({18.0, 34.0}), "(none)") << "Mediterranean";
    EXPECT_EQ(name_at({-20.0, 45.0}), "(none)") << "Atlantic";
    EXPECT_EQ(id_at({-70.6693, -33.4489}), "152") << "Santiago";
    EXPECT_EQ(id_at({-58.3816, -34.6037}), "032") << "Buenos Aires";
    EXPECT_EQ(id_at({-77.2311, 39.8309}), "840") << "Gettysburg";
    EXPECT_EQ(id_at({149.13, -35.28}), "036") << "Canberra";
    EXPECT_EQ(id_at({0.0, -80.0}), "010") << "Antarctica";
    EXPECT_EQ(name_at({-150.0, 0.0}), "(none)") << "Pacific";
}

// Russia and Fiji reach across the antimeridian: their land is on both sides of it.
TEST_F(RealBasemap, ShapesAcrossTheAntimeridianAreOnBothSides) {
    EXPECT_EQ(id_at({179.5, -16.6}), "242") << "Vanua Levu, west of 180";
    const Country* fiji = find_country(*map_, "242");
    ASSERT_NE(fiji, nullptr);
    EXPECT_LT(fiji->bounds.west, -178.0) << "Fiji's Lau islands, east of 180";
    EXPECT_GT(fiji->bounds.east, 178.0) << "Viti Levu, west of 180";
    EXPECT_EQ(id_at({178.0, 66.0}), "643") << "Chukotka west of 180";
    EXPECT_EQ(id_at({-175.0, 66.5}), "643") << "Chukotka east of 180";
}

TEST_F(RealBasemap, LabelsAndLinesLieInside) {
    // Labels sit on the world layer's grid (0.03 degrees): a country of a degree or more
    // holds its own label; a smaller one's may round off its coast.
    for (size_t i = 0; i < map_->countries.size(); ++i) {
        const Country& c = map_->countries[i];
        bool large = false;
        for (const CountryPolygon& p : c.polygons) {
            double west = 180, east = -180, south = 90, north = -90;
            for (const GeoPoint& g : p.rings.front())
                west = std::min(west, g.lon), east = std::max(east, g.lon), south = std::min(south, g.lat), north = std::max(north, g.lat);
            large |= east - west >= 1.0 && north - south >= 1.0;
        }
        if (!large) continue;
        EXPECT_EQ(country_at(*map_, c.label), i) << c.name << " label (" << c.label.lon << ", " << c.label.lat << ")";
    }
    const GeoBox& r = map_->region;
    for (const auto* lines : {&map_->coastlines, &map_->borders}) {
        for (const GeoLine& line : *lines) {
            for (const GeoPoint& g : line) {
                ASSERT_GE(g.lon, r.west - 0.01);
                ASSERT_LE(g.lon, r.east + 0.01);
                ASSERT_GE(g.lat, r.south - 0.01);
                ASSERT_LE(g.lat, r.north + 0.01);
            }
        }
    }
}

// The levels of detail: every use of a point (the coastline or border it is on and the
// rings of the countries on either side) has one level, so no crack opens between
// neighbours at any zoom; line ends are always drawn; the world layer has levels for
// every zoom below the detail tiles.
TEST_F(RealBasemap, EveryUseOfAPointHasOneLevel) {
    std::map<std::pair<double, double>, uint8_t> line_levels;
    std::set<uint8_t> seen;
    auto add_lines = [&](const std::vector<GeoLine>& lines, const std::vector<DetailLevels>& levels) {
        ASSERT_EQ(levels.size(), lines.size());
        for (size_t i = 0; i < lines.size(); ++i) {
            ASSERT_EQ(levels[i].size(), lines[i].size());
            EXPECT_EQ(levels[i].front(), 0) << "a line's ends are always drawn";
            EXPECT_EQ(levels[i].back(), 0);
            for (size_t k = 0; k < lines[i].size(); ++k) {
                const auto [at, fresh] = line_levels.emplace(std::pair{lines[i][k].lon, lines[i][k].lat}, levels[i][k]);
                ASSERT_EQ(at->second, levels[i][k]) << "one level for a point on two lines";
                seen.insert(levels[i][k]);
            }
        }
    };
    add_lines(map_->coastlines, map_->coastline_levels);
    add_lines(map_->borders, map_->border_levels);
    size_t on_lines = 0;
    for (const Country& c : map_->countries) {
        for (const CountryPolygon& p : c.polygons) {
            ASSERT_EQ(p.levels.size(), p.rings.size());
            for (size_t r = 0; r < p.rings.size(); ++r) {
                ASSERT_EQ(p.levels[r].size(), p.rings[r].size());
                for (size_t k = 0; k < p.rings[r].size(); ++k) {
                    const auto found = line_levels.find({p.rings[r][k].lon, p.rings[r][k].lat});
                    if (found == line_levels.end()) continue;
                    ++on_lines;
                    ASSERT_EQ(p.levels[r][k], found->second) << c.name << ": a ring and its line disagree";
                }
            }
        }
    }
    EXPECT_GT(on_lines, 10000u);
    for (const uint8_t level : {0, 1, 2, 3}) EXPECT_TRUE(seen.count(level)) << "no point first drawn at zoom " << int{level};
}

// Area of ring [begin, end), relative to its first point for precision.
double ring_area(const std::vector<Vec2d>& pts, uint32_t begin, uint32_t end) {
    const Vec2d o = pts[begin];
    double twice = 0.0;
    for (uint32_t i = begin, j = end - 1; i < end; j = i++) {
        twice += (pts[j].x - o.x) * (pts[i].y - o.y) - (pts[i].x - o.x) * (pts[j].y - o.y);
    }
    return std::fabs(twice) / 2.0;
}

struct AreaCheck {
    size_t polygons = 0, triangles = 0;
    double worst = 0.0;             // relative error of the worst polygon
    double expected_total = 0.0, error_total = 0.0;
};

// Triangulates every polygon and compares the triangles' area with the rings' area;
// `per_polygon` bounds each polygon's relative error.
AreaCheck check_areas(const Basemap& map, double per_polygon) {
    AreaCheck check;
    std::vector<Vec2d> points;
    std::vector<uint32_t> ring_ends;
    size_t& polygons = check.polygons;
    size_t& triangles = check.triangles;
    double& worst = check.worst;
    for (const Country& c : map.countries) {
        for (const CountryPolygon& polygon : c.polygons) {
            project_polygon(polygon, points, ring_ends);
            double expected = 0.0;
            for (size_t r = 0; r < ring_ends.size(); ++r) {
                const double a = ring_area(points, r ? ring_ends[r - 1] : 0, ring_ends[r]);
                expected += r == 0 ? a : -a;
            }
            const std::vector<uint32_t> tris = triangulate_polygon(points, ring_ends);
            double sum = 0.0;
            for (size_t t = 0; t < tris.size(); t += 3) {
                const Vec2d a = points[tris[t]], b = points[tris[t + 1]], d = points[tris[t + 2]];
                const double area = ((b.x - a.x) * (d.y - a.y) - (b.y - a.y) * (d.x - a.x)) / 2.0;
                EXPECT_GE(area, 0.0) << c.name;
                sum += area;
            }
            const double relative = std::fabs(sum - expected) / expected;
            worst = std::max(worst, relative);
            check.expected_total += expected;
            check.error_total += std::fabs(sum - expected);
            EXPECT_LE(relative, per_polygon) << c.name << " polygon " << polygons << ": " << sum << " vs " << expected;
            ++polygons;
            triangles += tris.size() / 3;
        }
    }
    return check;
}

// The world layer's arcs are simplified, so a few small rings cross themselves and
// lose a sliver; the land as a whole is still drawn to within 0.1%.
TEST_F(RealBasemap, EveryPolygonTriangulatesToItsArea) {
    const AreaCheck check = check_areas(*map_, 1.0);
    EXPECT_LE(check.error_total, 1e-3 * check.expected_total);
    std::printf("[          ] %zu polygons, %zu triangles, worst relative area error %.2g, in all %.2g\n", check.polygons,
                check.triangles, check.worst, check.error_total / check.expected_total);
}

#ifdef EXPLAINER_BASEMAP_DETAIL_DIR
// The detail tiles: the full 1:50m data, exact, each inside its box.
TEST(DetailTiles, EveryTileParsesAndTriangulatesExactly) {
    size_t countries = 0, bytes = 0;
    for (int tile = 0; tile < kDetailTileCount; ++tile) {
        const std::string path = std::string(EXPLAINER_BASEMAP_DETAIL_DIR) + "/" + detail_tile_name(tile) + ".bin";
        std::ifstream in(path, std::ios::binary);
        const std::vector<uint8_t> data{std::istreambuf_iterator<char>(in), {}};
        std::string error;
        const std::optional<Basemap> map = parse_basemap(data.data(), data.size(), &error);
        ASSERT_TRUE(map.has_value()) << path << ": " << error;
        const GeoBox expected = detail_tile_box(tile);
        EXPECT_EQ(map->region.west, expected.west) << path;
        EXPECT_EQ(map->region.north, expected.north) << path;
        const AreaCheck check = check_areas(*map, 1e-6);
        EXPECT_LE(check.worst, 1e-6) << path;
        countries += map->countries.size();
        bytes += data.size();
    }
    EXPECT_GT(countries, 241u);  // a country across a tile edge is in both
    std::printf("[          ] detail tiles: %zu bytes, %zu country pieces\n", bytes, countries);
}

TEST(DetailTiles, TilesInABoxWrapAroundTheWorld) {
    EXPECT_EQ(detail_tile_name(0), "0-0");
    EXPECT_EQ(detail_tile_name(kDetailTileCount - 1), "7-3");
    // Paris: lon 0..45, lat 45..85 is column 4, row 3.
    EXPECT_EQ(detail_tiles_in({2.0, 48.0, 2.5, 49.0}), (std::vector<int>{4 * kDetailRows + 3}));
    // Across 180 (lon 170..190) at the equator: the last column and the first, rows 1 and 2.
    EXPECT_EQ(detail_tiles_in({170.0, -10.0, 190.0, 10.0}), (std::vector<int>{1, 2, 29, 30}));
    EXPECT_EQ(detail_tiles_in({-1000.0, -80.0, 1000.0, 80.0}).size(), static_cast<size_t>(kDetailTileCount));
    EXPECT_TRUE(detail_tiles_in({10.0, 0.0, 5.0, 1.0}).empty()) << "west after east";
}
#endif

TEST_F(RealBasemap, MeshesForTheWholeMap) {
    const auto start = std::chrono::steady_clock::now();
    const BasemapMeshes meshes = build_basemap_meshes(*map_);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ASSERT_EQ(meshes.countries.size(), map_->countries.size());
    size_t vertices = 0, triangles = 0;
    for (size_t i = 0; i < meshes.countries.size(); ++i) {
        const Mesh& mesh = meshes.countries[i];
        size_t points = 0;
        for (const CountryPolygon& p : map_->countries[i].polygons) {
            for (const GeoLine& ring : p.rings) points += ring.size();
        }
        EXPECT_EQ(mesh.vertices.size(), points);
        EXPECT_EQ(mesh.indices.size() % 3, 0u);
        EXPECT_FALSE(mesh.indices.empty()) << map_->countries[i].name;
        for (const uint32_t index : mesh.indices) ASSERT_LT(index, mesh.vertices.size());
        // World units: the whole world is 256 x 256 at zoom 0 (within a grid step).
        for (const Vec2f v : mesh.vertices) {
            ASSERT_GT(v.x, -0.1f);
            ASSERT_LT(v.x, 256.1f);
            ASSERT_GT(v.y, -0.1f);
            ASSERT_LT(v.y, 256.1f);
        }
        vertices += mesh.vertices.size();
        triangles += mesh.indices.size() / 3;
    }
    EXPECT_EQ(meshes.coastlines.size(), map_->coastlines.size());
    EXPECT_EQ(meshes.borders.size(), map_->borders.size());
    std::printf("[          ] meshes: %zu vertices, %zu triangles, built in %.1f ms\n", vertices, triangles, ms);
}

TEST_F(RealBasemap, PrefixesFailCleanly) {
    for (size_t n = 0; n < bytes_.size(); ++n) {
        std::string error;
        ASSERT_FALSE(parse_basemap(bytes_.data(), n, &error)) << "prefix of " << n << " bytes parsed";
        ASSERT_FALSE(error.empty());
    }
    // With the body size doctored to match, the parser walks up to the cut: every such
    // walk is a full parse, so sample the cut points (the hand-made file gets all).
    for (size_t n = Encoder::kHeaderBytes; n < bytes_.size(); n += 101) {
        std::vector<uint8_t> cut(bytes_.begin(), bytes_.begin() + static_cast<long>(n));
        Encoder::set_body_size(cut, n - Encoder::kHeaderBytes);
        std::string error;
        ASSERT_FALSE(parse(cut, &error)) << "doctored prefix of " << n << " bytes parsed";
        ASSERT_FALSE(error.empty());
    }
}

#else

TEST(RealBasemap, Skipped) { GTEST_SKIP() << "EXPLAINER_BASEMAP_FILE not defined (see cmake/map.cmake)"; }

#endif

} // namespace
} // namespace explainer
