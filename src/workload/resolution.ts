// Display resolutions by name ("1080p", "4k", "8k") or as "WxH", for workloads and FPS columns.
import { OptionError, verbatim } from '../errors.ts';

export interface Resolution {
  /** "1080p" | "4k" | "8k" or "WxH". */
  name: string;
  widthPx: number;
  heightPx: number;
}

/** The named resolutions, in ascending order (16:9 UHD family). */
export const NAMED_RESOLUTIONS: readonly Resolution[] = [
  { name: '1080p', widthPx: 1920, heightPx: 1080 },
  { name: '4k', widthPx: 3840, heightPx: 2160 },
  { name: '8k', widthPx: 7680, heightPx: 4320 },
];

/** Parses "1080p", "4K", "8k" or "1280x720"; anything else is an input error naming the choices. */
export function parseResolution(text: string, option = 'resolution'): Resolution {
  const lower = String(text).trim().toLowerCase();
  const named = NAMED_RESOLUTIONS.find((r) => r.name === lower);
  if (named) return named;
  const m = /^(\d+)x(\d+)$/.exec(lower);
  if (m) {
    const widthPx = Number(m[1]);
    const heightPx = Number(m[2]);
    if (widthPx >= 1 && heightPx >= 1 && widthPx <= 65536 && heightPx <= 65536) {
      return { name: `${widthPx}x${heightPx}`, widthPx, heightPx };
    }
  }
  throw new OptionError(
    option,
    verbatim(JSON.stringify(text)),
    `expected ${NAMED_RESOLUTIONS.map((r) => r.name).join(', ')} or WxH such as 1280x720 (1..65536 px)`,
  );
}
