import { centerValues } from '../content/center-text';
import type { Center, MessageKey, Messages } from '../content/schema';

/** Fills the bot's sentences from data/messages.yaml: the center profile's placeholders and the caller's. */
export type Say = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function createSay(messages: Messages, center: Center): Say {
  const profile = centerValues(center);
  return (key, vars = {}) =>
    messages[key].replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
      if (name in vars) return String(vars[name]);
      if (name in profile) return profile[name as keyof typeof profile] ?? messages.unconfirmed;
      return whole;
    });
}
