// Two locks compared: the change list exactly as Nix printed it for two corpus locks of
// the same repository (diff-from-*.txt), the same changes sorted for reading, and the
// comparison named by the address like a single lock.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  test, corpusTest, expect, openSite, pasteLock, corpusBySource, fakeNetwork, rawFile, fixturesDir,
} from './lockscope.js';

const locks = corpusBySource();

/** A corpus pair: the old and new locks and what Nix printed between them. */
function pair(newName, oldName) {
  if (!locks.has(newName)) return {};
  const golden = readFileSync(path.join(fixturesDir, newName, `diff-from-${oldName}.txt`), 'utf8');
  return { old: locks.get(oldName), new: locks.get(newName), golden };
}

// Updated, added and removed inputs, and follows that changed, in each.
const hyprland = pair('hyprwm__Hyprland__5fd90548dc', 'hyprwm__Hyprland__065e89648b');
const nyx = pair('NotAShelf__nyx__aaf109c3ef', 'NotAShelf__nyx__c7d0ea7e2a');
const nixvim = pair('nix-community__nixvim__31284ddabe', 'nix-community__nixvim__b4a969e90a');

/** `github:owner/repo/commit` for a corpus lock. */
const reference = (lock) => `github:${lock.repo}/${lock.commit}`;

/** Serve the corpus locks at their raw GitHub addresses. */
async function serveCorpus(page) {
  const byUrl = new Map(
    [...locks.values()].map((l) => [`https://raw.githubusercontent.com/${l.repo}/${l.commit}/${l.lockPath}`, l.lock]),
  );
  return fakeNetwork(page, (route) => {
    const lock = byUrl.get(route.request().url());
    return route.fulfill(lock ? rawFile(lock) : rawFile('404: Not Found', 404));
  });
}

/** The counts of Nix's `•` lines by kind. */
function nixCounts(golden) {
  const count = (re) => (golden.match(re) ?? []).length;
  return { all: count(/^• /gm), added: count(/^• Added/gm), removed: count(/^• Removed/gm) };
}

corpusTest('a comparison named by the address shows Nix\'s change list exactly, and the changes sorted', async ({ page }, testInfo) => {
  await serveCorpus(page);
  const hash = `#old=${reference(hyprland.old)}&new=${reference(hyprland.new)}`;
  await page.goto(`/${hash}`);
  const comparison = page.getByTestId('comparison');
  await expect(comparison.getByRole('heading', { level: 2 })).toHaveText(
    `From ${reference(hyprland.old)} to ${reference(hyprland.new)}`,
  );
  expect(await page.getByTestId('nix-diff').textContent()).toBe(hyprland.golden);

  const counts = nixCounts(hyprland.golden);
  const list = page.getByTestId('change-list');
  await expect(list.locator('li')).toHaveCount(counts.all);
  await expect(list.locator('ul.added > li')).toHaveCount(counts.added);
  await expect(list.locator('ul.removed > li')).toHaveCount(counts.removed);
  // An update on GitHub: both revisions, the time gained, and the compare page.
  const hyprutils = list.locator('ul.updated > li', { has: page.locator('code', { hasText: /^hyprutils$/ }) });
  await expect(hyprutils).toContainText('fb0c2d1de3d1 → 6a8bc9d2a445');
  const modified = (lock) => {
    const { nodes, root } = JSON.parse(lock.lock);
    return nodes[nodes[root].inputs.hyprutils].locked.lastModified;
  };
  const days = Math.floor((modified(hyprland.new) - modified(hyprland.old)) / 86400);
  await expect(hyprutils).toContainText(`, ${days} days newer`);
  await expect(hyprutils.getByRole('link', { name: 'compare on its forge' })).toHaveAttribute(
    'href',
    'https://github.com/hyprwm/hyprutils/compare/fb0c2d1de3d1ef7396d19c18ac09e12bd956929e...6a8bc9d2a4451df12f5179dc0b1d2d46518a90ab',
  );
  // A locked input that now follows another.
  await expect(list.locator('ul.follows > li', { hasText: 'hyprland-qtutils/hyprland-qt-support/hyprlang' }))
    .toContainText("→ follows 'hyprland-qtutils/hyprlang'");
  for (const link of await page.locator('a[href]').all()) {
    expect(await link.getAttribute('href')).toMatch(/^https:\/\//);
  }
  await expect(page.getByTestId('share-link')).toHaveValue(new RegExp(`${hash.replace(/[?]/g, '\\?')}$`));

  await page.reload();
  expect(await page.getByTestId('nix-diff').textContent()).toBe(hyprland.golden);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('comparison').screenshot({ path: path.join(testInfo.project.outputDir, 'comparison-view.png') });
});

corpusTest('the compare form compares two refs of a repository, and Back returns to the lock', async ({ page }) => {
  await serveCorpus(page);
  await openSite(page);
  await page.getByLabel('Old lock').fill(reference(nyx.old));
  await page.getByLabel('New lock').fill(reference(nyx.new));
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByTestId('nix-diff')).toBeVisible();
  expect(await page.getByTestId('nix-diff').textContent()).toBe(nyx.golden);
  expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#old=${reference(nyx.old)}&new=${reference(nyx.new)}`);
  await expect(page.getByTestId('tree')).toBeHidden();

  await page.goBack();
  await expect(page.getByTestId('comparison')).toHaveCount(0);
  await expect(page.getByTestId('tree')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText("this site's flake.lock");

  await page.goForward();
  expect(await page.getByTestId('nix-diff').textContent()).toBe(nyx.golden);
  await page.getByRole('button', { name: "Show the new lock's tree" }).click();
  await expect(page.getByTestId('status')).toContainText(`${reference(nyx.new)}: lock version`);
  await expect(page.getByTestId('tree')).toBeVisible();
});

corpusTest('a pasted lock compares against the site\'s own, and says it has no link', async ({ page }) => {
  // The site's own lock is, for this test, the old lock of a corpus pair.
  await page.route(/^http:\/\/127\.0\.0\.1:\d+\/flake\.lock$/, (route) => route.fulfill(rawFile(nixvim.old.lock)));
  await openSite(page);
  await pasteLock(page, nixvim.new.lock);
  await expect(page.getByTestId('status')).toContainText('the pasted text');
  await page.getByLabel('Old lock').fill('self');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByTestId('comparison').getByRole('heading', { level: 2 })).toHaveText(
    "From this site's flake.lock to the pasted text",
  );
  expect(await page.getByTestId('nix-diff').textContent()).toBe(nixvim.golden);
  await expect(page.getByTestId('share-none')).toBeVisible();
  await page.getByRole('button', { name: 'Close the comparison' }).click();
  await expect(page.getByTestId('tree')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('the pasted text');
});

test('the same lock twice has no differences', async ({ page }) => {
  await openSite(page);
  await page.getByLabel('Old lock').fill('self');
  await page.getByLabel('New lock').fill('self');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByTestId('comparison-summary')).toHaveText('No differences: the two locks pin the same inputs.');
  await expect(page.getByTestId('nix-diff')).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('#old=self&new=self');
});

corpusTest('a comparison fits a 360 px wide screen without the page scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await serveCorpus(page);
  await page.goto(`/#old=${reference(hyprland.old)}&new=${reference(hyprland.new)}`);
  await expect(page.getByTestId('nix-diff')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
