// The site on arrival: its own flake.lock, its headers, its layout on a phone and in the dark.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, openSite, repoFile, repoRoot, treeText } from './lockscope.js';

test('shows its own flake.lock on arrival, one root line per input', async ({ page }) => {
  await openSite(page);
  const lock = JSON.parse(repoFile('flake.lock'));
  const rootInputs = Object.keys(lock.nodes[lock.root].inputs ?? {}).sort();
  await expect(page.getByTestId('status')).toContainText("this site's flake.lock");
  await expect(page.locator('[role=treeitem][aria-level="1"] .name')).toHaveText(rootInputs);
  expect(await treeText(page)).toMatch(/^Inputs:\n├───/);
});

test('serves the page with a policy that lets only its own code run', async ({ page }) => {
  const response = await page.request.get('/');
  const policy = response.headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).not.toContain('unsafe-inline');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
});

test('keeps for good only the files whose names carry a content hash; revalidates the rest', async ({ page }) => {
  // Every file of the served site, as the page asks for it (the precompressed copies are
  // the same files, sent by their encoding).
  const files = readdirSync(path.join(repoRoot, 'dist')).filter((name) => !/\.(br|gz)$/.test(name));
  const hashed = /-[0-9a-f]{16}(_bg\.wasm|\.js|\.css|\.svg)$/;
  expect(files.filter((name) => hashed.test(name)).length, 'the app\'s hashed files').toBeGreaterThanOrEqual(4);
  expect(files).toEqual(expect.arrayContaining(['index.html', 'flake.lock', 'worker.js', 'graph-view_bg.wasm', 'graph.css']));
  for (const name of files) {
    const response = await page.request.get(name);
    expect(response.status(), name).toBe(200);
    const kept = hashed.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache';
    expect(response.headers()['cache-control'], name).toBe(kept);
  }
});

test('saves a screenshot of the main view with an input selected', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSite(page);
  await page.locator('[role=treeitem]').nth(1).click();
  await expect(page.getByTestId('details').locator('dl')).toBeVisible();
  // Kept where the run's other results are: e2e/test-results/main-view.png.
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'main-view.png') });
});

test('fits a 360 px wide screen without the page scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openSite(page);
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(360);
  await expect(page.getByRole('button', { name: 'Show pasted lock' })).toBeVisible();
});

for (const [scheme, dark] of [['dark', true], ['light', false]]) {
  test(`follows the system's ${scheme} colour scheme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openSite(page);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    expect((r + g + b) / 3 < 128).toBe(dark);
  });
}
