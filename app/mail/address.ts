/** The outbox's check of a recipient address (pure; the outbox and the editor's test send use it). */
/** Why an address can't be mailed, or null when it can. */
export function addressProblem(to: string | null | undefined): string | null {
  if (!to || !to.trim()) return "No e-mail address on the return.";
  const address = to.trim();
  if (address.length > 254) return "The e-mail address is too long.";
  if (/[\r\n<>,;"\s]/.test(address) || !/^[^@]+@[^@]+\.[a-z0-9-]{2,}$/i.test(address) || address.includes("..")) {
    return `"${address.slice(0, 80)}" is not a valid e-mail address.`;
  }
  return null;
}
