#!/usr/bin/env node
// The `ngpc` executable: runs the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
// Set the exit code and let the event loop end: process.exit() can abort Dawn while GPU work is in flight.
process.exitCode = await runCli(process.argv.slice(2));
