// A lock that cannot be read: the engine's message, where it went wrong, and the last
// good tree still on screen.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { test, corpusTest, expect, openSite, pasteLock, treeText, repoFile, corpusDirs } from './lockscope.js';

test('a truncated lock says where the JSON breaks and keeps the tree', async ({ page }) => {
  await openSite(page);
  const before = await treeText(page);
  const own = repoFile('flake.lock');
  await pasteLock(page, own.slice(0, Math.floor(own.length / 2)));
  const error = page.getByTestId('error');
  await expect(error).toContainText('Could not show the pasted text: not a JSON document');
  await expect(error).toContainText(/line \d+, column \d+/);
  await expect(error).toContainText("Still showing this site's flake.lock.");
  expect(await treeText(page)).toBe(before);
  await expect(page.getByTestId('status')).toContainText("this site's flake.lock");
});

// Nix rejects locks of versions 1 to 4; its message is beside each of them.
const rejected = corpusDirs()
  .filter((dir) => existsSync(path.join(dir, 'metadata.err')));

corpusTest('the corpus has locks Nix rejects', () => {
  expect(rejected.length).toBeGreaterThan(0);
});

for (const dir of rejected) {
  corpusTest(`${path.basename(dir)}: rejected with Nix's words`, async ({ page }) => {
    await openSite(page);
    const before = await treeText(page);
    await pasteLock(page, readFileSync(path.join(dir, 'flake.lock'), 'utf8'));
    const nixSays = readFileSync(path.join(dir, 'metadata.err'), 'utf8').trim().replace(/^error: /, '');
    await expect(page.getByTestId('error')).toContainText(nixSays);
    expect(await treeText(page)).toBe(before);
  });
}

test('a good lock after a bad one clears the error', async ({ page }) => {
  await openSite(page);
  await pasteLock(page, '{"version": 7');
  await expect(page.getByTestId('error')).toBeVisible();
  await pasteLock(page, repoFile('flake.lock'));
  await expect(page.getByTestId('status')).toContainText('the pasted text');
  await expect(page.getByTestId('error')).toHaveCount(0);
});
