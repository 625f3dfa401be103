#!/usr/bin/env bash
# Makes sure a WebGPU adapter exists: when none is found, installs Mesa 25 lavapipe (software Vulkan)
# from Debian bookworm-backports. Idempotent. See shared/reference/webgpu-on-cpu.md for why backports:
# bookworm's own Mesa 22.3 lavapipe is rejected by Dawn.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

have_adapter() {
  [ -d "$root/node_modules/webgpu" ] || return 1
  (cd "$root" && XDG_RUNTIME_DIR=/tmp node --input-type=module -e '
    import { create, globals } from "webgpu";
    Object.assign(globalThis, globals);
    const gpu = create([]);
    const a = await gpu.requestAdapter();
    if (!a) process.exitCode = 1; else console.log("setup-gpu: WebGPU adapter found: " + (a.info?.description || a.info?.vendor || "unknown"));
  ' 2>/dev/null)
}

if have_adapter; then exit 0; fi

sources='Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg'
install_cmds="printf '%s\n' '$(echo "$sources" | tr '\n' '|')' | tr '|' '\n' > /etc/apt/sources.list.d/backports.sources
apt-get update
apt-get install -y --no-install-recommends -t bookworm-backports mesa-vulkan-drivers libvulkan1"

is_bookworm=0
if [ -r /etc/os-release ] && grep -q 'VERSION_CODENAME=bookworm' /etc/os-release; then is_bookworm=1; fi

if [ "$(id -u)" = 0 ] && [ "$is_bookworm" = 1 ] && command -v apt-get >/dev/null; then
  echo "setup-gpu: no WebGPU adapter; installing Mesa lavapipe from bookworm-backports" >&2
  printf '%s\n' "$sources" > /etc/apt/sources.list.d/backports.sources
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends -t bookworm-backports mesa-vulkan-drivers libvulkan1 >/dev/null
  if have_adapter; then exit 0; fi
  if [ ! -d "$root/node_modules/webgpu" ]; then
    echo "setup-gpu: driver installed; run 'npm ci' to install the webgpu binding" >&2; exit 0
  fi
  echo "setup-gpu: lavapipe installed but Dawn still finds no adapter; see 'ngpc doctor'" >&2
  exit 1
fi

cat >&2 <<MSG
setup-gpu: no WebGPU adapter found, and this script installs one only as root on Debian 12 (bookworm).
Install a software Vulkan driver yourself. On Debian 12, as root:
$install_cmds
On Ubuntu 24.04+: apt-get install mesa-vulkan-drivers libvulkan1   (Mesa >= 24 lavapipe)
Or point VK_ICD_FILENAMES at an existing driver, e.g. Chromium's SwiftShader:
  VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
GPU tests skip without an adapter (they fail under CI=true).
MSG
exit 0
