import { createHash, randomBytes } from 'node:crypto';

/**
 * The first token pair: the OA's admin consents in a browser (OAuth v4 with PKCE S256, channels.md A2), Zalo
 * redirects to the app's callback URL with `?code=…`, and the code (single-use, 10 minutes) is exchanged
 * for the pair. `motcua zalo authorize` prints the consent link; `motcua zalo token` exchanges the code.
 */

/** A PKCE code verifier: 43 characters of base64url (32 random bytes). */
export function newCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** S256: base64url of the SHA-256 of the verifier. */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** The page where the OA's admin grants the app access to the OA. */
export function permissionUrl(
  oauthRoot: string,
  appId: string,
  redirectUri: string,
  verifier: string,
  state: string,
): string {
  const url = new URL(`${oauthRoot}/v4/oa/permission`);
  url.searchParams.set('app_id', appId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('code_challenge', codeChallenge(verifier));
  url.searchParams.set('state', state);
  return url.href;
}
