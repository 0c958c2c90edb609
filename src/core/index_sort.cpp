// Sorts compiled once for every caller (see index_sort.h).
#include "index_sort.h"

#include <algorithm>
#include <numeric>

namespace explainer {

void stable_sort_indices(std::vector<std::size_t>& indices, IndexBefore before, const void* context) {
    std::stable_sort(indices.begin(), indices.end(), [&](std::size_t a, std::size_t b) { return before(context, a, b); });
}

std::vector<std::size_t> identity_order(std::size_t n) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    return order;
}

} // namespace explainer
