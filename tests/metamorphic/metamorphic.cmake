# Metamorphic robustness suite (issue 10, item 4), included from tests/CMakeLists.txt.
# One test per sample x transformation: scripts/metamorphic --test SAMPLE TRANSFORMATION
# writes the variant into build/tests/metamorphic/, runs the built jixiao on the
# original and on the variant, and compares the indicator trees, totals, grades
# and error findings. Pairs that fail today are listed in known_failures.txt
# beside this file (strict: a listed pair that passes fails). A sample whose
# file is absent (the shared corpus) or a renderer that is not installed gives
# a skipped test. See tests/metamorphic/README.md.

# The pairs come from the script itself (SAMPLE|TRANSFORMATION|KIND per line).
execute_process(
  COMMAND ${CMAKE_SOURCE_DIR}/scripts/metamorphic --list-tests
  OUTPUT_VARIABLE _metamorphic_pairs
  RESULT_VARIABLE _metamorphic_rc)
if(NOT _metamorphic_rc EQUAL 0)
  message(FATAL_ERROR "scripts/metamorphic --list-tests failed (${_metamorphic_rc})")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/scripts/metamorphic)

# The PDF renderings and scans, named by a hash of what they are made from,
# are shared by every build directory of this checkout: the sanitizer build's
# ctest (scripts/test) reads the PDFs the first build rendered instead of
# running Chromium and LibreOffice again.
set(JIXIAO_METAMORPHIC_CACHE "${CMAKE_SOURCE_DIR}/.cache/metamorphic" CACHE PATH
    "where scripts/metamorphic caches PDF renderings and scans (shared by build directories)")

# One test renders every PDF first (LibreOffice's in one process, Chromium's
# two at a time); the PDF and scan tests require it, so they render nothing
# themselves and run in parallel.
add_test(NAME metamorphic/render
  COMMAND ${CMAKE_SOURCE_DIR}/scripts/metamorphic --render --shared ${JIXIAO_SHARED_DIR}
          --work ${CMAKE_CURRENT_BINARY_DIR}/metamorphic --cache ${JIXIAO_METAMORPHIC_CACHE})
# COST: started first, so that its minutes overlap the other tests.
set_tests_properties(metamorphic/render PROPERTIES FIXTURES_SETUP metamorphic_renderings
  LABELS metamorphic TIMEOUT 3600 COST 100000)

string(STRIP "${_metamorphic_pairs}" _metamorphic_pairs)
string(REPLACE "\n" ";" _metamorphic_lines "${_metamorphic_pairs}")
foreach(_line IN LISTS _metamorphic_lines)
  string(REPLACE "|" ";" _fields "${_line}")
  list(GET _fields 0 _sample)
  list(GET _fields 1 _transformation)
  list(GET _fields 2 _kind)
  set(_name metamorphic/${_sample}/${_transformation})
  if(_kind STREQUAL "scan-long" AND NOT JIXIAO_LONG_TESTS)
    continue()  # 20 s to 2.5 min of OCR each: on demand (see the option in CMakeLists.txt)
  endif()
  add_test(NAME ${_name}
    COMMAND ${CMAKE_SOURCE_DIR}/scripts/metamorphic --test ${_sample} ${_transformation}
            --jixiao $<TARGET_FILE:jixiao> --shared ${JIXIAO_SHARED_DIR}
            --work ${CMAKE_CURRENT_BINARY_DIR}/metamorphic --cache ${JIXIAO_METAMORPHIC_CACHE})
  # The timeouts leave room for the sanitizer build (jixiao several times slower).
  set_tests_properties(${_name} PROPERTIES SKIP_RETURN_CODE 77 LABELS metamorphic TIMEOUT 240)
  if(_kind STREQUAL "pdf")
    # Rendered by metamorphic/render before (a test renders only when that
    # failed, and says so).
    set_tests_properties(${_name} PROPERTIES FIXTURES_REQUIRED metamorphic_renderings TIMEOUT 600)
  elseif(_kind MATCHES "^scan")
    # Issue 14: the Chromium rendering (metamorphic/render) scanned back and
    # read by OCR. OCR reads a page a core, so the
    # test takes both processors. Label `scan`: scripts/test leaves these
    # out of the sanitizer pass (the OCR unit tests, label `ocr`, run our
    # scan code under the sanitizers in seconds). The seed (35 pages) takes
    # about 8 min on a loaded 2-core machine.
    set_tests_properties(${_name} PROPERTIES LABELS "metamorphic;ocr;scan" FIXTURES_REQUIRED metamorphic_renderings
      PROCESSORS 2 TIMEOUT 2400)
    if(_kind STREQUAL "scan-long")
      set_tests_properties(${_name} PROPERTIES LABELS "metamorphic;ocr;scan;long")
    endif()
  endif()
endforeach()
