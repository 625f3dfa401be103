// The list of ngpc commands (one file each); main.ts registers them in this order.
import type { CommandModule } from 'yargs';
import { doctorCommand } from './doctor.ts';
import { schemasCommand } from './schemas.ts';

export const COMMANDS: readonly CommandModule<any, any>[] = [doctorCommand, schemasCommand];
