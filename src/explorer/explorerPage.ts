// results/explorer.html: the bundled page script, the shipped configs and the markup, as one deterministic text.
import { bundleExplorer } from './bundle.ts';
import { explorerConfigs } from './bundledConfigs.ts';
import { explorerHtml } from './html.ts';

/** File name of the page under results/. */
export const EXPLORER_FILE = 'explorer.html';

/** The page's full text (byte-identical for the same sources and configs). */
export async function explorerPageHtml(): Promise<string> {
  const { js } = await bundleExplorer();
  return explorerHtml(js, explorerConfigs());
}
