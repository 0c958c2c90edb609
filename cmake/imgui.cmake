# Dear ImGui and the UI sources above it, the one place they are named (included from
# CMakeLists.txt for both builds): the web app's library (cmake/web.cmake) and the
# native headless UI test's, built with assertions on (cmake/tests.cmake).
set(IMGUI_DIR ${PROJECT_SOURCE_DIR}/.deps/imgui CACHE PATH "Dear ImGui sources (scripts/setup fetches them)")
set(EXPLAINER_IMGUI_SOURCES ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
    ${IMGUI_DIR}/imgui_widgets.cpp)

# A static ImGui library `target`. No backend: src/platform/gl_renderer.cpp draws with
# WebGL2 (and the headless test draws nothing). No demo window, no files (fonts come
# from memory, no .ini), no obsolete API.
function(explainer_add_imgui target)
  if(NOT EXISTS ${IMGUI_DIR}/imgui.cpp)
    message(FATAL_ERROR "Dear ImGui sources not found in ${IMGUI_DIR}: run scripts/setup first")
  endif()
  # With stb_truetype and stb_rect_pack built by src/ui/deferred_glyphs.cpp, which leaves
  # the atlas's glyphs to be rasterised when first drawn.
  # It defines the stb implementations and renames one of stb_truetype's functions for its
  # own: never in a unity batch with imgui_draw.cpp.
  add_library(${target} STATIC ${EXPLAINER_IMGUI_SOURCES} ${PROJECT_SOURCE_DIR}/src/ui/deferred_glyphs.cpp)
  set_source_files_properties(${PROJECT_SOURCE_DIR}/src/ui/deferred_glyphs.cpp PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
  target_include_directories(${target} SYSTEM PUBLIC ${IMGUI_DIR})
  target_compile_definitions(${target} PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS
    IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_DEBUG_TOOLS IMGUI_DISABLE_FILE_FUNCTIONS
    IMGUI_DISABLE_STB_TRUETYPE_IMPLEMENTATION IMGUI_DISABLE_STB_RECT_PACK_IMPLEMENTATION)
endfunction()

# The app's UI (src/ui/): the reader's files, and the editor's gestures (*_editing.cpp),
# which only the editor's build (and not the reader's download) holds.
file(GLOB EXPLAINER_UI_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/ui/*.cpp)
file(GLOB EXPLAINER_UI_EDITING_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/ui/*_editing.cpp)
list(REMOVE_ITEM EXPLAINER_UI_SOURCES ${EXPLAINER_UI_EDITING_SOURCES} ${PROJECT_SOURCE_DIR}/src/ui/deferred_glyphs.cpp)
