// `ngpc explore`: the design-space explorer served on 127.0.0.1 until Ctrl-C.
import { FlagError } from '../errors.ts';
import { serveExplorer } from '../explorer/serve.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { withJson } from './options.ts';

interface ExploreArgs {
  port: number;
  json: boolean;
}

export const exploreCommand: CommandBody<ExploreArgs> = {
  builder: (y) =>
    withJson(y)
      .option('port', { type: 'number', default: 8080, describe: 'TCP port (0: any free port)' })
      .example('$0 explore', 'open http://127.0.0.1:8080/ in a browser')
      .example('$0 explore --port 9000', 'another port')
      .example('$0 explore --port 0 --json', 'any free port; prints {"url": ...} once listening'),
  handler: async (argv) => {
    if (!Number.isInteger(argv.port) || argv.port < 0 || argv.port > 65535)
      throw new FlagError('port', argv.port, 'expected a TCP port number 0..65535');
    const server = await serveExplorer(argv.port);
    // With --json a script reads the URL as one JSON document (the port may be any free one).
    if (argv.json) printJson({ url: server.url });
    else println(`ngpc explorer at ${server.url} (Ctrl-C stops it)`);
    // Served until interrupted; then closed cleanly so the exit code stays 0.
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    server.server.closeAllConnections();
    await server.close();
  },
};
