import axios, { type AxiosInstance } from 'axios';
import type { ZaloMessage } from './render';

/** How a call to the OA API ended, by Zalo's `error` code (HTTP is 200 even on errors: channels.md A4). */
export type SendOutcome =
  | { kind: 'ok' }
  /** -216 / -220: the access token is invalid or expired: refresh it and try once more. */
  | { kind: 'token'; code: number; description: string }
  /** -32 (or HTTP 429): too many calls; wait and retry, bounded. */
  | { kind: 'rate'; description: string }
  /**
   * -230 / -232 / -213: the user has not written for 7 days, or does not follow the OA: no message can reach
   * them until they write again; retrying cannot help.
   */
  | { kind: 'unreachable'; code: number; description: string }
  /** -201 / -233…: Zalo refuses this message (its shape, a button); retrying the same cannot help. */
  | { kind: 'refused'; code: number; description: string }
  /**
   * A lost connection, a timeout, an HTTP 5xx: worth a retry with backoff. `unsent`: certainly not delivered
   * (no connection was made, or Zalo answered 5xx), so the message may be sent again without showing twice.
   */
  | { kind: 'transient'; description: string; unsent: boolean };

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ms since epoch); null when unknown (a pair from the operator). */
  expiresAt: number | null;
}

/** The OAuth server's answer to a refresh that did not give a pair. */
export class RefreshError extends Error {
  override readonly name = 'RefreshError';
  constructor(
    message: string,
    /** True when Zalo refused the refresh token itself (spent, expired, revoked): only a new pair helps. */
    readonly refused: boolean,
  ) {
    super(message);
  }
}

export interface ZaloApiOptions {
  apiRoot: string;
  oauthRoot: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
}

const UNREACHABLE = new Set([-230, -232, -213]);
const TOKEN = new Set([-216, -220]);
/** Errors raised before a connection exists: the request never left. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * The two endpoints the bot calls, over axios: the customer-service message of OA API v3 (header
 * `access_token`, JSON body) and the OAuth v4 token refresh (form body, header `secret_key`). Nothing here
 * logs or puts a token or a secret in an error message; axios errors (whose config holds the headers) are
 * turned into short descriptions.
 */
export class ZaloApi {
  private readonly http: AxiosInstance;

  constructor(private readonly options: ZaloApiOptions) {
    this.http = axios.create({
      timeout: options.timeoutMs ?? 15_000,
      // Zalo answers 200 with an error code; other statuses are read here too, never thrown.
      validateStatus: () => true,
      maxRedirects: 0,
      // A reply is a few hundred bytes; a huge one is not Zalo.
      maxContentLength: 1024 * 1024,
    });
  }

  async sendMessage(
    accessToken: string,
    userId: string,
    message: ZaloMessage,
    signal?: AbortSignal,
  ): Promise<SendOutcome> {
    const body = {
      recipient: { user_id: userId },
      message: {
        text: message.text,
        ...(message.buttons?.length
          ? { attachment: { type: 'template', payload: { buttons: message.buttons } } }
          : {}),
      },
    };
    let response;
    try {
      response = await this.http.post(`${this.options.apiRoot}/v3.0/oa/message/cs`, body, {
        headers: { access_token: accessToken, 'Content-Type': 'application/json' },
        ...(signal ? { signal } : {}),
      });
    } catch (error: unknown) {
      return { kind: 'transient', description: describe(error), unsent: neverConnected(error) };
    }
    if (response.status === 429) return { kind: 'rate', description: 'HTTP 429' };
    // 503: the service did not take it. Another 5xx (a gateway's 502/504) may come after Zalo took the
    // message: not repeated, so that no one reads an answer twice.
    if (response.status >= 500)
      return { kind: 'transient', description: `HTTP ${response.status}`, unsent: response.status === 503 };
    const data = response.data as { error?: unknown; message?: unknown } | null;
    const code = typeof data?.error === 'number' ? data.error : Number(data?.error);
    if (response.status !== 200 || !Number.isFinite(code))
      return { kind: 'refused', code: 0, description: `HTTP ${response.status}, no error code` };
    if (code === 0) return { kind: 'ok' };
    const description = `${code}: ${typeof data?.message === 'string' ? data.message.slice(0, 200) : ''}`;
    if (TOKEN.has(code)) return { kind: 'token', code, description };
    if (code === -32) return { kind: 'rate', description };
    if (UNREACHABLE.has(code)) return { kind: 'unreachable', code, description };
    return { kind: 'refused', code, description };
  }

  /** Spends `refreshToken` for a new pair (it is single-use: see `tokens.ts` for who may call this). */
  async refresh(refreshToken: string, now = Date.now()): Promise<TokenPair> {
    return this.tokenRequest(
      { refresh_token: refreshToken, app_id: this.options.appId, grant_type: 'refresh_token' },
      'token refresh',
      now,
    );
  }

  /** The first pair, for the code the OA's admin got by consenting (`motcua zalo token`; PKCE verifier). */
  async exchangeCode(code: string, codeVerifier: string, now = Date.now()): Promise<TokenPair> {
    return this.tokenRequest(
      { code, app_id: this.options.appId, grant_type: 'authorization_code', code_verifier: codeVerifier },
      'code exchange',
      now,
    );
  }

  /** `POST /v4/oa/access_token` (form body, header `secret_key`): a pair, or a RefreshError saying why not. */
  private async tokenRequest(fields: Record<string, string>, what: string, now: number): Promise<TokenPair> {
    let response;
    try {
      response = await this.http.post(
        `${this.options.oauthRoot}/v4/oa/access_token`,
        new URLSearchParams(fields).toString(),
        {
          headers: {
            secret_key: this.options.appSecret,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
        },
      );
    } catch (error: unknown) {
      throw new RefreshError(`${what} failed: ${describe(error)}`, false);
    }
    const data = (response.data ?? {}) as Record<string, unknown>;
    const access = data.access_token;
    const refresh = data.refresh_token;
    // "90000" in Zalo's own example: a string of seconds.
    const expiresIn = Number(data.expires_in);
    if (
      response.status === 200 &&
      typeof access === 'string' &&
      access &&
      typeof refresh === 'string' &&
      refresh
    )
      return {
        accessToken: access,
        refreshToken: refresh,
        expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : null,
      };
    // A server error or a rate limit says nothing of the token: try again later.
    if (response.status >= 500 || response.status === 429)
      throw new RefreshError(`${what} failed: HTTP ${response.status}`, false);
    const reason = [data.error, data.error_name, data.error_description ?? data.error_reason ?? data.message]
      .filter((part) => part !== undefined && part !== null && part !== '')
      .map((part) => String(part).slice(0, 200))
      .join(' — ');
    throw new RefreshError(`${what} refused (HTTP ${response.status}): ${reason || 'no reason given'}`, true);
  }
}

/** A network error in a few words: its code and message, never its config (which holds the headers). */
function describe(error: unknown): string {
  if (axios.isAxiosError(error)) {
    if (axios.isCancel(error) || error.code === 'ERR_CANCELED') return 'aborted';
    return `${error.code ?? 'network error'}: ${error.message}`.slice(0, 200);
  }
  return error instanceof Error
    ? `${error.name}: ${error.message}`.slice(0, 200)
    : String(error).slice(0, 200);
}

function neverConnected(error: unknown): boolean {
  const code = axios.isAxiosError(error) ? error.code : undefined;
  return typeof code === 'string' && NOT_CONNECTED.has(code);
}
