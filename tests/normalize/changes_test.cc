// TODO(issue 5): tests.

#include <gtest/gtest.h>
