// Top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`): `node bench/cpuprofile-top.mjs file [n]`.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function topSelfTime(file, count = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url ? path.basename(url) : ''}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10, share: Math.round((ms / total) * 1000) / 10 }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of topSelfTime(process.argv[2], Number(process.argv[3] ?? 15))) console.log(`${String(row.ms).padStart(9)} ms ${String(row.share).padStart(5)}%  ${row.name}`);
}
