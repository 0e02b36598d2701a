/**
 * Records for staff: what citizens asked that the bot could not answer, which clarification they chose, how
 * satisfied they were, when they asked for a staff member. A later issue builds the reports on them.
 */
export type BotEvent =
  | { type: 'unanswered'; channel: string; userKey: string; text: string; closest: string[] }
  | {
      type: 'clarify_chosen';
      channel: string;
      userKey: string;
      text: string;
      offered: string[];
      chosen: string | null;
    }
  | {
      type: 'rating';
      channel: string;
      userKey: string;
      /** 1 = không, 2 = một phần, 3 = có. */
      level: 1 | 2 | 3;
      procedure: string | null;
      decision: 'answer' | 'clarify' | 'fallback' | null;
    }
  | {
      /** What was missing, written after a low rating (recorded apart so that ratings are counted once). */
      type: 'rating_comment';
      channel: string;
      userKey: string;
      level: 1 | 2 | 3;
      procedure: string | null;
      comment: string;
    }
  | { type: 'staff_request'; channel: string; userKey: string; text: string }
  | {
      /**
       * A question the matcher read (no text: what was asked is in `unanswered` when it matters): for the
       * most-asked procedures and aspects, and the share answered.
       */
      type: 'question';
      channel: string;
      userKey: string;
      decision: 'answer' | 'clarify' | 'fallback';
      aspect: string | null;
      /** The procedure or FAQ answered (`procedure:<id>` / `faq:<id>`), or the ones offered to choose from. */
      refs: string[];
    };

/** An event as stored: with its time (ISO 8601) and personal numbers masked in every text. */
export type StoredEvent = BotEvent & { at: string };

export interface EventLog {
  /** Masks personal data in the texts, stamps the time, appends. Never throws on a full disk or lost Redis:
   * it logs and drops (a citizen's answer must not fail because a record could not be written). */
  record(event: BotEvent): Promise<void>;
  /** The events between two times (ISO strings, inclusive), oldest first: for reports and tests. */
  read(from?: string, to?: string): Promise<StoredEvent[]>;
  close(): Promise<void>;
}
