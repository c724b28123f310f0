// Translates corpus cases into @cloud-copilot/iam-simulate input and its answer into the corpus `expected` object.
// Shared by generate.mjs (which records the answers) and bench.mjs (which times and re-checks them).
import { runSimulation } from '@cloud-copilot/iam-simulate';

const LIST_TYPES = new Set(['stringList', 'numericList', 'booleanList', 'dateList', 'ipList', 'binaryList']);

const DECISION = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };

const POLICY_RESULT = {
  Allowed: 'allowed',
  ExplicitlyDenied: 'explicitDeny',
  ImplicitlyDenied: 'implicitDeny',
  AllowedForAccount: 'allowedForAccount',
  DeniedForAccount: 'deniedForAccount',
  NotApplicable: 'notApplicable',
};

/** iam-simulate takes every context value as a string, or an array of strings for multivalued keys. */
export function toSimulation(c) {
  const contextVariables = {};
  for (const [key, { type, values }] of Object.entries(c.request.context)) {
    contextVariables[key] = LIST_TYPES.has(type) ? [...values] : values[0];
  }
  const p = c.policies;
  const simulation = {
    request: {
      principal: c.request.principal,
      action: c.request.action,
      resource: { resource: c.request.resource, accountId: c.request.resourceAccount },
      contextVariables,
    },
    identityPolicies: p.identity.map((x) => ({ name: x.id, policy: JSON.parse(x.document) })),
    // SCPs and RCPs are out of scope: none given means "no organization", and iam-simulate adds RCPFullAWSAccess itself.
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  if (p.permissionBoundary !== undefined) {
    simulation.permissionBoundaryPolicies = [{ name: 'permissionBoundary', policy: JSON.parse(p.permissionBoundary) }];
  }
  if (p.session !== undefined) simulation.sessionPolicy = JSON.parse(p.session);
  if (p.resource !== undefined) simulation.resourcePolicy = JSON.parse(p.resource);
  return simulation;
}

export function run(simulation) {
  return runSimulation(simulation, {});
}

function statementRef(policyType, analysis) {
  const sid = analysis.statement.sid();
  return {
    policyType,
    policyId: policyType === 'identity' ? analysis.policyId : policyType,
    statementIndex: analysis.statement.index(),
    ...(sid ? { sid } : {}),
  };
}

/**
 * Turns a runSimulation answer into the corpus `expected` object, or a skip reason when iam-simulate could not
 * evaluate the case.
 */
export function toExpected(c, answer) {
  if (answer.resultType === 'error') return { skip: 'error:' + answer.errors.message };
  if (answer.resultType !== 'single') return { skip: 'resultType:' + answer.resultType };
  const a = answer.result.analysis;
  if (!a.identityAnalysis) return { skip: 'no-analysis' };
  const decision = DECISION[answer.overallResult];
  if (!decision) return { skip: 'result:' + answer.overallResult };
  const p = c.policies;
  const expected = { decision, sameAccount: a.sameAccount, identity: POLICY_RESULT[a.identityAnalysis.result] };
  const parts = [['identity', a.identityAnalysis]];
  if (p.resource !== undefined) {
    expected.resourcePolicy = POLICY_RESULT[a.resourceAnalysis.result];
    parts.push(['resource', a.resourceAnalysis]);
  }
  if (p.permissionBoundary !== undefined) {
    expected.permissionBoundary = POLICY_RESULT[a.permissionBoundaryAnalysis.result];
    parts.push(['permissionBoundary', a.permissionBoundaryAnalysis]);
  }
  if (p.session !== undefined) {
    expected.session = POLICY_RESULT[a.sessionAnalysis.result];
    parts.push(['session', a.sessionAnalysis]);
  }
  expected.explicitDenies = parts.flatMap(([type, analysis]) => analysis.denyStatements.map((s) => statementRef(type, s)));
  if (decision === 'allowed') {
    expected.allowStatements = parts.flatMap(([type, analysis]) => analysis.allowStatements.map((s) => statementRef(type, s)));
  }
  if (a.blockedBy && a.blockedBy.length > 0) expected.blockedBy = [...a.blockedBy].sort();
  return { expected, ignoredContextKeys: answer.result.ignoredContextKeys ?? [] };
}
