import { describe, expect, it } from 'vitest';
import { explorerPageHtml } from '../../src/explorer/explorerPage.ts';
import { serveExplorer } from '../../src/explorer/serve.ts';

describe('ngpc explore server', () => {
  it('serves the page on 127.0.0.1 and nothing else', async () => {
    const s = await serveExplorer(0);
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(s.url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toBe(await explorerPageHtml());
      expect((await fetch(`${s.url}configs/gpus/rtx3090.json`)).status).toBe(404);
      expect((await fetch(s.url, { method: 'POST' })).status).toBe(405);
    } finally {
      await s.close();
    }
  });
});
