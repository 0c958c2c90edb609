// A stable sort of index lists (0..n-1 put in the order of what they index) by a
// comparison of two indices, compiled once for every caller: in the web engine each
// std::stable_sort with a lambda of its own was a copy of the whole merge sort, about
// 1.7 KB of code, and the timeline, the labels and the lanes had one each. The comparison
// is called through a pointer, which sorting tens to hundreds of marks does not notice.
#pragma once
#include <cstddef>
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

} // namespace explainer
