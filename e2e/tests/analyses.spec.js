// The engine's analyses in the page: worked out by a worker that is fetched only once the tree
// is on screen; findings, duplicated sources flagged in the tree, and the follows lines that
// remove them, copied to the clipboard.
import { test, corpusTest, expect, expectConsoleErrors, openSite, pasteLock, corpus, copyWith } from './lockscope.js';

// The smallest corpus lock in which some source is locked more than once at different
// revisions (its metadata shows the same repository on several lines).
function lockWithDuplicates() {
  return corpus().find((lock) => {
    const repos = [...lock.metadata.matchAll(/: github:([^/]+\/[^/]+)\/([0-9a-f]{40})/g)];
    const revisions = new Map();
    for (const [, repo, rev] of repos) revisions.set(repo, new Set([...(revisions.get(repo) ?? []), rev]));
    return [...revisions.values()].some((revs) => revs.size > 1);
  });
}

corpusTest('duplicates are flagged in the tree and their follows lines copy', async ({ page }) => {
  const lock = lockWithDuplicates();
  expect(lock, 'the corpus has a lock with duplicated sources').toBeTruthy();
  await openSite(page);
  await pasteLock(page, lock.lock);

  const duplicates = page.getByTestId('duplicates');
  await expect(duplicates).toContainText('copies');
  await expect(page.locator('[role=treeitem].duplicate').first()).toBeVisible();
  const lines = await page.getByTestId('suggestions').innerText();
  expect(lines).toMatch(/^inputs\.[^\n]+\.follows = "[^"]+";/);
  expect(await copyWith(page, duplicates, 'Copy the lines')).toBe(lines);
});

corpusTest('findings name the input and lead to it in the tree', async ({ page }) => {
  const lock = lockWithDuplicates();
  await openSite(page);
  await pasteLock(page, lock.lock);
  const findings = page.getByTestId('findings');
  await expect(findings.locator('.finding').first()).toBeVisible();
  const show = findings.getByRole('button', { name: /^Show .+ in the tree$/ }).first();
  const path = (await show.innerText()).replace(/^Show (.+) in the tree$/, '$1');
  await page.getByLabel('Filter by name').fill('no input is named like this');
  await show.click();
  await expect(page.locator('[role=treeitem]:focus')).toBeVisible();
  await expect(page.getByTestId('details').locator('h2')).toHaveText(path);
  // The filter that hid it is gone, from the field too.
  await expect(page.getByLabel('Filter by name')).toHaveValue('');
});

/** The address that starts the analyser's worker (public/worker.js, src/workers.rs). */
const analyserStart = /\/worker\.js\?analysis-worker$/;

test('the analyser is fetched only once the tree is on screen, and answers', async ({ page }) => {
  // Whether the tree was on screen when the page asked for the analyser's script.
  const treeShown = [];
  await page.route(analyserStart, async (route) => {
    treeShown.push(await page.evaluate(() => performance.getEntriesByName('lockscope:tree-shown').length > 0));
    await route.continue();
  });
  await openSite(page);
  await expect(page.getByTestId('findings').getByText('Checking…')).toHaveCount(0);
  await expect(page.getByTestId('duplicates').getByText('Looking for duplicates…')).toHaveCount(0);
  expect(treeShown).toEqual([true]);
});

test('an analyser that cannot load is said, not awaited for ever', async ({ page }) => {
  await page.route(analyserStart, (route) => route.abort());
  expectConsoleErrors(page, /Failed to load resource|analysis-worker/);
  await openSite(page);
  await expect(page.locator('[role=treeitem]').first()).toBeVisible();
  for (const panel of ['findings', 'duplicates']) {
    await expect(page.getByTestId(panel).getByRole('alert')).toHaveText(
      'The checks could not run: the analyser did not load or stopped. Reload the page to try again.',
    );
  }
});
