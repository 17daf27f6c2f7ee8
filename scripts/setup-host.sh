#!/usr/bin/env bash
# Install the host packages rumpkit's build and tests use, when missing:
# the C toolchain (gcc, binutils, make), gdb for the debugging tests,
# valgrind, and ninja and make for the benchmarks' baselines.
# Safe to run again: it installs only what is not there.
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have gcc || need+=(gcc)
have objcopy && have ar && have addr2line && have readelf && have nm || need+=(binutils)
have make || need+=(make)
have gdb || need+=(gdb)
have valgrind || need+=(valgrind)
have ninja || need+=(ninja-build)

if [ ${#need[@]} -eq 0 ]; then
	echo "setup-host: gcc, binutils, make, gdb, valgrind and ninja are present"
	exit 0
fi
echo "setup-host: installing ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
for t in gcc objcopy make gdb; do
	have "$t" || { echo "setup-host: $t is still missing after apt-get install" >&2; exit 1; }
done
