// A font file is checked before its faces are merged into the atlas (app_add_font_chunk):
// a CJK chunk names its one font once and has its other faces take it again; a file that
// is cut short, holds the wrong number of faces or refers to a face not before it is
// refused with what is wrong, and the atlas keeps what it had.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "headless.h"

namespace explainer::ui::testing {
namespace {

constexpr const char* kEastChunk = "fonts/u6770-cjk.bin";  // 東 (U+6771) and its 15 neighbours

std::vector<unsigned char> east_chunk() { return read_bytes(std::string(EXPLAINER_FONT_CHUNK_DIR) + "/" + kEastChunk); }

// The file with the u32 at byte `at` replaced.
std::vector<unsigned char> with_u32(std::vector<unsigned char> bytes, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<unsigned char>(value >> (8 * i));
    return bytes;
}

} // namespace

TEST(FontChunks, ACjkChunksFacesShareItsOneFont) {
    const std::vector<unsigned char> bytes = east_chunk();
    ASSERT_GT(bytes.size(), 4 * (font_faces().size() + 1)) << kEastChunk << " is built by the fonts target";
    Headless h(800, 600);
    ASSERT_EQ(app_add_font_chunk(h.app, kEastChunk, bytes), "");
    const FontChunk& chunk = h.app.font_chunks.back();
    ASSERT_EQ(chunk.faces.size(), font_faces().size());
    for (const auto& face : chunk.faces) EXPECT_EQ(face, chunk.faces.front()) << "every face is the one font";
    // One TrueType font after the header: the file is no larger than it.
    EXPECT_EQ(chunk.faces.front().first, 4 * (font_faces().size() + 1));
    EXPECT_EQ(chunk.faces.front().first + chunk.faces.front().second, bytes.size());
}

TEST(FontChunks, AMalformedChunkIsRefusedWithWhatIsWrong) {
    const std::vector<unsigned char> bytes = east_chunk();
    ASSERT_FALSE(bytes.empty());
    Headless h(800, 600);
    const std::size_t held = h.app.font_chunks.size();
    const std::string faces = std::to_string(font_faces().size());
    // Face 2 takes face 3's font (not before it), or its own.
    EXPECT_EQ(app_add_font_chunk(h.app, kEastChunk, with_u32(bytes, 8, 0x80000002u)),
              std::string(kEastChunk) + ": face 2 takes the font of face 3, which is not before it");
    EXPECT_EQ(app_add_font_chunk(h.app, kEastChunk, with_u32(bytes, 8, 0x80000001u)),
              std::string(kEastChunk) + ": face 2 takes the font of face 2, which is not before it");
    // Another number of faces, a first face longer than the file, a file cut in its header.
    EXPECT_EQ(app_add_font_chunk(h.app, kEastChunk, with_u32(bytes, 0, 3)), std::string(kEastChunk) + ": not a font chunk for " + faces + " faces");
    EXPECT_EQ(app_add_font_chunk(h.app, kEastChunk, with_u32(bytes, 4, static_cast<std::uint32_t>(bytes.size()))),
              std::string(kEastChunk) + ": face 1 is not a TrueType font");
    EXPECT_EQ(app_add_font_chunk(h.app, kEastChunk, std::vector<unsigned char>(bytes.begin(), bytes.begin() + 10)),
              std::string(kEastChunk) + ": not a font chunk for " + faces + " faces");
    EXPECT_EQ(h.app.font_chunks.size(), held) << "a refused file is not merged";
}

// A pack written in Chinese (206 different ideographs) fetches the CJK groups' index, then
// takes its ideographs from the groups of the commonest characters: fewer than half the
// files and fewer bytes than their chunks would be, and every character drawn. So does a
// pack with names in Chinese, Japanese and Korean (81 ideographs and Hangul syllables),
// with less to gain. An index that fails leaves the pack its chunks.
TEST(FontChunks, APackWrittenInChineseTakesItsIdeographsFromTheCommonestGroups) {
    const auto bytes = [](const std::vector<std::string>& files) {
        std::size_t total = 0;
        for (const std::string& file : files) total += read_bytes(std::string(EXPLAINER_FONT_CHUNK_DIR) + "/" + file).size();
        return total;
    };
    const auto is_group = [](const std::string& file) { return file.starts_with("fonts/g"); };
    for (const char* pack : {"beijing-shanghai-zh", "tokyo-seoul-beijing"}) {
        SCOPED_TRACE(pack);
        Headless h(800, 600);
        std::vector<std::string> given = h.set_pack(test_pack(pack));
        ASSERT_FALSE(given.empty());
        EXPECT_EQ(given.front(), cjk_groups_index_file());
        given.erase(given.begin());
        const std::vector<std::string> chunks = font_files_for(h.app.store.pack().characters);
        EXPECT_LT(bytes(given) + bytes({std::string(cjk_groups_index_file())}), bytes(chunks));
        EXPECT_LT(given.size(), chunks.size());
        EXPECT_TRUE(std::any_of(given.begin(), given.end(), is_group));
        EXPECT_TRUE(app_font_files_needed(h.app).empty()) << "nothing more to fetch";
        h.settle();
        EXPECT_TRUE(h.app.missing_glyphs.empty()) << h.app.missing_glyphs.size() << " characters drawn as \"?\"";
        if (std::string(pack) == "beijing-shanghai-zh")
            EXPECT_LT(2 * given.size(), chunks.size()) << given.size() << " files against " << chunks.size() << " chunks";
    }

    Headless failed(800, 600);
    app_set_pack(failed.app, load_test_pack(test_pack("beijing-shanghai-zh")));
    std::vector<std::string> needed = app_font_files_needed(failed.app);
    ASSERT_FALSE(needed.empty());
    EXPECT_EQ(needed.front(), cjk_groups_index_file());
    EXPECT_NE(app_add_font_chunk(failed.app, needed.front(), {'n', 'o'}), "");
    needed = app_font_files_needed(failed.app);
    EXPECT_EQ(needed, font_files_for(failed.app.store.pack().characters)) << "the chunks; the index is not asked for again";
    EXPECT_FALSE(std::any_of(needed.begin(), needed.end(), is_group));
}

} // namespace explainer::ui::testing
