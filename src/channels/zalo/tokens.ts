import type { ChannelLog } from '../channel-log';
import type { ChannelMetrics } from '../channel-metrics';
import { RefreshError, type TokenPair } from './api';
import { NoTokensError, TokenWriteError, type TokenStore } from './token-store';

/** Renew this long before the access token expires (it lives 25 h). */
const RENEW_BEFORE_MS = 60 * 60 * 1000;

export interface TokensOptions {
  store: TokenStore;
  /** Spends a refresh token for a new pair (the OAuth call). */
  refresh: (refreshToken: string) => Promise<TokenPair>;
  log: ChannelLog;
  now?: () => number;
  metrics?: ChannelMetrics;
}

/** Why no access token can be had; the sender logs it and gives up the message. */
export class TokensUnavailableError extends Error {
  override readonly name = 'TokensUnavailableError';
}

/**
 * The access token for each call: renewed shortly before it expires, and after Zalo rejects it (-216/-220).
 * In this process one renewal runs at a time and every sender that needs it waits for the same one; across
 * processes the store's lock does the same. A refresh token Zalo refused is not tried again — only the
 * operator can give a new pair — and the operator is told once, clearly.
 */
export class Tokens {
  private renewing: { stale: string; work: Promise<TokenPair> } | null = null;
  /** The refresh token Zalo refused, with the reason: nothing works until a new pair comes. */
  private refused: { refreshToken: string; reason: string } | null = null;
  /** A refreshed pair Redis would not store (`TokenWriteError`): used here while the store holds the old one. */
  private unsaved: { replaced: string; pair: TokenPair } | null = null;
  private readonly now: () => number;

  constructor(private readonly options: TokensOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Why no message can be sent now (the refresh token was refused), or null. */
  problem(): string | null {
    return this.refused ? `${REFUSED_SHORT}: ${this.refused.reason}` : null;
  }

  /** The access token to use now, renewed first when it is about to expire. */
  async accessToken(): Promise<string> {
    let pair = await this.options.store.get();
    if (!pair) throw new TokensUnavailableError(NO_TOKENS);
    if (this.unsaved?.replaced === pair.accessToken) pair = this.unsaved.pair;
    else this.unsaved = null;
    // A new pair in the store (the operator's, through another instance): the refusal is history.
    if (this.refused && this.refused.refreshToken !== pair.refreshToken) this.refused = null;
    if (pair.expiresAt !== null && pair.expiresAt - this.now() < RENEW_BEFORE_MS) {
      try {
        return (await this.renew(pair.accessToken)).accessToken;
      } catch (error: unknown) {
        // The old token may still work for the hour left: use it, the next call tries again.
        if (pair.expiresAt > this.now()) return pair.accessToken;
        throw error;
      }
    }
    return pair.accessToken;
  }

  /** A new access token after Zalo rejected `stale`; the same one for every caller that saw it rejected. */
  async renew(stale: string): Promise<TokenPair> {
    if (this.renewing?.stale === stale) return this.renewing.work;
    const work = this.renewOnce(stale).finally(() => {
      if (this.renewing?.work === work) this.renewing = null;
    });
    this.renewing = { stale, work };
    return work;
  }

  private async renewOnce(stale: string): Promise<TokenPair> {
    try {
      return await this.options.store.renew(stale, async (refreshToken) => {
        if (this.refused?.refreshToken === refreshToken)
          throw new TokensUnavailableError(`${REFUSED}: ${this.refused.reason}`);
        try {
          const fresh = await this.options.refresh(refreshToken);
          this.options.metrics?.tokenRefresh('zalo', 'ok');
          this.options.log.info({ channel: 'zalo' }, 'zalo: access token refreshed');
          return fresh;
        } catch (error: unknown) {
          this.options.metrics?.tokenRefresh(
            'zalo',
            error instanceof RefreshError && error.refused ? 'refused' : 'failed',
          );
          if (error instanceof RefreshError && error.refused) {
            this.refused = { refreshToken, reason: error.message };
            this.options.log.error({ channel: 'zalo', reason: error.message }, `zalo: ${REFUSED}`);
            throw new TokensUnavailableError(`${REFUSED}: ${error.message}`);
          }
          throw error;
        }
      });
    } catch (error: unknown) {
      if (error instanceof NoTokensError) throw new TokensUnavailableError(NO_TOKENS);
      if (error instanceof TokenWriteError) {
        this.options.log.error(
          { channel: 'zalo', error: error.message },
          'zalo: the refreshed token pair is kept in this process only; other instances will fail to refresh ' +
            '— if Zalo stops answering, set a new pair (README, "Zalo")',
        );
        this.unsaved = { replaced: stale, pair: error.pair };
        return error.pair;
      }
      throw error;
    }
  }
}

const NO_TOKENS =
  'no Zalo token pair: set ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN (README, "Zalo: the first tokens")';
const REFUSED_SHORT = 'refresh token refused; set a new pair (ZALO_ACCESS_TOKEN, ZALO_REFRESH_TOKEN)';
const REFUSED =
  'the refresh token was refused (expired, revoked or already spent) — the bot cannot answer on Zalo until ' +
  'a new pair is set in ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN and the bot restarted (README, "Zalo: the first tokens")';
