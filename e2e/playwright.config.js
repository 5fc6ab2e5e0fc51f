// The browser tests run Debian's chromium (never a downloaded browser) against the
// release site in ../dist, served by scripts/serve-site: the real server, headers and all.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.LOCKSCOPE_E2E_PORT ?? 8092);
const baseURL = `http://127.0.0.1:${port}/`;

export default defineConfig({
  testDir: './tests',
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores here: one browser at a time per core.
  workers: 2,
  reporter: 'list',
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.LOCKSCOPE_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    },
  },
  webServer: {
    command: `../scripts/serve-site ../dist --port ${port}`,
    url: baseURL,
    reuseExistingServer: false,
    stdout: 'pipe',
    timeout: 30_000,
  },
});
