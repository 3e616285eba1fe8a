/**
 * The SMTP path: nodemailer, one pooled transport per SMTP_URL per process. Timeouts stay
 * well below the outbox lease (2 min), so a send can never outlive its claim.
 */
import nodemailer, { type Transporter } from "nodemailer";

const transports = new Map<string, Transporter>();

export function smtpTransport(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 4,
      maxMessages: 1000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
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
