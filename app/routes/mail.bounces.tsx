/** Bounce intake for mail providers (app/mail/bounce-intake.server.ts; README "E-mails to customers"). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { bounceIntake } from "~/mail/bounce-intake.server";
import { mailConfig } from "~/mail/config.server";

const intake = (request: Request) => {
  const config = mailConfig();
  return bounceIntake(request, { db, secret: config.bounce.secret, token: config.bounceToken, now: new Date() });
};

export const action = ({ request }: ActionFunctionArgs) => intake(request);
export const loader = ({ request }: LoaderFunctionArgs) => intake(request);
