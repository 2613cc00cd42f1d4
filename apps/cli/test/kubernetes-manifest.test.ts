// The Kubernetes Indexed Job (deploy/kubernetes) cannot run here, so: its YAML has the right shape
// (read by a small parser of the block YAML it uses), its container runs the Slurm script's exact
// command line, and that command line, run once per JOB_COMPLETION_INDEX as the pods would run it
// (through /bin/sh -c with the manifest's environment), gives parts that merge into the unsharded
// output byte for byte.

import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli, tempDir } from './run-cli.js';

const run = promisify(execFile);
const read = (path: string) => readFileSync(new URL(`../../../deploy/${path}`, import.meta.url), 'utf8');

type Yaml = string | Yaml[] | { [key: string]: Yaml };

/**
 * Parses the YAML subset the manifests use: block maps and sequences by indentation, `- ` items
 * (maps or scalars), flow sequences of quoted strings, plain and double-quoted scalars, comments.
 */
function parseYaml(text: string): Yaml {
  const lines = text
    .split('\n')
    .map((raw) => raw.replace(/\s+#.*$|^\s*#.*$/, ''))
    .filter((line) => line.trim() !== '')
    .map((line) => ({ indent: line.length - line.trimStart().length, text: line.trim() }));
  let i = 0;
  const scalar = (s: string): Yaml => {
    if (s.startsWith('[')) return (JSON.parse(s) as string[]).map(String);
    if (s.startsWith('"')) return JSON.parse(s) as string;
    return s;
  };
  const block = (indent: number): Yaml => {
    const first = lines[i]!;
    if (first.text.startsWith('- ')) {
      const items: Yaml[] = [];
      while (i < lines.length && lines[i]!.indent === indent && lines[i]!.text.startsWith('- ')) {
        const line = lines[i]!;
        const rest = line.text.slice(2);
        if (/^[\w.-]+:( |$)/.test(rest)) {
          // A map item: its first key sits on the dash line, two columns in.
          lines[i] = { indent: indent + 2, text: rest };
          items.push(block(indent + 2));
        } else {
          items.push(scalar(rest));
          i++;
        }
      }
      return items;
    }
    const map: { [key: string]: Yaml } = {};
    while (i < lines.length && lines[i]!.indent === indent && !lines[i]!.text.startsWith('- ')) {
      const match = /^([\w.-]+):(?: (.*))?$/.exec(lines[i]!.text);
      if (!match) throw new SyntaxError(`unreadable YAML line: ${lines[i]!.text}`);
      i++;
      if (match[2] !== undefined) map[match[1]!] = scalar(match[2]);
      else map[match[1]!] = i < lines.length && lines[i]!.indent >= indent ? block(lines[i]!.indent) : '';
    }
    return map;
  };
  return block(lines[0]!.indent);
}

const get = (value: Yaml, ...path: Array<string | number>): Yaml => {
  let v: Yaml = value;
  for (const key of path) {
    const next: Yaml | undefined = Array.isArray(v) ? v[key as number] : typeof v === 'object' ? v[key as string] : undefined;
    if (next === undefined) throw new Error(`no ${path.join('.')} in the manifest`);
    v = next;
  }
  return v;
};
const envOf = (container: Yaml) => Object.fromEntries((get(container, 'env') as Yaml[]).map((e) => [get(e, 'name') as string, get(e, 'value') as string]));
/** The line of a script that runs `losslab COMMAND`. */
const losslabLine = (script: string, command: string) => script.split('\n').filter((line) => line.startsWith(`losslab ${command} `));

describe('deploy/kubernetes', () => {
  const job = parseYaml(read('kubernetes/sweep-job.yaml'));
  const merge = parseYaml(read('kubernetes/merge-job.yaml'));
  const container = get(job, 'spec', 'template', 'spec', 'containers', 0);
  const env = envOf(container);

  it('is an Indexed Job with completions = parallelism = the SHARDS its command passes', () => {
    expect(get(job, 'apiVersion')).toBe('batch/v1');
    expect(get(job, 'kind')).toBe('Job');
    expect(get(job, 'spec', 'completionMode')).toBe('Indexed');
    const completions = Number(get(job, 'spec', 'completions'));
    expect(completions).toBeGreaterThan(1);
    expect(Number(get(job, 'spec', 'parallelism'))).toBe(completions);
    expect(Number(env.SHARDS)).toBe(completions);
    expect(get(job, 'spec', 'template', 'spec', 'restartPolicy')).toBe('Never');
    // The merge job reads the parts the sweep job writes.
    const mergeEnv = envOf(get(merge, 'spec', 'template', 'spec', 'containers', 0));
    expect(get(merge, 'kind')).toBe('Job');
    expect(mergeEnv.PARTS).toBe(env.PARTS);
    expect(Number(mergeEnv.SHARDS)).toBe(completions);
  });

  it("runs the Slurm script's command lines through /bin/sh -c, with every variable they use set", () => {
    expect(get(container, 'command')).toEqual(['/bin/sh', '-c']);
    const [args] = get(container, 'args') as string[];
    const sbatch = losslabLine(read('slurm/sweep-array.sbatch'), 'sweep');
    expect(sbatch).toHaveLength(1);
    expect(args).toBe(sbatch[0]);
    for (const name of args!.match(/\$(\w+)/g)!) expect(env).toHaveProperty(name.slice(1));
    const mergeArgs = get(merge, 'spec', 'template', 'spec', 'containers', 0, 'args') as string[];
    expect(mergeArgs[0]).toBe(losslabLine(read('slurm/merge.sbatch'), 'merge')[0]);
  });

  it('has a Dockerfile that builds the CLI and puts losslab on the PATH of the image the jobs name', () => {
    const dockerfile = read('kubernetes/Dockerfile');
    expect(dockerfile).toMatch(/turbo run build --filter=@losslab\/cli/);
    expect(dockerfile).toMatch(/ln -s \/opt\/losslab\/apps\/cli\/dist\/cli\.js \/usr\/local\/bin\/losslab/);
    expect(get(container, 'image')).toMatch(/^losslab:/);
  });

  describe('the pods, simulated: the command line once per JOB_COMPLETION_INDEX', () => {
    const tmp = tempDir();
    afterAll(() => tmp.remove());
    it('gives parts that merge into the unsharded output byte for byte', async () => {
      mkdirSync(tmp.path('bin'));
      writeFileSync(tmp.path('bin/losslab'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
      chmodSync(tmp.path('bin/losslab'), 0o755);
      const spec = { version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: [0.1, 1, 3], init: { w0: [-2, 0, 2], b0: [-1, 1] }, epochs: 80, curve: 4 };
      writeFileSync(tmp.path('sweep.json'), JSON.stringify(spec));
      const [args] = get(container, 'args') as string[];
      const mergeArgs = get(merge, 'spec', 'template', 'spec', 'containers', 0, 'args') as string[];
      const podEnv = { ...process.env, PATH: `${tmp.path('bin')}:${process.env.PATH ?? ''}`, SPEC: tmp.path('sweep.json'), PARTS: tmp.path('parts'), SHARDS: env.SHARDS, WORKERS: '1', OUT: tmp.path('result.json') };
      mkdirSync(tmp.path('parts'));
      for (let k = 0; k < Number(env.SHARDS); k++) await run('/bin/sh', ['-c', args!], { env: { ...podEnv, JOB_COMPLETION_INDEX: String(k) } });
      await run('/bin/sh', ['-c', mergeArgs[0]!], { env: podEnv });
      const whole = await runCli(['sweep', '--spec', tmp.path('sweep.json'), '--workers', '1']);
      expect(whole.code).toBe(0);
      // Byte for byte, but for the merged file's provenance line (each shard's checksum).
      expect(readFileSync(tmp.path('result.json'), 'utf8')).toBe(whole.stdout);
    });
  });
});
