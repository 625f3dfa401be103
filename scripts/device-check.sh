#!/usr/bin/env bash
# The real-GPU check, run on the device machine (no Node.js, no network) from the bundle that
# scripts/device-bundle.sh builds in .device/. See docs/device.md. One call:
#   run(command="bash scripts/device-check.sh", carry=[".device"], timeout_s=400)
# Writes at most 7 files to ${OUT:-/tmp/ngpc-device-out}: summary.txt, log.txt (all stderr), doctor.json,
# agree.json, vitest.json, bench-kernels.json, bench-apps.json. Every step has a time limit, all end by
# DEVICE_DEADLINE_S (default 370) seconds; a failed step does not stop the others.
# Knobs: KERNELS_LOG2 (22), APPS_RES (256x256), AGREE_LOG2 (17); NGPC_GL_FORCE=1 GL_ROOT=dir unpacks the
# Vulkan loader into dir even when one exists (to test that path off the device).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1
export PATH="$PATH:/usr/sbin:/sbin"
out="${OUT:-/tmp/ngpc-device-out}"
dev=/tmp/ngpc-dev
log="$out/log.txt"
deadline=$((SECONDS + ${DEVICE_DEADLINE_S:-370}))
mkdir -p "$out" "$dev"
: >"$log"
summary=()
say() { echo "$*" | tee -a "$log"; }

untar() { # file.tar.xz dir: tar+xz, or Python's tarfile where xz is missing
  if command -v xz >/dev/null; then
    tar -C "$2" -xJf "$1"
  else
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"
  fi
}

# ---- setup: node, node_modules, Vulkan loader, driver ----
t0=$SECONDS
[ -f .device/node.tar.xz ] || { say "no .device/node.tar.xz: build it with scripts/device-bundle.sh, carry .device"; exit 1; }
untar .device/node.tar.xz "$dev" || { say "unpacking node failed"; exit 1; }
export PATH="$dev/bin:$PATH" XDG_RUNTIME_DIR=/tmp
if [ ! -d node_modules ] || [ -f node_modules/.from-device-bundle ]; then
  rm -rf node_modules
  for part in modules vitest; do
    [ -f ".device/$part.tar.xz" ] && { untar ".device/$part.tar.xz" . || say "unpacking $part failed"; }
  done
  touch node_modules/.from-device-bundle
fi
# the bundled libstdc++ only if the machine's own cannot load node or dawn.node
if ! node -e 'require(process.argv[1])' "$root/node_modules/webgpu/dist/linux-x64/dawn.node" 2>>"$log"; then
  export LD_LIBRARY_PATH="$dev/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  say "using the bundled libstdc++"
fi
gl_root="${GL_ROOT:-/}"
if ldconfig -p | grep -q 'libvulkan\.so\.1 ' && [ -z "${NGPC_GL_FORCE:-}" ]; then
  say "vulkan loader: the machine's own"
else
  mkdir -p "$gl_root"
  for f in .device/gl/*.deb; do dpkg -x "$f" "$gl_root"; done
  if [ "$gl_root" = / ]; then ldconfig; else
    export LD_LIBRARY_PATH="$gl_root/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  fi
  say "vulkan loader: unpacked $(ls .device/gl/) into $gl_root"
fi
nv=/usr/local/nvidia
if ! ls /usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json >/dev/null 2>&1 &&
  [ -f $nv/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=$nv/share/vulkan/icd.d/nvidia_icd.json VK_ICD_FILENAMES=$nv/share/vulkan/icd.d/nvidia_icd.json
  for d in $nv/lib64 $nv/lib; do [ -d "$d" ] && export LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; done
  say "vulkan driver: $VK_DRIVER_FILES"
fi
say "node: $(command -v node) $(node -v)  gpu: $(nvidia-smi -L 2>/dev/null | head -1 || true)"
summary+=("$(printf '%-14s rc=%-3s %4ss' setup 0 $((SECONDS - t0)))")

# ---- steps ----
step() { # name limit_s stdout_file command...
  local name=$1 limit=$2 file=$3 left=$((deadline - SECONDS)) t=$SECONDS rc
  shift 3
  ((limit > left)) && limit=$left
  if ((limit < 10)); then
    summary+=("$(printf '%-14s skipped: out of time' "$name")")
    return
  fi
  say "== $name (limit ${limit}s): $*"
  timeout -k 10 "$limit" "$@" >"$file" 2>"$dev/err"
  rc=$?
  cat "$dev/err" >>"$log"
  if ((rc != 0)); then
    grep -v '^Warning: max' "$dev/err" | tail -n 12
    [ "$file" = /dev/null ] || [ -s "$file" ] || rm -f "$file"
  fi
  summary+=("$(printf '%-14s rc=%-3s %4ss' "$name" "$rc" $((SECONDS - t)))$([ $rc = 124 ] && echo '  (timed out)')")
}

ngpc=(node scripts/ngpc.mjs)
step doctor 60 "$out/doctor.json" "${ngpc[@]}" doctor --json
step agree 90 "$out/agree.json" node scripts/device-agree.mjs "${AGREE_LOG2:-17}"
if [ -f node_modules/vitest/package.json ]; then
  mapfile -t gpu_tests < <(find test -name '*.gpu.test.ts' | sort)
  step vitest-gpu 120 "$dev/vitest.out" env CI=true node node_modules/vitest/vitest.mjs run --reporter=default \
    --reporter=json --outputFile.json="$out/vitest.json" "${gpu_tests[@]}"
  cat "$dev/vitest.out" >>"$log" 2>/dev/null
else
  summary+=("$(printf '%-14s skipped: vitest not bundled' vitest-gpu)")
fi
step bench-kernels 150 "$out/bench-kernels.json" "${ngpc[@]}" bench kernels --json --max-batch-log2 "${KERNELS_LOG2:-22}"
step bench-apps 120 "$out/bench-apps.json" "${ngpc[@]}" bench apps --json --resolution "${APPS_RES:-256x256}"

# ---- summary ----
{
  echo "== summary ($(date -u +%FT%TZ), ${SECONDS}s in all)"
  printf '%s\n' "${summary[@]}"
  # shellcheck disable=SC2016  # JavaScript, not shell
  timeout 20 node -e '
    const fs = require("node:fs");
    const read = (f) => { try { return JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8")); } catch { return null; } };
    const d = read("doctor.json"), a = read("agree.json"), v = read("vitest.json"), k = read("bench-kernels.json");
    if (d?.adapter) console.log(`adapter: ${d.adapter.name}; subgroups ${d.subgroups.minSize}..${d.subgroups.maxSize}; ` +
      `subgroup matrices: ${d.subgroupMatrixConfigs.map((c) => `${c.componentType}->${c.resultComponentType} ${c.M}x${c.N}x${c.K}`).join(", ") || "none"}`);
    if (a) console.log("agree: " + a.cases.map((c) => `${c.name} ${c.ok ? "ok" : "FAIL"} (${c.normwise?.toExponential(1) ?? c.error?.split("\n")[0]})`).join(", "));
    if (v) console.log(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests} skipped`);
    if (k) console.log(`mlp forward gpu/cpu ${k.mlpForwardGoal.measured.toFixed(1)}x (goal ${k.mlpForwardGoal.target}x)`);
  ' "$out" 2>&1
  echo "files: $(find "$out" -maxdepth 1 -type f -printf '%f ')"
} | tee "$out/summary.txt" | tee -a "$log"
