#!/usr/bin/env bash
# Makes gridsim's release bundle for Linux: a gridsim that runs where Swift is not installed (the
# Swift runtime and Foundation linked in, --static-swift-stdlib), with the scenarios, these cluster
# recipes, the man page and bash completion; packed as a .tar.gz with its SHA-256 checksum.
#
#   Scenarios/cluster/make-bundle.sh dist
#
# Run it on a machine with the Swift toolchain (from any folder). It writes
# dist/gridsim-VERSION-linux-ARCH/ and dist/gridsim-VERSION-linux-ARCH.tar.gz and .tar.gz.sha256,
# checks that the binary needs no library beyond the system's C and C++ ones, and writes into the
# bundle's README.txt the oldest glibc and libstdc++ it runs with: the highest GLIBC_ and GLIBCXX_
# symbol versions it names, which are those of the machine it is built on. To run on older
# systems, build it on the oldest one you deploy to.
set -euo pipefail
out=${1:?usage: make-bundle.sh OUTDIR}
for tool in swift objdump ldd tar gzip sha256sum; do
  command -v "$tool" > /dev/null || {
    echo "make-bundle.sh: $tool is not on the PATH (it needs the Swift toolchain and binutils)" >&2
    exit 69
  }
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

swift build -c release --static-swift-stdlib --product gridsim
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)/gridsim"
version=$("$bin" --version)
version=${version#gridsim }
name="gridsim-$version-linux-$(uname -m)"
dir="$out/$name"
rm -rf "$dir" "$dir.tar.gz" "$dir.tar.gz.sha256"
mkdir "$dir"

# The DWARF debug information goes (75 MB instead of 86); the symbols stay, for crash backtraces.
if command -v strip > /dev/null; then strip --strip-debug -o "$dir/gridsim" "$bin"; else cp "$bin" "$dir/gridsim"; fi
cp -R Scenarios "$dir/Scenarios"
"$dir/gridsim" --generate-manual > "$dir/gridsim.1"
"$dir/gridsim" --generate-completion-script bash > "$dir/gridsim.bash"

# Only the system's C and C++ runtime: nothing from the toolchain, nothing else to install.
libraries=$(ldd "$dir/gridsim" | awk '{ print $1 }')
others=$(grep -Ev '^(linux-vdso|linux-gate|libc|libm|libpthread|libdl|librt|libgcc_s|libstdc\+\+)\.so|^/lib[^ ]*/ld-linux' <<< "$libraries" || true)
if [ -n "$others" ]; then
  echo "make-bundle.sh: $dir/gridsim needs libraries a node may not have:" >&2
  ldd "$dir/gridsim" >&2
  exit 70
fi
glibc=$(objdump -T "$dir/gridsim" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tail -n 1)
glibcxx=$(objdump -T "$dir/gridsim" | grep -o 'GLIBCXX_[0-9][0-9.]*' | sort -uV | tail -n 1)
# shellcheck source=/dev/null
system=$(. /etc/os-release 2> /dev/null && echo "${PRETTY_NAME:-}")

cat > "$dir/README.txt" << EOF
gridsim $version for Linux $(uname -m): runs without Swift installed.

It needs glibc ${glibc#GLIBC_} or later ($glibc) and libstdc++ with $glibcxx: $(tr '\n' ' ' <<< "$libraries" | sed 's/ $//').
(Debian 12, Ubuntu 22.04 and later have them; 'ldd --version' prints a machine's glibc.)
Built on ${system:-Linux} $(uname -m), from commit $(git rev-parse --short HEAD 2> /dev/null || echo unknown).

Install it on a machine without internet access:
  1. Copy $name.tar.gz and $name.tar.gz.sha256 to it.
  2. sha256sum -c $name.tar.gz.sha256
  3. tar -xzf $name.tar.gz -C /opt && ln -sf /opt/$name/gridsim /usr/local/bin/gridsim
     (without root: tar -xzf $name.tar.gz -C ~/opt and add ~/opt/$name to PATH)
  4. gridsim --version; man /opt/$name/gridsim.1; bash completion: source /opt/$name/gridsim.bash
On a cluster, unpack it once on the file system the nodes share and put that folder on the PATH
of the jobs. Scenarios/ holds the example scenarios and Scenarios/cluster the Slurm, Kubernetes
and single-server recipes (see their comments, and "Beyond one machine" in gridsim's README).
EOF

epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2> /dev/null || date +%s)}
(cd "$out" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$name" \
  | gzip -n -9 > "$name.tar.gz")
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "$dir.tar.gz: $(du -h "$dir.tar.gz" | cut -f1) ($(du -h "$dir/gridsim" | cut -f1) unpacked binary);" \
  "needs $glibc, $glibcxx; sha256 $(cut -d' ' -f1 "$dir.tar.gz.sha256")"
