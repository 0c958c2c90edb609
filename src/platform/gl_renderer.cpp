// WebGL2 renderer for Dear ImGui's draw data (see gl_renderer.h for why it is ours).
//
// Per frame: an upload of the draw lists' vertices and indices into two buffers (sized
// to the largest frame yet), then one glDrawElements per draw command under its scissor
// rectangle. A list whose bytes and place in the buffers are those of the last frame is not
// uploaded again: the map's basemap while the article scrolls or the pointer hovers, the
// article while the map pans (issue 10: the upload was half of a frame's CPU). The attribute pointers are moved to each list's
// (and command's) first vertex, which stands in for the base vertex WebGL2 lacks, so
// meshes of more than 64K vertices keep 16-bit indices (RendererHasVtxOffset).
#include "gl_renderer.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace explainer::platform {

namespace {

// The attribute locations are fixed in the shader: ImDrawVert's position, texture
// coordinate and colour (RGBA bytes).
constexpr GLuint kPosition = 0, kUv = 1, kColour = 2;

constexpr const char* kVertexShader = R"(#version 300 es
uniform vec2 u_origin;  // the display's top-left corner, CSS px
uniform vec2 u_scale;   // 2 / the display's size
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_colour;
out highp vec2 v_uv;
out vec4 v_colour;
void main() {
    v_uv = a_uv;
    v_colour = a_colour;
    vec2 p = (a_position - u_origin) * u_scale;
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

// What one draw list's slice of the buffers holds, as last uploaded.
struct UploadedList {
    GLintptr vertex_at = -1, index_at = -1;  // byte offsets in the buffers
    std::vector<ImDrawVert> vertices;
    std::vector<ImDrawIdx> indices;
};

struct Renderer {
    GLuint program = 0;
    GLuint vertex_array = 0;
    GLuint vertices = 0, indices = 0;       // buffers, kept across frames
    GLsizeiptr vertex_bytes = 0, index_bytes = 0;  // their sizes
    GLuint atlas = 0;
    GLint origin = -1, scale = -1;          // uniform locations
    std::vector<UploadedList> uploaded;     // per draw list, in draw order
};

Renderer g_renderer;

// Null and no log when the context is lost meanwhile; a real compile error is logged.
GLuint compile(GLenum kind, const char* source) {
    const GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint compiled = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &compiled);
    if (compiled) return shader;
    char log[512] = "";
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    if (log[0]) std::fprintf(stderr, "renderer: the %s shader did not compile: %s\n", kind == GL_VERTEX_SHADER ? "vertex" : "fragment", log);
    glDeleteShader(shader);
    return 0;
}

GLuint link_program() {
    const GLuint vertex = compile(GL_VERTEX_SHADER, kVertexShader);
    const GLuint fragment = compile(GL_FRAGMENT_SHADER, kFragmentShader);
    GLuint program = 0;
    if (vertex && fragment) {
        program = glCreateProgram();
        glAttachShader(program, vertex);
        glAttachShader(program, fragment);
        glLinkProgram(program);
        GLint linked = 0;
        glGetProgramiv(program, GL_LINK_STATUS, &linked);
        if (!linked) {
            glDeleteProgram(program);
            program = 0;
        }
    }
    glDeleteShader(vertex);
    glDeleteShader(fragment);
    return program;
}

// Points the attributes at vertex `first` of the vertex buffer (bound to the VAO).
void point_attributes(std::size_t first) {
    const auto at = [first](std::size_t field) { return reinterpret_cast<const void*>(first * sizeof(ImDrawVert) + field); };
    const GLsizei stride = sizeof(ImDrawVert);
    glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(kColour, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, at(offsetof(ImDrawVert, col)));
}

// Gives the buffer bound to `target` storage of at least `bytes` (with room to grow);
// new storage holds nothing uploaded. True when it did.
bool reserve(GLenum target, GLsizeiptr& size, GLsizeiptr bytes) {
    if (bytes <= size) return false;
    size = std::max<GLsizeiptr>(bytes + bytes / 2, 64 * 1024);
    glBufferData(target, size, nullptr, GL_DYNAMIC_DRAW);
    return true;
}

// Uploads `data` to `at` in the buffer bound to `target` unless `kept` says it is there.
template <class T>
void upload_if_changed(GLenum target, GLintptr at, const ImVector<T>& data, GLintptr& kept_at, std::vector<T>& kept) {
    const std::size_t bytes = static_cast<std::size_t>(data.Size) * sizeof(T);
    if (kept_at == at && kept.size() == static_cast<std::size_t>(data.Size) && (bytes == 0 || std::memcmp(kept.data(), data.Data, bytes) == 0))
        return;
    if (bytes > 0) glBufferSubData(target, at, static_cast<GLsizeiptr>(bytes), data.Data);
    kept_at = at;
    kept.assign(data.Data, data.Data + data.Size);
}

// Uploads every list's vertices and indices, one list after the other.
void upload(const ImDrawData& data) {
    Renderer& r = g_renderer;
    glBindBuffer(GL_ARRAY_BUFFER, r.vertices);
    const bool new_vertices = reserve(GL_ARRAY_BUFFER, r.vertex_bytes, static_cast<GLsizeiptr>(data.TotalVtxCount) * sizeof(ImDrawVert));
    const bool new_indices = reserve(GL_ELEMENT_ARRAY_BUFFER, r.index_bytes, static_cast<GLsizeiptr>(data.TotalIdxCount) * sizeof(ImDrawIdx));
    if (new_vertices || new_indices) r.uploaded.clear();
    r.uploaded.resize(static_cast<std::size_t>(data.CmdListsCount));
    GLintptr vertex_at = 0, index_at = 0;
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        UploadedList& kept = r.uploaded[static_cast<std::size_t>(n)];
        upload_if_changed(GL_ARRAY_BUFFER, vertex_at, list.VtxBuffer, kept.vertex_at, kept.vertices);
        upload_if_changed(GL_ELEMENT_ARRAY_BUFFER, index_at, list.IdxBuffer, kept.index_at, kept.indices);
        vertex_at += static_cast<GLsizeiptr>(list.VtxBuffer.Size) * sizeof(ImDrawVert);
        index_at += static_cast<GLsizeiptr>(list.IdxBuffer.Size) * sizeof(ImDrawIdx);
    }
}

} // namespace

bool renderer_init() {
    Renderer& r = g_renderer;
    r = Renderer{};
    r.program = link_program();
    if (!r.program) return false;
    r.origin = glGetUniformLocation(r.program, "u_origin");
    r.scale = glGetUniformLocation(r.program, "u_scale");
    glUseProgram(r.program);
    glUniform1i(glGetUniformLocation(r.program, "u_atlas"), 0);
    glGenVertexArrays(1, &r.vertex_array);
    glGenBuffers(1, &r.vertices);
    glGenBuffers(1, &r.indices);
    // The element buffer binding is part of the vertex array's state.
    glBindVertexArray(r.vertex_array);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.indices);
    for (const GLuint attribute : {kPosition, kUv, kColour}) glEnableVertexAttribArray(attribute);
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "explainer-webgl2";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    if (io.Fonts->IsBuilt()) renderer_upload_font_atlas();  // a restored context
    return true;
}

void renderer_shutdown() {
    Renderer& r = g_renderer;
    glDeleteTextures(1, &r.atlas);
    glDeleteBuffers(1, &r.vertices);
    glDeleteBuffers(1, &r.indices);
    glDeleteVertexArrays(1, &r.vertex_array);
    glDeleteProgram(r.program);
    r = Renderer{};
    ImGui::GetIO().Fonts->SetTexID(nullptr);
}

void renderer_upload_font_atlas() {
    Renderer& r = g_renderer;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    // Built by app_load_fonts (GetTexDataAsAlpha8 would call atlas.Build(), and with it
    // link ImGui's default font into the wasm).
    assert(atlas.TexPixelsAlpha8 && "the font atlas is built before it is uploaded");
    const unsigned char* pixels = atlas.TexPixelsAlpha8;
    const int width = atlas.TexWidth, height = atlas.TexHeight;
    if (r.atlas) glDeleteTextures(1, &r.atlas);
    glGenTextures(1, &r.atlas);
    glBindTexture(GL_TEXTURE_2D, r.atlas);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(r.atlas)));
}

void renderer_draw(const ImDrawData& data, int width, int height, ImVec4 background) {
    const Renderer& r = g_renderer;
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(background.x, background.y, background.z, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    if (!r.program || data.TotalIdxCount == 0 || data.DisplaySize.x <= 0 || data.DisplaySize.y <= 0) return;

    // Every bit of state the draw needs, set rather than read back and restored.
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(r.program);
    glUniform2f(r.origin, data.DisplayPos.x, data.DisplayPos.y);
    glUniform2f(r.scale, 2.0f / data.DisplaySize.x, 2.0f / data.DisplaySize.y);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(r.vertex_array);
    upload(data);

    const ImVec2 dpr = data.FramebufferScale;
    const GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
    GLuint bound_texture = 0;
    std::size_t list_vertex = 0, list_index = 0;
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        std::size_t pointed = SIZE_MAX;
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            assert(!cmd.UserCallback && "the app draws no callbacks: the renderer does not run them");
            // The clip rectangle in device pixels, inside the framebuffer.
            const float x0 = std::max(0.0f, (cmd.ClipRect.x - data.DisplayPos.x) * dpr.x);
            const float y0 = std::max(0.0f, (cmd.ClipRect.y - data.DisplayPos.y) * dpr.y);
            const float x1 = std::min(static_cast<float>(width), (cmd.ClipRect.z - data.DisplayPos.x) * dpr.x);
            const float y1 = std::min(static_cast<float>(height), (cmd.ClipRect.w - data.DisplayPos.y) * dpr.y);
            if (x1 <= x0 || y1 <= y0 || cmd.ElemCount == 0) continue;
            glScissor(static_cast<int>(x0), static_cast<int>(height - y1), static_cast<int>(x1 - x0), static_cast<int>(y1 - y0));
            const GLuint texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(cmd.GetTexID()));
            if (texture != bound_texture) {
                glBindTexture(GL_TEXTURE_2D, texture);
                bound_texture = texture;
            }
            if (list_vertex + cmd.VtxOffset != pointed) {
                pointed = list_vertex + cmd.VtxOffset;
                point_attributes(pointed);
            }
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), index_type,
                           reinterpret_cast<const void*>((list_index + cmd.IdxOffset) * sizeof(ImDrawIdx)));
        }
        list_vertex += static_cast<std::size_t>(list.VtxBuffer.Size);
        list_index += static_cast<std::size_t>(list.IdxBuffer.Size);
    }
}

} // namespace explainer::platform
