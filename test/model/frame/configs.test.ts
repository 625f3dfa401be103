import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KINDS } from '../../../src/config/kinds.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { configPath } from '../../../src/config/paths.ts';
import { filesOfKind } from '../../../src/config/registry.ts';

const withFolders = CONFIG_KINDS.filter((k) => k.folder);

describe('every shipped config loads with its kind', () => {
  for (const kind of withFolders) {
    const files = filesOfKind(kind, readdirSync(configPath(kind.folder!)));
    it.each(files)(`${kind.folder}/%s`, (file) => {
      expect(() => loadConfig(configPath(kind.folder!, file), kind.schema)).not.toThrow();
    });
  }

  it('every folder under configs/ belongs to a kind', () => {
    const folders = readdirSync(configPath(), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'schema')
      .map((d) => d.name);
    for (const f of folders) expect(withFolders.map((k) => k.folder)).toContain(f);
  });
});
