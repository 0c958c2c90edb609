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

# [SECTION] Usage ----------------------------------------------------------------------------
# --help and -h print a tool's usage on stdout and succeed (explainer-validate read them as
# packs: "--help: unreadable"); an unknown option is named, then the usage on stderr, status
# 2 (the validator read it as a pack too, and the drafter gave the usage alone).
foreach(tool explainer-validate explainer-draft)
  foreach(flag --help -h)
    add_test(NAME usage.${tool}.${flag}
             COMMAND sh -c "\"$0\" \"$1\" > \"$2\" 2> \"$2.err\" && grep -q \"^usage: $3 \" \"$2\" && ! test -s \"$2.err\""
                     $<TARGET_FILE:${tool}> ${flag} ${CMAKE_BINARY_DIR}/usage-${tool}${flag}.txt ${tool})
  endforeach()
  add_test(NAME usage.${tool}.unknown-option
           COMMAND sh -c "\"$0\" --fromat x.json > \"$1\" 2>&1; test $? -eq 2 && grep -q '^unknown option \"--fromat\"' \"$1\" && grep -q \"^usage: $2 \" \"$1\""
                   $<TARGET_FILE:${tool}> ${CMAKE_BINARY_DIR}/usage-${tool}-unknown.txt ${tool})
endforeach()

# [SECTION] Drafting -------------------------------------------------------------------------
# explainer-draft turns each test article into a pack the validator accepts; the refused
# ones (refused-*.txt: an unsupported script) exit 1 with the reason.
if(TARGET gazetteer)
  file(GLOB EXPLAINER_DRAFT_ARTICLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/draft/*.txt)
  foreach(article ${EXPLAINER_DRAFT_ARTICLES})
    get_filename_component(name ${article} NAME_WE)
    if(name MATCHES "^refused-")
      add_test(NAME draft.rejects.${name} COMMAND explainer-draft ${article})
      set_tests_properties(draft.rejects.${name} PROPERTIES WILL_FAIL TRUE)
    else()
      add_test(NAME draft.validates.${name}
               COMMAND sh -c "\"$0\" \"$2\" > \"$3\" && \"$1\" \"$3\""
                       $<TARGET_FILE:explainer-draft> $<TARGET_FILE:explainer-validate> ${article} ${CMAKE_BINARY_DIR}/draft-${name}.json)
    endif()
  endforeach()
  # Quality on the seed (item 8 of issue #13): at least 80% of its places, all 7 quotes with
  # the right speaker and none wrong, from the pack's paragraphs and from the plain-text copy
  # in ../shared/seed when there is one; the test packs must get no speaker wrong.
  set(seed_items ${PROJECT_SOURCE_DIR}/content/isis-losing-ground.json)
  file(GLOB EXPLAINER_SHARED_SEED ${PROJECT_SOURCE_DIR}/../shared/seed/*.txt)
  foreach(text ${EXPLAINER_SHARED_SEED})
    list(APPEND seed_items ${PROJECT_SOURCE_DIR}/content/isis-losing-ground.json=${text})
  endforeach()
  add_test(NAME draft.bench.seed COMMAND explainer-draft-bench --require place-recall=0.8,quotes-right=7,speakers-wrong=0 ${seed_items})
  # The same with the browser's gazetteer: the index and only the shards the text needs.
  if(TARGET gazetteer-web)
    add_test(NAME draft.bench.seed-browser-gazetteer
             COMMAND explainer-draft-bench --web-gazetteer ${EXPLAINER_GAZETTEER_WEB_DIR}
                     --require place-recall=0.9,quotes-right=7,speakers-wrong=0 ${seed_items})
  endif()
  file(GLOB EXPLAINER_TEST_PACKS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/packs/*.json)
  add_test(NAME draft.bench.packs COMMAND explainer-draft-bench --require speakers-wrong=0 ${EXPLAINER_TEST_PACKS})
endif()

# --format: the seed is kept in canonical form (formatting it changes nothing), and a pack
# that is not (a hand-written test pack) is rewritten once and then stays as it is.
add_test(NAME validate.format.seed-is-canonical
         COMMAND sh -c "cp \"$1\" \"$2\" && \"$0\" --format \"$2\" && cmp \"$1\" \"$2\""
                 $<TARGET_FILE:explainer-validate> ${PROJECT_SOURCE_DIR}/content/isis-losing-ground.json ${CMAKE_BINARY_DIR}/format-seed.json)
add_test(NAME validate.format.fixed-point
         COMMAND sh -c "cp \"$1\" \"$2\" && \"$0\" --format \"$2\" && ! cmp -s \"$1\" \"$2\" && cp \"$2\" \"$2.again\" && \"$0\" --format \"$2.again\" && cmp \"$2\" \"$2.again\""
                 $<TARGET_FILE:explainer-validate> ${PROJECT_SOURCE_DIR}/tests/packs/second-pack.json ${CMAKE_BINARY_DIR}/format-second-pack.json)

# [SECTION] House rules -------------------------------------------------------------------
# No function over about 150 lines in src/ui (panels split into input, layout and drawing).
add_test(NAME rules.ui-function-lengths
         COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tools/function-lengths.py --max 150 ${PROJECT_SOURCE_DIR}/src/ui)
# The font atlas holds the characters of the app's literals (tools/ui-characters.py): on a
# sample, every literal's characters and none of a comment's.
add_test(NAME tools.ui-characters
         COMMAND sh -c "/usr/bin/python3 \"$0\" --print \"$1\" | diff - \"$2\""
                 ${PROJECT_SOURCE_DIR}/tools/ui-characters.py ${PROJECT_SOURCE_DIR}/tests/tools/ui-characters-sample.cpp
                 ${PROJECT_SOURCE_DIR}/tests/tools/ui-characters-sample.expected)
# With --names, every character of the names file too (the bundled basemap's countries).
add_test(NAME tools.ui-characters-names
         COMMAND sh -c "/usr/bin/python3 \"$0\" --print --names \"$1\" \"$2\" | diff - \"$3\""
                 ${PROJECT_SOURCE_DIR}/tools/ui-characters.py ${PROJECT_SOURCE_DIR}/tests/tools/ui-characters-names.txt
                 ${PROJECT_SOURCE_DIR}/tests/tools/ui-characters-sample.cpp
                 ${PROJECT_SOURCE_DIR}/tests/tools/ui-characters-names.expected)

# The place lookup finds a place however its apostrophe is written: GeoNames writes
# "Nuku‘alofa" (U+2018), an author the ʻokina (U+02BB) or a straight apostrophe.
foreach(spelling "Nukuʻalofa" "Nuku'alofa" "NUKU‘ALOFA")
  add_test(NAME "tools.geonames-lookup ${spelling}"
           COMMAND sh -c "node \"$0\" \"$1\" TO | grep -q 'https://www.geonames.org/4032402'"
                   ${PROJECT_SOURCE_DIR}/tools/geonames-lookup.mjs ${spelling})
endforeach()

# [SECTION] Fuzzers (clang's libFuzzer with ASan and UBSan) -----------------------------------
# A build of its own: assertions stay on (-UNDEBUG undoes the Release -DNDEBUG, so the
# asserts in the core and in the targets are checked) and exceptions are off as in the
# web build (every nlohmann/json throw becomes an abort, so a value read without checking
# its type is found). ctest gives each target its dictionary (tests/fuzz/NAME.dict) and
# its seed corpus (tests/fuzz/corpus/NAME/) for a short run; scripts/fuzz runs longer.
set(EXPLAINER_FUZZ_SECONDS 12 CACHE STRING "How long each fuzzer runs under ctest")
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  set(EXPLAINER_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  # Line tables are all that ASan's and UBSan's reports need for their files and lines;
  # full -g took a tenth longer to compile (draft.cpp alone: 51 s against 46 s).
  set(EXPLAINER_FUZZ_FLAGS -gline-tables-only -O1 -UNDEBUG -fno-exceptions)
  add_library(explainer_core_fuzz STATIC ${EXPLAINER_CORE_SOURCES})
  target_include_directories(explainer_core_fuzz PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_include_directories(explainer_core_fuzz SYSTEM PUBLIC ${EXPLAINER_JSON_INCLUDE})
  target_include_directories(explainer_core_fuzz PRIVATE ${EXPLAINER_GENERATED_INCLUDE})
  explainer_use_glyph_table(explainer_core_fuzz)
  explainer_use_fold_table(explainer_core_fuzz)
  explainer_use_unicode_tables(explainer_core_fuzz)
  explainer_use_country_boxes(explainer_core_fuzz)
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
    add_test(NAME fuzz.${name} COMMAND ${name} -max_total_time=${EXPLAINER_FUZZ_SECONDS} -timeout=10 -rss_limit_mb=2048
             -print_final_stats=1 ${dict_args} ${corpus} ${seeds})
    set_tests_properties(fuzz.${name} PROPERTIES TIMEOUT 300)
  endforeach()

  # The unit tests once more, against this checked core: every assert in the core runs
  # (a failed one aborts its test with its message), under ASan and UBSan. ctest names
  # their suites "checked.Suite".
  add_executable(core_tests_checked $<TARGET_OBJECTS:core_test_objects>)
  target_link_libraries(core_tests_checked PRIVATE explainer_core_fuzz GTest::gtest GTest::gtest_main GTest::gmock)
  target_link_options(core_tests_checked PRIVATE ${EXPLAINER_SANITIZERS})
  explainer_add_gtest_suites(core_tests_checked PREFIX checked.)

  # [SECTION] Headless UI test: src/ui with its assertions on ------------------------------
  # The web app is built for size with NDEBUG, so no assert in src/ui and no IM_ASSERT in
  # Dear ImGui runs in the browser tests. Here the reader's UI (src/ui/, no platform), ImGui
  # and the checked core are built with assertions on and ASan + UBSan, and the panels are
  # driven through frames without any backend (tests/ui/): a failed assert aborts its test
  # with its message. -O1 without full debug info keeps the build to about a minute.
  set(EXPLAINER_UI_TEST_FLAGS -g1 -O1 -UNDEBUG)
  explainer_add_imgui(imgui_checked)
  target_compile_options(imgui_checked PRIVATE ${EXPLAINER_UI_TEST_FLAGS} ${EXPLAINER_SANITIZERS})
  add_library(explainer_ui_checked STATIC ${EXPLAINER_UI_SOURCES})
  target_link_libraries(explainer_ui_checked PUBLIC explainer_core_fuzz imgui_checked)
  target_compile_options(explainer_ui_checked PRIVATE ${EXPLAINER_UI_TEST_FLAGS} ${EXPLAINER_SANITIZERS} -Wall -Wextra)
  # A long story: the seed four times over (tools/multiply-pack.mjs).
  set(EXPLAINER_LONG_PACK ${CMAKE_BINARY_DIR}/ui-test-long-pack.json)
  add_custom_command(OUTPUT ${EXPLAINER_LONG_PACK}
    COMMAND ${EXPLAINER_NODE} tools/multiply-pack.mjs content/isis-losing-ground.json 4 > ${EXPLAINER_LONG_PACK}
    DEPENDS ${PROJECT_SOURCE_DIR}/tools/multiply-pack.mjs ${PROJECT_SOURCE_DIR}/content/isis-losing-ground.json
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Making the headless UI test's long pack")
  file(GLOB EXPLAINER_UI_TESTS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/ui/*_test.cpp)
  add_executable(ui_tests_checked ${EXPLAINER_UI_TESTS} ${EXPLAINER_LONG_PACK})
  target_link_libraries(ui_tests_checked PRIVATE explainer_ui_checked GTest::gtest GTest::gtest_main)
  target_include_directories(ui_tests_checked PRIVATE ${PROJECT_SOURCE_DIR}/tests ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(ui_tests_checked PRIVATE ${EXPLAINER_UI_TEST_FLAGS} ${EXPLAINER_SANITIZERS})
  target_link_options(ui_tests_checked PRIVATE ${EXPLAINER_SANITIZERS})
  target_compile_definitions(ui_tests_checked PRIVATE EXPLAINER_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    EXPLAINER_FONT_DIR="${EXPLAINER_FONT_DIR}" EXPLAINER_LONG_PACK="${EXPLAINER_LONG_PACK}"
    EXPLAINER_FONT_SCRIPT_FONTS="${EXPLAINER_FONT_SCRIPT_FONTS}" EXPLAINER_FONT_CHUNK_DIR="${EXPLAINER_FONT_CHUNK_DIR}")
  add_dependencies(ui_tests_checked fonts)
  if(TARGET basemap)
    add_dependencies(ui_tests_checked basemap)
    target_compile_definitions(ui_tests_checked PRIVATE EXPLAINER_BASEMAP_FILE="${EXPLAINER_BASEMAP_FILE}"
      EXPLAINER_BASEMAP_DETAIL_DIR="${EXPLAINER_BASEMAP_DETAIL_DIR}")
  endif()
  explainer_add_gtest_suites(ui_tests_checked PREFIX ui.)
else()
  message(STATUS "Fuzzers need clang (configure with -DCMAKE_CXX_COMPILER=clang++); skipped")
endif()

# [SECTION] Browser tests (Playwright + Debian's Chromium against build/web/) ---------------
set(EXPLAINER_WEB_DIR ${PROJECT_SOURCE_DIR}/build/web CACHE PATH "The assembled static site the browser tests load")
file(GLOB EXPLAINER_BROWSER_TESTS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/browser/*.test.mjs)
# A browser test spends much of its time waiting for the page to go quiet (two of them
# side by side took 0.67x the time of one after the other on 2 cores), so they run side
# by side (`ctest -j`), and start before the native tests (a higher COST), which fill the
# gaps they leave. A test that asserts how long frames take runs alone (RUN_SERIAL), as
# another test's Chromium would take its CPU: its name is in EXPLAINER_TIMED_BROWSER_TESTS.
set(EXPLAINER_TIMED_BROWSER_TESTS length-timing)
foreach(test ${EXPLAINER_BROWSER_TESTS})
  get_filename_component(name ${test} NAME_WE)
  add_test(NAME browser.${name} COMMAND node --test --test-reporter=spec ${test}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(browser.${name} PROPERTIES TIMEOUT 1200 COST 1000
                       ENVIRONMENT "EXPLAINER_WEB_DIR=${EXPLAINER_WEB_DIR};EXPLAINER_ROOT=${PROJECT_SOURCE_DIR}")
  if(name IN_LIST EXPLAINER_TIMED_BROWSER_TESTS)
    set_tests_properties(browser.${name} PROPERTIES RUN_SERIAL TRUE)
  endif()
endforeach()
