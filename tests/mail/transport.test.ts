/**
 * The SMTP transport keeps its pool and timeouts: nodemailer's createTransport({ url, ... })
 * uses only the URL and silently drops every other option (the cause of the outbox's 40 msg/s:
 * one new connection per message, nodemailer's 10-minute socket timeout, longer than the lease).
 */
import { afterAll, describe, expect, it } from "vitest";
import { closeSmtpTransports, SMTP_CONNECTIONS, smtpTransport } from "~/mail/transport.server";
import { startMailbox } from "../../simulator/platform/mailbox";

afterAll(() => closeSmtpTransports());

describe("SMTP transport", () => {
  it("GIVEN an SMTP_URL THEN the transport is pooled, with our timeouts and the URL's host, port and credentials", () => {
    const transport = smtpTransport("smtp://user:secret@mail.example.test:2525");
    const inner = transport.transporter as unknown as { name: string; options: Record<string, unknown> };
    expect(inner.name).toBe("SMTP (pool)");
    expect(inner.options).toMatchObject({ host: "mail.example.test", port: 2525, maxConnections: SMTP_CONNECTIONS, socketTimeout: 30_000, connectionTimeout: 10_000 });
    expect(inner.options.auth).toMatchObject({ user: "user", pass: "secret" });
  });

  it("GIVEN several messages WHEN sent through the transport THEN they reuse pooled connections (not one connection per message)", async () => {
    const mailbox = await startMailbox({ parse: false });
    const connections: number[] = [];
    try {
      const transport = smtpTransport(mailbox.url);
      for (let i = 0; i < 6; i++) {
        const info = await transport.sendMail({ from: "a@returns-app.test", to: `c${i}@example.com`, subject: `m${i}`, text: "hello" });
        expect(info.response).toMatch(/^250/);
        connections.push(mailbox.connectionCount());
      }
      expect(mailbox.messages()).toHaveLength(6);
      expect(connections.at(-1)).toBe(1);
    } finally {
      closeSmtpTransports();
      await mailbox.close();
    }
  });
});
