# The WebAssembly app (included from CMakeLists.txt under emcmake).
# Output: explainer.js + explainer.wasm, assembled with the page, the packs and the
# basemap into build/web/ by tools/assemble-web.mjs (the `web` target).

explainer_add_imgui(imgui)  # cmake/imgui.cmake

# [SECTION] Fonts ---------------------------------------------------------------------
# The `fonts` target (cmake/fonts.cmake) writes fonts/base.bin (fetched with the wasm,
# cached on its own) and the chunks (fonts/uXXXX.bin, fetched when a pack needs them);
# assemble-web.mjs copies them into build/web/.

# [SECTION] The app ------------------------------------------------------------------
# The reader (explainer.wasm) and the editor (explainer-editor.wasm, edit.html) share every
# object of the app; the editor adds its own files (src/platform/editor_*.cpp: the drafter,
# the op engine and the gazetteer; src/ui/*_editing.cpp: its gestures on the map and the
# timeline), so the reader's download does not grow by them.
file(GLOB EXPLAINER_PLATFORM_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/platform/*.cpp)
file(GLOB EXPLAINER_EDITOR_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/platform/editor_*.cpp)
list(REMOVE_ITEM EXPLAINER_PLATFORM_SOURCES ${EXPLAINER_EDITOR_SOURCES})
list(APPEND EXPLAINER_EDITOR_SOURCES ${EXPLAINER_UI_EDITING_SOURCES})
add_library(explainer_app OBJECT ${EXPLAINER_UI_SOURCES} ${EXPLAINER_PLATFORM_SOURCES})
target_link_libraries(explainer_app PUBLIC explainer_core imgui)
target_compile_options(explainer_app PRIVATE -Wall -Wextra)
add_executable(explainer $<TARGET_OBJECTS:explainer_app>)
add_executable(explainer-editor $<TARGET_OBJECTS:explainer_app> ${EXPLAINER_EDITOR_SOURCES})
target_include_directories(explainer-editor PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_compile_options(explainer-editor PRIVATE -Wall -Wextra)
foreach(target explainer explainer-editor)
  target_link_libraries(${target} PRIVATE explainer_core imgui)
endforeach()
# Binaryen inlines every function that has one caller, however large, by default: the
# frame became one 46 KB function (fonts, atlas, layout, renderer) and the pack's load one
# of 30 KB. V8 compiles a function that runs hot again with TurboFan, on a background
# thread, in time that grows faster than its size: 166 and 87 ms of the 373 ms it spent
# before the first frame on these two alone (--js-flags=--trace-wasm-compilation-times,
# profiling build), CPU that a 2-core machine takes from the page's main thread. Only
# functions up to this size (Binaryen's measure) are inlined into their one caller:
# 71 ms of TurboFan in all, and explainer.wasm 1.6 KB smaller after gzip.
set(EXPLAINER_WEB_ONE_CALLER_INLINE 100 CACHE STRING "wasm-opt: largest function inlined into its only caller")
# A first visit compiles each function when it is first called, on the main thread (V8's
# lazy compilation: wasm.CompileLazy in a trace), at about 15 us even for the smallest:
# 1,710 such compiles took 41 ms of a phone's start, half of them of functions under 50
# bytes. -Oz inlines into every caller only functions up to size 2; up to 5, the start
# compiles 1,392 functions in 33 ms and explainer.wasm is 3.6 KB smaller after gzip (4:
# 3.0 KB smaller; 6: 0.3 KB; from 8 on, larger).
set(EXPLAINER_WEB_ALWAYS_INLINE 5 CACHE STRING "wasm-opt: largest function inlined into every caller")
set(EXPLAINER_LINK_FLAGS
  -sENVIRONMENT=web -sMODULARIZE=1 -sEXPORT_NAME=createExplainerModule
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1 -sMALLOC=emmalloc -sDYNAMIC_EXECUTION=0
  -sEXPORTED_RUNTIME_METHODS=ccall,UTF8ToString
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free
  -sFILESYSTEM=0
  # Glue the page never runs: the pre-TextDecoder UTF-8 loop (every browser that has
  # WebGL2 has TextDecoder), the code that enables every GL extension (the context asks
  # for none), GL errors recorded by the glue itself, errno set from JS, and the Module
  # options other than those web/page.js and web/editor.js pass (their own, such as
  # explainerHost, are read by the app's EM_JS code, not by the glue), and the deferral of
  # fullscreen and pointer-lock requests to an input event's handler (the app makes none).
  -sTEXTDECODER=2 -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0 -sGL_TRACK_ERRORS=0 -sSUPPORT_ERRNO=0
  -sINCOMING_MODULE_JS_API=[canvas,instantiateWasm,print,printErr,onAbort]
  -sHTML5_SUPPORT_DEFERRING_USER_SENSITIVE_REQUESTS=0
  # Dear ImGui's .ini reader, which the app never runs, parses with sscanf: its calls go
  # to a stub in src/platform/main_web.cpp, and vfscanf stays out of the wasm.
  -Wl,--wrap=sscanf
  # strtod's long double arithmetic stays out too: src/platform/main_web.cpp reads numbers.
  -Wl,--wrap=strtod
  # So does printf's: src/platform/main_web.cpp formats, and the browser writes a double's digits.
  -Wl,--wrap=vsnprintf
  # musl's elementary functions go too: src/platform/main_web.cpp asks the browser's Math.
  -Wl,--wrap=sin,--wrap=cos,--wrap=tan,--wrap=asin,--wrap=acos,--wrap=atan,--wrap=atan2
  -Wl,--wrap=exp,--wrap=pow,--wrap=sinh,--wrap=cosh,--wrap=tanh,--wrap=asinh,--wrap=log2,--wrap=log10,--wrap=exp2
  -Wl,--wrap=sinf,--wrap=cosf,--wrap=acosf,--wrap=powf,--wrap=log2f,--wrap=hypot
  -sBINARYEN_EXTRA_PASSES=--one-caller-inline-max-function-size=${EXPLAINER_WEB_ONE_CALLER_INLINE},--always-inline-max-function-size=${EXPLAINER_WEB_ALWAYS_INLINE})
foreach(target explainer explainer-editor)
  target_link_options(${target} PRIVATE ${EXPLAINER_LINK_FLAGS})
  set_target_properties(${target} PROPERTIES SUFFIX ".js")
endforeach()

# On the web, size is load time. explainer.wasm after gzip, measured: -O3 394 KB;
# -Os 332 KB; -Os -fno-rtti 331.6 KB; -Oz -flto -fno-rtti 309 KB (Brotli 259 KB).
# Nothing here uses RTTI. EXPLAINER_WEB_OPT and EXPLAINER_WEB_LTO measure other choices.
# Nothing catches an exception either (Emscripten's default already turned every throw
# into an abort): with -fno-exceptions nlohmann/json's throws become std::abort() at the
# throw site, so the code that built its error messages goes too. The app parses
# untrusted JSON only with allow_exceptions=false (see src/core/host_message.cpp).
set(EXPLAINER_WEB_OPT -Oz CACHE STRING "Optimisation level of the web build (-Os, -Oz, -O2, ...)")
option(EXPLAINER_WEB_LTO "Link-time optimisation (-flto) of the web build" ON)
# WebAssembly features that every browser with WebGL2 has but Firefox before 79 (Chrome 75,
# Firefox 79, Safari 15): bulk memory (memset and memcpy are one instruction, not libc's
# loops), non-trapping float-to-int conversions (one instruction, not a range check around
# one) and sign extension. explainer.wasm 1.1 KB smaller after gzip. Where one is missing
# the engine does not compile, and the page shows its error with the article's text.
set(EXPLAINER_WEB_FEATURES -mbulk-memory -mnontrapping-fptoint -msign-ext)
set(EXPLAINER_WEB_FLAGS ${EXPLAINER_WEB_OPT} -fno-rtti -fno-exceptions ${EXPLAINER_WEB_FEATURES})
if(EXPLAINER_WEB_LTO)
  list(APPEND EXPLAINER_WEB_FLAGS -flto)
endif()
foreach(target explainer_core imgui explainer_app explainer explainer-editor)
  target_compile_options(${target} PRIVATE ${EXPLAINER_WEB_FLAGS})
endforeach()
target_link_options(explainer PRIVATE ${EXPLAINER_WEB_FLAGS})
target_link_options(explainer-editor PRIVATE ${EXPLAINER_WEB_FLAGS})

# [SECTION] Startup's hot loops at -O2 ---------------------------------------------------
# A first visit runs its start in V8's baseline code (Liftoff), which inlines nothing, and
# -Oz leaves even libc++'s one-line helpers (vector::push_back, std::min) as calls. The
# basemap's parse, for one, measured under node (parse_basemap of basemap.bin, -flto,
# emmalloc): first call 13-17 ms at -Oz against 4-9 ms at -O2; once optimised 4.4 against
# 1.0 ms. These sources, whose loops run over every point of the map or every line of the
# article in the first frame, are compiled at -O2 (their inlining is done at compile time,
# which -flto keeps); the rest stays -Oz. Together they cost about 1 KB of gzip. Each is
# compiled on its own (a unity batch has one set of flags).
set(EXPLAINER_WEB_FAST_SOURCES src/core/basemap.cpp src/core/triangulate.cpp src/core/text_layout.cpp
    CACHE STRING "Sources of the web build compiled at -O2 (paths from the project root)")
foreach(source ${EXPLAINER_WEB_FAST_SOURCES})
  set_source_files_properties(${PROJECT_SOURCE_DIR}/${source} PROPERTIES COMPILE_OPTIONS -O2 SKIP_UNITY_BUILD_INCLUSION ON)
endforeach()

# [SECTION] Unity build: a fresh clone serves sooner -----------------------------------
# A clean web build spent most of its time compiling ~45 sources one by one, each parsing
# nlohmann/json or ImGui again. Compiled as a few unity batches, each header is parsed
# and its templates instantiated once a batch (the link sees the same code: -flto
# optimises the whole program either way). EXPLAINER_WEB_UNITY_BATCH is the number of
# sources a batch holds (0: the whole target in one; OFF the option: one by one).
option(EXPLAINER_WEB_UNITY "Compile the web build as unity batches" ON)
set(EXPLAINER_WEB_UNITY_BATCH 12 CACHE STRING "Sources in one unity batch of the web build")
if(EXPLAINER_WEB_UNITY)
  set_target_properties(explainer_core explainer_app imgui PROPERTIES
    UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${EXPLAINER_WEB_UNITY_BATCH})
  # These define file-local helpers or constants under a name another source of the same
  # target uses too (kMonths, thousands, find_all, next_code_point, inside, g_result, ...),
  # which one batch cannot hold twice: they compile on their own.
  set_source_files_properties(
    ${PROJECT_SOURCE_DIR}/src/core/draft.cpp ${PROJECT_SOURCE_DIR}/src/core/number_text.cpp
    ${PROJECT_SOURCE_DIR}/src/core/pack.cpp ${PROJECT_SOURCE_DIR}/src/core/pack_edit.cpp
    ${PROJECT_SOURCE_DIR}/src/core/relative_dates.cpp ${PROJECT_SOURCE_DIR}/src/core/text_layout.cpp
    ${PROJECT_SOURCE_DIR}/src/core/url_state.cpp
    ${PROJECT_SOURCE_DIR}/src/ui/quotes_panel.cpp ${PROJECT_SOURCE_DIR}/src/platform/reader_api.cpp
    PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endif()
# Function names kept in explainer.wasm, so that a sampled profile (Chromium DevTools or
# CDP) shows explainer_load_pack and the like: -DEXPLAINER_PROFILING=ON (bigger wasm).
option(EXPLAINER_PROFILING "Keep function names in explainer.wasm for profiles" OFF)
if(EXPLAINER_PROFILING)
  target_link_options(explainer PRIVATE --profiling-funcs)
  target_link_options(explainer-editor PRIVATE --profiling-funcs)
endif()

# [SECTION] A last wasm-opt pass ---------------------------------------------------------
# Emscripten optimises the module before it trims its imports and exports; one more -Oz
# pass over the final module finds more to merge and fold: explainer.wasm 1.5 KB smaller
# after gzip (issue 10, measured; -sBINARYEN_EXTRA_PASSES=-Oz inside emcc's run: 0.5 KB).
# It inlines under the same limits as emcc's run, for the same features (which emcc's
# module no longer names); -g keeps the function names of a profiling build.
find_program(EXPLAINER_WASM_OPT wasm-opt NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(EXPLAINER_WASM_OPT_FLAGS -Oz --one-caller-inline-max-function-size=${EXPLAINER_WEB_ONE_CALLER_INLINE}
    --always-inline-max-function-size=${EXPLAINER_WEB_ALWAYS_INLINE}
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext)
if(EXPLAINER_PROFILING)
  list(APPEND EXPLAINER_WASM_OPT_FLAGS -g)
endif()
foreach(target explainer explainer-editor)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${EXPLAINER_WASM_OPT} ${EXPLAINER_WASM_OPT_FLAGS}
            $<TARGET_FILE_DIR:${target}>/${target}.wasm -o $<TARGET_FILE_DIR:${target}>/${target}.wasm
    COMMENT "wasm-opt -Oz ${target}.wasm"
    VERBATIM)
endforeach()

# [SECTION] build/web/ ----------------------------------------------------------------
# Two targets assemble the same folder (tools/assemble-web.mjs, incremental: each rewrites
# only what changed, so both run on every build and take a second when nothing did):
# - web (part of ALL): the whole site, with the .gz and .br copies.
# - web-reader: only what index.html needs, without the copies; `scripts/build reader`,
#   which scripts/serve runs first, so that the reader answers before the editor's engine,
#   the gazetteer and the compression are done (scripts/serve builds `web` after).
set(EXPLAINER_WEB_DIR ${PROJECT_SOURCE_DIR}/build/web CACHE PATH "Where the static site is assembled")
set(EXPLAINER_ASSEMBLE_WEB node ${PROJECT_SOURCE_DIR}/tools/assemble-web.mjs
    --build ${CMAKE_BINARY_DIR} --out ${EXPLAINER_WEB_DIR} --root ${PROJECT_SOURCE_DIR})
add_custom_target(web ALL
  COMMAND ${EXPLAINER_ASSEMBLE_WEB}
  COMMENT "Assembling ${EXPLAINER_WEB_DIR}"
  VERBATIM)
add_dependencies(web explainer explainer-editor fonts)
add_custom_target(web-reader
  COMMAND ${EXPLAINER_ASSEMBLE_WEB} --part reader
  COMMENT "Assembling the reader in ${EXPLAINER_WEB_DIR}"
  VERBATIM)
add_dependencies(web-reader explainer fonts)
if(TARGET basemap)
  add_dependencies(web basemap)
  add_dependencies(web-reader basemap)
endif()
if(TARGET gazetteer-web)
  add_dependencies(web gazetteer-web)
endif()
