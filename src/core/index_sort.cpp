// Index lists sorted by a comparison of indices (see index_sort.h).
#include "index_sort.h"

#include <algorithm>

namespace explainer {

void stable_sort_indices(std::vector<std::size_t>& indices, IndexBefore before, const void* context) {
    std::stable_sort(indices.begin(), indices.end(), [&](std::size_t a, std::size_t b) { return before(context, a, b); });
}

} // namespace explainer
