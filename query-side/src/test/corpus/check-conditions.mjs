// Cross-checks the generator's own reading of every condition operator (the `holds` each condition generator
// predicts from the AWS documentation) against iam-simulate, one condition at a time. Run after upgrading
// iam-simulate: a disagreement is either a generator bug or a new semantic difference to document in README.md.
//
// Usage: node check-conditions.mjs [--draws N] [--seed S]
process.env.TZ = 'UTC';

import { CONDITION_GENERATORS, Rng, evaluate, newEnv } from './generate.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const g = new Rng(option('--seed', 99));
const draws = option('--draws', 6000);

const byShape = new Map();
for (let i = 0; i < draws; i++) {
  const kind = g.pick(Object.keys(CONDITION_GENERATORS));
  const listBucket = g.chance(0.2);
  const env = newEnv(g, {
    principalKind: g.chance(0.7) ? 'user' : 'session',
    kind: listBucket ? 's3bucket' : undefined,
    action: listBucket ? 's3:ListBucket' : undefined,
  });
  const tags = new Set();
  let c;
  try {
    c = CONDITION_GENERATORS[kind](g, env, g.chance(0.5), tags);
  } catch (e) {
    if (e instanceof TypeError) continue; // no unused key left for this generator
    throw e;
  }
  if (!c) continue;
  const statement = { Effect: 'Allow', Action: '*', Resource: '*', Condition: { [c.op]: { [c.key]: c.value } } };
  const probe = {
    request: {
      principal: env.p.arn, principalAccount: env.p.account, action: env.action, resource: env.res.arn,
      resourceAccount: env.res.account, context: env.ctx.toJSON(),
    },
    policies: { identity: [{ id: 'probe', type: 'user-inline', document: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) }] },
  };
  const result = await evaluate(probe);
  const shape = `${c.op} ${[...tags].filter((t) => /missing|empty|ipv|family-mismatch|date:/.test(t)).sort().join(',')}`.trim();
  const entry = byShape.get(shape) ?? { agree: 0, disagree: [] };
  byShape.set(shape, entry);
  if (result.skip) entry.disagree.push({ skip: result.skip, condition: statement.Condition });
  else if ((result.expected.decision === 'allowed') === c.holds) entry.agree++;
  else entry.disagree.push({ condition: statement.Condition, context: probe.request.context[c.key] ?? 'absent', reference: c.holds });
}

let disagreements = 0;
for (const [shape, { agree, disagree }] of [...byShape].sort()) {
  if (disagree.length === 0) continue;
  disagreements += disagree.length;
  console.log(`${shape}: ${agree} agree, ${disagree.length} disagree, e.g. ${JSON.stringify(disagree[0])}`);
}
console.log(`${byShape.size} operator/edge combinations, ${disagreements} disagreements`);
process.exitCode = disagreements === 0 ? 0 : 1;
