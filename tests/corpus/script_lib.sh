# Sourced by the corpus script tests: takes the jixiao binary as the only
# argument and sets $jixiao (absolute), $here (tests/corpus) and $repo.
# shellcheck shell=bash
if [ $# -ne 1 ]; then
  echo "usage: $0 JIXIAO" >&2
  exit 2
fi
jixiao=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
