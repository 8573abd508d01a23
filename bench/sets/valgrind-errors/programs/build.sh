#!/bin/bash
# Recompile every test program exactly as used for the query set.
cd "$(dirname "$0")" && mkdir -p bin out
for f in src/*.c; do
  b=$(basename $f .c); extra=""
  case $b in th_*) extra="-pthread";; mc_fishy2|mc_overlap|mc_overlap2|mc_overlap3) extra="-fno-builtin";; esac
  gcc -g -O0 -w $extra $f -o bin/$b
done
g++ -g -O0 -w src/mc_mismatch.cpp -o bin/mc_mismatch
g++ -g -O0 -pthread src/th_race_cpp.cpp -o bin/th_race_cpp
# then: ./run.sh runs.txt  (logs land in out/)
# bad.supp / bad2.supp are the deliberately malformed suppression files.
