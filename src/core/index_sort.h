// Sorts compiled once for every caller: a stable sort of index lists (0..n-1 put in the
// order of what they index) by a comparison of two indices, and, on top of it, a sort of
// any vector. In the web engine each std::sort or std::stable_sort with a type or lambda of
// its own was a copy of the whole sort (introsort: about 1.6 KB of code; merge sort: about
// 2 KB), and the reader had twenty of them. The comparison is called through a pointer,
// which sorting the tens to thousands of items of a pack, a view or a selection does not
// notice; loops over every point of a map (triangulate.cpp) keep std::sort.
#pragma once
#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

namespace explainer {

// Whether index `a` goes before index `b`; `context` is the caller's comparison.
using IndexBefore = bool (*)(const void* context, std::size_t a, std::size_t b);

void stable_sort_indices(std::vector<std::size_t>& indices, IndexBefore before, const void* context);

// `before(a, b)`: any callable; only this small adapter is compiled for each.
template <class Before>
void stable_sort_indices(std::vector<std::size_t>& indices, const Before& before) {
    stable_sort_indices(
        indices, [](const void* context, std::size_t a, std::size_t b) { return (*static_cast<const Before*>(context))(a, b); },
        &before);
}

// 0, 1, ... n-1.
std::vector<std::size_t> identity_order(std::size_t n);

// Sorts `items` by `before(x, y)` (by default `<`), keeping equal items in their order.
template <class T, class Before = std::less<>>
void sort_items(std::vector<T>& items, const Before& before = {}) {
    std::vector<std::size_t> order = identity_order(items.size());
    stable_sort_indices(order, [&](std::size_t a, std::size_t b) { return before(items[a], items[b]); });
    std::vector<T> sorted;
    sorted.reserve(items.size());
    for (const std::size_t i : order) sorted.push_back(std::move(items[i]));
    items = std::move(sorted);
}

} // namespace explainer
