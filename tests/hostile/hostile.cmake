# Hostile inputs (issue 12), included from tests/CMakeLists.txt: one test per
# case of tests/hostile/hostile_test.py, which generates the input, runs the
# built jixiao under /usr/bin/time and checks the result and, outside
# sanitizer builds, the 10 s / 500 MB bound. RUN_SERIAL: a bound on time means
# nothing while other tests share the two cores.
execute_process(
  COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/hostile_test.py --list
  OUTPUT_VARIABLE _hostile_cases
  RESULT_VARIABLE _hostile_rc)
if(NOT _hostile_rc EQUAL 0)
  message(FATAL_ERROR "tests/hostile/hostile_test.py --list failed (${_hostile_rc})")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/hostile_test.py)
set(_hostile_flags)
if(JIXIAO_SANITIZE)
  set(_hostile_flags --sanitized)
endif()
string(STRIP "${_hostile_cases}" _hostile_cases)
string(REPLACE "\n" ";" _hostile_cases "${_hostile_cases}")
foreach(_case IN LISTS _hostile_cases)
  add_test(NAME hostile/${_case}
    COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/hostile_test.py --jixiao $<TARGET_FILE:jixiao> --case ${_case}
            ${_hostile_flags})
  set_tests_properties(hostile/${_case} PROPERTIES RUN_SERIAL TRUE SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS hostile)
endforeach()
