// Places of offsets and JSON Pointers in a JSON text (src/core/json_places.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/json_places.h"

namespace {

using explainer::places_of_offsets;
using explainer::places_of_pointers;
using explainer::TextPlace;

std::string place_text(const TextPlace& p) { return std::to_string(p.line) + ":" + std::to_string(p.column); }

std::vector<std::string> places(const std::string& text, const std::vector<std::string>& pointers) {
    std::vector<std::string> out;
    for (const TextPlace& p : places_of_pointers(text, pointers)) out.push_back(place_text(p));
    return out;
}

TEST(JsonPlaces, OffsetsCountLinesAndCharacters) {
    const std::string text = "ab\n“é” x\n\nz";
    const std::vector<std::size_t> offsets = {text.find('z'), 0, text.find('x'), 2, text.size() + 5};
    std::vector<std::string> got;
    for (const TextPlace& p : places_of_offsets(text, offsets)) got.push_back(place_text(p));
    EXPECT_EQ(got, (std::vector<std::string>{"4:1", "1:1", "2:5", "1:3", "4:2"}));
}

TEST(JsonPlaces, PointersArePlacedAtTheirValues) {
    const std::string text =
        "{\n"
        "  \"a\": [1, {\"b\": \"x\"}, [], {}],\n"
        "  \"c/d\": {\"e~f\": null, \"\\u00e9\": true},\n"
        "  \"g\": \"“q”\", \"h\": 2\n"
        "}";
    EXPECT_EQ(places(text, {"", "/a", "/a/0", "/a/1/b", "/a/2", "/a/3", "/c~1d/e~0f", "/c~1d/\u00e9", "/g", "/h"}),
              (std::vector<std::string>{"1:1", "2:8", "2:9", "2:18", "2:24", "2:28", "3:18", "3:34", "4:8", "4:20"}));
}

TEST(JsonPlaces, AMissingMemberIsPlacedAtItsDeepestAncestor) {
    const std::string text = "{\"entities\": [\n  {\"id\": \"x\"},\n  {\"id\": \"y\", \"date\": {}}\n]}";
    EXPECT_EQ(places(text, {"/entities/1/date/iso", "/entities/0/name", "/entities/7", "/nothing/here"}),
              (std::vector<std::string>{"3:23", "2:3", "1:14", "1:1"}));
}

TEST(JsonPlaces, ARepeatedKeyIsPlacedAtItsLastValue) {
    EXPECT_EQ(places("{\"k\": 1,\n \"k\": 2}", {"/k"}), (std::vector<std::string>{"2:7"}));
    // A document on one line, as tools write them, and a bare scalar.
    EXPECT_EQ(places("[[[\"deep\"]],7]", {"/0/0/0", "/1"}), (std::vector<std::string>{"1:4", "1:13"}));
    EXPECT_EQ(places("  42 ", {""}), (std::vector<std::string>{"1:3"}));
}

} // namespace
