/**
 * Offline access and refresh tokens are stored encrypted (AES-256-GCM) on both databases;
 * the app reads them back through the same session storage Shopify's library uses; a key
 * rotation keeps old rows readable and rewrites them under the new key.
 */
import { randomBytes } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EncryptedSessionStorage, reencryptSessions, TokenCipher } from "~/security/token-crypto.server";
import { createTestDb, providers, type TestDb } from "../support/test-db";

const KEY = randomBytes(32).toString("base64");
const NEW_KEY = randomBytes(32).toString("hex");

const offline = (shop: string) =>
  new Session({ id: `offline_${shop}`, shop, state: "s", isOnline: false, accessToken: "shpat_secret_token", refreshToken: "shprt_secret_refresh", scope: "read_orders" });

describe("TokenCipher", () => {
  const cipher = new TokenCipher(KEY);
  it("GIVEN a token WHEN encrypted twice THEN two different ciphertexts that both decrypt", () => {
    const a = cipher.encrypt("shpat_x", "s1|accessToken");
    const b = cipher.encrypt("shpat_x", "s1|accessToken");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(cipher.decrypt(a, "s1|accessToken")).toBe("shpat_x");
  });

  it("GIVEN a ciphertext copied to another session or field THEN it does not decrypt", () => {
    const a = cipher.encrypt("shpat_x", "s1|accessToken");
    expect(() => cipher.decrypt(a, "s2|accessToken")).toThrow();
    expect(() => cipher.decrypt(a, "s1|refreshToken")).toThrow();
  });

  it("GIVEN a flipped byte THEN decryption fails (GCM tag)", () => {
    const a = cipher.encrypt("shpat_x", "c");
    const parts = a.split(":");
    const body = Buffer.from(parts[4]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString("base64url");
    expect(() => cipher.decrypt(parts.join(":"), "c")).toThrow();
  });

  it("GIVEN another key THEN refused with a message naming the rotation variable", () => {
    const a = new TokenCipher(NEW_KEY).encrypt("x", "c");
    expect(() => cipher.decrypt(a, "c")).toThrow(/TOKEN_ENCRYPTION_OLD_KEYS/);
  });
});

describe.each(providers)("encrypted session storage on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  });
  afterAll(async () => t?.drop());

  it("GIVEN a session stored through the app's storage THEN the database holds no token in clear, and loading gives it back", async () => {
    const storage = new EncryptedSessionStorage(new PrismaSessionStorage(t.db), new TokenCipher(KEY));
    await storage.storeSession(offline("enc.myshopify.com"));
    const row = await t.db.session.findUniqueOrThrow({ where: { id: "offline_enc.myshopify.com" } });
    expect(row.accessToken).not.toContain("shpat_secret_token");
    expect(row.refreshToken).not.toContain("shprt_secret_refresh");
    expect(row.accessToken.startsWith("enc:v1:")).toBe(true);
    const loaded = await storage.loadSession("offline_enc.myshopify.com");
    expect(loaded?.accessToken).toBe("shpat_secret_token");
    expect(loaded?.refreshToken).toBe("shprt_secret_refresh");
    expect((await storage.findSessionsByShop("enc.myshopify.com"))[0]?.accessToken).toBe("shpat_secret_token");
  });

  it("GIVEN a key rotation WHEN the old key is listed THEN old rows still load, and are rewritten under the new key", async () => {
    const old = new EncryptedSessionStorage(new PrismaSessionStorage(t.db), new TokenCipher(KEY));
    await old.storeSession(offline("rot.myshopify.com"));
    const rotated = new TokenCipher(NEW_KEY, [KEY]);
    const storage = new EncryptedSessionStorage(new PrismaSessionStorage(t.db), rotated);
    expect((await storage.loadSession("offline_rot.myshopify.com"))?.accessToken).toBe("shpat_secret_token");
    const row = await t.db.session.findUniqueOrThrow({ where: { id: "offline_rot.myshopify.com" } });
    expect(rotated.needsRewrap(row.accessToken)).toBe(false);
    // Without the old key, a row still under it cannot be read: drop it only after rewrapping.
    await old.storeSession(offline("rot2.myshopify.com"));
    expect(await reencryptSessions(t.db, rotated)).toBeGreaterThanOrEqual(1);
    const onlyNew = new EncryptedSessionStorage(new PrismaSessionStorage(t.db), new TokenCipher(NEW_KEY));
    expect((await onlyNew.loadSession("offline_rot2.myshopify.com"))?.accessToken).toBe("shpat_secret_token");
  });

  it("GIVEN a token stored in clear before encryption existed THEN it loads and is encrypted on the way", async () => {
    await t.db.session.create({ data: { id: "offline_old.myshopify.com", shop: "old.myshopify.com", state: "s", accessToken: "shpat_plain" } });
    const storage = new EncryptedSessionStorage(new PrismaSessionStorage(t.db), new TokenCipher(KEY));
    expect((await storage.loadSession("offline_old.myshopify.com"))?.accessToken).toBe("shpat_plain");
    expect((await t.db.session.findUniqueOrThrow({ where: { id: "offline_old.myshopify.com" } })).accessToken.startsWith("enc:v1:")).toBe(true);
  });
});
