#!/usr/bin/env bash
# The generator's build cost (issue 5): how much longer a class library takes to build when it
# declares the five benchmark networks (Workloads/Networks.cs) than when it declares the same five
# classes without the network attributes. Both reference the same runtime and generator builds and
# are rebuilt alternately after touching their source, so a busy moment of the machine falls on
# both. Usage: benchmarks/build-cost.sh [rounds, default 6]. Takes about 20 s per round.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-6}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "Building the runtime and the generator once ..." >&2
dotnet build "$repo/src/NetCompiler.Runtime/NetCompiler.Runtime.csproj" -c Release -f net10.0 --artifacts-path "$work/art" >/dev/null
runtime=$(find "$work/art/bin/NetCompiler.Runtime" -name NetCompiler.Runtime.dll -path '*net10.0*' | head -n 1)
generator=$(find "$work/art/bin/NetCompiler.Generators" -name NetCompiler.Generators.dll | head -n 1)

networks="$repo/benchmarks/NetCompiler.Benchmarks/Workloads/Networks.cs"
for name in With Without; do
  mkdir -p "$work/$name"
  cat >"$work/$name/$name.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="$runtime" />
    <Analyzer Include="$generator" />
  </ItemGroup>
</Project>
EOF
done
cp "$networks" "$work/With/Networks.cs"
# The same classes, with every attribute line ([Network], [Input(…)], …) removed.
grep -v '^\[' "$networks" >"$work/Without/Networks.cs"

for name in With Without; do
  dotnet build "$work/$name/$name.csproj" -c Release >/dev/null
done

subtract() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a - b }'; }

build() { # prints the seconds one rebuild of project $1 takes
  touch "$work/$1/Networks.cs"
  local start end
  start=$(date +%s.%N)
  dotnet build "$work/$1/$1.csproj" -c Release --no-restore >/dev/null
  end=$(date +%s.%N)
  subtract "$end" "$start"
}

with=()
without=()
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then
    with+=("$(build With)")
    without+=("$(build Without)")
  else
    without+=("$(build Without)")
    with+=("$(build With)")
  fi
  echo "round $round: with ${with[-1]} s, without ${without[-1]} s" >&2
done

fastest() { printf '%s\n' "$@" | sort -n | head -n 1; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
differences=()
for ((i = 0; i < rounds; i++)); do
  differences+=("$(subtract "${with[i]}" "${without[i]}")")
done

echo "| builds | with the networks [s] | without [s] | fastest with − fastest without [s] | median of the pairwise differences [s] |"
echo "| ---: | --- | --- | ---: | ---: |"
printf '| %d | %s | %s | %.2f | %.2f |\n' "$rounds" "$(printf '%.2f ' "${with[@]}")" "$(printf '%.2f ' "${without[@]}")" \
  "$(subtract "$(fastest "${with[@]}")" "$(fastest "${without[@]}")")" "$(median "${differences[@]}")"
echo "UseSharedCompilation=${UseSharedCompilation:-unset} (false: every build starts a new compiler, which JITs the generator again)" >&2
