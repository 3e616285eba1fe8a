import { loadAdminSchema } from "/work/main/graphql/admin-schema.ts";
const s = loadAdminSchema();
for (const arg of process.argv.slice(2)) {
  const [t, f] = arg.split(".");
  const type: any = s.getType(t);
  if (!f) { console.log(t, Object.keys(type.getFields()).join(" ")); continue; }
  const fld = type.getFields()[f];
  console.log(`${t}.${f}: ${fld.type} (${fld.args.map((a: any) => a.name + ":" + a.type).join(", ")})`);
}
