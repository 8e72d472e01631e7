// Hostile-input battery over every public function (sync and async) and the
// raw native binding. The cases live in test/hostile/cases.mjs (one table row
// per op: add a row there to cover a new op) and run in a child process
// (test/hostile/run.mjs), so a crash or abort is observed here as a failed
// test naming the case that was running, never as a dead test runner.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Line { count?: number; start?: string; name?: string; pass?: boolean; detail?: string; done?: boolean; rssMB?: number; rssStartMB?: number }

const runner = path.join(__dirname, 'hostile', 'run.mjs');
const child = spawnSync(process.execPath, [runner], { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
const lines: Line[] = (child.stdout ?? '').split('\n').filter(Boolean).map((l) => {
  try { return JSON.parse(l) as Line; } catch { return { detail: l }; }
});
const results = lines.filter((l) => l.pass !== undefined);
const started = lines.filter((l) => l.start !== undefined);
const count = lines.find((l) => l.count !== undefined)?.count ?? 0;
const done = lines.find((l) => l.done);

describe('hostile input battery (child process)', () => {
  it('ran every case to completion without crashing', () => {
    const last = started[started.length - 1]?.start;
    const why = `exit ${child.status}, signal ${child.signal}, last case started: ${last}\n${(child.stderr ?? '').slice(-3000)}`;
    expect(child.error, why).toBeUndefined();
    expect(child.signal, why).toBeNull();
    expect(child.status, why).toBe(0);
    expect(count).toBeGreaterThan(1000);
    expect(results.length, why).toBe(count);
    expect(done, why).toBeTruthy();
    console.log(`hostile battery: ${results.length} cases, child RSS ${done?.rssStartMB} MB -> ${done?.rssMB} MB`);
  });

  it('allocated nothing sized by claimed (untrusted) numbers', () => {
    // Hundreds of cases claim 2^40..2^64-element shapes; none may be honoured.
    expect(done?.rssMB ?? Infinity).toBeLessThan((done?.rssStartMB ?? 0) + 400);
  });

  // One vitest test per case, so a failure names the exact input.
  const byGroup = new Map<string, Line[]>();
  for (const r of results) {
    const group = r.name!.slice(0, r.name!.indexOf(':'));
    if (!byGroup.has(group)) byGroup.set(group, []);
    byGroup.get(group)!.push(r);
  }
  for (const [group, rs] of byGroup) {
    describe(group, () => {
      for (const r of rs) it(r.name!.slice(group.length + 2), () => expect(r.detail ?? 'ok').toBe('ok'));
    });
  }
});
