// The shape of a config store (types only, so the stores and the registry of the active one import no cycle).

export interface ConfigStore {
  /** The name of a shipped config, e.g. `path('gpus', 'rtx3090.json')`; also how messages name it. */
  path(...parts: string[]): string;
  /** The parsed JSON of a file (a shipped config's `path`, or under Node any file); errors name it. */
  readJson(file: string): unknown;
  exists(file: string): boolean;
  /** The file names in a folder of configs/ (unsorted, as a directory listing gives them). */
  list(...parts: string[]): string[];
  /** `relative` resolved against the folder of `file` (a config naming another beside it). */
  beside(file: string, relative: string): string;
  /** Changes when the file changes (a modification time under Node), so caches of what was read stay valid. */
  stamp(file: string): string;
}
