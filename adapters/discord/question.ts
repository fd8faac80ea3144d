/**
 * Turns the text of a Discord `/ask` option into the plain question a person meant:
 * broadcast mentions (`@everyone`, `@here`) and user, role and channel mentions
 * (`<@id>`, `<@!id>`, `<@&id>`, `<#id>`) are dropped, as Slack's adapter drops its own.
 * They name nobody the articles know, and as words they would weigh against the answer.
 */
export function questionFromDiscordText(text: string): string {
  return text
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/(^|\s)@(?:everyone|here)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
