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
  it('renders index.html and the claim pages without console errors: the claim table, the graph, the gallery, every figure drawn with no text cut', async () => {
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
      // the claim table: one row per claim, each row an anchor, each linking to the claim's page
      expect(await page.locator('table.claim-table tbody tr').count()).toBe(report.claims.length);
      for (const c of report.claims) expect(await page.locator(`tr[id="${c.id}"] a[href="claims/${c.id}.html#${c.id}"]`).count()).toBe(1);
      // the gallery: every figure loaded as an image
      const imgs = page.locator('.gallery img');
      expect(await imgs.count()).toBe(figures.length);
      for (let i = 0; i < figures.length; i++) {
        await imgs.nth(i).scrollIntoViewIfNeeded();
        await expect.poll(() => imgs.nth(i).evaluate((el) => { const img = el as unknown as { complete: boolean; naturalWidth: number }; return img.complete ? img.naturalWidth : 0; }), { timeout: 10_000 }).toBeGreaterThan(100);
      }
      // the graph: a node per claim, coloured by verdict, outlined by proof status, linking to the claim's page
      expect(await page.locator('svg.graph rect').count()).toBe(report.claims.length);
      expect(await page.locator('svg.graph g[data-proof="gap"] rect').getAttribute('stroke-dasharray')).toBeTruthy();
      expect(await page.locator('pre.cite').innerText()).toContain('seed     7');
      if (process.env.REPORT_SCREENSHOT) await page.screenshot({ path: process.env.REPORT_SCREENSHOT, fullPage: true });
      await page.locator('svg.graph a').first().click();
      await page.waitForLoadState('load');
      expect(page.url()).toMatch(/claims\/toy\.base\.html#toy\.base$/);
      // a claim page: its figures inline, drawn, and no text of a figure outside the figure
      const figs = page.locator('figure.figure svg');
      const mine = figures.filter((f) => f.claim === 'toy.base');
      expect(await figs.count()).toBe(mine.length);
      for (let i = 0; i < mine.length; i++) {
        const svg = figs.nth(i);
        const box = await svg.boundingBox();
        expect(box && box.width > 100 && box.height > 60).toBe(true);
        expect(await svg.locator('path, circle, line').count()).toBeGreaterThan(3);
        const outside = await svg.evaluate((el) => {
          const b = el.getBoundingClientRect();
          return [...el.querySelectorAll('text')].filter((t) => {
            const r = t.getBoundingClientRect();
            return r.width > 0 && (r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5);
          }).map((t) => t.textContent);
        });
        expect(outside).toEqual([]);
      }
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
