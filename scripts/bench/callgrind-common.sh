# Shared by the callgrind scripts: sourced, not run.
# publish_instruction_driver DIR: publishes bench/ZarrCache.InstructionCount with Native AOT into DIR/bin and prints the
# path of a copy without debug info (valgrind 3.19 cannot read its DWARF 5; the symbol table, function names, is kept).
# Native AOT because under valgrind the JIT falls back to unoptimized code for many methods (dotnet/runtime#100600).
publish_instruction_driver() {
  dotnet publish -c Release bench/ZarrCache.InstructionCount -o "$1/bin" >/dev/null
  objcopy --strip-debug "$1/bin/ZarrCache.InstructionCount" "$1/bin/zc"
  echo "$1/bin/zc"
}

# callgrind_pair EXE OUT N ARGS...: runs EXE ARGS 0 and EXE ARGS N under callgrind, into OUT-0.out and OUT-N.out (logs
# beside them), and prints the instructions per operation (the difference over N) with the top TOP functions.
callgrind_pair() {
  local exe=$1 out=$2 n=$3 count
  shift 3
  for count in 0 "$n"; do
    valgrind --tool=callgrind --callgrind-out-file="$out-$count.out" "$exe" "$@" "$count" >"$out-$count.log" 2>&1
  done
  python3 scripts/bench/callgrind_diff.py "$out-0.out" "$out-$n.out" "$n" "${TOP:-12}"
}
