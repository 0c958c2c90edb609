// libFuzzer target for place_labels(): random labels, markers and viewports.
// Invariants (a violation aborts, in any build): one result per label; a shown label
// sits at one of its own offsets, inside the viewport, overlapping no other shown label
// and no obstacle but its own marker; labels with a non-finite or negative size or
// anchor, or no offsets, are never shown.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "core/label_placement.h"

namespace {

using namespace explainer;

void require(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "label_placement_fuzz: %s\n", what);
    std::abort();
}

// Mostly ordinary screen coordinates; now and then an edge value.
double coordinate(FuzzedDataProvider& input) {
    switch (input.ConsumeIntegralInRange<int>(0, 15)) {
    case 0: return std::numeric_limits<double>::quiet_NaN();
    case 1: return std::numeric_limits<double>::infinity();
    case 2: return -1e300;
    default: return input.ConsumeIntegralInRange<int>(-400, 1600) / 4.0;
    }
}

bool finite(const Vec2d& v) { return std::isfinite(v.x) && std::isfinite(v.y); }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const Rect viewport{0, 0, input.ConsumeIntegralInRange<int>(0, 1600) / 1.0, input.ConsumeIntegralInRange<int>(0, 1000) / 1.0};
    const double spacing = input.ConsumeIntegralInRange<int>(0, 16) / 2.0;
    std::vector<Rect> obstacles;
    for (int n = input.ConsumeIntegralInRange<int>(0, 24); n > 0; --n) {
        const double x = coordinate(input), y = coordinate(input);
        const double r = input.ConsumeIntegralInRange<int>(0, 40) / 2.0;
        obstacles.push_back({x - r, y - r, x + r, y + r});
    }
    std::vector<LabelCandidate> labels;
    for (int n = input.ConsumeIntegralInRange<int>(0, 32); n > 0 && input.remaining_bytes() > 0; --n) {
        LabelCandidate label;
        label.anchor = {coordinate(input), coordinate(input)};
        label.size = {coordinate(input) / 4.0, coordinate(input) / 8.0};
        label.priority = input.ConsumeIntegralInRange<int>(-5, 5);
        label.own_obstacle = obstacles.empty() ? -1 : input.ConsumeIntegralInRange<int>(-1, static_cast<int>(obstacles.size()) - 1);
        if (input.ConsumeBool()) {
            set_offsets_around(label, input.ConsumeIntegralInRange<int>(0, 12));
        } else {
            label.offset_count = input.ConsumeIntegralInRange<int>(0, kMaxLabelOffsets);
            for (int i = 0; i < label.offset_count; ++i) label.offsets[i] = {coordinate(input), coordinate(input)};
        }
        labels.push_back(label);
    }

    const std::vector<LabelPlacement> placed = place_labels(labels, obstacles, viewport, spacing);
    require(placed.size() == labels.size(), "one result per label");
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const LabelCandidate& label = labels[i];
        const LabelPlacement& p = placed[i];
        if (!p.shown) continue;
        require(finite(label.anchor) && finite(label.size) && label.size.x >= 0 && label.size.y >= 0,
                "a label with a bad anchor or size is shown");
        require(p.offset >= 0 && p.offset < label.offset_count, "shown at an offset it does not have");
        const Vec2d corner{label.anchor.x + label.offsets[p.offset].x, label.anchor.y + label.offsets[p.offset].y};
        require(std::abs(p.rect.x0 - corner.x) < 1e-6 && std::abs(p.rect.y0 - corner.y) < 1e-6 &&
                    std::abs(p.rect.x1 - corner.x - label.size.x) < 1e-6 && std::abs(p.rect.y1 - corner.y - label.size.y) < 1e-6,
                "the box is not the label at its offset");
        require(contains(viewport, p.rect), "a shown label leaves the viewport");
        for (std::size_t j = 0; j < i; ++j)
            require(!placed[j].shown || !overlaps(placed[j].rect, p.rect), "two shown labels overlap");
        for (std::size_t k = 0; k < obstacles.size(); ++k)
            require(static_cast<int>(k) == label.own_obstacle || !overlaps(obstacles[k], p.rect),
                    "a shown label covers another label's marker");
    }
    return 0;
}
