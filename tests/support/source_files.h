// Reading files of the source tree (packs, fixtures) in unit tests, by their path from the
// repository root (EXPLAINER_SOURCE_DIR, set by CMake).
#pragma once
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace explainer::test_support {

inline std::string read_source_file(const std::string& relative) {
    std::ifstream in(std::string(EXPLAINER_SOURCE_DIR) + "/" + relative, std::ios::binary);
    EXPECT_TRUE(in.good()) << relative;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace explainer::test_support
