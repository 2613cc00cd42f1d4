// IdleJobs in Node: no requestIdleCallback there, so idle periods are short timers (idle.ts's fallback).
import { describe, expect, it } from 'vitest';
import { IdleJobs } from '../../src/controllers/idle.js';

/** A job of `n` steps that records each step under `name`. */
function counting(log: string[], name: string, n: number) {
  return function* (): Generator<void, string, void> {
    for (let k = 0; k < n; k++) {
      log.push(`${name}${k}`);
      yield;
    }
    return `${name} done`;
  };
}

const until = async (check: () => boolean) => {
  for (let k = 0; k < 500 && !check(); k++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe('IdleJobs', () => {
  it('runs a job to its end and hands over its value', async () => {
    const jobs = new IdleJobs();
    const log: string[] = [];
    const done: string[] = [];
    jobs.run('a', [1], counting(log, 'a', 3), (value) => done.push(value));
    expect(jobs.has('a')).toBe(true);
    await until(() => done.length === 1);
    expect(log).toEqual(['a0', 'a1', 'a2']);
    expect(done).toEqual(['a done']);
    expect(jobs.has('a')).toBe(false);
  });

  it('keeps a running job asked for again with the same key, and replaces it for a new key', async () => {
    const jobs = new IdleJobs();
    const log: string[] = [];
    const done: string[] = [];
    const plan = {};
    jobs.run('surfaces', [plan, 'k1'], counting(log, 'x', 2), (value) => done.push(value));
    jobs.run('surfaces', [plan, 'k1'], counting(log, 'y', 2), (value) => done.push(value));
    jobs.run('other', [plan], counting(log, 'o', 1), (value) => done.push(value));
    await until(() => done.length === 2);
    expect(done.sort()).toEqual(['o done', 'x done']);
    expect(log.filter((s) => s.startsWith('y'))).toEqual([]);

    jobs.run('surfaces', [plan, 'k2'], counting(log, 'p', 1000), (value) => done.push(value));
    jobs.run('surfaces', [plan, 'k3'], counting(log, 'q', 2), (value) => done.push(value));
    await until(() => done.includes('q done'));
    expect(done).not.toContain('p done');
  });

  it('cancels one job or all: their done is never called', async () => {
    const jobs = new IdleJobs();
    const done: string[] = [];
    jobs.run('a', [], counting([], 'a', 2), (value) => done.push(value));
    jobs.run('b', [], counting([], 'b', 2), (value) => done.push(value));
    jobs.run('c', [], counting([], 'c', 2), (value) => done.push(value));
    jobs.cancel('a');
    expect(jobs.has('a')).toBe(false);
    await until(() => done.length === 2);
    expect(done.sort()).toEqual(['b done', 'c done']);
    jobs.run('d', [], counting([], 'd', 2), (value) => done.push(value));
    jobs.cancelAll();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done).not.toContain('d done');
  });
});
