#!/usr/bin/env bash
# Builds .device/ (git-ignored): what scripts/device-check.sh needs on the GPU machine, which has no Node.js and
# no network. See docs/device.md. Parts:
#   node.tar.xz     this machine's node binary (+ libstdc++.so.6, used there only if its own is too old)
#   modules.tar.xz  node_modules pruned to the run-time closure of package.json's dependencies
#   vitest.tar.xz   vitest and its closure, for the *.gpu.test.ts files (only if the whole stays under budget)
#   gl/*.deb        the Vulkan loader (libvulkan1), unpacked there only if the machine has none
# Usage: bash scripts/device-bundle.sh [--no-vitest]   (budget: DEVICE_BUDGET_MIB, default 48 of the 64 MiB)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=.device
budget_mib="${DEVICE_BUDGET_MIB:-48}"
want_vitest=1
[ "${1:-}" = --no-vitest ] && want_vitest=0

[ "$(uname -m)" = x86_64 ] || { echo "device-bundle: needs an x86-64 machine (the device is x86-64)" >&2; exit 1; }
[ -d node_modules/webgpu/dist/linux-x64 ] || { echo "device-bundle: run 'npm ci' first" >&2; exit 1; }
grep -qx '/.device/' .gitignore || { echo "device-bundle: add '/.device/' to .gitignore first" >&2; exit 1; }

stage="$(mktemp -d /tmp/ngpc-bundle.XXXXXX)"
trap 'rm -rf "$stage"' EXIT
rm -rf "$out"
mkdir -p "$out/gl"
xzc() { xz -9 -T0 -c; }
mib() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# Copies package folders (paths relative to the repo root) into $2/, then prunes what no run needs.
copy_pkgs() {
  local list="$1" dest="$2"
  tar -cf - -T "$list" | tar -C "$dest" -xf -
  # webgpu: keep only the linux-x64 build of dawn.node
  if [ -d "$dest/node_modules/webgpu/dist" ]; then
    find "$dest/node_modules/webgpu/dist" -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +
  fi
  find "$dest/node_modules" -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \
    -o -name '*.md' ! -iname 'license*' -o -name '*.ts' \) -delete
}

# 1. node
mkdir -p "$stage/node/bin" "$stage/node/lib"
node_bin="$(readlink -f "$(command -v node)")"
cp "$node_bin" "$stage/node/bin/node"
libstdcxx="$(ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ { print $NF; exit }')"
[ -n "$libstdcxx" ] && cp -L "$libstdcxx" "$stage/node/lib/libstdc++.so.6"
tar -C "$stage/node" -cf - bin lib | xzc >"$out/node.tar.xz"

# 2. run-time node_modules: npm's own list of the production dependency tree
npm ls --omit=dev --all --parseable | sed "s#^$root/##" | grep '^node_modules/' >"$stage/prod.txt"
mkdir -p "$stage/mods"
copy_pkgs "$stage/prod.txt" "$stage/mods"
tar -C "$stage/mods" -cf - node_modules | xzc >"$out/modules.tar.xz"

# 3. the Vulkan loader (the device README's recipe; amd64 whatever this machine is)
gl_cmd="apt-get -oAPT::Architecture=amd64 -oAPT::Architectures=amd64 download libvulkan1"
if ! (cd "$out/gl" && $gl_cmd >/dev/null 2>&1); then
  echo "device-bundle: apt-get download failed; where apt works run: (cd .device/gl && $gl_cmd)" >&2
fi

# 4. vitest: the closure of the dev packages vitest runs with, walked from package.json files on disk
vitest_note="left out (--no-vitest)"
if [ "$want_vitest" = 1 ]; then
  node --input-type=module -e '
    import { existsSync, readFileSync } from "node:fs";
    import { dirname, join } from "node:path";
    const prod = new Set(readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean));
    const seen = new Set();
    // Node resolution: the nearest node_modules/<name> walking up from the requiring package.
    function resolve(from, name) {
      for (let d = from; ; d = dirname(d)) {
        const p = join(d, "node_modules", name);
        if (existsSync(join(p, "package.json"))) return p;
        if (d === "." || d === dirname(d)) return null;
      }
    }
    function walk(pkg) {
      if (seen.has(pkg)) return;
      seen.add(pkg);
      const j = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
      const deps = { ...j.dependencies, ...j.optionalDependencies, ...j.peerDependencies };
      for (const name of Object.keys(deps)) {
        const p = resolve(pkg, name);
        if (p) walk(p);
      }
    }
    for (const root of ["vitest", "fast-check"]) walk(join("node_modules", root));
    for (const p of [...seen].sort()) if (!prod.has(p)) console.log(p);
  ' "$stage/prod.txt" >"$stage/vitest.txt"
  mkdir -p "$stage/vt"
  copy_pkgs "$stage/vitest.txt" "$stage/vt"
  tar -C "$stage/vt" -cf - node_modules | xzc >"$out/vitest.tar.xz"
  # What travels: tracked + untracked-not-ignored files, and .device/
  tree_b=$(git ls-files -co --exclude-standard -z | du -cb --files0-from=- | tail -1 | cut -f1)
  dev_b=$(du -cb "$out" | tail -1 | cut -f1)
  total_mib=$(awk -v b=$((tree_b + dev_b)) 'BEGIN { printf "%.1f", b / 1048576 }')
  if awk -v t="$total_mib" -v m="$budget_mib" 'BEGIN { exit !(t > m) }'; then
    rm -f "$out/vitest.tar.xz"
    vitest_note="left out: ${total_mib} MiB with it > budget ${budget_mib} MiB"
  else
    vitest_note="included (${total_mib} MiB with it, budget ${budget_mib} MiB)"
  fi
fi

{
  echo "built $(date -u +%FT%TZ) on $(uname -m), node $(node -v), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "packages: $(wc -l <"$stage/prod.txt") run-time$([ -f "$out/vitest.tar.xz" ] && echo ", $(wc -l <"$stage/vitest.txt") for vitest")"
  echo "vitest: $vitest_note"
} >"$out/MANIFEST.txt"

tree_b=$(git ls-files -co --exclude-standard -z | du -cb --files0-from=- | tail -1 | cut -f1)
echo "device-bundle: sizes (MiB)"
for f in "$out"/*.tar.xz "$out"/gl/*.deb; do [ -f "$f" ] && printf '  %-40s %6s\n' "$f" "$(mib "$f")"; done
dev_b=$(du -cb "$out" | tail -1 | cut -f1)
awk -v d="$dev_b" -v t="$tree_b" 'BEGIN {
  printf "  %-40s %6.1f\n  %-40s %6.1f\n  %-40s %6.1f  (limit 64)\n", ".device/ total", d / 1048576,
    "repo files that travel", t / 1048576, "all that travels", (d + t) / 1048576 }'
sed 's/^/  /' "$out/MANIFEST.txt"
