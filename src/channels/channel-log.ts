/** Where a channel writes what happened (fastify's pino logger fits). Never given a token or a secret. */
export interface ChannelLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
