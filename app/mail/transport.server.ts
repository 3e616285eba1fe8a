/**
 * The SMTP path: nodemailer, one pooled transport per SMTP_URL per process. Timeouts stay
 * well below the outbox lease (5 min), so a send can never outlive its claim.
 *
 * Two details decide the throughput (bench/mail.ts, measured per SMTP command):
 * - nodemailer's `createTransport({ url, ...options })` uses ONLY the URL and drops every
 *   other option, so `{ url, pool: true }` was an unpooled transport: a new TCP connection,
 *   greeting and EHLO for every message, and nodemailer's default timeouts (2 min / 30 s /
 *   10 min). The URL is parsed here and the options added to what it gives.
 * - nodemailer writes a message's header and body as separate writes on a socket with Nagle's
 *   algorithm on; the second write waits for the server's ACK of the first, which Linux
 *   delays by 40 ms. The sockets are opened here with TCP_NODELAY (`getSocket`).
 */
import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";

const transports = new Map<string, Transporter>();

export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;
/** Connections per pool: with TCP_NODELAY one loopback connection carries ~60–90 messages/s. */
export const SMTP_CONNECTIONS = 4;

type SocketCallback = (error: Error | null, socket?: { connection: net.Socket }) => void;

/** Opens the TCP connection nodemailer then speaks SMTP (and TLS, for smtps/STARTTLS) over, with Nagle off. */
export function noDelaySocket(options: { host?: string; port?: number }, callback: SocketCallback): void {
  const socket = net.connect({ host: options.host ?? "localhost", port: options.port ?? 25, noDelay: true });
  let settled = false;
  const done = (error: Error | null) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    socket.removeListener("error", done);
    if (error) {
      socket.destroy();
      return callback(error);
    }
    socket.setKeepAlive(true);
    callback(null, { connection: socket });
  };
  const timer = setTimeout(
    () => done(Object.assign(new Error(`Connection timeout (${options.host}:${options.port})`), { code: "ETIMEDOUT" })),
    SMTP_TIMEOUTS.connectionTimeout,
  );
  socket.once("connect", () => done(null));
  socket.once("error", done);
}

/** The transport's options: the URL's (host, port, secure, auth, query) plus the pool's. */
export function transportOptions(url: string) {
  return {
    ...parseConnectionUrl(url),
    pool: true as const,
    maxConnections: SMTP_CONNECTIONS,
    maxMessages: 1000,
    ...SMTP_TIMEOUTS,
    getSocket: noDelaySocket,
  };
}

export function smtpTransport(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(transportOptions(url) as never);
    transports.set(url, transport);
  }
  return transport;
}

/** Closes the pooled connections (tests, shutdown). */
export function closeSmtpTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}

/** `"Shop name" <returns@app-domain>`: the shop's name as the display name, our address. */
export function fromHeader(name: string, address: string): { name: string; address: string } {
  return { name: name.replace(/[\r\n"]/g, " ").slice(0, 100), address };
}
