// The explainer's UI without a browser: a Dear ImGui context with no backend, the font
// atlas built from the system's Noto fonts (the faces the web build subsets), and the
// reader's app driven frame by frame with simulated input, as src/platform/main_web.cpp
// drives it in the browser (one button or key transition a frame, the click count of a
// press, the canvas size and DPR of the frame). Nothing is rendered: ImGui::Render()
// only finishes the frame's draw lists, which is where ImGui checks its own invariants.
#pragma once
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "imgui.h"

#include "core/basemap.h"
#include "core/pack.h"
#include "core/scripts.h"
#include "ui/app.h"
#include "ui/drawing.h"

namespace explainer::ui::testing {

inline std::vector<unsigned char> read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void put_u32(std::vector<unsigned char>& out, std::size_t value) {
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<unsigned char>(value >> shift));
}

// A font file as tools/font-subsets.py writes it (u32 count, count sizes, the TTFs).
inline std::vector<unsigned char> font_file(const std::vector<std::vector<unsigned char>>& faces) {
    std::vector<unsigned char> chunk;
    put_u32(chunk, faces.size());
    for (const auto& face : faces) put_u32(chunk, face.size());
    for (const auto& face : faces) chunk.insert(chunk.end(), face.begin(), face.end());
    return chunk;
}

// The base font file made of the whole system fonts: every character of the faces' own
// fonts that the packs use has a glyph.
inline std::vector<unsigned char> system_font_chunk() {
    std::vector<std::vector<unsigned char>> faces;
    for (std::string_view face : font_faces()) faces.push_back(read_bytes(std::string(EXPLAINER_FONT_DIR) + "/" + std::string(face) + ".ttf"));
    return font_file(faces);
}

// The next item of a list separated by `separator`, taken off its front.
inline std::string_view take_item(std::string_view& list, char separator) {
    const std::string_view item = list.substr(0, list.find(separator));
    list.remove_prefix(std::min(list.size(), item.size() + 1));
    return item;
}

// The chunks of the scripts with fonts of their own, each made of that script's whole
// system fonts (one per face, as cmake/fonts.cmake picks them for the subsetting tool:
// EXPLAINER_FONT_SCRIPT_FONTS), read once.
inline const std::vector<std::pair<std::string, std::vector<unsigned char>>>& system_script_font_chunks() {
    static const auto chunks = [] {
        std::vector<std::pair<std::string, std::vector<unsigned char>>> out;
        for (std::string_view scripts = EXPLAINER_FONT_SCRIPT_FONTS; !scripts.empty();) {
            std::vector<std::vector<unsigned char>> faces;
            for (std::string_view fonts = take_item(scripts, '|'); !fonts.empty();)
                faces.push_back(read_bytes(std::string(EXPLAINER_FONT_DIR) + "/" + std::string(take_item(fonts, ',')) + ".ttf"));
            out.emplace_back("system-script-" + std::to_string(out.size()), font_file(faces));
        }
        return out;
    }();
    return chunks;
}

// The seed pack, and the path of tests/packs/NAME.json.
inline const std::string kSeed = std::string(EXPLAINER_SOURCE_DIR) + "/content/isis-losing-ground.json";
inline std::string test_pack(const std::string& name) { return std::string(EXPLAINER_SOURCE_DIR) + "/tests/packs/" + name + ".json"; }

inline Pack load_test_pack(const std::string& path) {
    const std::vector<unsigned char> bytes = read_bytes(path);
    LoadResult loaded = load_pack(std::string(bytes.begin(), bytes.end()), path);
    EXPECT_TRUE(loaded.pack) << path << ": " << (loaded.errors.empty() ? "" : format_diagnostic(loaded.errors.front()));
    return loaded.pack ? std::move(*loaded.pack) : Pack{};
}

// What a reader could see of a frame: every vertex, index and command, and the cursor.
inline std::uint64_t picture_hash() {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) h = (h ^ bytes[i]) * 1099511628211ull;
    };
    const ImDrawData* data = ImGui::GetDrawData();
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        mix(list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
        mix(list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            mix(&cmd.ClipRect, sizeof cmd.ClipRect), mix(&cmd.ElemCount, sizeof cmd.ElemCount);
            // A move_following: what the renderer moves the following vertices by; a
            // draw_retained: the drawing the renderer draws there.
            if (cmd.UserCallback == move_following_callback && cmd.UserCallbackData) mix(cmd.UserCallbackData, sizeof(ImVec2));
            if (cmd.UserCallback == draw_retained_callback) {
                const RetainedRun& run = *static_cast<const RetainedRun*>(cmd.UserCallbackData);
                const KeptDrawing& kept = run.drawing->kept;
                mix(kept.vertices.data(), kept.vertices.size() * sizeof(ImDrawVert));
                mix(kept.indices.data() + run.first, run.count * sizeof(ImDrawIdx));
            }
        }
    }
    const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    mix(&cursor, sizeof cursor);
    return h;
}

class Headless {
public:
    static constexpr float kFrameSeconds = 1.0f / 60;

    Headless(float width, float height, float dpr = 1) {
        context_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        // ImGui 1.86 reads keys through the key map: any free index per key will do.
        for (int key = 0; key < ImGuiKey_COUNT; ++key) io.KeyMap[key] = 1 + key;
        info.width = width, info.height = height, info.dpr = dpr;
        const std::string error = app_add_font_chunk(app, std::string(base_font_file()), system_font_chunk());
        EXPECT_EQ(error, "");
        for (const auto& [file, bytes] : system_script_font_chunks()) EXPECT_EQ(app_add_font_chunk(app, file, bytes), "");
#ifdef EXPLAINER_BASEMAP_FILE
        set_world_basemap();
#endif
    }
    ~Headless() { ImGui::DestroyContext(context_); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

#ifdef EXPLAINER_BASEMAP_FILE
    // The baked world, as the page hands it to the app (explainer_load_basemap).
    void set_world_basemap() {
        EXPECT_EQ(app_set_basemap_file(app, read_bytes(EXPLAINER_BASEMAP_FILE)), "");
        EXPECT_FALSE(app.basemap_names.empty()) << "the baked basemap's names are read at once";
    }
#endif

    // The pack, with the CJK files its characters need (the groups' index, then the groups
    // or chunks it leads to), read from the build's font files as a page fetches them (the
    // other scripts' glyphs come from whole system fonts). The files it was given.
    std::vector<std::string> set_pack(const std::string& path) {
        app_set_pack(app, load_test_pack(path));
        std::vector<std::string> given;
        for (int round = 0; round < 2; ++round)
            for (const std::string& file : app_font_files_needed(app))
                if (file.ends_with("-cjk.bin")) {
                    EXPECT_EQ(app_add_font_chunk(app, file, read_bytes(std::string(EXPLAINER_FONT_CHUNK_DIR) + "/" + file)), "");
                    given.push_back(file);
                }
        return given;
    }
    void resize(float width, float height, float dpr = 1) { info.width = width, info.height = height, info.dpr = dpr; }

    // One frame as the browser edge draws it: the atlas when the pack or DPR changed, the
    // input of this frame, then the app between NewFrame and Render.
    FrameResult frame() {
        ImGuiIO& io = ImGui::GetIO();
        if (app.fonts_dpr != info.dpr || app.fonts_stale) EXPECT_TRUE(app_load_fonts(app, info.dpr));
        io.DeltaTime = kFrameSeconds;
        io.DisplaySize = ImVec2(info.width, info.height);
        io.DisplayFramebufferScale = ImVec2(info.dpr, info.dpr);
        info.time += kFrameSeconds;
        // The primary button's time down, as the platform counts it (its release's frame
        // included); here every event comes at its frame's time.
        const bool down = io.MouseDown[0];
        if (down && !was_down_) pressed_at_ = info.time;
        info.press_held_seconds = down || was_down_ ? info.time - pressed_at_ : 0;
        was_down_ = down;
        ImGui::NewFrame();
        const FrameResult result = app_frame(app, info);
        ImGui::Render();
        load_wanted_tiles();
        info.click_count = 0;
        info.gesture = Gesture{};
        io.MouseWheel = 0;
        ++frames;
        return result;
    }

    // Frames until nothing moves (flights, slides, smooth scrolls end), at most `limit`.
    int settle(int limit = 600) {
        for (int i = 1; i <= limit; ++i)
            if (!frame().animating) return i;
        ADD_FAILURE() << "still animating after " << limit << " frames";
        return limit;
    }

    void move(ImVec2 to) {
        ImGui::GetIO().MousePos = to;
        frame();
    }
    void press(ImVec2 at, int clicks = 1) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        io.MouseDown[0] = true;
        info.click_count = clicks;
        frame();
    }
    void release(ImVec2 at) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        io.MouseDown[0] = false;
        frame();
    }
    // A click as the browser delivers it: the pointer arrives, the press, the release.
    void click(ImVec2 at, int clicks = 1) {
        move(at);
        press(at, clicks);
        release(at);
    }
    void double_click(ImVec2 at) {
        click(at, 1);
        click(at, 2);
    }
    // A drag in `steps` moves from `from` to `to`.
    void drag(ImVec2 from, ImVec2 to, int steps = 8) {
        move(from);
        press(from);
        for (int i = 1; i <= steps; ++i) {
            const float t = static_cast<float>(i) / static_cast<float>(steps);
            move(ImVec2(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t));
        }
        release(to);
    }
    void wheel(ImVec2 at, float notches) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        io.MouseWheel = notches;
        frame();
    }
    void leave() { move(ImVec2(-FLT_MAX, -FLT_MAX)); }
    // A key press and release; `index` is a key map index (io.KeyMap) or one of
    // kKeyPlus... (panel.h).
    void key_index(int index, bool shift = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyShift = shift;
        io.KeysDown[index] = true;
        frame();
        io.KeysDown[index] = false;
        frame();
        io.KeyShift = false;
    }
    void key(ImGuiKey key, bool shift = false) { key_index(ImGui::GetIO().KeyMap[key], shift); }
    void touch_screen(bool on) {
        ImGuiIO& io = ImGui::GetIO();
        if (on) io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen;
        else io.ConfigFlags &= ~ImGuiConfigFlags_IsTouchScreen;
    }
    // One frame of a two-finger pinch around `center`.
    void pinch(ImVec2 center, float scale) {
        info.gesture.active = true;
        info.gesture.touches = 2;
        info.gesture.center = center;
        info.gesture.scale = scale;
        frame();
    }

    // Where the last frame drew `id` in `panel` (the first rect: a place's marker).
    std::optional<LocatedRect> located(const std::string& id, const std::string& panel) const {
        for (const LocatedRect& r : app.located)
            if (r.id == id && r.panel == panel) return r;
        return std::nullopt;
    }
    static ImVec2 centre(const LocatedRect& r) { return ImVec2(r.x + r.w / 2, r.y + r.h / 2); }

    const AppState& view() const { return app.store.view(); }

    App app;
    FrameInfo info;
    int frames = 0;
    // Whether the detail tiles the map asks for arrive after its frame. The page fetches
    // them only once idle after the first frame, so a test of that frame leaves them out.
    bool tiles_arrive = true;

private:
    // The platform fetches the detail tiles the map asked for; here they are read from
    // the build's basemap folder at once.
    void load_wanted_tiles() {
        DetailTiles& detail = app.basemap_detail;
        if (!tiles_arrive) return;
#ifdef EXPLAINER_BASEMAP_DETAIL_DIR
        for (const int tile : detail.wanted) {
            const std::vector<unsigned char> bytes = read_bytes(std::string(EXPLAINER_BASEMAP_DETAIL_DIR) + "/" + detail_tile_name(tile) + ".bin");
            app_set_basemap_tile(app, tile, parse_basemap(bytes.data(), bytes.size()));
        }
#endif
        detail.wanted.clear();
    }

    ImGuiContext* context_ = nullptr;
    double pressed_at_ = 0;  // info.time of the primary button's last press
    bool was_down_ = false;
};

} // namespace explainer::ui::testing
