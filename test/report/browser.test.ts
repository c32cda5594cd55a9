import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/reporter.js';
import { toyReport } from './fixture.js';

/**
 * Opens a generated reports/index.html in a real headless browser (Debian's Chromium through playwright-core): it must
 * render without console errors, failed requests or page errors, with every figure present and drawn. The page is
 * generated here from a small synthetic report (no audit run needed). Set REPORT_SCREENSHOT=<file.png> to keep a
 * full-page screenshot.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!present)(present ? 'index.html in headless Chromium' : `index.html in headless Chromium: SKIPPED, ${CHROMIUM} not found (install Debian's chromium; .ci/run does)`, () => {
  it('renders without console errors, with the claim table, the uses graph and every figure drawn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-html-'));
    const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    const report = toyReport();
    const { figures } = writeReport(dir, report);
    const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
      const res = await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
      expect(res?.ok() ?? true).toBe(true);
      expect(await page.title()).toContain('Audit');
      // the claim table: one row per claim, each linking to its anchor
      const rows = await page.locator('table.claim-table tbody tr').count();
      expect(rows).toBe(report.claims.length);
      for (const c of report.claims) expect(await page.locator(`section[id="${c.id}"]`).count()).toBe(1);
      // the figures: inline SVGs with a real size and drawn marks
      const figs = page.locator('figure.figure svg');
      expect(await figs.count()).toBe(figures.length);
      for (let i = 0; i < figures.length; i++) {
        const box = await figs.nth(i).boundingBox();
        expect(box && box.width > 100 && box.height > 60).toBe(true);
        expect(await figs.nth(i).locator('path, circle, line').count()).toBeGreaterThan(3);
      }
      // the graph of `uses`, coloured by verdict, with links to the sections
      expect(await page.locator('svg.graph rect').count()).toBe(report.claims.length);
      await page.locator('svg.graph a').first().click();
      expect(page.url()).toMatch(/#toy\.base$/);
      // the citation block
      expect(await page.locator('pre.cite').innerText()).toContain('seed     7');
      if (process.env.REPORT_SCREENSHOT) await page.screenshot({ path: process.env.REPORT_SCREENSHOT, fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
