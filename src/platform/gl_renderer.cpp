// WebGL2 renderer for Dear ImGui's draw data (see gl_renderer.h for why it is ours).
//
// Per frame: each draw list's vertices and indices go into that list's own buffers, kept
// across frames with a vertex array of their own, then one glDrawElements per draw
// command under its scissor rectangle. Only the span of a list that differs from its
// last upload is uploaded: nothing of the map while the article scrolls, of the article
// while the map pans, the few vertices a hover recolours (issue 10: the upload was half
// of a frame's CPU, and one list growing moved, and uploaded again, every list after
// it). A drawing moved as a whole (ui::move_following: the basemap under a pan, the
// article under a scroll) is moved here by a uniform, so that its vertices stay the
// same; its scissor is still its command's clip rectangle, on screen. The attribute
// pointers are moved to each command's first vertex, which stands in for the base vertex
// WebGL2 lacks, so meshes of more than 64K vertices keep 16-bit indices
// (RendererHasVtxOffset). A drawing the app retains (ui::draw_retained: a map layer's land
// and lines) is not in its list at all: it has buffers of its own, uploaded when its
// revision changes, and is drawn where its callback stands.
#include "gl_renderer.h"
#include "ui/deferred_glyphs.h"
#include "ui/drawing.h"

#include <GLES3/gl3.h>
#include <emscripten/console.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <cstring>
#include <utility>
#include <vector>

namespace explainer::platform {

namespace {

// The attribute locations are fixed in the shader: ImDrawVert's position, texture
// coordinate and colour (RGBA bytes).
constexpr GLuint kPosition = 0, kUv = 1, kColour = 2;

constexpr const char* kVertexShader = R"(#version 300 es
uniform vec2 u_origin;  // the display's top-left corner, CSS px
uniform vec2 u_scale;   // 2 / the display's size
uniform vec2 u_move;    // what ui::move_following moves the vertices by, CSS px
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_colour;
out highp vec2 v_uv;
out vec4 v_colour;
void main() {
    v_uv = a_uv;
    v_colour = a_colour;
    vec2 p = (a_position + u_move - u_origin) * u_scale;
    gl_Position = vec4(p.x - 1.0, 1.0 - p.y, 0.0, 1.0);
}
)";

// The atlas holds coverage only, one byte a texel: glyphs, the white texel solid shapes
// sample, and the anti-aliased lines. Texture coordinates stay highp: a mediump
// coordinate cannot address every texel of a large (DPR 3) atlas.
constexpr const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D u_atlas;
in highp vec2 v_uv;
in vec4 v_colour;
out vec4 colour;
void main() {
    colour = vec4(v_colour.rgb, v_colour.a * texture(u_atlas, v_uv).r);
}
)";

// One of a list's two buffers and what it holds, as last uploaded.
template <class T>
struct KeptBuffer {
    GLuint buffer = 0;
    GLsizeiptr bytes = 0;   // its storage
    std::vector<T> kept;    // its contents
};

// The buffers of the draw list drawn at one place in the draw order, and a vertex array
// of its own that holds its attribute pointers and element buffer: a frame binds it, and
// sets no pointers, for a list it draws as before.
struct ListBuffers {
    GLuint vertex_array = 0;
    std::size_t pointed = 0;     // the vertex the attributes point at (ImDrawCmd::VtxOffset)
    KeptBuffer<ImDrawVert> vertices;
    KeptBuffer<ImDrawIdx> indices;
};

// A drawing the app retains (ui::RetainedDrawing) in buffers of its own, as last uploaded.
struct RetainedBuffers {
    const ui::RetainedDrawing* drawing = nullptr;
    std::uint64_t revision = 0;   // of the contents uploaded
    GLuint vertex_array = 0, vertices = 0, indices = 0;
    bool drawn = false;           // in the frame being drawn: one not drawn is deleted after it
};

// A vec2 uniform and its value, set again only when it changes.
struct Uniform2 {
    GLint location = -1;
    ImVec2 value{NAN, NAN};  // unknown: never equal
    void set(ImVec2 to) {
        if (to.x == value.x && to.y == value.y) return;
        glUniform2f(location, to.x, to.y);
        value = to;
    }
};

// GL state as the renderer last set it, kept from frame to frame (no other code draws in
// the context); renderer_init sets what never changes. In a headless Chromium each call
// cost microseconds, and a frame made a hundred of them.
struct Renderer {
    GLuint program = 0;
    bool program_checked = false;  // link status and uniform locations read (program_usable)
    GLuint vertex_shader = 0, fragment_shader = 0;  // until then, to say what failed
    GLuint atlas = 0;
    bool atlas_filled = false;  // the atlas texture holds the atlas's pixels (else only its size)
    Uniform2 origin, scale, move;
    std::vector<ListBuffers> lists;         // per draw list, in draw order
    std::vector<RetainedBuffers> retained;
    std::array<GLint, 4> scissor{-1, -1, -1, -1};
    std::array<GLint, 2> viewport{-1, -1};
    ImVec4 clear_colour{NAN, NAN, NAN, NAN};
    GLuint bound_texture = 0;
};

Renderer g_renderer;

GLuint compile(GLenum kind, const char* source) {
    const GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    return shader;
}

// Why a shader of a program that did not link failed (none when the context was lost).
void log_compile_error(GLuint shader, const char* kind) {
    GLint compiled = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &compiled);
    if (compiled) return;
    char log[512] = "";
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    if (log[0]) emscripten_console_error((std::string("renderer: the ") + kind + " shader did not compile: " + log).c_str());
}

// Starts the program's compile and link, without waiting for them: the GPU process
// compiles while the page loads the pack and lays the first frame out. Any query of the
// program (its link status, a uniform's location) is a round trip that waits for that
// compile (5-15 ms of a phone's start, headless), so the first frame asks (program_usable).
void start_program(Renderer& r) {
    r.vertex_shader = compile(GL_VERTEX_SHADER, kVertexShader);
    r.fragment_shader = compile(GL_FRAGMENT_SHADER, kFragmentShader);
    r.program = glCreateProgram();
    glAttachShader(r.program, r.vertex_shader);
    glAttachShader(r.program, r.fragment_shader);
    glLinkProgram(r.program);
}

// Whether the program linked, found out once: then its uniforms' locations are read and
// it is made current. A program that did not link is deleted, and nothing is drawn.
bool program_usable(Renderer& r) {
    if (r.program_checked) return r.program != 0;
    r.program_checked = true;
    if (!r.program) return false;
    GLint linked = 0;
    glGetProgramiv(r.program, GL_LINK_STATUS, &linked);
    if (!linked) {
        log_compile_error(r.vertex_shader, "vertex");
        log_compile_error(r.fragment_shader, "fragment");
    }
    glDeleteShader(r.vertex_shader);
    glDeleteShader(r.fragment_shader);
    r.vertex_shader = r.fragment_shader = 0;
    if (!linked) {
        glDeleteProgram(r.program);
        r.program = 0;
        return false;
    }
    r.origin.location = glGetUniformLocation(r.program, "u_origin");
    r.scale.location = glGetUniformLocation(r.program, "u_scale");
    r.move.location = glGetUniformLocation(r.program, "u_move");
    glUseProgram(r.program);
    glUniform1i(glGetUniformLocation(r.program, "u_atlas"), 0);
    return true;
}

// Points the attributes at vertex `first` of the vertex buffer bound to GL_ARRAY_BUFFER.
void point_attributes(std::size_t first) {
    const auto at = [first](std::size_t field) { return reinterpret_cast<const void*>(first * sizeof(ImDrawVert) + field); };
    const GLsizei stride = sizeof(ImDrawVert);
    glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(kColour, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, at(offsetof(ImDrawVert, col)));
}

// The bytes [first, end) where `a` and `b` (of `size` bytes each) differ, from either end
// eight bytes at a time (wasm's memcmp goes a byte at a time, and cost a frame more than
// the uploads it saved).
std::pair<std::size_t, std::size_t> differing_bytes(const unsigned char* a, const unsigned char* b, std::size_t size) {
    const auto word = [](const unsigned char* p) {
        std::uint64_t w;
        std::memcpy(&w, p, sizeof w);
        return w;
    };
    std::size_t first = 0;
    while (first + 8 <= size && word(a + first) == word(b + first)) first += 8;
    while (first < size && a[first] == b[first]) ++first;
    std::size_t end = size;
    while (end >= first + 8 && word(a + end - 8) == word(b + end - 8)) end -= 8;
    while (end > first && a[end - 1] == b[end - 1]) --end;
    return {first, end};
}

// Makes `to`'s buffer (bound to `target` only to upload) hold `data`, uploading only the
// elements from the first that differs from what it holds to the last that does (or to
// the end, when the count changed). Storage grows with room to spare, and new storage
// gets all.
template <class T>
void upload_changes(GLenum target, KeptBuffer<T>& to, const ImVector<T>& data) {
    const std::size_t count = static_cast<std::size_t>(data.Size);
    const GLsizeiptr bytes = static_cast<GLsizeiptr>(count * sizeof(T));
    if (bytes > to.bytes) {
        to.bytes = std::max<GLsizeiptr>(bytes + bytes / 2, 16 * 1024);
        glBindBuffer(target, to.buffer);
        glBufferData(target, to.bytes, nullptr, GL_DYNAMIC_DRAW);
        to.kept.clear();
    }
    const std::size_t common = std::min(count, to.kept.size());
    const auto [first_byte, end_byte] = differing_bytes(reinterpret_cast<const unsigned char*>(to.kept.data()),
                                                        reinterpret_cast<const unsigned char*>(data.Data), common * sizeof(T));
    const std::size_t first = first_byte / sizeof(T);
    const std::size_t end = count != to.kept.size() ? count : (end_byte + sizeof(T) - 1) / sizeof(T);
    if (end <= first) return;
    glBindBuffer(target, to.buffer);
    glBufferSubData(target, static_cast<GLintptr>(first * sizeof(T)), static_cast<GLsizeiptr>((end - first) * sizeof(T)),
                    data.Data + first);
    to.kept.resize(count);
    std::copy(data.Data + first, data.Data + end, to.kept.begin() + static_cast<std::ptrdiff_t>(first));
}

// A vertex array with a vertex buffer and an index buffer of its own, its attributes
// pointed at vertex `first`; left bound.
void make_vertex_array(GLuint& vertex_array, GLuint& vertices, GLuint& indices, std::size_t first) {
    glGenVertexArrays(1, &vertex_array);
    glGenBuffers(1, &vertices);
    glGenBuffers(1, &indices);
    glBindVertexArray(vertex_array);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, indices);
    glBindBuffer(GL_ARRAY_BUFFER, vertices);
    for (const GLuint attribute : {kPosition, kUv, kColour}) glEnableVertexAttribArray(attribute);
    point_attributes(first);
}

void delete_vertex_array(GLuint vertex_array, GLuint vertices, GLuint indices) {
    glDeleteVertexArrays(1, &vertex_array);
    glDeleteBuffers(1, &vertices);
    glDeleteBuffers(1, &indices);
}

// Binds `list`'s vertex array, made with its buffers the first time.
void bind_list(ListBuffers& list) {
    if (list.vertex_array) glBindVertexArray(list.vertex_array);
    else make_vertex_array(list.vertex_array, list.vertices.buffer, list.indices.buffer, list.pointed);
}

void delete_retained(const RetainedBuffers& kept) { delete_vertex_array(kept.vertex_array, kept.vertices, kept.indices); }

// Binds the vertex array of `drawing`'s buffers, made the first time and filled again
// whenever its revision changed since they were.
void bind_retained(Renderer& r, const ui::RetainedDrawing& drawing) {
    auto kept = std::find_if(r.retained.begin(), r.retained.end(), [&](const RetainedBuffers& b) { return b.drawing == &drawing; });
    if (kept == r.retained.end()) {
        RetainedBuffers made;
        made.drawing = &drawing;
        make_vertex_array(made.vertex_array, made.vertices, made.indices, 0);
        kept = r.retained.insert(r.retained.end(), made);
    } else {
        glBindVertexArray(kept->vertex_array);
    }
    kept->drawn = true;
    if (kept->revision == drawing.revision) return;
    kept->revision = drawing.revision;
    const auto bytes = [](const auto& v) { return static_cast<GLsizeiptr>(v.size() * sizeof(v[0])); };
    glBindBuffer(GL_ARRAY_BUFFER, kept->vertices);
    glBufferData(GL_ARRAY_BUFFER, bytes(drawing.kept.vertices), drawing.kept.vertices.data(), GL_STATIC_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, bytes(drawing.kept.indices), drawing.kept.indices.data(), GL_STATIC_DRAW);
}

// Deletes the buffers of the drawings the frame did not draw (a layer out of view, a
// cache dropped): the app retains few, and one drawn again is uploaded again.
void forget_undrawn(Renderer& r) {
    for (const RetainedBuffers& kept : r.retained)
        if (!kept.drawn) delete_retained(kept);
    std::erase_if(r.retained, [](const RetainedBuffers& kept) { return !kept.drawn; });
    for (RetainedBuffers& kept : r.retained) kept.drawn = false;
}

// The scissor box, in device pixels from the framebuffer's bottom-left corner.
void set_scissor(Renderer& r, const std::array<GLint, 4>& box) {
    if (box == r.scissor) return;
    glScissor(box[0], box[1], box[2], box[3]);
    r.scissor = box;
}

} // namespace

bool renderer_init() {
    Renderer& r = g_renderer;
    r = Renderer{};
    start_program(r);
    if (!r.program) return false;
    glActiveTexture(GL_TEXTURE0);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "explainer-webgl2";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    if (io.Fonts->IsBuilt()) renderer_upload_font_atlas();  // a restored context
    return true;
}

bool renderer_linked() {
    return program_usable(g_renderer);
}

void renderer_shutdown() {
    Renderer& r = g_renderer;
    glDeleteTextures(1, &r.atlas);
    for (const ListBuffers& list : r.lists) delete_vertex_array(list.vertex_array, list.vertices.buffer, list.indices.buffer);
    for (const RetainedBuffers& kept : r.retained) delete_retained(kept);
    glDeleteProgram(r.program);
    glDeleteShader(r.vertex_shader);  // still held when no draw has asked about the link
    glDeleteShader(r.fragment_shader);
    r = Renderer{};
    ImGui::GetIO().Fonts->SetTexID(nullptr);
}

void renderer_upload_font_atlas() {
    Renderer& r = g_renderer;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    // Built by app_load_fonts (GetTexDataAsAlpha8 would call atlas.Build(), and with it
    // link ImGui's default font into the wasm).
    assert(atlas.TexPixelsAlpha8 && "the font atlas is built before it is uploaded");
    if (r.atlas) glDeleteTextures(1, &r.atlas);
    glGenTextures(1, &r.atlas);
    glBindTexture(GL_TEXTURE_2D, r.atlas);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    r.atlas_filled = false;  // its pixels go up with the next frame's glyphs (upload_atlas_changes)
    r.bound_texture = r.atlas;
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(r.atlas)));
}

namespace {

// The atlas's pixels into its texture: all of them the first time, then the rows that
// glyphs rasterised since have written.
void upload_atlas_changes(Renderer& r) {
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const ui::AtlasRows rows = ui::take_rasterized_rows();
    if (r.atlas_filled && rows.empty()) return;
    if (r.bound_texture != r.atlas) glBindTexture(GL_TEXTURE_2D, r.atlas), r.bound_texture = r.atlas;
    if (!r.atlas_filled) {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas.TexWidth, atlas.TexHeight, 0, GL_RED, GL_UNSIGNED_BYTE, atlas.TexPixelsAlpha8);
        r.atlas_filled = true;
        return;
    }
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, rows.first, atlas.TexWidth, rows.last - rows.first, GL_RED, GL_UNSIGNED_BYTE,
                    atlas.TexPixelsAlpha8 + static_cast<std::ptrdiff_t>(rows.first) * atlas.TexWidth);
}

} // namespace

void renderer_rasterize_pending_glyphs() {
    Renderer& r = g_renderer;
    ui::rasterize_pending_glyphs();
    if (r.atlas) upload_atlas_changes(r);
}

void renderer_draw(const ImDrawData& data, int width, int height, ImVec4 background) {
    Renderer& r = g_renderer;
    if (r.viewport != std::array<GLint, 2>{width, height}) {
        glViewport(0, 0, width, height);
        r.viewport = {width, height};
    }
    set_scissor(r, {0, 0, width, height});  // the clear covers the framebuffer
    if (std::memcmp(&background, &r.clear_colour, sizeof background) != 0) {
        glClearColor(background.x, background.y, background.z, 1);
        r.clear_colour = background;
    }
    glClear(GL_COLOR_BUFFER_BIT);
    // The first frame asks about the program here, once the frame is laid out: the link
    // has had that long, and only the clear is queued before the question (the atlas's
    // pixels and the frame's buffers, which its answer would wait for too, come after).
    if (!program_usable(r) || data.DisplaySize.x <= 0 || data.DisplaySize.y <= 0) return;
    ui::rasterize_drawn_glyphs(data);
    upload_atlas_changes(r);

    r.origin.set(data.DisplayPos);
    r.scale.set(ImVec2(2.0f / data.DisplaySize.x, 2.0f / data.DisplaySize.y));
    if (r.lists.size() < static_cast<std::size_t>(data.CmdListsCount)) r.lists.resize(static_cast<std::size_t>(data.CmdListsCount));

    const ImVec2 dpr = data.FramebufferScale;
    const GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
    for (int n = 0; n < data.CmdListsCount; ++n) {
        r.move.set(ImVec2(0, 0));  // a list starts unmoved
        const ImDrawList& list = *data.CmdLists[n];
        ListBuffers& buffers = r.lists[static_cast<std::size_t>(n)];
        bind_list(buffers);
        bool list_bound = true;  // its vertex array, not a retained drawing's
        upload_changes(GL_ELEMENT_ARRAY_BUFFER, buffers.indices, list.IdxBuffer);
        upload_changes(GL_ARRAY_BUFFER, buffers.vertices, list.VtxBuffer);
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback == ui::move_following_callback) {
                r.move.set(cmd.UserCallbackData ? *static_cast<const ImVec2*>(cmd.UserCallbackData) : ImVec2(0, 0));
                continue;
            }
            assert((!cmd.UserCallback || cmd.UserCallback == ui::draw_retained_callback) && "the app draws no other callbacks");
            const auto* retained = static_cast<const ui::RetainedRun*>(cmd.UserCallback ? cmd.UserCallbackData : nullptr);
            const std::size_t elements = retained ? retained->count : cmd.ElemCount;
            // The clip rectangle in device pixels, inside the framebuffer.
            const float x0 = std::max(0.0f, (cmd.ClipRect.x - data.DisplayPos.x) * dpr.x);
            const float y0 = std::max(0.0f, (cmd.ClipRect.y - data.DisplayPos.y) * dpr.y);
            const float x1 = std::min(static_cast<float>(width), (cmd.ClipRect.z - data.DisplayPos.x) * dpr.x);
            const float y1 = std::min(static_cast<float>(height), (cmd.ClipRect.w - data.DisplayPos.y) * dpr.y);
            if (x1 <= x0 || y1 <= y0 || elements == 0) continue;
            set_scissor(r, {static_cast<int>(x0), static_cast<int>(height - y1), static_cast<int>(x1 - x0), static_cast<int>(y1 - y0)});
            const GLuint texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(cmd.GetTexID()));
            if (texture != r.bound_texture) {
                glBindTexture(GL_TEXTURE_2D, texture);
                r.bound_texture = texture;
            }
            if (retained) {
                bind_retained(r, *retained->drawing);
                list_bound = false;
                glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(elements), index_type,
                               reinterpret_cast<const void*>(retained->first * sizeof(ImDrawIdx)));
                continue;
            }
            if (!list_bound) glBindVertexArray(buffers.vertex_array), list_bound = true;
            if (cmd.VtxOffset != buffers.pointed) {
                buffers.pointed = cmd.VtxOffset;
                glBindBuffer(GL_ARRAY_BUFFER, buffers.vertices.buffer);
                point_attributes(buffers.pointed);
            }
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(elements), index_type,
                           reinterpret_cast<const void*>(cmd.IdxOffset * sizeof(ImDrawIdx)));
        }
    }
    forget_undrawn(r);
}

} // namespace explainer::platform
