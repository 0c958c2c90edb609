# The basemap: Natural Earth 1:50m countries (npm world-atlas 2.0.2, public domain)
# baked by tools/bake-map.mjs into ${CMAKE_BINARY_DIR}/basemap.bin (the simplified
# world, fetched on first load) and ${CMAKE_BINARY_DIR}/basemap-detail/C-R.bin (the full
# data in 45-degree tiles, fetched when zoomed in), the files src/core/basemap.h parses.
# The bake also writes src/core's table of each country's core box.
# Included from CMakeLists.txt in both the native and the web build, before fonts.cmake.
# Defines the target `basemap` (part of ALL), EXPLAINER_BASEMAP_FILE, EXPLAINER_BASEMAP_NAMES
# and EXPLAINER_BASEMAP_DETAIL_DIR;
# without node or the npm package it warns and defines none of them.
# Either way it defines explainer_use_country_boxes(target): the core's table of each
# country's core box (generated/country_boxes.inc, src/core/geo.cpp), empty without
# the atlas.

set(EXPLAINER_COUNTRY_BOX_TABLE ${CMAKE_BINARY_DIR}/generated/country_boxes.inc)
function(explainer_use_country_boxes target)
  target_sources(${target} PRIVATE ${EXPLAINER_COUNTRY_BOX_TABLE})
  target_include_directories(${target} PRIVATE ${CMAKE_BINARY_DIR}/generated)
endfunction()
explainer_use_country_boxes(explainer_core)

find_program(EXPLAINER_NODE node NO_CMAKE_FIND_ROOT_PATH)
set(EXPLAINER_WORLD_ATLAS ${PROJECT_SOURCE_DIR}/node_modules/world-atlas/countries-50m.json)
if(NOT EXPLAINER_NODE OR NOT EXISTS ${EXPLAINER_WORLD_ATLAS})
  message(WARNING "No basemap: needs `node` on PATH and ${EXPLAINER_WORLD_ATLAS} (run scripts/setup)")
  file(WRITE ${EXPLAINER_COUNTRY_BOX_TABLE} "// No basemap: no country's box.\n")
  return()
endif()

# include() shares the includer's scope, so a plain set() is what reaches it.
set(EXPLAINER_BASEMAP_FILE ${CMAKE_BINARY_DIR}/basemap.bin)
set(EXPLAINER_BASEMAP_DETAIL_DIR ${CMAKE_BINARY_DIR}/basemap-detail)
# Its country names, one a line, for the characters the font atlas holds (fonts.cmake).
set(EXPLAINER_BASEMAP_NAMES ${CMAKE_BINARY_DIR}/basemap-names.txt)
# 8 columns of 45 degrees x 4 rows (kDetailColumns, kDetailRows in basemap.h).
set(basemap_outputs ${EXPLAINER_BASEMAP_FILE} ${EXPLAINER_BASEMAP_NAMES} ${EXPLAINER_COUNTRY_BOX_TABLE})
foreach(col RANGE 7)
  foreach(row RANGE 3)
    list(APPEND basemap_outputs ${EXPLAINER_BASEMAP_DETAIL_DIR}/${col}-${row}.bin)
  endforeach()
endforeach()
add_custom_command(
  OUTPUT ${basemap_outputs}
  COMMAND ${EXPLAINER_NODE} ${PROJECT_SOURCE_DIR}/tools/bake-map.mjs ${CMAKE_BINARY_DIR} ${EXPLAINER_WORLD_ATLAS}
  DEPENDS ${PROJECT_SOURCE_DIR}/tools/bake-map.mjs ${EXPLAINER_WORLD_ATLAS}
  COMMENT "Baking the basemap from Natural Earth (world-atlas countries-50m)"
  VERBATIM)
add_custom_target(basemap ALL DEPENDS ${basemap_outputs})
