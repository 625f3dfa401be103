#!/usr/bin/env bash
# The package as a user receives it: packs the tarball (npm pack builds dist/), installs it into an empty folder,
# runs `npx ngpc simulate`, imports the library from plain Node (no TypeScript loader), and type-checks a
# TypeScript consumer against the shipped .d.ts files (a wrong type must fail: the check can fail).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tsc="$root/node_modules/.bin/tsc"

cd "$root"
tarball="$(npm pack --pack-destination "$work" --silent | tail -n 1)"
echo "== packed $tarball ($(du -k "$work/$tarball" | cut -f1) KiB)"
tar -tzf "$work/$tarball" | cut -d/ -f2 | sort -u | tr '\n' ' '
echo
if tar -tzf "$work/$tarball" | grep -Eq '^package/(src|test|scripts|results)/'; then
  echo "check-package: the tarball ships sources, tests, scripts or results (package.json \"files\")" >&2
  exit 1
fi

mkdir "$work/app"
cd "$work/app"
printf '{ "name": "ngpc-package-check", "private": true, "type": "module" }\n' > package.json
npm install --no-audit --no-fund --loglevel=error "$work/$tarball"

echo "== npx ngpc simulate --app nerf --nfps 16"
npx --no-install ngpc simulate --app nerf --nfps 16 > simulate.txt
grep -E '^(design point|baseline GPU|speedup)' simulate.txt

echo "== plain-Node import"
node --input-type=module -e "
  const ngpc = await import('ngpc');
  const r = ngpc.simulate({ app: 'nerf', nfps: 16 });
  if (!(r.speedup > 1)) throw new Error('simulate() speedup ' + r.speedup);
  // The build's quantity table covers the shipped configs: a default simulation never loads mathjs.
  const { createRequire } = await import('node:module');
  const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/mathjs/'));
  if (loaded.length > 0) throw new Error('mathjs loaded for shipped configs: is dist/config/quantities.json current?');
  console.log('import(\"ngpc\"):', Object.keys(ngpc).length, 'exports; simulate() speedup', r.speedup.toFixed(2));
"

echo "== TypeScript consumer"
cat > consumer.ts <<'TS'
import { type SimulateReport, simulate } from 'ngpc';
const report: SimulateReport = simulate({ app: 'nsdf', nfps: 32, resolution: '4k' });
export const speedup: number = report.speedup;
TS
printf "import { simulate } from 'ngpc';\nexport const wrong: string = simulate({}).speedup;\n" > wrong.ts
flags=(--noEmit --strict --module nodenext --moduleResolution nodenext --target es2022 --skipLibCheck)
"$tsc" "${flags[@]}" consumer.ts
if "$tsc" "${flags[@]}" wrong.ts > /dev/null; then
  echo "check-package: a type error in a consumer was not caught (are the .d.ts files resolved?)" >&2
  exit 1
fi
echo "check-package: ok"
