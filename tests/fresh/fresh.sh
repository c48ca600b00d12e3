#!/bin/sh
# make fresh: the README's path on a bare Debian 12, as a new user takes it.
#
# A bare Debian 12 root is made once with debootstrap (--variant=minbase:
# no make, no git, no compiler) and cached under $FRESH_CACHE, never in the
# checkout. Each run copies it, puts a bare clone of the committed HEAD in
# it (uncommitted changes are not part of what a user would get), mounts
# /proc, /sys and /dev, and runs as root inside it, with an empty
# environment:
#   1. the "Before you start" line of README.md, read from README.md;
#   2. git clone, make (it must render the worked example), make check;
#   3. make install, then congvan run from another folder.
# Every mount is undone and the copy removed on exit, on ^C and on kill.
# Downloaded packages are kept in $FRESH_CACHE/apt so that a second run
# does not fetch them again (apt still installs every one of them).
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
cache=${FRESH_CACHE:-/var/tmp/congvan-fresh}
mirror=${FRESH_MIRROR:-http://deb.debian.org/debian}

if [ "$(id -u)" != 0 ]; then
	echo "make fresh needs root (debootstrap, chroot and mount)." >&2
	exit 1
fi
mkdir -p "$cache/apt/partial"

if [ ! -x "$cache/base/usr/bin/apt-get" ]; then
	echo "fresh: making a bare Debian 12 root in $cache/base (once)"
	rm -rf "$cache/base.tmp"
	debootstrap --variant=minbase bookworm "$cache/base.tmp" "$mirror"
	mv "$cache/base.tmp" "$cache/base"
fi

root=$(mktemp -d "$cache/run.XXXXXX")
cleanup() {
	trap - EXIT INT TERM HUP
	for m in var/cache/apt/archives dev sys proc; do
		if mountpoint -q "$root/$m" 2>/dev/null; then
			umount -R "$root/$m" 2>/dev/null ||
			    umount -R -l "$root/$m" || true
		fi
	done
	# Never remove through a mount still in place.
	if ! grep -q " $root/" /proc/mounts; then
		rm -rf "$root"
	else
		echo "fresh: $root still has mounts; left in place" >&2
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

cp -a "$cache/base/." "$root/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
git clone -q --bare "$top" "$root/srv/congvan.git"
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --rbind /dev "$root/dev"
mount --make-rslave "$root/dev"
mount --bind "$cache/apt" "$root/var/cache/apt/archives"

# The README's line for root, exactly as written there.
line=$(sed -n 's/^    \(apt-get update && apt-get install .*\)$/\1/p' README.md |
    head -n 1)
if [ -z "$line" ]; then
	echo "fresh: README.md has no root 'apt-get update && apt-get install' line" >&2
	exit 1
fi
echo "fresh: README's line: $line"

cat >"$root/root/readme-path.sh" <<EOF
set -eux
export DEBIAN_FRONTEND=noninteractive
$line
cd /root
git clone /srv/congvan.git congvan
cd congvan
make
test "\$(ls output/letters/*.pdf | wc -l)" -eq 15
make check
make install
cd /tmp
congvan --version
congvan check -i /root/congvan/input
congvan -i /root/congvan/input -o /tmp/out -q
test "\$(ls /tmp/out/letters/*.pdf | wc -l)" -eq 15
man -w congvan 2>/dev/null || test -f /usr/local/share/man/man1/congvan.1
echo "fresh: the README's path passed on a bare Debian 12"
EOF
chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/sh /root/readme-path.sh
