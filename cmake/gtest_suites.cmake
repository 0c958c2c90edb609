# One ctest entry per GoogleTest suite (included from CMakeLists.txt, native build only).
# gtest_discover_tests gave each case a process of its own: about 1,300 starts of a test
# binary, each with its sanitizer runtime, static initialisation and lazily loaded data (the
# checked core parsed the gazetteer again in each of DraftTest's 83 processes). Measured on
# 2 cores shared with other work (load 2.5-6), the unit tests' entries added up to 700 s
# (ctest -j2: 250-430 s); one process per suite adds up to about 100 s (ctest -j2: 52-116 s,
# alternated with those runs), against about 90 s for the three binaries run once each.
# Suites rather than shards of a binary keep `ctest -R Triangulate` selecting a suite by its
# name, and keep entries short enough for the two cores to stay busy (the longest,
# ui.Packs/EveryPack, about 17 s). A failing case is named in GoogleTest's output
# ("[  FAILED  ] Suite.Case", or "[ RUN      ] Suite.Case" last before a crash), which
# --output-on-failure prints and tools/test-failures reads. One case: run the binary with
# --gtest_filter=Suite.Case (README, Rebuilding quickly).
#
# Included, this file defines explainer_add_gtest_suites(); run as a script (-P) after each
# link, it lists the binary's suites and writes their ctest entries.

if(CMAKE_SCRIPT_MODE_FILE)
  # GoogleTest writes its list as JSON (--gtest_output with --gtest_list_tests): the
  # suites' names come out as they are, whatever a parameter's printout holds.
  set(listing_file ${CTEST_FILE}.json)
  execute_process(COMMAND ${TEST_EXECUTABLE} --gtest_list_tests --gtest_output=json:${listing_file}
                  WORKING_DIRECTORY ${TEST_WORKING_DIRECTORY} TIMEOUT 60
                  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "Listing the tests of ${TEST_EXECUTABLE} failed (${status}):\n${output}")
  endif()
  file(READ ${listing_file} listing)
  string(JSON suites LENGTH "${listing}" testsuites)
  set(entries "")
  if(suites GREATER 0)
    math(EXPR last "${suites} - 1")
    foreach(i RANGE ${last})
      string(JSON suite GET "${listing}" testsuites ${i} name)
      set(name "${TEST_PREFIX}${suite}")
      string(APPEND entries
        "add_test([==[${name}]==] [==[${TEST_EXECUTABLE}]==] [==[--gtest_filter=${suite}.*]==])\n"
        "set_tests_properties([==[${name}]==] PROPERTIES WORKING_DIRECTORY [==[${TEST_WORKING_DIRECTORY}]==])\n")
      # A suite disabled whole shows as disabled, as its cases did; a case disabled in a
      # suite is left out of its run by GoogleTest.
      if(suite MATCHES "^DISABLED_")
        string(APPEND entries "set_tests_properties([==[${name}]==] PROPERTIES DISABLED TRUE)\n")
      endif()
    endforeach()
  endif()
  file(WRITE ${CTEST_FILE} "${entries}")
  return()
endif()

# explainer_add_gtest_suites(target [PREFIX prefix]): a ctest entry PREFIX + Suite for each
# suite of the GoogleTest binary target, listed again after each link of it. No
# SKIP_REGULAR_EXPRESSION (gtest_discover_tests set one): ctest reports a test whose output
# matches it as skipped even when it failed, and a suite's output holds all its cases. A
# skipped case (GTEST_SKIP: a build without the gazetteer or the basemap) is listed in its
# suite's output ("[  SKIPPED ]") and the suite passes.
function(explainer_add_gtest_suites target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PREFIX" "")
  set(ctest_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -DTEST_EXECUTABLE=$<TARGET_FILE:${target}> -DTEST_PREFIX=${arg_PREFIX}
            -DTEST_WORKING_DIRECTORY=${CMAKE_CURRENT_BINARY_DIR} -DCTEST_FILE=${ctest_file}
            -P ${CMAKE_CURRENT_FUNCTION_LIST_FILE}
    BYPRODUCTS ${ctest_file}
    VERBATIM)
  # ctest reads the entries from the build tree; until the binary is linked it shows one
  # entry that fails, naming the binary.
  set(include_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_suites_include.cmake)
  file(WRITE ${include_file}
    "if(EXISTS [==[${ctest_file}]==])\n"
    "  include([==[${ctest_file}]==])\n"
    "else()\n"
    "  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${include_file})
endfunction()
