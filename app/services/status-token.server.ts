/** New unguessable status tokens for the shopper's status link (length: domain/status-link.ts). */
import { randomBytes } from "node:crypto";
import { STATUS_TOKEN_BYTES } from "~/domain";

export const newStatusToken = () => randomBytes(STATUS_TOKEN_BYTES).toString("base64url");
