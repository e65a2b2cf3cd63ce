# Tests of `jixiao corpus` beyond the unit tests, included from
# tests/CMakeLists.txt: script tests (issue 6) that run the built jixiao as a
# black box over corpora that scripts/gen-corpus generates from samples/ into
# a temporary directory ($TMPDIR, cleaned up), and the issue-12 GoogleTest
# programs at the end (kept here, with the other corpus tests).
# The timeouts leave room for the sanitizer build, several times slower (the
# kill test takes about 40 s in the plain build and 260 s under ASan+UBSan).

# The generated reports still agree with jixiao: variants without a planted
# rule have no finding, every planted rule is found (text reports only: PDFs
# need python3-reportlab, which the tests do not require).
add_test(NAME corpus_gen_verify
  COMMAND python3 ${CMAKE_SOURCE_DIR}/scripts/gen-corpus ${CMAKE_CURRENT_BINARY_DIR}/gen-corpus-verify
          --text 60 --seed verify --verify $<TARGET_FILE:jixiao>)
set_tests_properties(corpus_gen_verify PROPERTIES TIMEOUT 120 LABELS corpus)

# SIGKILL at several points, re-run, compare with a clean build row for row.
add_test(NAME corpus_kill_test
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/corpus/kill_test.sh $<TARGET_FILE:jixiao>)
set_tests_properties(corpus_kill_test PROPERTIES TIMEOUT 900 LABELS corpus)

# Three shards with GNU parallel, merged, equal the single-process database.
add_test(NAME corpus_shard_test
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/corpus/shard_test.sh $<TARGET_FILE:jixiao>)
set_tests_properties(corpus_shard_test PROPERTIES TIMEOUT 480 LABELS corpus)

# A worker killed in the middle of a document: recorded as crashed, replaced, the run goes on.
add_test(NAME corpus_worker_crash_test
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/corpus/worker_crash_test.sh $<TARGET_FILE:jixiao>)
set_tests_properties(corpus_worker_crash_test PROPERTIES TIMEOUT 240 LABELS corpus)

# Issue 12: the dataset commands against hostile inputs and wrong results,
# through the built binary. Each case must finish in seconds; the timeout
# leaves room for the sanitizer build.
function(jixiao_corpus_binary_test name)
  jixiao_test(${name} corpus/${name}.cc)
  target_link_libraries(${name} PRIVATE nlohmann_json::nlohmann_json PkgConfig::LIBARCHIVE_TESTS
                                        PkgConfig::SQLITE3_TESTS)
  add_dependencies(${name} jixiao)
endfunction()
jixiao_corpus_binary_test(worker_limits_test)
jixiao_corpus_binary_test(dataset_safety_test)
jixiao_corpus_binary_test(hostile_inputs_test)
find_package(ZLIB REQUIRED)  # the zip bombs are deflated by hand
target_link_libraries(hostile_inputs_test PRIVATE ZLIB::ZLIB)
# The worker pool is internal to corpus/ (corpus/src).
jixiao_test(worker_pool_test corpus/worker_pool_test.cc)
target_link_libraries(worker_pool_test PRIVATE nlohmann_json::nlohmann_json PkgConfig::SQLITE3_TESTS)
target_include_directories(worker_pool_test PRIVATE ${CMAKE_SOURCE_DIR}/corpus/src)
jixiao_test(rows_wire_test corpus/rows_wire_test.cc)
target_link_libraries(rows_wire_test PRIVATE nlohmann_json::nlohmann_json)
target_include_directories(rows_wire_test PRIVATE ${CMAKE_SOURCE_DIR}/corpus/src)

# Issue 14: the dataset over scans (OCR: JIXIAO_OCR_TEST_PROPERTIES, tests/CMakeLists.txt).
function(jixiao_ocr_test name)
  jixiao_test(${name} corpus/${name}.cc PROPERTIES ${JIXIAO_OCR_TEST_PROPERTIES})
  target_link_libraries(${name} PRIVATE nlohmann_json::nlohmann_json PkgConfig::SQLITE3_TESTS)
  # The worker pool is internal to corpus/ (corpus/src).
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/corpus/src)
  add_dependencies(${name} jixiao)
endfunction()
jixiao_ocr_test(ocr_worker_pool_test)
jixiao_ocr_test(ocr_dataset_build_test)
