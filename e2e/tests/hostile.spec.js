// A lock is data, never markup: names and urls full of <script>, javascript: and HTML
// (e2e/hostile.lock) show as the text they are, and nothing in them runs or links.
import { readFileSync } from 'node:fs';
import { test, expect, openSite, pasteLock, treeText, fakeNetwork, rawFile } from './lockscope.js';

const hostile = readFileSync(new URL('../hostile.lock', import.meta.url), 'utf8');
const namesInLock = [
  '</div><h1>root follows</h1>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(6)',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
];

test('hostile names and urls render as inert text', async ({ page }) => {
  await openSite(page);
  const scriptsBefore = await page.evaluate(() => document.scripts.length);
  await pasteLock(page, hostile);
  await expect(page.getByTestId('status')).toContainText('the pasted text');

  const text = await treeText(page);
  for (const name of namesInLock) expect(text).toContain(name);
  await expect(page.locator('[role=treeitem]')).toHaveCount(namesInLock.length);
  // Not one element of the markup in the lock made it into the page.
  await expect(page.locator('main :is(img, svg, iframe, h1, b, i, script)')).toHaveCount(0);
  expect(await page.evaluate(() => document.scripts.length)).toBe(scriptsBefore);

  // Every input's details: links, if any, are https only (but the page's own, to its parts).
  for (const row of await page.locator('[role=treeitem]').all()) {
    await row.click();
    await expect(page.getByTestId('details').locator('dl')).toBeVisible();
    for (const href of await page.locator('a:not([href^="#"])').evaluateAll((links) => links.map((a) => a.href))) {
      expect(href).toMatch(/^https:\/\//);
    }
  }
  // The fixture fails the test if any dialog (an alert) opened.
});

test('a link whose source is full of markup shows it as text', async ({ page }) => {
  const markup = '<img src=x onerror=alert(1)>';
  // Should the address be fetched, the answer is markup too.
  await fakeNetwork(page, (route) => route.fulfill(rawFile(`<html>${markup}</html>`)));
  await page.goto(`/#src=https://example.org/${encodeURIComponent(markup)}/flake.lock`);
  await expect(page.getByTestId('error')).toContainText(
    `Could not show https://example.org/${markup}/flake.lock: the server sent a web page, not a flake.lock.`,
  );
  await expect(page.locator('img')).toHaveCount(0);
});
