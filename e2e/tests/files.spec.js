// Locks from files: chosen with the file picker, or dropped anywhere on the page.
import { test, corpusTest, expect, openSite, repoFile, treeText, corpus } from './lockscope.js';

test('a file chosen from disk is shown', async ({ page }) => {
  await openSite(page);
  await page.getByLabel('Or choose a file:').setInputFiles({
    name: 'other.lock',
    mimeType: 'application/json',
    buffer: Buffer.from(repoFile('flake.lock')),
  });
  await expect(page.getByTestId('status')).toContainText('file other.lock');
});

corpusTest('a file dropped on the page is shown, tree and all', async ({ page }) => {
  const lock = corpus().find((l) => l.metadata.split('\n').length > 10);
  await openSite(page);
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.lock', { type: 'application/json' }));
    return transfer;
  }, lock.lock);
  await page.dispatchEvent('main', 'dragover', { dataTransfer: dropped });
  await page.dispatchEvent('main', 'drop', { dataTransfer: dropped });
  await expect(page.getByTestId('status')).toContainText('file dropped.lock');
  expect(await treeText(page)).toBe(lock.metadata);
});
