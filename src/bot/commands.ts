/**
 * Global commands, typed in any state. Compared on the folded, punctuation-free text, whole message only:
 * "hủy" cancels, "hủy hợp đồng mua bán đất" is a question.
 */
const commands: Record<string, 'start' | 'menu' | 'cancel' | 'help' | 'staff' | 'thanks'> = {
  '/start': 'start',
  start: 'start',
  'bat dau': 'start',
  'bat dau lai': 'start',
  'xin chao': 'start',
  chao: 'start',
  'chao ban': 'start',
  hello: 'start',
  hi: 'start',
  menu: 'menu',
  '/menu': 'menu',
  'menu chinh': 'menu',
  huy: 'cancel',
  'huy bo': 'cancel',
  thoat: 'cancel',
  '/cancel': 'cancel',
  'dung lai': 'cancel',
  giup: 'help',
  'tro giup': 'help',
  '/help': 'help',
  help: 'help',
  'gap can bo': 'staff',
  '/staff': 'staff',
  'gap nguoi that': 'staff',
  'noi chuyen voi can bo': 'staff',
  'cam on': 'thanks',
  'cam on ban': 'thanks',
  'cam on nhieu': 'thanks',
  'cam on a': 'thanks',
  thanks: 'thanks',
  'thank you': 'thanks',
  tks: 'thanks',
};

/** The command a whole message is: folded text, or "/name" (the engine strips Telegram's "@BotName"). */
export function readCommand(key: string) {
  return Object.hasOwn(commands, key) ? commands[key]! : null;
}
