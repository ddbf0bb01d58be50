import type { Cluster, Redis } from "ioredis";

/** How long a send whose SENT could not be recorded is remembered (the reconciler runs every 5 min). */
const KEEP_SECONDS = 30 * 86_400;

export interface UnrecordedSend {
  platformMessageId: string;
  sentAt: Date;
}

/**
 * Sends that arrived while PostgreSQL did not answer and the worker had to stop: the platform's
 * message id is kept in Redis so the next attempt or the reconciler records SENT, not UNKNOWN.
 * One key per delivery (a single-key command: works on a Redis Cluster too).
 */
export class UnrecordedSends {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
  ) {}

  private key(deliveryId: string): string {
    return `${this.prefix}:unrecorded-send:${deliveryId}`;
  }

  async remember(deliveryId: string, platformMessageId: string, sentAt: Date): Promise<void> {
    const value = JSON.stringify({ platformMessageId, sentAt: sentAt.toISOString() });
    await this.redis.set(this.key(deliveryId), value, "EX", KEEP_SECONDS);
  }

  async recall(deliveryId: string): Promise<UnrecordedSend | null> {
    const value = await this.redis.get(this.key(deliveryId));
    if (!value) return null;
    const parsed = JSON.parse(value) as { platformMessageId: string; sentAt: string };
    return { platformMessageId: parsed.platformMessageId, sentAt: new Date(parsed.sentAt) };
  }

  async forget(deliveryId: string): Promise<void> {
    await this.redis.del(this.key(deliveryId));
  }
}
