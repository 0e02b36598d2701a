import path from 'node:path';
import type { Catalogue } from '../content/catalogue';
import { STALE_AFTER_DAYS } from '../content/file-checks';

/** A guide or FAQ entry staff should look at: a draft, or not checked for more than 180 days. */
export interface StaleItem {
  kind: 'procedure' | 'faq';
  id: string;
  title: string;
  status: 'draft' | 'checked';
  checkedAt: string;
  /** Whole days from checked_at to the report's now. */
  daysSinceCheck: number;
  isStale: boolean;
  isDraft: boolean;
  /** The file it is written in, from its content directory's name ("data/procedures/…/x.yaml"). */
  file: string | null;
}

const DAY_MS = 86_400_000;

/** A content file from its directory's name: short, and still telling the seed from an import. */
function shortPath(catalogue: Catalogue, file: string): string {
  const dir = catalogue.dirs.find((d) => !path.relative(d, file).startsWith('..'));
  return dir ? path.join(path.basename(dir), path.relative(dir, file)) : file;
}

/**
 * Drafts and content whose `checked_at` is more than 180 days before `now` (the same rule as
 * `content check`), the longest unchecked first.
 */
export function staleContent(catalogue: Catalogue, now: Date): StaleItem[] {
  const items = [
    ...catalogue.procedures.map((p) => ({
      kind: 'procedure' as const,
      ref: p.id,
      title: p.plain_title ?? p.title,
      item: p,
    })),
    ...catalogue.faq.map((f) => ({ kind: 'faq' as const, ref: `faq:${f.id}`, title: f.question, item: f })),
  ];
  const found: StaleItem[] = [];
  for (const { kind, ref, title, item } of items) {
    const days = Math.floor((now.getTime() - Date.parse(item.checked_at)) / DAY_MS);
    const isStale = days > STALE_AFTER_DAYS;
    const isDraft = item.status === 'draft';
    if (!isStale && !isDraft) continue;
    const absolute = catalogue.fileOf.get(kind === 'faq' ? ref : `procedure:${item.id}`);
    const file = absolute ? shortPath(catalogue, absolute) : null;
    found.push({
      kind,
      id: item.id,
      title,
      status: item.status,
      checkedAt: item.checked_at,
      daysSinceCheck: days,
      isStale,
      isDraft,
      file,
    });
  }
  return found.sort((a, b) => b.daysSinceCheck - a.daysSinceCheck || a.id.localeCompare(b.id));
}
