# Fonts: the one list of the characters the explainer can draw (included by
# CMakeLists.txt for both builds).
# - Base ranges: fonts/base.bin, fetched with the wasm (what the UI itself writes, every
#   Natural Earth country name, and gazetteer names such as "Sinjār": ASCII, Latin-1's
#   letters, the vowels with a macron of romanised Arabic, Persian and other
#   transliterations, the punctuation of English text, arrows, the minus sign). The rest
#   of Latin Extended-A (Turkish, Polish, Czech letters) comes in a chunk when a pack uses
#   it: 13 KB less gzip for every first visit (issue 10); so do Latin-1's symbols (©, ±,
#   ½, ¿...) and the rarer punctuation („, ‹›, †, ‰, ′...): 10 KB less, which paid for
#   Hebrew and Arabic's right-to-left layout in the engine.
# - Extra ranges: fetched by the page in chunks when a pack uses them (Latin Extended-A
#   and -B, IPA, spacing modifier letters such as the ʻokina U+02BB, combining marks,
#   Greek and Greek Extended, Cyrillic and Cyrillic Supplement, Latin Extended
#   Additional for Vietnamese, the rest of General Punctuation, currency signs,
#   letter-like symbols).
# - Scripts with fonts of their own (EXPLAINER_FONT_SCRIPTS below): Armenian, Georgian,
#   Ethiopic, Cherokee, Canadian syllabics and Tifinagh, in chunks of their own.
# tools/font-subsets.py turns them, with the fonts' own cmaps, into the subset fonts and
# the table the core's character check reads (src/core/scripts.cpp): nothing else
# lists character ranges.
set(EXPLAINER_FONT_BASE_UNICODES "U+0020-007E,U+00A0,U+00A3,U+00A5,U+00AB,U+00B0,U+00B4,U+00B7,U+00BB,U+00C0-00FF,U+0100-0101,U+0112-0113,U+012A-012B,U+014C-014D,U+016A-016B,U+2013-2014,U+2018-2019,U+201C-201D,U+2022,U+2026,U+2190-2193,U+2212,U+2715")
set(EXPLAINER_FONT_EXTRA_UNICODES "U+00A0-00BF,U+0100-024F,U+0250-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+1F00-1FFF,U+2000-206F,U+20A0-20CF,U+2100-214F")
# Scripts whose letters are in Noto's fonts for that script ("Noto Serif Georgian", each in
# regular and bold): SCRIPT=RANGES, SCRIPT
# as the fonts' names spell it. Their glyphs are merged into each face from that font (the
# italic face takes the upright letters: these fonts have no italic), and come in chunks
# of their own (fonts/uXXXX-georgian.bin) when a pack uses them. Armenian with its
# ligatures (ﬓ-ﬗ), Georgian (Mkhedruli, Asomtavruli, Mtavruli and Nuskhuri), Ethiopic
# (the Ge'ez script of Amharic and Tigrinya) with its supplement and extension, Cherokee
# (its syllabary's capitals and small letters), Canadian syllabics (Inuktitut, Cree,
# Ojibwe and Dene, with the extended block), Tifinagh (Tamazight, as Morocco writes it),
# and the two right-to-left scripts (src/core/bidi.h): Hebrew with its points and
# presentation forms, and Arabic with the presentation forms its letters are drawn in
# (Forms-A for the letters of Persian and Urdu, Forms-B for the rest and lam-alef).
set(EXPLAINER_FONT_SCRIPTS
  Armenian=U+0530-058F,U+FB13-FB17
  Georgian=U+10A0-10FF,U+1C90-1CBF,U+2D00-2D2F
  Ethiopic=U+1200-139F,U+2D80-2DDF,U+AB00-AB2F
  Cherokee=U+13A0-13FF,U+AB70-ABBF
  CanadianAboriginal=U+1400-167F,U+18B0-18FF
  Tifinagh=U+2D30-2D7F
  Hebrew=U+0590-05FF,U+FB1D-FB4F
  Arabic=U+0600-06FF,U+FB50-FBFF,U+FE70-FEFF)
# A script whose serif letters come from a family of another name: Arabic's from Noto
# Naskh Arabic, the style of Arabic text type (Noto has no "Serif Arabic").
set(EXPLAINER_FONT_SERIF_FAMILY_Arabic NotoNaskhArabic)
set(EXPLAINER_FONT_DIR /usr/share/fonts/truetype/noto)
set(EXPLAINER_FONT_FACES NotoSerif-Regular NotoSerif-Italic NotoSerif-Bold NotoSans-Regular NotoSans-Bold)
set(EXPLAINER_FONT_TOOL ${PROJECT_SOURCE_DIR}/tools/font-subsets.py)
set(EXPLAINER_FONT_SOURCES)
foreach(face ${EXPLAINER_FONT_FACES})
  list(APPEND EXPLAINER_FONT_SOURCES ${EXPLAINER_FONT_DIR}/${face}.ttf)
endforeach()
# Each script's font for each face, in the faces' order: the face's family for the script
# (NotoSerif-Bold: NotoSerifGeorgian-Bold), upright for the italic face. A script that Noto
# draws only without serifs (Cherokee, Canadian syllabics, Tifinagh) takes its sans font
# in the serif faces too, and one without a bold (Tifinagh) its regular in the bold faces:
# its letters then keep one shape in every face, as a name must. The one place that says
# so: the subsetting tool gets the list (--script), and so does the headless UI test
# (EXPLAINER_FONT_SCRIPT_FONTS: each script's list, the scripts separated by "|").
set(script_args)
set(EXPLAINER_FONT_SCRIPT_FONTS)
foreach(script ${EXPLAINER_FONT_SCRIPTS})
  string(REGEX REPLACE "=.*" "" script_name ${script})
  set(script_fonts)
  foreach(face ${EXPLAINER_FONT_FACES})
    string(REGEX REPLACE "^([A-Za-z]+)-(.*)$" "\\1${script_name}-\\2" font ${face})
    string(REGEX REPLACE "Italic$" "" font ${font})
    string(REGEX REPLACE "-$" "-Regular" font ${font})
    if(DEFINED EXPLAINER_FONT_SERIF_FAMILY_${script_name})
      string(REGEX REPLACE "^NotoSerif${script_name}" "${EXPLAINER_FONT_SERIF_FAMILY_${script_name}}" font ${font})
    endif()
    if(NOT EXISTS ${EXPLAINER_FONT_DIR}/${font}.ttf)
      string(REGEX REPLACE "^NotoSerif" "NotoSans" font ${font})
    endif()
    if(NOT EXISTS ${EXPLAINER_FONT_DIR}/${font}.ttf)
      string(REGEX REPLACE "-[A-Za-z]+$" "-Regular" font ${font})
    endif()
    list(APPEND script_fonts ${font})
    list(APPEND EXPLAINER_FONT_SOURCES ${EXPLAINER_FONT_DIR}/${font}.ttf)
  endforeach()
  list(JOIN script_fonts "," script_font_list)
  list(APPEND script_args --script ${script}:${script_font_list})
  list(APPEND EXPLAINER_FONT_SCRIPT_FONTS ${script_font_list})
endforeach()
# Chinese, Japanese and Korean (Debian's fonts-noto-cjk): CJK punctuation, kana, Bopomofo,
# Hangul's letters and syllables, the ideographs of the unified block, its extension A and
# the compatibility block (﨑, in Japanese surnames, is one of its twelve unified
# ideographs), the full-width forms of Chinese punctuation, and the enclosed and squared
# signs of East Asian text (①, ㈱, ㎡). One font, Noto Sans CJK SC in its
# regular weight, draws them in every face: its ideographs have the shapes of the
# mainland's standard (a Japanese or Taiwanese reader sees a few drawn otherwise than at
# home), and bold text keeps them regular, as Tifinagh's. Chunks of 16 code points
# (fonts/uXXXX-cjk.bin): a pack's few dozen ideographs are scattered over 27,000. The
# ideographs and Hangul syllables that text uses most come a second time in groups of the
# commonest together (fonts/gNNN-cjk.bin, listed in fonts/index-cjk.bin; their order from
# Unicode's Unihan database, Debian's unicode-data): a pack written in Chinese takes them
# from there (src/core/scripts.h, font_files_for).
set(EXPLAINER_FONT_CJK_UNICODES "U+2460-24FF,U+3000-303F,U+3040-30FF,U+3100-312F,U+3130-318F,U+31F0-31FF,U+3200-33FF,U+3400-4DBF,U+4E00-9FFF,U+AC00-D7A3,U+F900-FAFF,U+FF00-FFEF")
set(EXPLAINER_FONT_CJK_FILE /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc)
set(EXPLAINER_UNIHAN_DIR /usr/share/unicode)
list(APPEND EXPLAINER_FONT_SOURCES ${EXPLAINER_FONT_CJK_FILE} ${EXPLAINER_UNIHAN_DIR}/Unihan_Readings.txt.bz2
     ${EXPLAINER_UNIHAN_DIR}/Unihan_OtherMappings.txt.bz2 ${EXPLAINER_UNIHAN_DIR}/Unihan_DictionaryLikeData.txt.bz2)
list(REMOVE_DUPLICATES EXPLAINER_FONT_SOURCES)
list(JOIN EXPLAINER_FONT_SCRIPT_FONTS "|" EXPLAINER_FONT_SCRIPT_FONTS)
list(JOIN EXPLAINER_FONT_FACES "," EXPLAINER_FONT_FACE_LIST)
set(EXPLAINER_FONT_ARGS --fonts ${EXPLAINER_FONT_DIR} --faces ${EXPLAINER_FONT_FACE_LIST}
    --base ${EXPLAINER_FONT_BASE_UNICODES} --extra ${EXPLAINER_FONT_EXTRA_UNICODES} ${script_args}
    --cjk "${EXPLAINER_FONT_CJK_UNICODES}:${EXPLAINER_FONT_CJK_FILE}:Noto Sans CJK SC" --unihan ${EXPLAINER_UNIHAN_DIR})

# The coverage table the core includes (every build; reading cmaps takes a second).
set(EXPLAINER_GENERATED_DIR ${CMAKE_BINARY_DIR}/generated)
set(EXPLAINER_GLYPH_TABLE ${EXPLAINER_GENERATED_DIR}/glyph_runs.inc)
add_custom_command(OUTPUT ${EXPLAINER_GLYPH_TABLE}
  COMMAND /usr/bin/python3 ${EXPLAINER_FONT_TOOL} ${EXPLAINER_FONT_ARGS} --header ${EXPLAINER_GLYPH_TABLE}
  DEPENDS ${EXPLAINER_FONT_TOOL} ${EXPLAINER_FONT_SOURCES} ${PROJECT_SOURCE_DIR}/cmake/fonts.cmake
  COMMENT "Reading the fonts' coverage into glyph_runs.inc")

# The characters beyond ASCII that the app's own code writes (every string and character
# literal of its sources, tools/ui-characters.py, and the bundled basemap's country names):
# the font atlas holds these, ASCII and the pack's characters, not the whole base font.
set(EXPLAINER_UI_CHARACTER_TOOL ${PROJECT_SOURCE_DIR}/tools/ui-characters.py)
set(EXPLAINER_UI_CHARACTER_TABLE ${EXPLAINER_GENERATED_DIR}/ui_characters.inc)
file(GLOB EXPLAINER_APP_SOURCE_FILES CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/src/core/*.cpp ${PROJECT_SOURCE_DIR}/src/core/*.h
  ${PROJECT_SOURCE_DIR}/src/ui/*.cpp ${PROJECT_SOURCE_DIR}/src/ui/*.h
  ${PROJECT_SOURCE_DIR}/src/platform/*.cpp ${PROJECT_SOURCE_DIR}/src/platform/*.h)
# The bundled basemap's country names too (map.cmake): the map writes them.
set(ui_character_names)
if(EXPLAINER_BASEMAP_NAMES)
  set(ui_character_names --names ${EXPLAINER_BASEMAP_NAMES})
endif()
add_custom_command(OUTPUT ${EXPLAINER_UI_CHARACTER_TABLE}
  COMMAND /usr/bin/python3 ${EXPLAINER_UI_CHARACTER_TOOL} ${ui_character_names} ${EXPLAINER_UI_CHARACTER_TABLE} ${EXPLAINER_APP_SOURCE_FILES}
  DEPENDS ${EXPLAINER_UI_CHARACTER_TOOL} ${EXPLAINER_APP_SOURCE_FILES} ${EXPLAINER_BASEMAP_NAMES}
  COMMENT "Reading the characters the app writes into ui_characters.inc")
# Gives a library built from src/core/ the tables it includes: both are its sources, so
# they are generated before any of its files compiles (the libFuzzer build's core too).
function(explainer_use_glyph_table target)
  target_sources(${target} PRIVATE ${EXPLAINER_GLYPH_TABLE} ${EXPLAINER_UI_CHARACTER_TABLE})
  target_include_directories(${target} PRIVATE ${EXPLAINER_GENERATED_DIR})
endfunction()
explainer_use_glyph_table(explainer_core)

# The font files (fonts/base.bin and the chunks) in font-chunks/: the web build serves them
# (web.cmake), and the headless UI test loads the CJK chunks a pack needs from there, as a
# page does, since the system's CJK font is no TrueType font the engine takes.
set(EXPLAINER_FONT_CHUNK_DIR ${CMAKE_BINARY_DIR}/font-chunks)
set(EXPLAINER_FONT_STAMP ${EXPLAINER_FONT_CHUNK_DIR}/stamp)
add_custom_command(OUTPUT ${EXPLAINER_FONT_STAMP}
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${EXPLAINER_FONT_CHUNK_DIR}
  COMMAND /usr/bin/python3 ${EXPLAINER_FONT_TOOL} ${EXPLAINER_FONT_ARGS} --web-dir ${EXPLAINER_FONT_CHUNK_DIR}
  COMMAND ${CMAKE_COMMAND} -E touch ${EXPLAINER_FONT_STAMP}
  DEPENDS ${EXPLAINER_FONT_TOOL} ${EXPLAINER_FONT_SOURCES} ${PROJECT_SOURCE_DIR}/cmake/fonts.cmake
  COMMENT "Subsetting the fonts")
add_custom_target(fonts DEPENDS ${EXPLAINER_FONT_STAMP})
