// LocatedList (panel.h): where a frame drew each thing, rects pushed one by one and rects
// a panel shares from its layout (issue 10: a long pack's hidden places and marks in view
// are added to a frame without being copied), read back in the order they were given.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ui/panel.h"

namespace explainer::ui {
namespace {

std::vector<std::string> described(const LocatedList& list) {
    std::vector<std::string> out;
    for (const LocatedRect& r : list)
        out.push_back(std::string(r.id.text) + "@" + std::to_string(static_cast<int>(r.x)) + "," + std::to_string(static_cast<int>(r.y)) +
                      "w" + std::to_string(static_cast<int>(r.w)));
    return out;
}

TEST(LocatedList, SharedRectsComeInTheirPlaceMovedByThePanSinceTheirLayout) {
    LocatedList list;
    list.start(7);
    list.push_back({"a", "map", 1, 2, 3, 3});
    const auto shared = std::make_shared<const std::vector<LocatedRect>>(
        std::vector<LocatedRect>{{"b", "map", 10, 20, 2, 2}, {"c", "map", 30, 40, 2, 2}});
    list.append(shared, ImVec2(5, -5));
    EXPECT_EQ(list.last_pushed(), nullptr) << "shared rects came after the last one pushed: it is not the last any more";
    list.append(nullptr);
    list.append(std::make_shared<const std::vector<LocatedRect>>());
    list.push_back({"d", "timeline", 50, 60, 4, 4});
    ASSERT_NE(list.last_pushed(), nullptr);
    list.last_pushed()->w = 9;  // the article widens a mention's rect along its line
    EXPECT_EQ(described(list), (std::vector<std::string>{"a@1,2w3", "b@15,15w2", "c@35,35w2", "d@50,60w9"}));
    EXPECT_EQ(list.pack_revision(), 7u);

    // The panel's next layout replaces its rects; the list keeps the ones it was given.
    EXPECT_EQ(shared.use_count(), 2);
    list.start(8);
    EXPECT_EQ(shared.use_count(), 1) << "a new frame lets go of the last one's shared rects";
    EXPECT_TRUE(described(list).empty());
    EXPECT_EQ(list.last_pushed(), nullptr);
}

}  // namespace
}  // namespace explainer::ui
