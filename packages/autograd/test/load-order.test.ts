/// <reference types="node" />
/**
 * Modules of a package may import each other in a cycle (tensor.ts and the views it reads out
 * with; autograd's variable.ts and backward.ts), so which of them runs first depends on which one
 * a program happens to import first. A module that uses another module of its cycle while it loads
 * (`export const maximum = binaryOp(...)` with binaryOp from a module of the cycle) then works or
 * not by accident: only because a function declaration is hoisted, where a `const` would not be.
 * This reads the sources (with the TypeScript parser) and checks that no module touches, while it
 * loads, anything it imports from a module of its own cycle; using it inside functions is fine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = ['tensor', 'autograd', 'models'].map((p) => join(PACKAGES, p, 'src'));

interface Module {
  file: string;
  source: ts.SourceFile;
  /** Local name -> the module (absolute path) it is imported from; values only, not types. */
  imports: Map<string, string>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

function parse(file: string): Module {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports = new Map<string, string>();
  for (const s of source.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !s.moduleSpecifier.text.startsWith('.')) continue;
    const clause = s.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const from = resolve(dirname(file), s.moduleSpecifier.text);
    if (clause.name) imports.set(clause.name.text, from);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) imports.set(bindings.name.text, from);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const e of bindings.elements) if (!e.isTypeOnly) imports.set(e.name.text, from);
    }
  }
  return { file, source, imports };
}

/** The strongly connected components of the import graph (Tarjan): each module's cycle, as a set. */
function cycles(modules: Map<string, Module>): Map<string, Set<string>> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const component = new Map<string, Set<string>>();
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of new Set(modules.get(v)!.imports.values())) {
      if (!modules.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const members = new Set<string>();
      let w: string;
      do {
        w = stack.pop()!;
        members.add(w);
        component.set(w, members);
      } while (w !== v);
    }
  };
  for (const v of modules.keys()) if (!index.has(v)) visit(v);
  return component;
}

/** Every identifier evaluated while the module loads: outside functions, methods, instance fields and types. */
function usedAtLoad(source: ts.SourceFile): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const walk = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node)
      || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (ts.isPropertyDeclaration(node) && !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) return;
    if (ts.isPropertyAccessExpression(node)) return walk(node.expression);
    if (ts.isPropertyAssignment(node)) return walk(node.initializer);
    if (ts.isVariableDeclaration(node)) return node.initializer && walk(node.initializer);
    if (ts.isIdentifier(node)) found.push(node);
    ts.forEachChild(node, walk);
  };
  source.statements.forEach(walk);
  return found;
}

describe('module load order', () => {
  const modules = new Map(SOURCES.flatMap(sourceFiles).map((f) => [f, parse(f)]));
  const cycleOf = cycles(modules);

  it('finds the cycles there are (else this test checks nothing): tensor.ts and the views it reads out with', () => {
    const tensor = join(SOURCES[0], 'tensor.ts');
    expect(cycleOf.get(tensor)?.has(join(SOURCES[0], 'ops', 'views.ts'))).toBe(true);
  });

  it('no module uses, while it loads, anything imported from a module of its own import cycle', () => {
    const uses = [...modules.values()].flatMap(({ file, source, imports }) =>
      usedAtLoad(source).flatMap((id) => {
        const from = imports.get(id.text);
        if (from === undefined || !cycleOf.get(file)?.has(from)) return [];
        const { line } = source.getLineAndCharacterOfPosition(id.getStart());
        return [`${file.slice(PACKAGES.length)}:${line + 1} uses ${id.text} from ${from.slice(PACKAGES.length)} while it loads`];
      }));
    expect(uses).toEqual([]);
  });
});
