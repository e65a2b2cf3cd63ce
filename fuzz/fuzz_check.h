#pragma once
// Invariant checks for the fuzz targets: a broken invariant names itself on
// stderr and traps, so libFuzzer saves the input and prints the stack.

#include <cstdio>

[[noreturn]] __attribute__((noinline)) inline void jixiao_invariant_failed(const char* file, const char* condition,
                                                                           int line) {
  std::fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, condition);
  __builtin_trap();
}

// A test that replays the fuzzers' inputs (tests/fuzz_regressions/) defines
// its own JIXIAO_FUZZ_CHECK before including the checks, to fail, not trap.
#ifndef JIXIAO_FUZZ_CHECK
#define JIXIAO_FUZZ_CHECK(condition)                                         \
  do {                                                                       \
    if (!(condition)) jixiao_invariant_failed(__FILE__, #condition, __LINE__); \
  } while (0)
#endif
