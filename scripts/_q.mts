import { createAdminClient } from "../app/shopify/client.server";
import { fetchOrderSnapshot, FIND_ORDER_BY_NAME_QUERY } from "../app/shopify/orders.server";
import { fetchReturnReasons } from "../app/shopify/returns.server";
import Database from "better-sqlite3";
const db = new Database("data/demo.sqlite");
const s = db.prepare("select accessToken from Session where shop = ?").get("nordic-demo.myshopify.com") as { accessToken: string };
const c = createAdminClient({ shop: "nordic-demo.myshopify.com", accessToken: s.accessToken, origin: "http://127.0.0.1:8081", maxTries: 1 });
try { const d = (await c.request(FIND_ORDER_BY_NAME_QUERY, { query: 'name:"#1182"' })).data; console.log(JSON.stringify(d).slice(0,300)); const snap = await fetchOrderSnapshot(c, d.orders.nodes[0].id); console.log(JSON.stringify(snap).slice(0, 300)); console.log(await fetchReturnReasons(c)); } catch (e) { console.log(String(e).slice(0, 3000)); }
