// What a command module exports: its options and handler. Its usage and description live in commands.ts, so that
// `ngpc --help` lists every command without importing any.
import type { CommandModule } from 'yargs';

export type CommandBody<A> = Omit<CommandModule<object, A>, 'command' | 'describe'>;
