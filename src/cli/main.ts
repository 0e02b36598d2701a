import { ContentError, ImportInputError, UsageError } from '../errors';
import { contentCommand } from './content-command';
import { importCommand } from './import-command';
import { matchCommand } from './match-command';
import { processOutput, type Output } from './output';
import { reportCommand } from './report-command';
import { serveCommand } from './serve-command';
import { chatCommand } from './chat-command';
import { telegramCommand } from './telegram-command';
import { zaloCommand } from './zalo-command';

const usage = `motcua — chatbot hướng dẫn thủ tục hành chính

Cách dùng (usage):
  motcua content check [thư-mục…]             kiểm tra nội dung (check content)
  motcua content schema [--check]             tạo lại / kiểm tra JSON Schema
  motcua import dvcqg <tệp.jsonl[.gz]> --out <thư-mục>   nhập bản ghi quốc gia thành bản nháp
  motcua match [--catalogue <thư-mục>]…       tìm thủ tục cho từng câu hỏi (stdin → JSON lines)
  motcua report [--from YYYY-MM-DD] [--to …] [--csv <thư-mục>] [--section …]   báo cáo cho cán bộ
  motcua serve                                chạy máy chủ (npm start)
  motcua chat                                 trò chuyện với bot ngay trong terminal
  motcua telegram setup                       đặt webhook và menu lệnh của bot Telegram (TELEGRAM_*)
  motcua zalo authorize --redirect-uri <URL>  link để quản trị OA cấp quyền (lấy token Zalo lần đầu)
  motcua zalo token --code <c> --verifier <v> đổi code lấy cặp token Zalo đầu tiên`;

/** Run the CLI; resolves to the process exit code. */
export async function main(argv: readonly string[], out: Output = processOutput): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'content':
        return await contentCommand(rest, out);
      case 'import':
        return await importCommand(rest, out);
      case 'match':
        return await matchCommand(rest, out);
      case 'report':
        return await reportCommand(rest, out);
      case 'serve':
        return await serveCommand(rest, out);
      case 'chat':
        return await chatCommand(rest, out);
      case 'telegram':
        return await telegramCommand(rest, out);
      case 'zalo':
        return await zaloCommand(rest, out);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.line(usage);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`lệnh không có: ${command}\n\n${usage}`);
    }
  } catch (e: unknown) {
    if (e instanceof UsageError || e instanceof ImportInputError) {
      out.error(`motcua: ${e.message}`);
      return 2;
    }
    if (e instanceof ContentError) {
      out.error(`motcua: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
