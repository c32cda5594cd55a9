/**
 * `npm run bench -- --profile [--tier quick|paper ...] [--claim ID ...] [--max-seconds S] [--json FILE]`:
 * per claim, the CPU seconds of a narrowed audit (`src/cli/audit.ts --claim ID --tier T --workers 1`,
 * one child process per claim and tier, run one after another), its wall time, the `seconds` that the
 * claim's report records, and where the simulation time went: the profile slots of the engine
 * (src/engine/profile.ts; one slot per run shape: rule, width m, dimension d, batch; and the reduced
 * simulator's m, d and tracked neurons K), with their steps and seconds.
 *
 * CPU seconds are user + system of the child and everything it waited for (/usr/bin/time; without it,
 * wall time only). A claim that runs past --max-seconds of wall time is stopped (its whole process group)
 * and shown as `> S`, with the slots it recorded until then (the engine writes them every second).
 * Every child writes its report to a temporary folder: reports/ is never touched.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Options {
  tiers: ('quick' | 'paper')[];
  claims: string[];
  maxSeconds: number;
  json: string | undefined;
}

interface Slot {
  key: string;
  steps: number;
  seconds: number;
}

export interface ClaimProfile {
  claim: string;
  tier: string;
  /** user + system CPU seconds of the child (undefined when stopped or without /usr/bin/time) */
  cpu: number | undefined;
  wall: number;
  stopped: boolean;
  /** the claim's `seconds` in its report (the test's own time), when it finished */
  claimSeconds: number | undefined;
  exitCode: number | null;
  slots: Slot[];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function usage(msg: string): never {
  console.error(`bench --profile: ${msg}`);
  console.error('usage: npm run bench -- --profile [--tier quick|paper ...] [--claim ID ...] [--max-seconds S] [--json FILE]');
  process.exit(2);
}

export function parseProfileArgs(argv: string[]): Options {
  const o: Options = { tiers: [], claims: [], maxSeconds: Infinity, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--profile') continue;
    else if (a === '--tier') {
      for (const t of val().split(',')) {
        if (t !== 'quick' && t !== 'paper') usage(`--tier: expected quick or paper, got ${JSON.stringify(t)}`);
        o.tiers.push(t);
      }
    } else if (a === '--claim') o.claims.push(...val().split(','));
    else if (a === '--max-seconds') {
      const v = Number(val());
      if (!(v > 0)) usage('--max-seconds: expected a positive number');
      o.maxSeconds = v;
    } else if (a === '--json') o.json = val();
    else usage(`unknown argument ${JSON.stringify(a)}`);
  }
  if (o.tiers.length === 0) o.tiers.push('quick');
  const known = allClaims();
  if (o.claims.length === 0) o.claims = known;
  for (const c of o.claims) if (!known.includes(c)) usage(`--claim: no property file properties/${c}.prop.test.ts`);
  return o;
}

/** The claims with a property file, in file-name order. */
function allClaims(): string[] {
  return readdirSync(join(ROOT, 'properties'))
    .filter((f) => f.endsWith('.prop.test.ts'))
    .map((f) => f.slice(0, -'.prop.test.ts'.length))
    .sort();
}

function readSlots(dir: string): Slot[] {
  const sum = new Map<string, { steps: number; ms: number }>();
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const part = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, { steps: number; ms: number }>;
      for (const [k, v] of Object.entries(part)) {
        const s = sum.get(k) ?? { steps: 0, ms: 0 };
        s.steps += v.steps;
        s.ms += v.ms;
        sum.set(k, s);
      }
    }
  }
  return [...sum].map(([key, v]) => ({ key, steps: v.steps, seconds: v.ms / 1000 })).sort((x, y) => y.seconds - x.seconds);
}

function profileOne(claim: string, tier: string, maxSeconds: number): Promise<ClaimProfile> {
  const work = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const out = join(work, 'report');
  const prof = join(work, 'slots');
  const timeFile = join(work, 'time');
  const audit = ['node_modules/.bin/tsx', 'src/cli/audit.ts', '--claim', claim, '--tier', tier, '--workers', '1', '--out', out];
  const hasTime = existsSync('/usr/bin/time');
  const [cmd, ...args] = hasTime ? ['/usr/bin/time', '-f', '%U %S', '-o', timeFile, ...audit] : audit;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd as string, args, { cwd: ROOT, env: { ...process.env, ENGINE_PROFILE_DIR: prof }, stdio: 'ignore', detached: true });
    let stopped = false;
    const timer = Number.isFinite(maxSeconds)
      ? setTimeout(() => {
          stopped = true;
          try {
            process.kill(-(child.pid as number), 'SIGKILL');
          } catch {
            // already gone
          }
        }, maxSeconds * 1000)
      : undefined;
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      const wall = (performance.now() - t0) / 1000;
      let cpu: number | undefined;
      if (hasTime && !stopped && existsSync(timeFile)) {
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const [u, s] = last.split(' ').map(Number);
        if (Number.isFinite(u) && Number.isFinite(s)) cpu = (u as number) + (s as number);
      }
      let claimSeconds: number | undefined;
      const report = join(out, 'claims.json');
      if (existsSync(report)) {
        const c = (JSON.parse(readFileSync(report, 'utf8')) as { claims: { id: string; seconds: number }[] }).claims.find((x) => x.id === claim);
        claimSeconds = c?.seconds;
      }
      const slots = readSlots(prof);
      rmSync(work, { recursive: true, force: true });
      resolve({ claim, tier, cpu, wall, stopped, claimSeconds, exitCode: code, slots });
    });
  });
}

const f1 = (x: number | undefined): string => (x === undefined ? '-' : x.toFixed(1));

function slotText(p: ClaimProfile): string {
  if (p.slots.length === 0) return 'no engine steps (closed forms, sphere/Wishart draws, tfjs)';
  const inSlots = p.slots.reduce((s, x) => s + x.seconds, 0);
  const top = p.slots.slice(0, 3).map((s) => `${s.key}: ${s.steps} steps ${s.seconds.toFixed(1)} s`);
  const rest = p.slots.length > 3 ? `; ${p.slots.length - 3} more` : '';
  return `${inSlots.toFixed(1)} s in steps: ${top.join('; ')}${rest}`;
}

export async function profileMain(argv: string[]): Promise<void> {
  const o = parseProfileArgs(argv);
  console.log(`profile: ${o.claims.length} claims x tiers ${o.tiers.join(', ')}, one audit child each (--workers 1), cap ${Number.isFinite(o.maxSeconds) ? `${o.maxSeconds} s` : 'none'}`);
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}, load average ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores`);
  console.log('| claim | tier | CPU s | wall s | claim s (report) | where the simulation time goes |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const all: ClaimProfile[] = [];
  for (const tier of o.tiers) {
    for (const claim of o.claims) {
      const p = await profileOne(claim, tier, o.maxSeconds);
      all.push(p);
      const cpu = p.stopped ? `> ${f1(p.wall)} (stopped)` : f1(p.cpu);
      const status = !p.stopped && p.exitCode !== 0 ? ` (exit ${p.exitCode})` : '';
      console.log(`| ${claim} | ${tier} | ${cpu}${status} | ${f1(p.wall)} | ${f1(p.claimSeconds)} | ${slotText(p)} |`);
    }
  }
  for (const tier of o.tiers) {
    const ps = all.filter((p) => p.tier === tier);
    const cpu = ps.reduce((s, p) => s + (p.cpu ?? p.wall), 0);
    const stopped = ps.filter((p) => p.stopped).length;
    console.log(`${tier}: ${cpu.toFixed(1)} CPU s over ${ps.length} claims${stopped ? ` (${stopped} stopped at the cap, counted at the cap)` : ''}`);
  }
  if (o.json) writeFileSync(o.json, JSON.stringify(all, null, 2) + '\n');
}
