// Every js / ts code block of README.md runs as it stands, imports included
// (the file is written inside the package so 'gridsample' resolves to this
// package by self-reference), and prints what its comments say: a line
// `console.log(...); // text` expects `text` as the next line of output.
// Blocks that use require() and no import run as CommonJS, others as ES
// modules; ts blocks are transpiled by TypeScript first.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const dir = path.join(root, '.readme-blocks');

interface Block { lang: string; code: string; line: number }
const blocks: Block[] = [];
const fence = /^```(\w+)[^\n]*\n([\s\S]*?)^```$/gm;
for (const m of readme.matchAll(fence)) {
  const lang = m[1].toLowerCase();
  if (['js', 'javascript', 'mjs', 'cjs', 'ts', 'typescript'].includes(lang))
    blocks.push({ lang, code: m[2], line: readme.slice(0, m.index).split('\n').length });
}

/** The outputs the comments promise, in order. */
function expectedOutput(code: string): string[] {
  const want: string[] = [];
  for (const line of code.split('\n')) {
    const m = /^\s*console\.log\(.*\);?\s*\/\/ (.*)$/.exec(line);
    if (m) want.push(m[1].trimEnd());
  }
  return want;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README code blocks', () => {
  it('has js blocks to run', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });
  for (const [i, b] of blocks.entries()) {
    it(`block ${i + 1} (README.md line ${b.line}) runs and prints what its comments say`, () => {
      mkdirSync(dir, { recursive: true });
      const isTs = b.lang === 'ts' || b.lang === 'typescript';
      const commonjs = b.lang === 'cjs' || (/\brequire\(/.test(b.code) && !/^\s*import\s/m.test(b.code));
      let code = b.code;
      if (isTs)
        code = ts.transpileModule(code, {
          compilerOptions: { module: commonjs ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        }).outputText;
      const file = path.join(dir, `block-${i + 1}.${commonjs ? 'cjs' : 'mjs'}`);
      writeFileSync(file, code);
      const r = spawnSync(process.execPath, [file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr, `stderr of README block at line ${b.line}`).toBe('');
      expect(r.status).toBe(0);
      const got = r.stdout.split('\n').map((l) => l.trimEnd());
      if (got.at(-1) === '') got.pop();
      expect(got).toEqual(expectedOutput(b.code));
    });
  }
});
