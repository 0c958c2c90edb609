// The sorts every caller shares (src/core/index_sort.h).
#include "core/index_sort.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace explainer {
namespace {

TEST(IndexSort, SortItemsOrdersByLessAndKeepsEqualItemsInTheirOrder) {
    std::vector<double> xs{3.5, -1.0, 2.0, 2.0, 0.0};
    sort_items(xs);
    EXPECT_EQ(xs, (std::vector<double>{-1.0, 0.0, 2.0, 2.0, 3.5}));

    // Sorted by their first letter only: the words that share one stay as they came.
    std::vector<std::string> words{"kiwi", "apple", "kale", "avocado", "banana", "apricot"};
    sort_items(words, [](const std::string& a, const std::string& b) { return a[0] < b[0]; });
    EXPECT_EQ(words, (std::vector<std::string>{"apple", "avocado", "apricot", "banana", "kiwi", "kale"}));
}

TEST(IndexSort, SortItemsMovesItemsItCannotCopy) {
    std::vector<std::unique_ptr<int>> boxes;
    for (int v : {4, 1, 3}) boxes.push_back(std::make_unique<int>(v));
    sort_items(boxes, [](const auto& a, const auto& b) { return *a < *b; });
    ASSERT_EQ(boxes.size(), 3u);
    EXPECT_EQ(*boxes[0], 1);
    EXPECT_EQ(*boxes[1], 3);
    EXPECT_EQ(*boxes[2], 4);
}

TEST(IndexSort, StableSortIndicesPutsIndicesInTheOrderOfWhatTheyIndex) {
    const std::vector<int> priority{2, 9, 2, 5};
    std::vector<std::size_t> order = identity_order(priority.size());
    EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3}));
    stable_sort_indices(order, [&](std::size_t a, std::size_t b) { return priority[a] > priority[b]; });
    EXPECT_EQ(order, (std::vector<std::size_t>{1, 3, 0, 2}));
}

} // namespace
} // namespace explainer
