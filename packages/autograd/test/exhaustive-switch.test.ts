/// <reference types="node" />
/**
 * A `switch` over a union of names (an op, a dtype, a mode) must name every member, and may have
 * a `default` only to assert that nothing is left (`x satisfies never`): then a new member is a
 * compile error at every switch that would have to handle it, instead of a silent fall into a
 * branch written for others (a new reduction compiled as a min on the gpu, say). This reads the
 * three packages with the TypeScript checker and finds every switch that breaks the rule.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);

const files = ['tensor', 'autograd', 'models'].flatMap((p) => sourceFiles(join(PACKAGES, p, 'src')));

/** The members of a union of literals (a single literal counts as one), or null for any other type. */
function literals(type: ts.Type): string[] | null {
  const parts = type.isUnion() ? type.types : [type];
  if (!parts.every((t) => t.isStringLiteral() || t.isNumberLiteral())) return null;
  return parts.map((t) => String((t as ts.LiteralType).value));
}

function problems(files: string[], root: string): string[] {
  const program = ts.createProgram(files, {
    noEmit: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true, skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const source of program.getSourceFiles().filter((s) => files.includes(s.fileName))) {
    const visit = (node: ts.Node): void => {
      if (ts.isSwitchStatement(node)) {
        const members = literals(checker.getTypeAtLocation(node.expression));
        if (members) {
          const where = `${source.fileName.slice(root.length)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
          const named = node.caseBlock.clauses.flatMap((c) => (ts.isCaseClause(c) ? literals(checker.getTypeAtLocation(c.expression)) ?? [] : []));
          const missing = members.filter((m) => !named.includes(m));
          const fallback = node.caseBlock.clauses.find(ts.isDefaultClause);
          if (missing.length > 0) found.push(`${where}: no case for ${missing.join(', ')}`);
          if (fallback && !/satisfies never|: never/.test(fallback.getText())) found.push(`${where}: a default that is not a 'satisfies never' check`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('switches over unions of names', () => {
  it('name every member, with a default only to assert that none is left', () => {
    expect(problems(files, PACKAGES)).toEqual([]);
  }, 60_000);

  it('finds a missing case and a default that is not a never check (else it checks nothing)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switch-'));
    const file = join(dir, 'ops.ts');
    writeFileSync(file, [
      "type Op = 'sum' | 'prod' | 'max';",
      "export function a(op: Op): void { switch (op) { case 'sum': break; default: console.log(op); } }",
      "export function b(op: Op): void { switch (op) { case 'sum': case 'prod': case 'max': break; default: throw new Error(`${op satisfies never}`); } }",
      "export function c(op: Op): void { switch (op) { case 'sum': break; } }",
    ].join('\n'));
    expect(problems([file], dir + '/')).toEqual([
      "ops.ts:2: no case for prod, max",
      "ops.ts:2: a default that is not a 'satisfies never' check",
      'ops.ts:4: no case for prod, max',
    ]);
    expect(files.length).toBeGreaterThan(50);
  });
});
