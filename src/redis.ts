// One place that turns the configuration into a Redis connection: a single server (REDIS_URL), a
// Redis Cluster (REDIS_CLUSTER_NODES) or a master found through Redis Sentinel (REDIS_SENTINELS).
// Every key the product uses is read and written by single-key commands or single-key Lua scripts
// (the pacer, the chat lock, the chat slot), and BullMQ keeps each queue's keys in one slot through
// a hash-tagged prefix on a cluster, so all three work the same.
import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { Config } from "./config.ts";

export interface RedisTarget {
  url: string;
  /** "host:port,host:port": a cluster's seed nodes; unset: `url` is one server. */
  clusterNodes?: string;
  /** "host:port,host:port": sentinels that name the master; `url` then gives its credentials and db. */
  sentinels?: string;
  /** The master's name in the sentinels' configuration ("mymaster" when unset). */
  sentinelName?: string;
  sentinelPassword?: string;
}

/** The target a validated configuration names. */
export function redisTarget(
  config: Pick<
    Config,
    | "REDIS_URL"
    | "REDIS_CLUSTER_NODES"
    | "REDIS_SENTINELS"
    | "REDIS_SENTINEL_NAME"
    | "REDIS_SENTINEL_PASSWORD"
  >,
): RedisTarget {
  return {
    url: config.REDIS_URL,
    clusterNodes: config.REDIS_CLUSTER_NODES,
    sentinels: config.REDIS_SENTINELS,
    sentinelName: config.REDIS_SENTINEL_NAME,
    sentinelPassword: config.REDIS_SENTINEL_PASSWORD,
  };
}

/** BullMQ on a cluster needs all of a queue's keys in one slot: the prefix becomes "{prefix}". */
export function queuePrefix(prefix: string, target: RedisTarget): string {
  return target.clusterNodes ? `{${prefix}}` : prefix;
}

function hosts(list: string): { host: string; port: number }[] {
  return list.split(",").map((node) => {
    const [host = "127.0.0.1", port = "6379"] = node.split(":");
    return { host, port: Number(port) };
  });
}

/**
 * A connection for commands and BullMQ (maxRetriesPerRequest: null, as BullMQ's workers need).
 * The cluster client is typed as Redis: it answers the same commands (ioredis shares them).
 * Through Sentinel, ioredis asks the sentinels for the master at every (re)connection, so after a
 * failover the connection and BullMQ's duplicates of it reach the new master by themselves.
 */
export function connectRedis(target: RedisTarget, options: RedisOptions = {}): Redis {
  const base: RedisOptions = { maxRetriesPerRequest: null, ...options };
  if (target.sentinels) {
    // The URL's host and port are unused: the sentinels say where the master is.
    return new Redis(target.url, {
      ...base,
      sentinels: hosts(target.sentinels),
      name: target.sentinelName ?? "mymaster",
      sentinelPassword: target.sentinelPassword,
      // Reconnect at the sentinels' +switch-master, not when the old master is demoted seconds later.
      failoverDetector: true,
    });
  }
  if (!target.clusterNodes) return new Redis(target.url, base);
  const cluster = new Cluster(hosts(target.clusterNodes), {
    redisOptions: base,
    enableReadyCheck: true,
  });
  return cluster as unknown as Redis;
}
