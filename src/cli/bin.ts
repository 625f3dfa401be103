#!/usr/bin/env node
// The `ngpc` executable of the compiled package (dist/cli/bin.js). From the sources, scripts/ngpc.mjs runs the same
// CLI through tsx.
import { runCli } from './main.ts';

// Set the exit code and let the event loop end: process.exit() can abort Dawn while GPU work is in flight.
process.exitCode = await runCli(process.argv.slice(2));
