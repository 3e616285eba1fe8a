/**
 * The e-mail's frame and its plain-text twin. Hand-written tables with inline styles rather
 * than MJML: the templates merchants edit are short, simple HTML (p, h2, ul/ol, a), one frame
 * fits every message, and it renders in Outlook, Gmail and Apple Mail alike without a
 * compiler in the send path (MJML would add a large dependency tree and tens of ms per
 * message against our 10 ms render budget). The text part is derived from the same HTML, so
 * the two never say different things.
 */

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Inline styles for the few tags the templates use (many clients drop <style>). */
function inlineStyles(html: string): string {
  return html
    .replace(/<p(\s+class="(\w+)")?>/g, (_, _c, cls: string | undefined) =>
      cls === "code"
        ? '<p style="margin:0 0 16px;padding:12px 16px;border:2px dashed #1a1a1a;font-size:22px;font-weight:bold;letter-spacing:2px;text-align:center">'
        : cls === "small"
          ? '<p style="margin:0 0 16px;font-size:13px;color:#616161">'
          : '<p style="margin:0 0 16px">',
    )
    .replace(/<h2>/g, '<h2 style="margin:24px 0 8px;font-size:17px;line-height:1.3">')
    .replace(/<(ul|ol)>/g, '<$1 style="margin:0 0 16px;padding-left:24px">')
    .replace(/<li>/g, '<li style="margin:0 0 6px">')
    .replace(/<a class="button" href=/g, '<a style="display:inline-block;padding:12px 20px;background:#1a1a1a;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold" href=')
    .replace(/<a class="score" href=/g, '<a style="display:inline-block;width:40px;height:40px;line-height:40px;margin:0 6px 6px 0;text-align:center;border:1px solid #8a8a8a;border-radius:6px;color:#1a1a1a;text-decoration:none;font-weight:bold;font-size:18px" href=')
    .replace(/<a href=/g, '<a style="color:#005bd3;text-decoration:underline" href=');
}

export function wrapHtml(o: { body: string; subject: string; shopName: string; locale: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(o.locale)}" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="x-apple-disable-message-reformatting"><title>${escapeHtml(o.subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f1f1">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background:#f1f1f1"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellspacing="0" cellpadding="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:8px">
<tr><td style="padding:20px 32px;border-bottom:1px solid #e3e3e3;${FONT};font-size:18px;font-weight:bold;color:#1a1a1a">${escapeHtml(o.shopName)}</td></tr>
<tr><td style="padding:24px 32px;${FONT};font-size:16px;line-height:1.5;color:#1a1a1a">
${inlineStyles(o.body)}
</td></tr>
</table>
</td></tr></table>
</body>
</html>`;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/** The plain-text part: paragraphs, list items as "- ", links as "text: url". */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, "")
    .replace(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, inner: string) => {
      const label = inner.replace(/<[^>]+>/g, "").trim();
      const url = decodeEntities(href);
      return !label || decodeEntities(label) === url ? url : /^\d$/.test(label) ? `${label}: ${url}\n` : `${label}: ${url}`;
    })
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<ol\b[^>]*>([\s\S]*?)<\/ol>/gi, (_, inner: string) => {
      let n = 0;
      return `\n${inner.replace(/<li\b[^>]*>/gi, () => `${++n}. `)}\n`;
    })
    .replace(/<li\b[^>]*>/gi, "- ")
    .replace(/<\/?ul\b[^>]*>/gi, "\n")
    .replace(/<\/li>/gi, "\n")
    .replace(/<\/(p|h\d|div|tr|table)>/gi, "\n\n")
    .replace(/<[^>]+>/g, "");
  return decodeEntities(text)
    .split("\n")
    .map((l) => l.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
