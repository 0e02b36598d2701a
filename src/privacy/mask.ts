import { createHmac } from 'node:crypto';

/**
 * Masks personal data in a citizen's text before it is stored: e-mail addresses, passport-like numbers
 * (a letter and 7–8 digits), phone numbers (0xxxxxxxxx, +84 / 84 forms, 11-digit landlines) and ID numbers
 * (CCCD 12 digits, CMND 9 digits), also written in groups separated by spaces, dots or dashes. Phones keep
 * their last 2 digits and IDs their last 3, so staff can tell two numbers apart without reading them:
 * "sđt 0905 123 489" → "sđt [số điện thoại …89]".
 *
 * Numbers citizens use about procedures stay: years, fees ("1.500.000đ", "150.000.000 đồng"), procedure
 * codes ("1.013978"), dates ("12/3/2025"), counts. Masking is idempotent: masked text masks to itself.
 */
export function maskPersonalData(text: string): string {
  // A placeholder ends the chain of digits a neighbour belonged to ("0905 123 456-0914-222-333"), so the
  // neighbour may be a number of its own: mask until nothing changes. Each pass that changes something
  // removes an '@' or more digits than its placeholders add, so this ends, and the result masks to itself.
  let masked = text;
  for (;;) {
    const next = maskNumbers(maskPassports(maskEmails(masked)));
    if (next === masked) return masked;
    masked = next;
  }
}

/**
 * A short stable key for a user in logs and analytics: the first 16 hex characters of HMAC-SHA256 over
 * channel and user id, keyed by a deployment salt (without the salt, anyone could hash a phone number and
 * find its events).
 */
export function hashUserKey(channel: string, user: string, salt: string): string {
  return createHmac('sha256', salt).update(`${channel}\u0000${user}`).digest('hex').slice(0, 16);
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// \p{M} too: in decomposed (NFD) text a letter may end in a combining mark.
const PASSPORT = /(?<![\p{L}\p{M}\p{N}])[A-Za-z]\d{7,8}(?!\d)/gu;
/** A currency word right after an amount: "150.000.000 đồng", "1.500.000đ", "500.000 VNĐ". */
const CURRENCY_AFTER = /^\s?(?:đồng|đ|vnđ|vnd|dong|d|₫|k|nghìn|ngàn|triệu|tr|tỷ|tỉ)(?![\p{L}\p{M}\p{N}])/iu;

function maskEmails(text: string): string {
  // Most texts hold no '@': skip the pattern, which rescans every word for one.
  return text.includes('@') ? text.replace(EMAIL, '[email]') : text;
}

function maskPassports(text: string): string {
  return text.replace(PASSPORT, (m) => `[số hộ chiếu …${m.slice(-2)}]`);
}

/** At most this many digit groups make one number ("+84 90 512 34 56"). */
const MAX_GROUPS = 6;

type Kind = 'phone' | 'id';

/** A maximal run of ASCII digits in the text. */
interface Run {
  start: number;
  end: number;
  digits: string;
}

/** A personal number found: the span to replace, its placeholder, and the run to go on from. */
interface Found {
  start: number;
  end: number;
  next: number;
  text: string;
}

function placeholder(kind: Kind, digits: string): string {
  return kind === 'phone' ? `[số điện thoại …${digits.slice(-2)}]` : `[số định danh …${digits.slice(-3)}]`;
}

/** What a number written without separators is, by its digits alone; null for an ordinary number. */
function classify(d: string): Kind | null {
  switch (d.length) {
    case 9:
      return 'id'; // CMND
    case 10:
      return d[0] === '0' && d[1] !== '0' ? 'phone' : null;
    case 11:
      // +84 and a 9-digit mobile, or a landline 02x + 8 digits (and old 01x mobiles).
      if (/^84[35789]/.test(d)) return 'phone';
      return /^0[12]/.test(d) ? 'phone' : null;
    case 12:
      // CCCD numbers begin with a province code 001–096; +84 and a 10-digit landline begins 842.
      if (d[0] === '0') return 'id';
      return d.startsWith('842') ? 'phone' : null;
    default:
      return null;
  }
}

function isSeparator(gap: string): boolean {
  return gap === ' ' || gap === '\u00a0' || gap === '.' || gap === '-';
}

/**
 * Whether `mark` (the character between this number and the digit run `neighbour` right next to it) ties
 * the number into a chain like "1.013978" or "G22.49-240115-0012", which is then no phone or ID. Only the
 * number's own separator ties (a single run is tied by a dot or dash), never a space, and a run of 9 digits
 * or more is a number of its own.
 */
function tiedTo(mark: string | undefined, neighbour: Run | undefined, separator: string | null): boolean {
  if (!neighbour || neighbour.digits.length >= 9) return false;
  return separator === null ? mark === '.' || mark === '-' : mark === separator && separator !== ' ';
}

/**
 * Finds the longest personal number that starts at digit run `i`: runs joined by one kind of separator, the
 * first of 1–6 digits and the others of 2–6 (so "0905123456 12" is a phone and a count, not a CCCD), after a
 * country code "84" any grouping.
 */
function numberAt(text: string, runs: readonly Run[], i: number): Found | null {
  const first = runs[i];
  if (!first) return null;
  let digits = first.digits;
  let separator: string | null = null;
  let best: Found | null = null;
  const countryCode = first.digits === '84';
  for (let j = i; j < runs.length && j < i + MAX_GROUPS; j++) {
    const run = runs[j] as Run;
    if (j > i) {
      const previous = runs[j - 1] as Run;
      const gap = text.slice(previous.end, run.start);
      if (countryCode && j === i + 1) {
        // "+84 905…", "(+84) 905…", "(+84)905…": the gap after the code is not the number's separator.
        if (!/^\)?[ \u00a0.-]?$/.test(gap) || run.digits.length > 10) break;
      } else {
        if (!isSeparator(gap) || run.digits.length < 2 || run.digits.length > 6) break;
        if (j === i + 1 && first.digits.length > 6) break;
        const kind = gap === '\u00a0' ? ' ' : gap;
        if (separator !== null && kind !== separator) break;
        separator = kind;
      }
      digits += run.digits;
    }
    const kind = classify(digits);
    if (!kind || isAmount(text, runs, i, j, digits)) continue;
    // A long unbroken number is a number of its own even when a dash or dot ties it to the next one.
    const standalone = i === j && digits.length >= 9;
    const before = runs[i - 1];
    const after = runs[j + 1];
    if (
      !standalone &&
      (tiedTo(text[first.start - 1], before?.end === first.start - 1 ? before : undefined, separator) ||
        tiedTo(text[run.end], after?.start === run.end + 1 ? after : undefined, separator))
    )
      continue;
    let start = first.start;
    if (kind === 'phone' && digits.startsWith('84') && text[start - 1] === '+') {
      start--;
      if (countryCode && text[start - 1] === '(' && text[first.end] === ')') start--;
    }
    best = { start, end: run.end, next: j + 1, text: placeholder(kind, digits) };
  }
  return best;
}

/** "150.000.000 đồng", "120 000 000": an amount of money is not an ID, though it has 9 digits. */
function isAmount(text: string, runs: readonly Run[], i: number, j: number, digits: string): boolean {
  if (digits[0] === '0') return false;
  const last = runs[j] as Run;
  if (j > i && last.digits === '000') return true;
  return CURRENCY_AFTER.test(text.slice(last.end, last.end + 12).normalize('NFC'));
}

function maskNumbers(text: string): string {
  const runs: Run[] = [...text.matchAll(/\d+/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    digits: m[0],
  }));
  const parts: string[] = [];
  let cursor = 0;
  let i = 0;
  while (i < runs.length) {
    const found = numberAt(text, runs, i);
    if (!found) {
      i++;
      continue;
    }
    parts.push(text.slice(cursor, found.start), found.text);
    cursor = found.end;
    i = found.next;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}
