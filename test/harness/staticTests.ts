/**
 * The tests a layer holds, read from its source files without running them, so a run can prove it ran all of them.
 *
 * The rule that makes tests countable (a test that breaks it is a problem that fails the run):
 *   - every `describe`/`it` (also `context`, `suite`, `specify`, `test`, their `.skip`/`.only` and `x` forms) has a
 *     literal title: a string, or a template without `${}`;
 *   - `it` and `describe` are called directly in a file or in a `describe` callback: never in a loop, never in a
 *     helper function, never in another callback. Table-driven cases go inside one test.
 * The full title of a test is then what mocha builds: the describe titles and the test title, joined by spaces.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { testFiles } from './testFiles';

const SUITE_CALLS = new Set(['describe', 'context', 'suite', 'xdescribe', 'xcontext']);
const TEST_CALLS = new Set(['it', 'specify', 'test', 'xit', 'xspecify']);

export interface StaticTests {
  /** Full titles, one per test (a title defined twice appears twice). */
  titles: string[];
  /** Places that break the rule above, as "file:line: what". */
  problems: string[];
}

/** `it`, `describe.only`, `xit`, ... → the kind of call, or undefined for any other call. */
function mochaCall(node: ts.CallExpression): 'suite' | 'test' | undefined {
  let callee = node.expression;
  if (ts.isPropertyAccessExpression(callee) && ['only', 'skip'].includes(callee.name.text)) {
    callee = callee.expression;
  }
  if (!ts.isIdentifier(callee)) {
    return undefined;
  }
  if (SUITE_CALLS.has(callee.text)) {
    return 'suite';
  }
  return TEST_CALLS.has(callee.text) ? 'test' : undefined;
}

function literalTitle(node: ts.CallExpression): string | undefined {
  const first = node.arguments[0];
  return first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ? first.text : undefined;
}

function isLoop(node: ts.Node): boolean {
  return ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

/** Lists the tests of one source file. */
export function testsInSource(file: string, text: string): StaticTests {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const titles: string[] = [];
  const problems: string[] = [];
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;

  /** `scope`: describe titles around; `free`: false inside a loop or a function that is not a describe callback. */
  const visit = (node: ts.Node, scope: string[], free: boolean): void => {
    if (ts.isCallExpression(node)) {
      const kind = mochaCall(node);
      if (kind) {
        const title = literalTitle(node);
        if (title === undefined) {
          problems.push(`${where(node)}: the ${kind === 'suite' ? 'describe' : 'test'} title is not a literal string, so the tests cannot be counted before they run`);
        } else if (!free) {
          problems.push(`${where(node)}: "${title}" is defined in a loop or a helper function, so it cannot be counted before it runs; define it directly in a describe callback`);
        }
        const full = [...scope, title ?? '?'];
        if (kind === 'test') {
          titles.push(full.join(' '));
          return;
        }
        const body = node.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
        for (const argument of node.arguments) {
          if (argument === body) {
            (argument as ts.ArrowFunction | ts.FunctionExpression).body.forEachChild((child) => visit(child, full, free));
          } else {
            visit(argument, scope, free);
          }
        }
        return;
      }
    }
    const nowFree = free && !isLoop(node) && !ts.isFunctionLike(node);
    node.forEachChild((child) => visit(child, scope, nowFree));
  };
  source.forEachChild((node) => visit(node, [], true));
  return { titles, problems };
}

/** Every `*.test.ts` below `dir`, sorted. */
export const sourceTestFiles = (dir: string): string[] => testFiles(dir, '.test.ts');

/** The tests of every source test file below `dir` (file names in problems relative to `root`). */
export function staticTests(dir: string, root: string): StaticTests {
  const all: StaticTests = { titles: [], problems: [] };
  for (const file of sourceTestFiles(dir)) {
    const found = testsInSource(path.relative(root, file), fs.readFileSync(file, 'utf8'));
    all.titles.push(...found.titles);
    all.problems.push(...found.problems);
  }
  return all;
}
