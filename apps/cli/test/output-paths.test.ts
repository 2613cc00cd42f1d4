// --out to things that are not plain files: a character device or a FIFO is written through (the
// node stays what it was), a symlink's target is replaced atomically (the link stays a link), and
// no temporary file survives SIGHUP during a large write or a process that died without cleanup.

import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, tempDir } from './run-cli.js';

const SMALL = ['sweep', '--data', 'five-point', '--eta', '0.5,1', '--w0', '-2,2', '--b0', '0', '--epochs', '30', '--curve', '4', '--workers', '1'];
const isRoot = process.getuid?.() === 0;

describe('--out paths that are not regular files', () => {
  const tmp = tempDir();
  let expected = '';
  afterAll(() => tmp.remove());
  beforeAll(async () => {
    const whole = await runCli(SMALL);
    expect(whole.code).toBe(0);
    expected = whole.stdout;
  });

  let deviceCopyKept = false;
  it.skipIf(!isRoot)('a character device (a node made like /dev/null) stays a device and takes the bytes', async () => {
    // mknod a private copy of /dev/null (1, 3), so a broken implementation replaces it, not the machine's.
    execFileSync('mknod', [tmp.path('null'), 'c', '1', '3']);
    const { code, stderr } = await runCli([...SMALL, '--out', tmp.path('null')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(statSync(tmp.path('null')).isCharacterDevice()).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['null']); // no temporary file beside it
    deviceCopyKept = true;
  });

  it('/dev/null stays a character device after --out /dev/null', async (context) => {
    // Only once the private copy above showed the device is written through (as root, a broken
    // implementation would rename a file over the machine's /dev/null).
    if (isRoot && !deviceCopyKept) context.skip();
    const { code, stderr } = await runCli([...SMALL, '--out', '/dev/null']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((name) => name.startsWith('.null.'))).toEqual([]);
  });

  it('/dev/stdout (a pipe here) gets the same bytes as stdout', async () => {
    const { code, stdout } = await runCli([...SMALL, '--out', '/dev/stdout']);
    expect(code).toBe(0);
    expect(stdout).toBe(expected);
  });

  it('a FIFO gets the bytes and stays a FIFO', async () => {
    execFileSync('mkfifo', [tmp.path('fifo')]);
    const received = new Promise<string>((done, fail) => {
      let text = '';
      createReadStream(tmp.path('fifo'), { encoding: 'utf8' })
        .on('data', (chunk) => (text += chunk))
        .on('end', () => done(text))
        .on('error', fail);
    });
    const { code, stderr } = await runCli([...SMALL, '--out', tmp.path('fifo')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lstatSync(tmp.path('fifo')).isFIFO()).toBe(true);
    expect(await received).toBe(expected);
  });

  it("a symlink stays a symlink and its target gets the file, atomically, beside the target", async () => {
    mkdirSync(tmp.path('store'));
    writeFileSync(tmp.path('store/result.json'), 'old contents\n');
    symlinkSync('store/result.json', tmp.path('link.json'));
    // A chain: link2 → link.json → store/result.json.
    symlinkSync('link.json', tmp.path('link2.json'));
    const { code, stderr } = await runCli([...SMALL, '--out', tmp.path('link2.json')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lstatSync(tmp.path('link2.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(tmp.path('link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(tmp.path('link.json'))).toBe('store/result.json');
    expect(readFileSync(tmp.path('store/result.json'), 'utf8')).toBe(expected);
    expect(readdirSync(tmp.path('store'))).toEqual(['result.json']);
  });

  it("a dangling symlink's target is created", async () => {
    symlinkSync('store/new.json', tmp.path('dangling.json'));
    const { code } = await runCli([...SMALL, '--out', tmp.path('dangling.json')]);
    expect(code).toBe(0);
    expect(lstatSync(tmp.path('dangling.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(tmp.path('store/new.json'), 'utf8')).toBe(expected);
  });

  it("a symlink into a missing directory is refused before any work, naming the target's directory", async () => {
    symlinkSync('nowhere/x.json', tmp.path('broken.json'));
    const { code, stderr } = await runCli([...SMALL, '--out', tmp.path('broken.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--out ${tmp.path('broken.json')}: the directory ${tmp.path('nowhere')} does not exist`);
  });
});

describe('temporary files', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it('SIGHUP during a large write leaves no temporary file and no output; exit 129', async () => {
    // 160 runs with a full 20,000-epoch curve: about 60 MB of JSON, written over a while.
    const args = [CLI, 'sweep', '--data', 'five-point', '--eta', '0.1:1:8', '--w0', '-2:2:10', '--b0', '0', '--epochs', '20000', '--curve', 'full', '--workers', '1', '--out', tmp.path('big.json')];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    // Wait for the state: the temporary file exists and has bytes (the write is under way).
    let sent = false;
    while (!sent) {
      const temp = readdirSync(tmp.dir).find((name) => name.endsWith('.tmp'));
      if (temp !== undefined && statSync(tmp.path(temp), { throwIfNoEntry: false })?.size) {
        child.kill('SIGHUP');
        sent = true;
      } else if (child.exitCode !== null) break;
      else await new Promise((done) => setTimeout(done, 5));
    }
    const code = await exited;
    expect(sent, 'the write finished before the temporary file was seen').toBe(true);
    expect(code).toBe(129);
    expect(stderr).toMatch(/interrupted; nothing was written/);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it("the next write to a path removes a temporary file left by a dead process of this host, not a live one's", async () => {
    // A PID that is not running: a child that has exited.
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = dead.pid!;
    await new Promise((done) => dead.on('close', done));
    const host = hostname().replace(/[^A-Za-z0-9-]/g, '_');
    const stale = `.out.json.${host}.${deadPid}.0badc0de.tmp`;
    const live = `.out.json.${host}.${process.pid}.0badc0de.tmp`;
    const otherHost = `.out.json.elsewhere.${deadPid}.0badc0de.tmp`;
    for (const name of [stale, live, otherHost]) writeFileSync(tmp.path(name), 'left over');
    const { code } = await runCli([...SMALL, '--out', tmp.path('out.json')]);
    expect(code).toBe(0);
    expect(existsSync(tmp.path(stale))).toBe(false);
    expect(readdirSync(tmp.dir).sort()).toEqual([live, otherHost, 'out.json'].sort());
  });
});
