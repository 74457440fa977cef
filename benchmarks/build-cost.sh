#!/usr/bin/env bash
# The generator's build cost (issue 5): how much longer a class library takes to build when it
# declares the five benchmark networks (Workloads/Networks.cs) than when it declares the same five
# classes without the network attributes. Measured for two libraries: one holding nothing but
# those five classes, and the same with some ordinary code besides (the samples' data loaders,
# about 180 lines), because a compiler that compiles no method body at all skips work that any
# real project pays for anyway. All four projects reference the same runtime and generator builds
# and are rebuilt in turn after touching their source, so a busy moment of the machine falls on
# all of them. Usage: benchmarks/build-cost.sh [--compiler-only] [rounds, default 6]. Takes about
# 40 s per round. --compiler-only times the compiler alone instead of `dotnet build`: a fresh csc
# process on the command line the build gives it (generator and analyzers included), which leaves
# out MSBuild's own time and most of its noise.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
compiler_only=false
if [[ ${1:-} == --compiler-only ]]; then
  compiler_only=true
  shift
fi
rounds=${1:-6}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "Building the runtime and the generator once ..." >&2
dotnet build "$repo/src/NetCompiler.Runtime/NetCompiler.Runtime.csproj" -c Release -f net10.0 --artifacts-path "$work/art" >/dev/null
runtime=$(find "$work/art/bin/NetCompiler.Runtime" -name NetCompiler.Runtime.dll -path '*net10.0*' | head -n 1)
generator=$(find "$work/art/bin/NetCompiler.Generators" -name NetCompiler.Generators.dll | head -n 1)

networks="$repo/benchmarks/NetCompiler.Benchmarks/Workloads/Networks.cs"
ordinary_code=("$repo/samples/Digits/ConfusionMatrix.cs" "$repo/samples/Digits/DigitsData.cs" "$repo/samples/Classify2D/CircleData.cs")
projects=(With Without WithCode WithoutCode)
for name in "${projects[@]}"; do
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
  if [[ $name == Without* ]]; then
    # The same classes, with every attribute line ([Network], [Input(…)], …) removed.
    grep -v '^\[' "$networks" >"$work/$name/Networks.cs"
  else
    cp "$networks" "$work/$name/Networks.cs"
  fi
  if [[ $name == *Code ]]; then
    cp "${ordinary_code[@]}" "$work/$name/"
  fi
  if $compiler_only; then
    # the first build logs the compiler's command line: "…/csc /noconfig <arguments>"
    dotnet build "$work/$name/$name.csproj" -c Release -v:d -p:UseSharedCompilation=false \
      | sed -n 's#^ *\(/[^ ]*/csc\) /noconfig \(.*\)$#\1\n\2#p' >"$work/$name/csc.txt"
    head -n 1 "$work/$name/csc.txt" >"$work/$name/csc.path"
    tail -n 1 "$work/$name/csc.txt" >"$work/$name/csc.rsp"
    [[ -s "$work/$name/csc.rsp" ]] || { echo "no compiler command line found for $name" >&2; exit 1; }
  else
    dotnet build "$work/$name/$name.csproj" -c Release >/dev/null
  fi
done

subtract() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a - b }'; }

build() { # prints the seconds one rebuild of project $1 (or, --compiler-only, one compilation) takes
  touch "$work/$1/Networks.cs"
  local start end
  start=$(date +%s.%N)
  if $compiler_only; then
    (cd "$work/$1" && "$(cat csc.path)" /noconfig @csc.rsp >/dev/null)
  else
    dotnet build "$work/$1/$1.csproj" -c Release --no-restore >/dev/null
  fi
  end=$(date +%s.%N)
  subtract "$end" "$start"
}

declare -A seconds
for ((round = 1; round <= rounds; round++)); do
  # every other round in the opposite order, so no project always follows the same one
  for ((i = 0; i < ${#projects[@]}; i++)); do
    if ((round % 2)); then name=${projects[i]}; else name=${projects[${#projects[@]} - 1 - i]}; fi
    seconds[$name]+="$(build "$name") "
  done
  echo "round $round ($(printf '%s ' "${projects[@]}")): $(for name in "${projects[@]}"; do awk '{ printf "%s ", $NF }' <<<"${seconds[$name]}"; done)s" >&2
done

fastest() { printf '%s\n' "$@" | sort -n | head -n 1; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

row() { # prints the Markdown row of the pair with the networks ($2) and without them ($3), labelled $1
  local -a with without differences
  read -r -a with <<<"${seconds[$2]}"
  read -r -a without <<<"${seconds[$3]}"
  for ((i = 0; i < rounds; i++)); do
    differences+=("$(subtract "${with[i]}" "${without[i]}")")
  done
  printf '| %s | %d | %s | %s | %.2f | %.2f |\n' "$1" "$rounds" "$(printf '%.2f ' "${with[@]}")" "$(printf '%.2f ' "${without[@]}")" \
    "$(subtract "$(fastest "${with[@]}")" "$(fastest "${without[@]}")")" "$(median "${differences[@]}")"
}

echo "| library | builds | with the networks [s] | without [s] | fastest with − fastest without [s] | median of the pairwise differences [s] |"
echo "| --- | ---: | --- | --- | ---: | ---: |"
row "the five classes only" With Without
row "with ordinary code too" WithCode WithoutCode
if $compiler_only; then
  echo "compiler only: a fresh csc process per compilation, generator and analyzers included" >&2
else
  echo "UseSharedCompilation=${UseSharedCompilation:-unset} (false: every build starts a new compiler, which JITs the generator again)" >&2
fi
