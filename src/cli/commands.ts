// The list of ngpc commands (one file each); main.ts registers them in this order.
import type { CommandModule } from 'yargs';
import { benchCommand } from './bench.ts';
import { calibrateCommand } from './calibrate.ts';
import { doctorCommand } from './doctor.ts';
import { encodeCommand } from './encode.ts';
import { engineCommand } from './engine.ts';
import { exploreCommand } from './explore.ts';
import { fitCommand } from './fit.ts';
import { mergeCommand } from './merge.ts';
import { mlpCommand } from './mlp.ts';
import { profileCommand } from './profile.ts';
import { renderCommand } from './render.ts';
import { reproduceCommand } from './reproduce.ts';
import { schemasCommand } from './schemas.ts';
import { simulateCommand } from './simulate.ts';
import { solveCommand } from './solve.ts';
import { sweepCommand } from './sweep.ts';
import { tablesCommand } from './tables.ts';
import { targetsCommand } from './targets.ts';
import { trainCommand } from './train.ts';

export const COMMANDS: readonly CommandModule<any, any>[] = [
  doctorCommand,
  schemasCommand,
  simulateCommand,
  solveCommand,
  engineCommand,
  calibrateCommand,
  fitCommand,
  reproduceCommand,
  sweepCommand,
  mergeCommand,
  tablesCommand,
  exploreCommand,
  targetsCommand,
  benchCommand,
  encodeCommand,
  mlpCommand,
  trainCommand,
  renderCommand,
  profileCommand,
];
