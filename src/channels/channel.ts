import type { FastifyInstance } from 'fastify';
import type { Engine } from '../bot/engine';

/** A chat app's adapter as the composition root (`npm start`) sees it. */
export interface Channel {
  /** Binds the engine and mounts the channel's routes; before the server listens. */
  attach(app: FastifyInstance, engine: Engine): void;
  start(): Promise<void>;
  /** Lets the work under way finish (bounded), then aborts the requests still under way. */
  stop(): Promise<void>;
  /** Resolves when everything received so far has been handled (tests). */
  idle(): Promise<void>;
  /** For `/readyz`: whether the channel can answer citizens now, and if not, why (no secret in it). */
  readiness(): { ok: boolean; detail?: string };
}
