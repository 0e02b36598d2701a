import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createEngine } from '../../src/bot/engine';
import { buildServer } from '../../src/server/build-server';
import { MemorySessionStore } from '../../src/sessions';
import { catalogue } from '../bot/transcript-helpers';

/** Debian's chromium, driven by playwright-core (no browser download: these machines have no internet). */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the tests leave screenshots (gitignored). */
export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');

/**
 * A browser suite, or, without chromium, one test that says it skipped — and fails under CI=true, where
 * `.ci/run` installs chromium.
 */
export function describeBrowser(suite: string, body: () => void): void {
  if (fs.existsSync(CHROMIUM)) {
    describe(suite, body);
    return;
  }
  describe(suite, () => {
    it(`skipped: ${CHROMIUM} not found`, () => {
      if (process.env.CI === 'true')
        throw new Error(`${CHROMIUM} not found: CI must install it (apt-get install -y chromium)`);
      console.warn(`skipped: ${CHROMIUM} not found`);
    });
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface RunningBot {
  url: string;
  close(): Promise<void>;
}

/** The server as `npm start` builds it (the seed content, sessions in memory), on a free local port. */
export async function startBot(): Promise<RunningBot> {
  const store = new MemorySessionStore();
  const app = buildServer({
    catalogue,
    engine: (log) => createEngine({ catalogue, store, log }),
    // Every test walks its own conversations quickly; the limit is tested in tests/server/.
    chatPerMinute: 1000,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

/** What went wrong in a page that nobody saw: console errors (CSP violations among them), exceptions, dialogs. */
export function watch(page: Page): { problems: string[]; dialogs: string[] } {
  const seen = { problems: [] as string[], dialogs: [] as string[] };
  page.on('console', (message) => {
    if (message.type() === 'error') seen.problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return seen;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** A page or the widget's iframe: where the chat is. */
export interface ChatScope {
  locator(selector: string): Locator;
}

/** The text of every bot message shown, in order. */
export function botTexts(chat: ChatScope): Promise<string[]> {
  return chat.locator('.from-bot > p').allTextContents();
}

/** Waits until the bot has answered after `before` messages, and returns the new ones. */
export async function answerAfter(chat: ChatScope, before: number): Promise<string[]> {
  await chat.locator('.from-bot').nth(before).waitFor();
  await chat.locator('#typing').waitFor({ state: 'hidden' });
  return (await botTexts(chat)).slice(before);
}

/** Types a question, presses Enter and returns the answer. */
export async function ask(chat: ChatScope, text: string): Promise<string[]> {
  const before = await chat.locator('.from-bot').count();
  await chat.locator('#input').fill(text);
  await chat.locator('#input').press('Enter');
  return answerAfter(chat, before);
}

/** Taps a chip of the last answer (the only ones that can be pressed) and returns the answer. */
export async function tap(chat: ChatScope, label: string | RegExp): Promise<string[]> {
  const before = await chat.locator('.from-bot').count();
  await chat.locator('.chip:enabled').filter({ hasText: label }).first().click();
  return answerAfter(chat, before);
}
