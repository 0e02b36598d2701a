export type { ChannelLog as TelegramLog } from '../channel-log';
