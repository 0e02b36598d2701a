import { randomBytes } from 'node:crypto';
import { ZaloApi } from '../channels/zalo/api';
import { DEFAULT_OAUTH_ROOT, readRoot } from '../channels/zalo/config';
import { loadDotEnv } from '../config/config';
import { newCodeVerifier, permissionUrl } from '../channels/zalo/authorize';
import { UsageError } from '../errors';
import { parseArgs } from './args';
import type { Output } from './output';

const usage = `cách dùng:
  motcua zalo authorize --redirect-uri <URL callback của ứng dụng>   (cần ZALO_APP_ID)
  motcua zalo token --code <code> --verifier <code verifier>        (cần ZALO_APP_ID, ZALO_APP_SECRET)`;

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new UsageError(`chưa đặt ${name}\n${usage}`);
  return value;
}

/**
 * The first Zalo token pair, for the operator (README, "Zalo"): `authorize` prints the consent link and the
 * PKCE code verifier; `token` exchanges the code from the callback URL for the pair and prints it as the two
 * environment lines to set. Only these two commands ever print a token, to the operator who asked.
 */
export async function zaloCommand(argv: readonly string[], out: Output): Promise<number> {
  const { positional, options } = parseArgs(argv, ['redirect-uri', 'code', 'verifier']);
  loadDotEnv(); // the same settings as the server's
  const problems: string[] = [];
  const oauthRoot = readRoot(
    'ZALO_OAUTH_ROOT',
    process.env.ZALO_OAUTH_ROOT?.trim(),
    DEFAULT_OAUTH_ROOT,
    problems,
  );
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  if (positional[0] === 'authorize' && positional.length === 1) {
    const redirect = options.get('redirect-uri');
    if (typeof redirect !== 'string' || !/^https?:\/\//.test(redirect)) throw new UsageError(usage);
    const verifier = newCodeVerifier();
    const state = randomBytes(8).toString('hex');
    out.line('1. Người quản trị OA mở đường link này (đã đăng nhập Zalo) và bấm đồng ý:');
    out.line(`   ${permissionUrl(oauthRoot, required('ZALO_APP_ID'), redirect, verifier, state)}`);
    out.line(
      `2. Zalo chuyển về ${redirect}?code=…&state=${state}: chép giá trị "code" (hiệu lực 10 phút), rồi chạy:`,
    );
    out.line(`   npx motcua zalo token --code <code> --verifier ${verifier}`);
    return 0;
  }
  if (positional[0] === 'token' && positional.length === 1) {
    const code = options.get('code');
    const verifier = options.get('verifier');
    if (typeof code !== 'string' || typeof verifier !== 'string') throw new UsageError(usage);
    const api = new ZaloApi({
      apiRoot: '',
      oauthRoot,
      appId: required('ZALO_APP_ID'),
      appSecret: required('ZALO_APP_SECRET'),
    });
    try {
      const pair = await api.exchangeCode(code, verifier);
      out.line(
        '# Đặt hai dòng này vào môi trường của máy chủ (giữ bí mật như App Secret), rồi khởi động lại:',
      );
      out.line(`ZALO_ACCESS_TOKEN=${pair.accessToken}`);
      out.line(`ZALO_REFRESH_TOKEN=${pair.refreshToken}`);
      return 0;
    } catch (error: unknown) {
      out.error(`motcua: không lấy được token (${error instanceof Error ? error.message : String(error)})`);
      return 1;
    }
  }
  throw new UsageError(usage);
}
