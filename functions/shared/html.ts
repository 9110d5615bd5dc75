/**
 * Escapes text for HTML element content and quoted attribute values (`&`, `<`, `>`, `"`, `'`).
 *
 * @example escapeHtml('<script>alert("x")</script>') // => '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 */
export function escapeHtml(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
