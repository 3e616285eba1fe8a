import { loadAdminIntrospection } from "./graphql/admin-schema";
const j = loadAdminIntrospection();
const types = j.data.__schema.types as any[];
const byName = new Map(types.map((t) => [t.name, t]));
const want = process.argv.slice(2);
function typeStr(t: any): string { return t.kind === "NON_NULL" ? typeStr(t.ofType) + "!" : t.kind === "LIST" ? `[${typeStr(t.ofType)}]` : t.name; }
for (const n of want) {
  const t = byName.get(n);
  if (!t) { console.log("NO", n); continue; }
  console.log(`== ${t.kind} ${n} ${t.requiredAccess ? "RA=" + JSON.stringify(t.requiredAccess) : ""} ${t.isOneOf ? "@oneOf" : ""}`);
  for (const f of t.fields ?? []) {
    const args = (f.args ?? []).map((a: any) => `${a.name}:${typeStr(a.type)}${a.defaultValue != null ? "=" + a.defaultValue : ""}`).join(", ");
    console.log(`  ${f.name}${args ? "(" + args + ")" : ""}: ${typeStr(f.type)}${f.isDeprecated ? " @dep" : ""}${f.requiredAccess ? " RA=" + JSON.stringify(f.requiredAccess) : ""}${f.isProtected ? " PROT" : ""}`);
  }
  for (const f of t.inputFields ?? []) console.log(`  in ${f.name}: ${typeStr(f.type)}${f.defaultValue != null ? "=" + f.defaultValue : ""}`);
  if (t.enumValues) console.log("  enum", t.enumValues.map((e: any) => e.name).join(" "));
  if (t.possibleTypes) console.log("  possible", t.possibleTypes.map((e: any) => e.name).join(" "));
  if (t.interfaces?.length) console.log("  implements", t.interfaces.map((e: any) => e.name).join(" "));
}
