// Every suggestion builder writes code that is valid where it goes: for each finding, the code
// the suggestion tells the user to write is inserted in the source at its place (after the
// finding's statement for the uniqueness rules, at module top level for SR001/SR003/SR007),
// parsed, and checked for what a parse alone accepts but fails at run time: assigning a `const`,
// or `this` at module top level.
import type * as t from '@babel/types';
import { describe, expect, it } from 'vitest';
import { analyzeModule, type Finding } from '../../plugin/core/index.js';
import { parseSource } from '../../plugin/core/ast/parse.js';
import { traverse } from '../../plugin/core/ast/babel.js';
import { lintUniqueness } from '../../plugin/core/module/uniqueness.js';

const FILE = '/project/src/handler.ts';

/** The code spans of a suggestion that are statements to write. */
function codeOf(suggestion: string): string[] {
  return [...suggestion.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((code) => /^(?:register|import |await |[\w$.]+\s*=)/.test(code) && /[;)]$/.test(code));
}

/** The line after which code written for a finding on `line` goes: the end of the innermost
 *  statement around it (a class field's hook goes after the class; one in a static block stays
 *  in the block). */
function placeAfter(source: string, line: number): number {
  const parsed = parseSource(source, FILE);
  if (!parsed.ok) throw new Error(parsed.error);
  let end = line;
  let size = Number.POSITIVE_INFINITY;
  traverse(parsed.ast, {
    Statement(p) {
      const loc = p.node.loc;
      if (!loc || p.isBlockStatement() || loc.start.line > line || loc.end.line < line) return;
      const span = (p.node.end ?? 0) - (p.node.start ?? 0);
      if (span < size) [size, end] = [span, loc.end.line];
    },
  });
  return end;
}

/** The edits a suggestion asks for in words: "change `const x` to `let x`". */
function applyEdits(source: string, suggestion: string): string {
  let edited = source;
  for (const [, from, to] of suggestion.matchAll(/change `([^`]+)` to `([^`]+)`/g)) edited = edited.replace(from!, to!);
  return edited;
}

/** Problems of `source` with `code` inserted after line `line` (0: at the end). */
function problemsOf(source: string, line: number, code: string): string[] {
  const lines = source.split('\n');
  const at = line === 0 ? lines.length : line;
  const patched = [...lines.slice(0, at), code, ...lines.slice(at)].join('\n');
  const parsed = parseSource(patched, FILE);
  if (!parsed.ok) return [`does not parse: ${parsed.error}`];
  const problems: string[] = [];
  const insertedLine = at + 1;
  traverse(parsed.ast, {
    AssignmentExpression(p) {
      if (p.node.loc?.start.line !== insertedLine) return;
      const left = p.node.left as t.Node;
      if (left.type === 'Identifier' && p.scope.getBinding(left.name)?.kind === 'const') problems.push(`assigns the const ${left.name}`);
    },
    ThisExpression(p) {
      if (p.node.loc?.start.line !== insertedLine) return;
      const owner = p.findParent((q) => q.isFunction() && !q.isArrowFunctionExpression()) ?? p.findParent((q) => q.isClass() || q.isStaticBlock());
      if (!owner) problems.push('uses `this` at module top level');
    },
  });
  return problems;
}

function check(source: string, findings: Finding[], placeAtEnd: (f: Finding) => boolean): Array<[string, string, string[]]> {
  const results: Array<[string, string, string[]]> = [];
  for (const finding of findings) {
    for (const code of codeOf(finding.suggestion ?? '')) {
      const edited = applyEdits(source, finding.suggestion!);
      results.push([finding.code, code, problemsOf(edited, placeAtEnd(finding) ? 0 : placeAfter(edited, finding.location!.line), code)]);
    }
  }
  return results;
}

const UNIQUENESS = `
import { randomUUID, randomBytes, randomFillSync } from 'node:crypto';
import { v4 } from 'uuid';
import Redis from 'ioredis';
import * as net from 'node:net';

const seed = Math.random();
let jitter = Math.random() * 100;
const instanceId = randomUUID();
const key = randomBytes(32);
const nonce = Buffer.alloc(16);
randomFillSync(nonce);
const requestId = v4();
const loadedAt = new Date().toISOString();
let startedAt = Date.now();
const timer = setInterval(() => {}, 1000);
const cache = new Redis('redis://cache:6379');
let socket = net.connect(6379, 'cache');
const keyId = process.env.AWS_ACCESS_KEY_ID;
class Config {
  static id = randomUUID();
  static {
    this.createdAt = Date.now();
  }
  static createdAt: number;
}

export const handler = async () => ({ seed, jitter, instanceId, key, nonce, requestId, loadedAt, startedAt, timer, cache, socket, keyId, Config });
`;

describe('suggestions are valid code for their place', () => {
  it('uniqueness rules (SR101-SR108)', () => {
    const findings = lintUniqueness(UNIQUENESS, FILE);
    const codes = new Set(findings.map((f) => f.code));
    // Every rule's builder ran.
    for (const code of ['SR101', 'SR102', 'SR103', 'SR104', 'SR105', 'SR106', 'SR107', 'SR108']) expect(codes, code).toContain(code);
    const results = check(UNIQUENESS, findings, () => false);
    expect(results.length).toBeGreaterThan(8);
    expect(results.filter(([, , problems]) => problems.length > 0)).toEqual([]);
  });

  it('hook rules (SR001, SR002, SR005, SR006)', () => {
    const source = `
import { registerAfterRestore } from 'snapshot-restore';
function refresh() {}
class Session {
  @registerAfterRestore
  renew() {}
}
function setup() { registerAfterRestore(refresh); }
export const handler = async () => {
  registerAfterRestore(refresh);
  setup();
  new Session();
  return {};
};
`;
    const findings = analyzeModule(source, FILE, {}).findings;
    expect(findings.map((f) => f.code).sort()).toEqual(['SR001', 'SR002', 'SR006']);
    const results = check(source, findings, (f) => f.code === 'SR001');
    expect(results.map(([code, text]) => `${code} ${text}`)).toEqual(['SR001 registerAfterRestore(refresh)']);
    expect(results.filter(([, , problems]) => problems.length > 0)).toEqual([]);
  });

  it('the checker itself catches a const assignment and `this` at top level', () => {
    expect(problemsOf('const a = 1;', 0, 'registerAfterRestore(() => { a = 2; });')).toEqual(['assigns the const a']);
    expect(problemsOf('let a = 1;', 0, 'registerAfterRestore(() => { this.a = 2; });')).toEqual(['uses `this` at module top level']);
    expect(problemsOf('let a = 1;', 0, 'registerAfterRestore(() => { a = ; });')[0]).toMatch(/^does not parse/);
  });
});
