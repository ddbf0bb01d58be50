// One place that turns the configuration into a Redis connection: a single server (REDIS_URL) or
// a Redis Cluster (REDIS_CLUSTER_NODES). Every key the product uses is read and written by
// single-key commands or single-key Lua scripts (the pacer, the chat lock, the chat slot), and
// BullMQ keeps each queue's keys in one slot through a hash-tagged prefix, so both work the same.
import { Cluster, Redis, type RedisOptions } from "ioredis";

export interface RedisTarget {
  url: string;
  /** "host:port,host:port": a cluster's seed nodes; unset: `url` is one server. */
  clusterNodes?: string;
}

/** BullMQ on a cluster needs all of a queue's keys in one slot: the prefix becomes "{prefix}". */
export function queuePrefix(prefix: string, target: RedisTarget): string {
  return target.clusterNodes ? `{${prefix}}` : prefix;
}

/**
 * A connection for commands and BullMQ (maxRetriesPerRequest: null, as BullMQ's workers need).
 * The cluster client is typed as Redis: it answers the same commands (ioredis shares them).
 */
export function connectRedis(target: RedisTarget, options: RedisOptions = {}): Redis {
  const base: RedisOptions = { maxRetriesPerRequest: null, ...options };
  if (!target.clusterNodes) return new Redis(target.url, base);
  const nodes = target.clusterNodes.split(",").map((node) => {
    const [host = "127.0.0.1", port = "6379"] = node.split(":");
    return { host, port: Number(port) };
  });
  const cluster = new Cluster(nodes, { redisOptions: base, enableReadyCheck: true });
  return cluster as unknown as Redis;
}
