// Real locks, pasted: the page shows the very lines real Nix printed for each of them.
import { test, corpusTest, expect, openSite, pasteLock, treeText, corpus, spreadBySize } from './lockscope.js';

const locks = spreadBySize(corpus(), 24);

// The browser lays out only the lines near the screen (content-visibility), and innerText
// is the text as laid out: a screen tall enough for the biggest tree shows all of it.
test.use({ viewport: { width: 1280, height: 30_000 } });

corpusTest('the corpus sample spans the sizes, the biggest lock included', () => {
  const all = corpus().map((lock) => lock.name);
  const names = locks.map((lock) => lock.name);
  expect(names.length).toBeGreaterThanOrEqual(20);
  expect(names).toContain(all.at(-1));
  expect(names).toContain(all[0]);
});

for (const lock of locks) {
  corpusTest(`${lock.name}: the tree reads as \`nix flake metadata\` prints it`, async ({ page }) => {
    await openSite(page);
    await pasteLock(page, lock.lock);
    await expect(page.getByTestId('status')).toContainText('the pasted text');
    if (lock.metadata === '') {
      await expect(page.getByText('This flake has no inputs.')).toBeVisible();
    }
    expect(await treeText(page)).toBe(lock.metadata);
  });
}
