/**
 * Shopify access and refresh tokens at rest: AES-256-GCM under TOKEN_ENCRYPTION_KEY, with
 * the session id and the field name as associated data (a ciphertext copied to another
 * row or field does not decrypt). Stored form:
 *   enc:v1:<key id>:<iv>:<ciphertext>:<tag>      (base64url parts; key id = 8 hex of sha256(key))
 * Rotation (docs/security.md): put the new key in TOKEN_ENCRYPTION_KEY and the old one in
 * TOKEN_ENCRYPTION_OLD_KEYS; tokens are read with either and written again with the new
 * one (every load re-stores a token under an old key), and `reencryptSessions` does all
 * rows at once; then drop the old key. A value without the prefix is a token stored before
 * encryption existed: read as is, encrypted at the next write or by reencryptSessions.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { Db } from "~/db.server";
import { tokenKeyBytes } from "~/env.server";

const PREFIX = "enc:v1:";

const keyId = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 8);

export class TokenCipher {
  private readonly current: { id: string; key: Buffer };
  private readonly byId = new Map<string, Buffer>();

  constructor(currentKey: string, oldKeys: string[] = []) {
    const key = tokenKeyBytes(currentKey);
    if (!key) throw new Error("TOKEN_ENCRYPTION_KEY must be 32 bytes (base64 or hex).");
    this.current = { id: keyId(key), key };
    for (const k of [currentKey, ...oldKeys]) {
      const bytes = tokenKeyBytes(k);
      if (!bytes) throw new Error("TOKEN_ENCRYPTION_OLD_KEYS must hold 32-byte keys (base64 or hex).");
      this.byId.set(keyId(bytes), bytes);
    }
  }

  static isEncrypted(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  /** True when the value is not under the current key (plaintext, or an old key). */
  needsRewrap(value: string): boolean {
    return !value.startsWith(`${PREFIX}${this.current.id}:`);
  }

  encrypt(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.current.key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `${PREFIX}${this.current.id}:${iv.toString("base64url")}:${body.toString("base64url")}:${cipher.getAuthTag().toString("base64url")}`;
  }

  decrypt(stored: string, context: string): string {
    if (!TokenCipher.isEncrypted(stored)) return stored; // stored before encryption existed
    const [id, iv, body, tag] = stored.slice(PREFIX.length).split(":");
    const key = id ? this.byId.get(id) : undefined;
    if (!key || !iv || body === undefined || !tag) {
      throw new Error(`A stored token is encrypted with an unknown key (${id}); set TOKEN_ENCRYPTION_OLD_KEYS to the previous key.`);
    }
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }
}

const FIELDS = ["accessToken", "refreshToken"] as const;

function mapTokens(session: Session, fn: (value: string, context: string) => string): Session {
  const copy = new Session(session.toObject());
  for (const field of FIELDS) {
    const value = session[field];
    if (value) copy[field] = fn(value, `${session.id}|${field}`);
  }
  return copy;
}

/** Wraps the library's session storage: tokens are encrypted on the way in and decrypted on the way out. */
export class EncryptedSessionStorage implements SessionStorage {
  constructor(
    private readonly inner: SessionStorage,
    private readonly cipher: TokenCipher,
  ) {}

  storeSession(session: Session): Promise<boolean> {
    return this.inner.storeSession(mapTokens(session, (v, c) => this.cipher.encrypt(v, c)));
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const stored = await this.inner.loadSession(id);
    if (!stored) return undefined;
    const session = mapTokens(stored, (v, c) => this.cipher.decrypt(v, c));
    // Under an old key or still plaintext: write it back under the current key.
    if (FIELDS.some((f) => stored[f] && this.cipher.needsRewrap(stored[f]!))) await this.storeSession(session);
    return session;
  }

  deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(id);
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    return (await this.inner.findSessionsByShop(shop)).map((s) => mapTokens(s, (v, c) => this.cipher.decrypt(v, c)));
  }
}

/** Rewrites every stored token under the current key (after a rotation, or to encrypt old plaintext rows). */
export async function reencryptSessions(db: Db, cipher: TokenCipher): Promise<number> {
  const rows = await db.session.findMany({ select: { id: true, accessToken: true, refreshToken: true } });
  let changed = 0;
  for (const row of rows) {
    const data: { accessToken?: string; refreshToken?: string } = {};
    if (row.accessToken && cipher.needsRewrap(row.accessToken)) {
      data.accessToken = cipher.encrypt(cipher.decrypt(row.accessToken, `${row.id}|accessToken`), `${row.id}|accessToken`);
    }
    if (row.refreshToken && cipher.needsRewrap(row.refreshToken)) {
      data.refreshToken = cipher.encrypt(cipher.decrypt(row.refreshToken, `${row.id}|refreshToken`), `${row.id}|refreshToken`);
    }
    if (Object.keys(data).length) {
      await db.session.update({ where: { id: row.id }, data });
      changed++;
    }
  }
  return changed;
}
