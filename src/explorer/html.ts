// The explorer page's HTML: markup, style and the bundled script and configs inlined, so one file opens from disk.

/** JSON safe inside a <script> element: every `<` escaped (JSON strings read it back unchanged). */
function jsonSafe(text: string): string {
  return text.replace(/</g, '\\u003c');
}

/** Script text safe inside a <script> element: `</script` and `<!--` only occur in string or regex literals. */
function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const STYLE = `
:root { --ink: #1d1d1f; --muted: #5b5b60; --line: #d8d8dc; --accent: #0072B2; --bg: #f6f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 12px 20px; background: #fff; border-bottom: 1px solid var(--line); display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
header h1 { font-size: 18px; margin: 0; }
header p { margin: 0; color: var(--muted); }
main { display: grid; grid-template-columns: 270px 1fr; gap: 16px; padding: 16px 20px; }
form { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; align-self: start; }
fieldset { border: 0; padding: 0; margin: 0; }
label { display: block; margin: 8px 0 2px; font-weight: 600; font-size: 12px; color: var(--muted); }
select, input { width: 100%; font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.nfps { display: grid; grid-template-columns: 1fr 64px; gap: 6px; align-items: center; }
.hint { font-size: 11px; color: var(--muted); margin: 2px 0 0; }
.buttons { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 12px; }
button, .button { font: inherit; padding: 5px 10px; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
.numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin-bottom: 14px; }
.number { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.number .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
.number .label { font-size: 12px; color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 12px; }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 6px; }
.chart svg { width: 100%; height: auto; display: block; font-size: 14px; }
/* The charts are drawn 720 wide and shown smaller: larger text than results/' SVGs keeps them readable. */
.chart svg text[font-size="13"] { font-size: 16px; }
.chart svg text[font-size="9"] { font-size: 13px; }
code { font-size: 12px; background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; display: block; overflow-wrap: anywhere; }
.note { color: var(--muted); font-size: 12px; margin: 6px 0; }
#error { background: #fde8e4; border: 1px solid #D55E00; border-radius: 6px; padding: 8px 12px; margin-bottom: 12px; white-space: pre-wrap; }
@media (max-width: 800px) { main { grid-template-columns: 1fr; } }
@media print { body { background: #fff; } form .buttons, #share-row { display: none; } main { grid-template-columns: 200px 1fr; } .chart, .number, form { break-inside: avoid; } }
`;

const BODY = `
<header>
  <h1>NGPC design-space explorer</h1>
  <p>The ngpc model in the page: the same code and configs as <code style="display:inline;padding:1px 4px">ngpc simulate</code>. Baseline: <span id="gpu-label"></span>.</p>
</header>
<main>
  <form id="controls" onsubmit="return false">
    <fieldset>
      <label for="profile">model profile</label><select id="profile"></select>
      <label for="app">app</label><select id="app"></select>
      <label for="encoding">encoding</label><select id="encoding"></select>
      <label for="gpu">host GPU</label><select id="gpu"></select>
      <label for="nfps">NFPs (1–128)</label>
      <div class="nfps"><input id="nfps" type="range" min="1" step="1"><input id="nfps-number" type="number" min="1" step="1" aria-label="NFPs"></div>
      <label for="clockGHz">NFP clock (GHz)</label><input id="clockGHz" type="number" min="0.05" step="0.05" placeholder="as configured">
      <p class="hint">Used: <span id="clock-used"></span>. Empty: the preset's (or paper-fit's) clock.</p>
      <label for="resolution">resolution</label><select id="resolution"></select>
      <label for="samplesPerPixel">samples per pixel</label><input id="samplesPerPixel" type="number" min="0.1" step="0.5" placeholder="app's assumption">
      <p class="hint">Used: <span id="spp-used"></span>.</p>
      <label for="restFusion">rest-kernel fusion speedup (x)</label><input id="restFusion" type="number" min="1" step="0.5" placeholder="as configured (paper: 9.94)">
      <p class="hint">1 = rest kernels not fused.</p>
      <label for="sramPolicy">grid SRAM policy</label><select id="sramPolicy"></select>
    </fieldset>
    <div class="buttons">
      <a id="share" class="button secondary" href="#">share link</a>
      <button id="export" type="button">export point JSON</button>
      <button id="reset" type="button" class="secondary">reset</button>
    </div>
    <p class="note">Same point on the command line:</p>
    <code id="command"></code>
    <p id="what-if" class="note" hidden>The clock and rest-fusion values are what-if overrides: a design-point file and the command above leave them out (vary them with <b>ngpc solve --vary clock</b> or <b>restFusionSpeedup</b>).</p>
  </form>
  <section>
    <div id="error" hidden></div>
    <div class="numbers">
      <div class="number"><div class="value" id="speedup"></div><div class="label">speedup over the GPU alone (Amdahl bound <span id="amdahl"></span>)</div></div>
      <div class="number"><div class="value" id="fps"></div><div class="label" id="fps-label">FPS</div></div>
      <div class="number"><div class="value" id="baseline-fps"></div><div class="label">FPS, GPU alone</div></div>
      <div class="number"><div class="value" id="frame-ms"></div><div class="label">frame time, ms (limited by <span id="limiter"></span>)</div></div>
      <div class="number"><div class="value" id="area"></div><div class="label">NGPC area over the GPU die</div></div>
      <div class="number"><div class="value" id="power"></div><div class="label">NGPC power over the GPU board</div></div>
    </div>
    <div class="charts">
      <div class="chart" id="chart-speedup"></div>
      <div class="chart" id="chart-fps"></div>
      <div class="chart" id="chart-breakdown"></div>
      <div class="chart" id="chart-overhead"></div>
    </div>
  </section>
</main>
`;

/** The whole page: `js` is the bundled script, `configs` the shipped configs it installs. */
export function explorerHtml(js: string, configs: Record<string, unknown>): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network: everything is inline; the policy also stops any fetch the bundle might attempt.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:">`,
    '<title>NGPC design-space explorer</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    BODY.trim(),
    `<script type="application/json" id="ngpc-configs">${jsonSafe(JSON.stringify(configs))}</script>`,
    `<script>${scriptSafe(js)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
