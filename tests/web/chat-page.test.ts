import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { catalogue, procedure, say, titleOf } from '../bot/transcript-helpers';
import {
  answerAfter,
  ask,
  botTexts,
  describeBrowser,
  launchBrowser,
  screenshot,
  startBot,
  tap,
  watch,
  type RunningBot,
} from './browser';

/** The web chat in a real browser: what a citizen on a phone or at a desk sees and does. */
describeBrowser('the web chat page', () => {
  let bot: RunningBot;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watch>;

  beforeAll(async () => {
    [bot, browser] = await Promise.all([startBot(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    page = await context.newPage();
    seen = watch(page);
  });
  afterEach(async () => {
    await context.close();
  });

  const greeting = () => [`${say('greeting')}\n${say('what_i_do')}`, say('menu_prompt')];
  const license = procedure('doi-giay-phep-lai-xe');

  /** Opens the chat as a first-time visitor and waits for the greeting. */
  async function open(query = ''): Promise<void> {
    await page.goto(`${bot.url}/${query}`);
    expect(await answerAfter(page, 0)).toEqual(greeting());
  }

  /** Nothing went wrong unseen: no console error (a CSP violation is one), no exception, no dialog. */
  function expectQuiet(): void {
    expect(seen.problems).toEqual([]);
    expect(seen.dialogs).toEqual([]);
  }

  it('greets a first visitor and answers a question typed without diacritics with the fee', async () => {
    await open();
    await expect(page.locator('h1').textContent()).resolves.toContain(catalogue.center.name);
    const answer = await ask(page, 'doi giay phep lai xe het bn tien');
    expect(answer[0]!.split('\n')[0]).toBe(`${say('section_fee')} — ${titleOf(license)}`);
    expect(answer[0]).toContain('135.000 đồng');
    await expect(page.locator('.from-user > p').allTextContents()).resolves.toEqual([
      'doi giay phep lai xe het bn tien',
    ]);
    // The official record opens in a new tab, without telling it where the citizen came from.
    const link = page.locator('.from-bot a').last();
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/dichvucong\.gov\.vn\//);
    // Large text for older citizens: 18 px or more.
    expect(
      parseFloat(String(await page.evaluate('getComputedStyle(document.body).fontSize'))),
    ).toBeGreaterThanOrEqual(18);
    await screenshot(page, 'web-chat-mobile');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'web-chat-desktop');
    expectQuiet();
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await open();
    await ask(page, 'doi giay phep lai xe');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    await expect(page.locator('#input').isVisible()).resolves.toBe(true);
    await screenshot(page, 'web-chat-320');
    expectQuiet();
  });

  it("sends a chip's action when it is tapped; only the last answer's chips can be pressed", async () => {
    await open();
    const answer = await tap(page, say('button_center'));
    expect(answer).toEqual([say('center_info')]);
    await expect(page.locator('.from-user > p').allTextContents()).resolves.toEqual([say('button_center')]);
    // The menu's chips stay on the page, but pressing an old one is not possible.
    await expect(page.locator('.msg').nth(1).locator('.chip:enabled').count()).resolves.toBe(0);
    expectQuiet();
  });

  it('walks a checklist to its summary', async () => {
    await open();
    await ask(page, 'doi giay phep lai xe');
    let answer = await tap(page, say('section_checklist'));
    // A question with its answers as chips (the README shows this one: docs/web-chat-mobile.png).
    await screenshot(page, 'web-chat-mobile-checklist');
    const summary = say('checklist_summary', { procedure: titleOf(license) });
    for (let step = 0; step < 12 && !answer.some((t) => t.startsWith(summary)); step++) {
      // The first choice each time: a motorbike licence, a Vietnamese citizen, "Có rồi" for every document.
      answer = await tap(page, (await page.locator('.chip:enabled').first().textContent())!);
    }
    const text = answer.find((t) => t.startsWith(summary));
    expect(text).toBeDefined();
    expect(text).toContain('✓');
    await screenshot(page, 'web-chat-mobile-summary');
    expectQuiet();
  });

  it('keeps the conversation and the user across a reload; "Bắt đầu lại" clears it', async () => {
    await open();
    await ask(page, 'lam ly lich tu phap o dau');
    const before = await botTexts(page);
    const user = await page.evaluate("localStorage.getItem('motcua.user')");
    expect(user).toMatch(/^web-[0-9a-f]{16}$/);

    await page.reload();
    await page
      .locator('.from-bot')
      .nth(before.length - 1)
      .waitFor();
    expect(await botTexts(page)).toEqual(before);
    expect(await page.evaluate("localStorage.getItem('motcua.user')")).toBe(user);
    // Put back without being read out again, and new messages are announced as before.
    expect(await page.locator('#log').getAttribute('aria-live')).toBe('polite');
    // The last answer's chips work again, and a follow-up goes on in the same session.
    expect(await page.locator('.chip:enabled').count()).toBeGreaterThan(0);
    expect(await tap(page, say('section_fee'))).toHaveLength(1);

    await page.getByRole('button', { name: 'Bắt đầu lại' }).click();
    await page.locator('#typing').waitFor({ state: 'hidden' });
    await page.locator('.from-bot').nth(1).waitFor();
    expect(await botTexts(page)).toEqual(greeting());
    await expect(page.locator('.from-user').count()).resolves.toBe(0);
    await page.reload();
    await page.locator('.from-bot').nth(1).waitFor();
    expect(await botTexts(page)).toEqual(greeting());
    expectQuiet();
  });

  it('shows what a user types as text, never as HTML', async () => {
    await open();
    const typed = ['<script>alert(1)</script>', '<img src=x onerror="alert(2)"><b>đậm</b>'];
    for (const text of typed) await ask(page, text);
    await expect(page.locator('.from-user > p').allTextContents()).resolves.toEqual(typed);
    await expect(page.locator('#log script, #log img, #log b').count()).resolves.toBe(0);
    // Reloaded from storage, it is still text.
    await page.reload();
    await page.locator('.from-user').nth(1).waitFor();
    await expect(page.locator('.from-user > p').allTextContents()).resolves.toEqual(typed);
    await expect(page.locator('#log script, #log img, #log b').count()).resolves.toBe(0);
    expectQuiet();
  });

  it('works with the keyboard only: Tab to the box, type, Enter, Tab to a chip, Enter', async () => {
    await open();
    const focused = () => page.evaluate('document.activeElement && document.activeElement.id');
    // The first Tab reaches a link that leads past the menu's chips to the box to type in.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Đến ô nhập câu hỏi');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('input');
    const before = await page.locator('.from-bot').count();
    await page.keyboard.type('doi giay phep lai xe het bn tien');
    await page.keyboard.press('Enter');
    const answer = await answerAfter(page, before);
    expect(answer[0]).toContain('135.000 đồng');

    const onChip = () => page.evaluate("document.activeElement.classList.contains('chip')");
    for (let i = 0; i < 40 && !(await onChip()); i++) await page.keyboard.press('Tab');
    expect(await onChip()).toBe(true);
    // Focus is visible.
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    const label = String(await page.evaluate('document.activeElement.textContent'));
    const count = await page.locator('.from-bot').count();
    await page.keyboard.press('Enter');
    expect((await answerAfter(page, count)).length).toBeGreaterThan(0);
    await expect(page.locator('.from-user > p').last().textContent()).resolves.toBe(label);
    // The pressed chip is gone from the tab order; the keyboard user is back at the box to type in.
    expect(await focused()).toBe('input');
    expectQuiet();
  });

  it('answers a failed send with a polite line and gives the text back', async () => {
    await open();
    const lines = (await page.evaluate("({ ...document.getElementById('chat').dataset })")) as Record<
      string,
      string
    >;
    const cases: [string, (route: Route) => Promise<void>][] = [
      ['errorBusy', (route) => route.fulfill({ status: 429, json: { error: 'rate_limited', message: '…' } })],
      [
        'errorTooLong',
        (route) => route.fulfill({ status: 413, json: { error: 'payload_too_large', message: '…' } }),
      ],
      [
        'errorServer',
        (route) => route.fulfill({ status: 500, json: { error: 'internal_error', message: '…' } }),
      ],
      ['errorNetwork', (route) => route.abort()],
    ];
    for (const [key, handler] of cases) {
      await page.route('**/api/chat', handler);
      await page.locator('#input').fill('so do');
      await page.locator('#input').press('Enter');
      await page.locator('#error:not(:empty)').waitFor();
      expect(await page.locator('#error').textContent()).toBe(lines[key]);
      expect(await page.locator('#input').inputValue()).toBe('so do');
      await expect(page.locator('.from-user').count()).resolves.toBe(0);
      await page.unroute('**/api/chat');
    }
    // Sent again once the server answers: the line goes away.
    await page.locator('#input').press('Enter');
    await answerAfter(page, 2);
    expect(await page.locator('#error').textContent()).toBe('');
    expect(seen.dialogs).toEqual([]);
  });

  it('is served with its CSP and weighs under 100 KB in all', async () => {
    const bytes = new Map<string, number>();
    page.on('response', async (response) => {
      if (!response.url().includes('/api/')) bytes.set(response.url(), (await response.body()).length);
    });
    const response = await page.goto(`${bot.url}/`);
    expect(response!.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');
    await answerAfter(page, 0);
    await page.waitForLoadState('networkidle');
    const total = [...bytes.values()].reduce((a, b) => a + b, 0);
    expect([...bytes.keys()].map((u) => new URL(u).pathname).sort()).toEqual([
      '/',
      '/chat.css',
      '/chat.js',
      '/favicon.svg',
    ]);
    expect(total).toBeLessThan(100 * 1024);
    expectQuiet();
  });
});
