# The HTML pages in headless Chromium (issue 13), included from
# tests/CMakeLists.txt: one test per script of tests/html/ (browser.py is
# their shared driver). A script exits 77 (skipped) when chromium is missing.
# Debian's python3 runs them: scripts/setup installs python3-pil for it, which
# another python3 first on PATH (pyenv's) may lack.
find_program(JIXIAO_HTML_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT JIXIAO_HTML_PYTHON)
  find_program(JIXIAO_HTML_PYTHON python3 REQUIRED)
endif()

# The dataset's dashboard (`jixiao corpus report`) of the samples and a hostile report.
add_test(NAME html/dashboard
  COMMAND ${JIXIAO_HTML_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/dashboard_test.py --jixiao $<TARGET_FILE:jixiao>
          --shared-dir ${JIXIAO_SHARED_DIR})
set_tests_properties(html/dashboard PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS html)

# The audit page (`jixiao check --format html`): one test per case of audit_test.py.
foreach(_case seed-pdf seed-pdf-libreoffice test-pdf text hostile)
  add_test(NAME html/audit/${_case}
    COMMAND ${JIXIAO_HTML_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/audit_test.py --jixiao $<TARGET_FILE:jixiao>
            --shared ${JIXIAO_SHARED_DIR} --case ${_case})
  set_tests_properties(html/audit/${_case} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS html)
endforeach()
