#!/usr/bin/env -S npx tsx
/**
 * npm run tokens:reencrypt — after a key rotation (docs/security.md): rewrites every stored
 * Shopify access/refresh token under TOKEN_ENCRYPTION_KEY, reading old rows with
 * TOKEN_ENCRYPTION_OLD_KEYS (and encrypting tokens stored before encryption existed).
 * Uses DATABASE_URL like the app.
 */
import { createDb, prepareDb } from "../app/db.server";
import { TokenCipher, reencryptSessions } from "../app/security/token-crypto.server";

const key = process.env.TOKEN_ENCRYPTION_KEY;
if (!key) {
  console.error("Set TOKEN_ENCRYPTION_KEY (and TOKEN_ENCRYPTION_OLD_KEYS for the previous key).");
  process.exit(2);
}
const url = process.env.DATABASE_URL ?? "file:./data/dev.sqlite";
const db = createDb(url);
await prepareDb(db, url);
const cipher = new TokenCipher(key, (process.env.TOKEN_ENCRYPTION_OLD_KEYS ?? "").split(",").map((k) => k.trim()).filter(Boolean));
const changed = await reencryptSessions(db, cipher);
console.log(`Re-encrypted ${changed} session(s) under the current key.`);
await db.$disconnect();
