# The character tables of right-to-left text (tools/unicode-tables.py, from the Unicode
# Character Database of Debian's unicode-data package), generated at build time for every
# library built from src/core/. They cover only what the app can draw: the font ranges
# below (U+XXXX-YYYY, comma-separated); every other code point counts as left to right.
set(EXPLAINER_UNICODE_RANGES
  "0000-024F,0250-036F,0370-03FF,0400-052F,0530-058F,0590-05FF,0600-06FF,1E00-1FFF,2000-206F,20A0-20CF,2100-214F,2190-2193,2212,2715,10A0-10FF,1200-139F,13A0-13FF,1400-167F,18B0-18FF,1C90-1CBF,2D00-2D7F,2D80-2DDF,AB00-AB2F,AB70-ABBF,FB13-FB17,FB1D-FB4F,FB50-FBFF,FE70-FEFF")
# And the CJK font's (cmake/fonts.cmake): its punctuation, corner brackets and full-width
# forms are neutrals, separators and numbers, which take their place in right-to-left text.
string(REPLACE "U+" "" cjk_ranges "${EXPLAINER_FONT_CJK_UNICODES}")
string(APPEND EXPLAINER_UNICODE_RANGES ",${cjk_ranges}")
set(EXPLAINER_UNICODE_DATA /usr/share/unicode)
set(EXPLAINER_UNICODE_TOOL ${PROJECT_SOURCE_DIR}/tools/unicode-tables.py)
set(EXPLAINER_UNICODE_TABLES ${CMAKE_BINARY_DIR}/generated/bidi_tables.inc)
add_custom_command(OUTPUT ${EXPLAINER_UNICODE_TABLES}
  COMMAND /usr/bin/python3 ${EXPLAINER_UNICODE_TOOL} --ucd ${EXPLAINER_UNICODE_DATA}
          --ranges ${EXPLAINER_UNICODE_RANGES} ${EXPLAINER_UNICODE_TABLES}
  DEPENDS ${EXPLAINER_UNICODE_TOOL}
  COMMENT "Writing the right-to-left character tables bidi_tables.inc")

function(explainer_use_unicode_tables target)
  target_sources(${target} PRIVATE ${EXPLAINER_UNICODE_TABLES})
  target_include_directories(${target} PRIVATE ${CMAKE_BINARY_DIR}/generated)
endfunction()
explainer_use_unicode_tables(explainer_core)

# The conformance tests run the Unicode test files' lines made only of covered characters.
set_source_files_properties(${PROJECT_SOURCE_DIR}/tests/unit/bidi_test.cpp PROPERTIES COMPILE_DEFINITIONS
  "EXPLAINER_UNICODE_RANGES=\"${EXPLAINER_UNICODE_RANGES}\";EXPLAINER_UNICODE_DATA=\"${EXPLAINER_UNICODE_DATA}\"")
