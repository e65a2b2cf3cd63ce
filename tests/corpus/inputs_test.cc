// TODO(issue 6): tests.

#include <gtest/gtest.h>
