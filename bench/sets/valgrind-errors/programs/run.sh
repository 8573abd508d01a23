#!/bin/bash
# usage: run.sh runs.txt ; writes out/<bin>__<tool>[__N].log (valgrind log only)
cd "$(dirname "$0")" && mkdir -p out
n=0
while read -r bin tool opts; do
  [ -z "$bin" ] && continue
  n=$((n+1))
  tag=$(echo "$opts" | tr -c 'a-zA-Z0-9\n' '_' )
  out="out/${bin}__${tool}${tag:+__$tag}.log"
  timeout 300 valgrind --tool=$tool $opts --log-file=$out ./bin/$bin > /dev/null 2>&1 < /dev/null
  echo "$bin $tool $opts -> $out (rc=$?)"
done < "$1"
