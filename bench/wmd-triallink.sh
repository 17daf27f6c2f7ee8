#!/bin/sh
# The classic rump_wmd search, as a baseline for bench/wmd.ts: link a tiny
# program with the libraries found so far, take the first undefined
# reference from ld's error, try each library of the directory until one
# resolves it, and repeat until the link succeeds.
#
#     wmd-triallink.sh DIR LIB...     prints -l flags; "links: N" on stderr
#
# Like the original, librump and librumpuser are linked anyway (rump_server
# links them) and are not printed.
set -u
dir=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo 'int main(void) { return 0; }' > "$tmp/main.c"
cc -c -o "$tmp/main.o" "$tmp/main.c" || exit 1

libs=$(ls "$dir" | sed -n 's/^lib\(.*\)\.so$/\1/p')
base=
[ -e "$dir/librump.so" ] && base="-lrump -lrumpuser"
set=
for l in "$@"; do
	set="$set -l$l"
done
links=0

# Undefined symbols of a link, one a line, in ld's order.
undefs() {
	cc -o "$tmp/a.out" "$tmp/main.o" -L"$dir" -Wl,--no-as-needed "$@" $base 2>&1 >/dev/null |
	    sed -n "s/.*undefined reference to \`\([^']*\)'.*/\1/p"
}

while :; do
	links=$((links + 1))
	sym=$(undefs $set | head -n 1)
	[ -z "$sym" ] && break
	found=
	for l in $libs; do
		case " $set $base " in
		*" -l$l "*) continue ;;
		esac
		links=$((links + 1))
		if ! undefs $set -l"$l" | grep -qxF "$sym"; then
			found=$l
			break
		fi
	done
	if [ -z "$found" ]; then
		echo "unresolved: $sym" >&2
		exit 1
	fi
	set="-l$found $set"
done
echo $set
echo "links: $links" >&2
