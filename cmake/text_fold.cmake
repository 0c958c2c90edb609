# The folding table find matches with (tools/text-fold.py, from Python's Unicode
# database), generated at build time for every library built from src/core/.
set(EXPLAINER_FOLD_TOOL ${PROJECT_SOURCE_DIR}/tools/text-fold.py)
set(EXPLAINER_FOLD_TABLE ${CMAKE_BINARY_DIR}/generated/text_fold.inc)
add_custom_command(OUTPUT ${EXPLAINER_FOLD_TABLE}
  COMMAND /usr/bin/python3 ${EXPLAINER_FOLD_TOOL} ${EXPLAINER_FOLD_TABLE}
  DEPENDS ${EXPLAINER_FOLD_TOOL}
  COMMENT "Writing the find folding table text_fold.inc")

function(explainer_use_fold_table target)
  target_sources(${target} PRIVATE ${EXPLAINER_FOLD_TABLE})
  target_include_directories(${target} PRIVATE ${CMAKE_BINARY_DIR}/generated)
endfunction()
explainer_use_fold_table(explainer_core)
