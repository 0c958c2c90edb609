# Tests beyond the unit tests (included from CMakeLists.txt, native build only).

# [SECTION] Validator ------------------------------------------------------------------------
file(GLOB EXPLAINER_PACKS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/content/*.json ${PROJECT_SOURCE_DIR}/tests/packs/*.json)
list(FILTER EXPLAINER_PACKS EXCLUDE REGEX "schema\\.json$")
foreach(pack ${EXPLAINER_PACKS})
  get_filename_component(name ${pack} NAME_WE)
  add_test(NAME validate.ok.${name} COMMAND explainer-validate ${pack})
endforeach()
file(GLOB EXPLAINER_BROKEN_PACKS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/packs/broken/*.json)
foreach(pack ${EXPLAINER_BROKEN_PACKS})
  get_filename_component(name ${pack} NAME_WE)
  add_test(NAME validate.rejects.${name} COMMAND explainer-validate ${pack})
  set_tests_properties(validate.rejects.${name} PROPERTIES WILL_FAIL TRUE)
endforeach()

# A pack made by tools/multiply-pack.mjs (3 copies of the seed) passes the validator.
add_test(NAME validate.multiply-pack.x3
         COMMAND sh -c "node tools/multiply-pack.mjs content/isis-losing-ground.json 3 > \"$1\" && \"$0\" \"$1\""
                 $<TARGET_FILE:explainer-validate> ${CMAKE_BINARY_DIR}/multiply-pack-x3.json
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})

# [SECTION] Fuzzers (clang's libFuzzer with ASan and UBSan) -----------------------------------
# A build of its own: assertions stay on (-UNDEBUG undoes the Release -DNDEBUG, so the
# asserts in the core and in the targets are checked) and exceptions are off as in the
# web build (every nlohmann/json throw becomes an abort, so a value read without checking
# its type is found). ctest gives each target its dictionary (tests/fuzz/NAME.dict) and
# its seed corpus (tests/fuzz/corpus/NAME/) for a short run; scripts/fuzz runs longer.
set(EXPLAINER_FUZZ_SECONDS 12 CACHE STRING "How long each fuzzer runs under ctest")
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  set(EXPLAINER_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  set(EXPLAINER_FUZZ_FLAGS -g -O1 -UNDEBUG -fno-exceptions)
  add_library(explainer_core_fuzz STATIC ${EXPLAINER_CORE_SOURCES})
  target_include_directories(explainer_core_fuzz PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_include_directories(explainer_core_fuzz SYSTEM PUBLIC ${EXPLAINER_JSON_INCLUDE})
  target_include_directories(explainer_core_fuzz PRIVATE ${EXPLAINER_GENERATED_INCLUDE})
  explainer_use_glyph_table(explainer_core_fuzz)
  explainer_use_fold_table(explainer_core_fuzz)
  target_compile_options(explainer_core_fuzz PRIVATE ${EXPLAINER_FUZZ_FLAGS} -fsanitize=fuzzer-no-link ${EXPLAINER_SANITIZERS})
  file(GLOB EXPLAINER_FUZZERS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/fuzz/*_fuzz.cpp)
  foreach(source ${EXPLAINER_FUZZERS})
    get_filename_component(name ${source} NAME_WE)
    add_executable(${name} ${source})
    target_link_libraries(${name} PRIVATE explainer_core_fuzz)
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
    target_compile_definitions(${name} PRIVATE EXPLAINER_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    target_compile_options(${name} PRIVATE ${EXPLAINER_FUZZ_FLAGS} -fsanitize=fuzzer ${EXPLAINER_SANITIZERS})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer ${EXPLAINER_SANITIZERS})
    # New inputs go to a corpus in the build tree; the checked-in seeds are read only.
    set(corpus ${CMAKE_BINARY_DIR}/fuzz-corpus/${name})
    file(MAKE_DIRECTORY ${corpus})
    set(seeds ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${name})
    if(NOT EXISTS ${seeds})
      message(FATAL_ERROR "${name} has no seed corpus: add a few inputs to ${seeds}/")
    endif()
    set(dict_args)
    if(EXISTS ${PROJECT_SOURCE_DIR}/tests/fuzz/${name}.dict)
      set(dict_args -dict=${PROJECT_SOURCE_DIR}/tests/fuzz/${name}.dict)
    endif()
    add_test(NAME fuzz.${name} COMMAND ${name} -max_total_time=${EXPLAINER_FUZZ_SECONDS} -rss_limit_mb=2048
             -print_final_stats=1 ${dict_args} ${corpus} ${seeds})
    set_tests_properties(fuzz.${name} PROPERTIES TIMEOUT 300)
  endforeach()
else()
  message(STATUS "Fuzzers need clang (configure with -DCMAKE_CXX_COMPILER=clang++); skipped")
endif()

# [SECTION] Browser tests (Playwright + Debian's Chromium against build/web/) ---------------
set(EXPLAINER_WEB_DIR ${PROJECT_SOURCE_DIR}/build/web CACHE PATH "The assembled static site the browser tests load")
file(GLOB EXPLAINER_BROWSER_TESTS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/browser/*.test.mjs)
foreach(test ${EXPLAINER_BROWSER_TESTS})
  get_filename_component(name ${test} NAME_WE)
  add_test(NAME browser.${name} COMMAND node --test --test-reporter=spec ${test}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(browser.${name} PROPERTIES TIMEOUT 1200 RESOURCE_LOCK chromium
                       ENVIRONMENT "EXPLAINER_WEB_DIR=${EXPLAINER_WEB_DIR};EXPLAINER_ROOT=${PROJECT_SOURCE_DIR}")
endforeach()
