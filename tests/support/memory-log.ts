import type { ChannelLog } from '../../src/channels/channel-log';

/** A log that keeps its entries, to read what the channel reported (and check no secret is in it). */
export class MemoryLog implements ChannelLog {
  readonly entries: { level: 'info' | 'warn' | 'error'; obj: object; msg: string }[] = [];
  info(obj: object, msg: string) {
    this.entries.push({ level: 'info', obj, msg });
  }
  warn(obj: object, msg: string) {
    this.entries.push({ level: 'warn', obj, msg });
  }
  error(obj: object, msg: string) {
    this.entries.push({ level: 'error', obj, msg });
  }
  text(): string {
    return JSON.stringify(this.entries);
  }
  with(level: 'info' | 'warn' | 'error', msg: string | RegExp) {
    return this.entries.filter(
      (e) => e.level === level && (typeof msg === 'string' ? e.msg.includes(msg) : msg.test(e.msg)),
    );
  }
}
