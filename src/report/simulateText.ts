// Renders `ngpc simulate` as readable text: baseline kernels, NGPC engines, frame, FPS, gaps, memory, overheads.
import type { SimulateReport } from '../model/frame/simulate.ts';
import { fixed, fpsText, ms, pct, sig, textTable, times } from './format.ts';

export function simulateText(r: SimulateReport): string {
  const p = r.point;
  const out: string[] = [];
  out.push(
    `design point  ${p.app} / ${r.tcnn ? 'tcnn model' : p.encoding} / ${p.resolution} on ${r.baseline.gpu} (${p.gpu})` +
      (r.ngpc ? ` + ${p.ngpc} (${r.ngpc.nfps} NFPs, SRAM policy ${p.sramPolicy})` : ' alone'),
  );
  out.push(`profile       ${profileLine(r.profile)}`);
  out.push(
    `workload      ${r.workload.pixels} px x ${sig(r.workload.samplesPerPixel)} samples/px = ${r.workload.queriesPerFrame} queries/frame`,
  );
  out.push(`              samples/px: ${r.workload.samplesPerPixelSource}`);
  if (r.tcnn) {
    out.push(
      `network       ${r.tcnn.file}${r.tcnn.files.length > 1 ? ` (parents: ${r.tcnn.files.slice(1).join(', ')})` : ''}`,
    );
    out.push(`              encoding ${r.tcnn.encoding}`);
    for (const m of r.tcnn.networks) {
      out.push(
        `              ${m.name}: ${m.inputDims} -> [${m.width} x ${m.hiddenLayers}] -> ${m.outputDims}`,
      );
    }
    if (r.tcnn.ignored.length > 0) {
      out.push(`              ignored: ${r.tcnn.ignored.join(', ')} (training settings, not modelled)`);
    }
  }
  out.push('');
  out.push(`baseline GPU  ${ms(r.baseline.frameSeconds)} per frame`);
  out.push(
    textTable(
      ['kernel', 'group', 'time', 'share', 'limiter'],
      r.baseline.kernels.map((k) => [k.name, k.group, ms(k.seconds), pct(k.share), k.limiter]),
    ),
  );
  if (r.ngpc) {
    const n = r.ngpc;
    out.push('');
    out.push(
      `NGPC          ${ms(n.frameSeconds)} for encoding + MLP at ${sig(n.clockHz / 1e9)} GHz, ` +
        `${sig(n.cyclesPerQueryPerNfp)} cycles/query/NFP, limited by ${n.limiter}`,
    );
    out.push(
      textTable(
        ['engine', 'cycles/NFP', 'utilisation', 'limiter'],
        n.engines.map((e) => [e.name, sig(e.cycles, 6), pct(e.utilization), e.limiter]),
      ),
    );
    out.push('');
    out.push(
      `frame         ${ms(r.frameSeconds)} = max(NGPC ${ms(n.frameSeconds)}, fused rest ${ms(n.restFusedSeconds)}) + pipeline fill; limited by ${n.frameLimiter}`,
    );
    out.push(
      `speedup       ${times(r.speedup)} over the GPU alone (Amdahl bound ${times(r.amdahlBound ?? Number.NaN)})`,
    );
  } else {
    out.push('');
    out.push(`frame         ${ms(r.frameSeconds)} (GPU alone)`);
  }
  out.push('');
  out.push(
    textTable(
      ['resolution', 'FPS', 'GPU alone'],
      Object.keys(r.fps).map((k) => [k, fpsText(r.fps[k]!), fpsText(r.baselineFps[k]!)]),
    ),
  );
  out.push(
    `gap           4K@60 ${times(r.gaps['4k@60']!)}   8K@120 ${times(r.gaps['8k@120']!)}   (frame time x target FPS; <= 1 meets it)`,
  );
  out.push(
    `memory        DRAM ${fixed(r.memoryBandwidthGBs, 1)} GB/s, L2 ${fixed(r.l2BandwidthGBs, 1)} GB/s at the achieved frame rate`,
  );
  if (r.areaOverhead !== null && r.powerOverhead !== null) {
    out.push(
      `overhead      area +${pct(r.areaOverhead, 2)} of the GPU die, power +${pct(r.powerOverhead, 2)} of board power`,
    );
  }
  out.push(
    `energy        ${sig(r.energyPerFrameJ.baseline)} J/frame GPU alone` +
      (r.energyPerFrameJ.ngpc !== null ? `, ${sig(r.energyPerFrameJ.ngpc)} J/frame with NGPC` : ''),
  );
  out.push(
    textTable(
      ['GPU kernel', 'energy J', 'ALU', 'tensor', 'L2', 'DRAM', 'static', 'active', 'power W'],
      r.energyBreakdown.baseline.map((k) => [
        k.name,
        sig(k.totalJ),
        sig(k.aluJ),
        sig(k.tensorJ),
        sig(k.l2J),
        sig(k.dramJ),
        sig(k.staticJ),
        sig(k.activeJ),
        fixed(k.powerW, 1),
      ]),
    ),
  );
  const withNgpc = r.energyBreakdown.ngpc;
  if (withNgpc && r.energyPerFrameJ.ngpc !== null) {
    const total = r.energyPerFrameJ.ngpc;
    out.push('');
    out.push(
      textTable(
        ['with NGPC: component', 'energy J', 'share'],
        withNgpc.map((c) => [c.name, sig(c.joules), pct(total > 0 ? c.joules / total : 0)]),
      ),
    );
  }
  return out.join('\n');
}

/** "first-principles" or "paper-fit: mean-of-apps / overlapped / ws / resident, NFP clock 1.02 GHz, …". */
export function profileLine(p: SimulateReport['profile']): string {
  if (!p.hypotheses) return `${p.name} (${p.source})`;
  const h = p.hypotheses;
  return (
    `${p.name}: shares ${h.shareAggregation}, ${h.composition} frame, ${h.mlpDataflow} MLP dataflow, tables ${h.tableResidency}` +
    `${p.clockHz ? `, NFP clock ${sig(p.clockHz / 1e9)} GHz` : ''}, samples/px x${sig(p.samplesPerPixelScale)}` +
    `${p.areaMethod ? `, area ${p.areaMethod}` : ''} (${p.source})`
  );
}
