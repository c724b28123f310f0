// Times @cloud-copilot/iam-simulate over corpus files in one Node process and re-checks its decisions.
//
// Usage: node bench.mjs [--rounds N] <corpus.jsonl.gz> [<more.jsonl.gz> ...]
//
// Documents are parsed and simulation inputs built before timing, so the figure is runSimulation alone (which still
// validates every policy on every call, as iam-simulate always does). One warm-up pass, then N timed passes.
process.env.TZ = 'UTC';

import fs from 'node:fs';
import zlib from 'node:zlib';
import { run, toExpected, toSimulation } from './simulation.mjs';

const args = process.argv.slice(2);
let rounds = 3;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0) throw new Error('usage: node bench.mjs [--rounds N] <corpus.jsonl.gz> ...');

const cases = files.flatMap((f) => zlib.gunzipSync(fs.readFileSync(f)).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
const simulations = cases.map(toSimulation);

// Warm-up pass, which also confirms the recorded decisions still reproduce.
let mismatches = 0;
for (let i = 0; i < cases.length; i++) {
  const got = toExpected(cases[i], await run(simulations[i]));
  if (got.skip || got.expected.decision !== cases[i].expected.decision) {
    mismatches++;
    if (mismatches <= 5) console.log(`mismatch ${cases[i].id}: recorded ${cases[i].expected.decision}, now ${got.skip ?? got.expected.decision}`);
  }
}

// Wall-clock rate, and rate per CPU-second of this process: the second moves far less when other work shares the
// machine, so it is the better figure to compare across runs.
const rates = [];
const cpuRates = [];
for (let r = 0; r < rounds; r++) {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (const s of simulations) await run(s);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  rates.push(cases.length / seconds);
  cpuRates.push(cases.length / cpuSeconds);
  console.log(`round ${r + 1}: ${cases.length} decisions in ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU = ` +
    `${Math.round(cases.length / seconds)} decisions/s, ${Math.round(cases.length / cpuSeconds)} decisions per CPU-second`);
}
const median = (xs) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
const version = JSON.parse(fs.readFileSync(new URL('./node_modules/@cloud-copilot/iam-simulate/package.json', import.meta.url), 'utf8')).version;
console.log(`iam-simulate ${version} on Node ${process.version}: median ${median(rates)} decisions/s ` +
  `(${median(cpuRates)} per CPU-second) over ${cases.length} cases (${rounds} rounds); ${mismatches} decision mismatches`);
process.exitCode = mismatches === 0 ? 0 : 1;
