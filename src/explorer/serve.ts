// `ngpc explore`: serves the explorer page on 127.0.0.1 with Node's http module (the same text as
// results/explorer.html, built once at start).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { explorerPageHtml } from './explorerPage.ts';

export interface ExplorerServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts the server on `port` (0: any free port) of the loopback interface only. */
export async function serveExplorer(port: number): Promise<ExplorerServer> {
  const html = await explorerPageHtml();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split(/[?#]/)[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (path !== '/' && path !== '/explorer.html') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found: try /\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
