/**
 * Webhook delivery as Shopify does it, with the faults Shopify is known for switchable on
 * (shopify-platform.md §2.4, §6.22): every event from the admin half becomes one POST per
 * subscribed URI from shopify.app.toml, signed with the app secret; non-2xx or no answer within
 * the timeout is retried on a (scaled-down) schedule with the same webhook id; modes deliver
 * twice, late, out of order or hold deliveries until flushed. A log records every attempt.
 */
import { randomUUID } from "node:crypto";
import type { StandInEvent } from "../contracts";
import { webhookTargets, type StandInAppConfig } from "./app-config";
import { webhookHmac } from "./crypto";

export interface WebhookRetryPolicy {
  /** Total attempts per delivery, first one included (Shopify: 1 + 8 retries). */
  attempts: number;
  /** Wait before retry n (index n-1); the last value repeats if the list is shorter. */
  delaysMs: number[];
}

/** Shopify's schedule (8 retries over ~4 hours), for scaling down with scaledRetryPolicy(). */
export const SHOPIFY_RETRY_DELAYS_MS = [
  60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_840_000, 3_840_000,
];

export function scaledRetryPolicy(factor: number): WebhookRetryPolicy {
  return {
    attempts: SHOPIFY_RETRY_DELAYS_MS.length + 1,
    delaysMs: SHOPIFY_RETRY_DELAYS_MS.map((d) => Math.round(d * factor)),
  };
}

export interface WebhookModes {
  /** Deliver every event twice: same X-Shopify-Event-Id, different X-Shopify-Webhook-Id. */
  duplicate: boolean;
  /** Extra latency before the first attempt of every delivery. */
  delayMs: number;
  /** > 1: hold deliveries until this many are buffered, then send them shuffled (seeded). */
  outOfOrder: number;
  /** Seed of the shuffle's PRNG. */
  seed: number;
  /** How long to wait for the app's answer before counting a timeout (Shopify: 5 s). */
  timeoutMs: number;
  /** First attempts in flight at once. 1 keeps arrival order equal to dispatch order. */
  concurrency: number;
}

export const DEFAULT_WEBHOOK_MODES: WebhookModes = {
  duplicate: false,
  delayMs: 0,
  outOfOrder: 0,
  seed: 1,
  timeoutMs: 5000,
  concurrency: 1,
};

export interface WebhookAttempt {
  at: string;
  /** HTTP status, or null when the request failed or timed out. */
  status: number | null;
  error?: string;
  durationMs: number;
}

export type DeliveryStatus = "held" | "pending" | "retrying" | "delivered" | "failed" | "skipped";

export interface WebhookDeliveryRecord {
  webhookId: string;
  eventId: string;
  shop: string;
  topic: string;
  /** Absolute URL the delivery goes to; null when skipped. */
  uri: string | null;
  /** 0 for the original delivery, 1 for the duplicate (duplicate mode). */
  copy: number;
  /** Order in which the first attempt was sent (-1 until sent). */
  sentIndex: number;
  status: DeliveryStatus;
  attempts: WebhookAttempt[];
  /** Why a delivery was skipped ("no subscription", "app not installed"). */
  reason?: string;
  payload: Record<string, unknown>;
}

export interface WebhookControls {
  setModes(modes: Partial<WebhookModes>): WebhookModes;
  getModes(): WebhookModes;
  resetModes(): void;
  /** Hold every new delivery until flush() or resume(). */
  pause(): void;
  /** Stop holding and send what was held. */
  resume(): Promise<void>;
  /** Send everything held (paused or buffered for out-of-order), shuffled if outOfOrder is on. */
  flush(): Promise<void>;
  isPaused(): boolean;
  log(filter?: {
    shop?: string;
    topic?: string;
    eventId?: string;
    status?: DeliveryStatus;
  }): WebhookDeliveryRecord[];
  clearLog(): void;
  /** Resolves when nothing is scheduled, in flight or waiting for a retry (held items excluded). */
  idle(): Promise<void>;
  /** Delivers an event as if the admin half had emitted it. Resolves when its deliveries are final. */
  emit(event: StandInEvent): Promise<WebhookDeliveryRecord[]>;
  sendCompliance(
    shop: string,
    topic: "customers/data_request" | "customers/redact" | "shop/redact",
    payload?: Record<string, unknown>,
  ): Promise<WebhookDeliveryRecord[]>;
  sendAppUninstalled(shop: string): Promise<WebhookDeliveryRecord[]>;
}

export interface WebhookDispatcherOptions {
  appConfig: () => StandInAppConfig;
  appUrl: string;
  apiSecret: string;
  retry: WebhookRetryPolicy;
  /** Shops whose app was uninstalled get no webhooks except app/uninstalled and compliance. */
  isInstalled: (shop: string) => boolean;
  /** Default payloads for on-demand topics. */
  defaultPayload: (shop: string, topic: string) => Record<string, unknown>;
  onUninstall: (shop: string) => void;
  fetch?: typeof fetch;
}

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededShuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Job {
  record: WebhookDeliveryRecord;
  body: string;
  triggeredAt: string;
  apiVersion: string;
  done: Promise<void>;
  resolve: () => void;
}

const isFinal = (s: DeliveryStatus) => s === "delivered" || s === "failed" || s === "skipped";

export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookControls & {
  /** Listener for AdminApi.onEvent. */
  handleEvent(event: StandInEvent): void;
  /** Stops timers; pending deliveries are abandoned. */
  close(): void;
} {
  const doFetch = options.fetch ?? fetch;
  let modes: WebhookModes = { ...DEFAULT_WEBHOOK_MODES };
  let random = seededRandom(modes.seed);
  let paused = false;
  let closed = false;
  const records: WebhookDeliveryRecord[] = [];
  const held: Job[] = []; // paused
  const buffered: Job[] = []; // out-of-order buffer
  const lane: Job[] = []; // waiting for a first-attempt slot
  let inLane = 0;
  let sentCounter = 0;
  let busy = 0; // scheduled/in flight/awaiting retry
  let idleWaiters: Array<() => void> = [];
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function settleIdle() {
    if (busy === 0 && lane.length === 0 && inLane === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  function makeJobs(event: StandInEvent, opts: { force?: boolean } = {}): Job[] {
    const config = options.appConfig();
    const body = JSON.stringify(event.payload);
    const base = {
      eventId: event.eventId,
      shop: event.shop,
      topic: event.topic,
      payload: event.payload,
      sentIndex: -1,
      attempts: [] as WebhookAttempt[],
    };
    const skip = (reason: string): Job[] => {
      records.push({
        ...base,
        webhookId: randomUUID(),
        uri: null,
        copy: 0,
        status: "skipped",
        reason,
      });
      return [];
    };
    if (!opts.force && !options.isInstalled(event.shop)) return skip("app not installed");
    const targets = webhookTargets(config, event.topic, options.appUrl);
    if (targets.length === 0) return skip("no subscription in shopify.app.toml");
    const copies = modes.duplicate ? 2 : 1;
    const jobs: Job[] = [];
    for (const uri of targets) {
      for (let copy = 0; copy < copies; copy++) {
        const record: WebhookDeliveryRecord = {
          ...base,
          attempts: [],
          webhookId: randomUUID(),
          uri,
          copy,
          status: "held",
        };
        records.push(record);
        let resolve!: () => void;
        const done = new Promise<void>((r) => (resolve = r));
        jobs.push({
          record,
          body,
          triggeredAt: event.triggeredAt,
          apiVersion: config.webhookApiVersion,
          done,
          resolve,
        });
      }
    }
    return jobs;
  }

  function route(jobs: Job[]) {
    for (const job of jobs) {
      if (paused) held.push(job);
      else if (modes.outOfOrder > 1) {
        buffered.push(job);
        if (buffered.length >= modes.outOfOrder) release(buffered.splice(0));
      } else release([job]);
    }
  }

  function release(jobs: Job[]) {
    const ordered = modes.outOfOrder > 1 ? seededShuffle(jobs, random) : jobs;
    for (const job of ordered) {
      job.record.status = "pending";
      busy++;
      void later(modes.delayMs).then(() => {
        lane.push(job);
        busy--;
        pump();
      });
    }
  }

  function pump() {
    while (!closed && inLane < Math.max(1, modes.concurrency) && lane.length) {
      const job = lane.shift()!;
      inLane++;
      job.record.sentIndex = sentCounter++;
      void attempt(job).then((ok) => {
        inLane--;
        if (ok || job.record.attempts.length >= options.retry.attempts) finish(job, ok);
        else scheduleRetry(job);
        pump();
        settleIdle();
      });
    }
  }

  function scheduleRetry(job: Job) {
    job.record.status = "retrying";
    busy++;
    const n = job.record.attempts.length; // retries made so far + 1
    const delays = options.retry.delaysMs;
    const wait = delays.length ? delays[Math.min(n - 1, delays.length - 1)]! : 0;
    void later(wait).then(async () => {
      if (closed) return;
      const ok = await attempt(job);
      busy--;
      if (ok || job.record.attempts.length >= options.retry.attempts) finish(job, ok);
      else scheduleRetry(job);
      settleIdle();
    });
  }

  function finish(job: Job, ok: boolean) {
    job.record.status = ok ? "delivered" : "failed";
    job.resolve();
  }

  async function attempt(job: Job): Promise<boolean> {
    const started = Date.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), modes.timeoutMs);
    const entry: WebhookAttempt = {
      at: new Date(started).toISOString(),
      status: null,
      durationMs: 0,
    };
    try {
      const response = await doFetch(job.record.uri!, {
        method: "POST",
        body: job.body,
        redirect: "manual",
        signal: controller.signal,
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Shopify-Captain-Hook",
          "X-Shopify-Topic": job.record.topic,
          "X-Shopify-Hmac-Sha256": webhookHmac(job.body, options.apiSecret),
          "X-Shopify-Shop-Domain": job.record.shop,
          "X-Shopify-API-Version": job.apiVersion,
          "X-Shopify-Webhook-Id": job.record.webhookId,
          "X-Shopify-Event-Id": job.record.eventId,
          "X-Shopify-Triggered-At": job.triggeredAt,
        },
      });
      entry.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      return response.status >= 200 && response.status < 300;
    } catch (e) {
      entry.error = controller.signal.aborted
        ? `timeout after ${modes.timeoutMs} ms`
        : (e as Error).message;
      return false;
    } finally {
      clearTimeout(timer);
      entry.durationMs = Date.now() - started;
      job.record.attempts.push(entry);
    }
  }

  async function dispatch(
    event: StandInEvent,
    opts: { force?: boolean } = {},
  ): Promise<WebhookDeliveryRecord[]> {
    const before = records.length;
    const jobs = makeJobs(event, opts);
    route(jobs);
    const created = records.slice(before);
    await Promise.all(jobs.map((j) => j.done));
    return created;
  }

  const newEvent = (
    shop: string,
    topic: string,
    payload: Record<string, unknown>,
  ): StandInEvent => ({
    shop,
    topic,
    payload,
    eventId: randomUUID(),
    triggeredAt: new Date().toISOString(),
  });

  return {
    handleEvent(event) {
      if (!closed) void dispatch(event);
    },
    close() {
      closed = true;
      timers.forEach(clearTimeout);
      timers.clear();
    },
    setModes(next) {
      modes = { ...modes, ...next };
      if (next.seed !== undefined) random = seededRandom(modes.seed);
      return { ...modes };
    },
    getModes: () => ({ ...modes }),
    resetModes() {
      modes = { ...DEFAULT_WEBHOOK_MODES };
      random = seededRandom(modes.seed);
    },
    pause() {
      paused = true;
    },
    async resume() {
      paused = false;
      await this.flush();
    },
    async flush() {
      const jobs = [...held.splice(0), ...buffered.splice(0)];
      const dones = jobs.map((j) => j.done);
      release(jobs);
      await Promise.all(dones);
    },
    isPaused: () => paused,
    log(filter = {}) {
      return records.filter(
        (r) =>
          (!filter.shop || r.shop === filter.shop) &&
          (!filter.topic || r.topic === filter.topic) &&
          (!filter.eventId || r.eventId === filter.eventId) &&
          (!filter.status || r.status === filter.status),
      );
    },
    clearLog() {
      const keep = records.filter((r) => !isFinal(r.status));
      records.length = 0;
      records.push(...keep);
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    emit: (event) => dispatch(event),
    sendCompliance(shop, topic, payload) {
      return dispatch(
        newEvent(shop, topic, { ...options.defaultPayload(shop, topic), ...(payload ?? {}) }),
        { force: true },
      );
    },
    async sendAppUninstalled(shop) {
      options.onUninstall(shop);
      return dispatch(
        newEvent(shop, "app/uninstalled", options.defaultPayload(shop, "app/uninstalled")),
        { force: true },
      );
    },
  };
}
