/**
 * Turns the core's results into Discord messages, within Discord's length limits.
 * Pure functions: no client, no network.
 */
import { escapeMarkdown, type ActionRowBuilder, type APIEmbed, type ButtonBuilder } from 'discord.js';
import type { AddLinkResult, Answer, AnswerResult, AnswerSource, ArticleSummary, SourceAgreement } from '../../src/index.js';
import { asPassage, MAX_QUESTION_LENGTH, shownPassages } from '../../src/index.js';
import { answerButtons, pageButtons } from './buttons.js';

/** Discord's size limits, in characters. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
} as const;

/** Articles listed on one page of `/sources`. */
export const SOURCES_PER_PAGE = 10;

/** Colour of the bot's embeds (a muted archive blue). */
const EMBED_COLOUR = 0x3b6ea5;

/** A whole message body: every part is set, so an edit also clears what was there before. */
export interface MessageBody {
  content: string;
  embeds: APIEmbed[];
  components: ActionRowBuilder<ButtonBuilder>[];
}

/** The ephemeral note after a failure inside a handler. */
export const SOMETHING_WENT_WRONG = 'Something went wrong while answering. Please try again in a moment.';

/**
 * Cuts `text` to at most `max` characters, at a word boundary when one is near, ending with "…".
 * Never splits a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.search(/\s\S*$/);
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** "Title · Publisher · 2015-01-10 · `seeds/x.txt`", leaving out what is unknown. */
function describeSource(source: Pick<AnswerSource, 'title' | 'publisher' | 'date' | 'file' | 'url'>): string {
  const title = escapeMarkdown(source.title ?? 'Untitled article');
  const parts = [source.url ? `[${title}](${source.url})` : `**${title}**`];
  if (source.publisher) parts.push(escapeMarkdown(source.publisher));
  if (source.date) parts.push(source.date);
  if (source.file) parts.push(`\`${source.file.replaceAll('`', "'")}\``);
  return parts.join(' · ');
}

/**
 * The answer sentence (with the rest of its passage, for a suggestion or a passage under the
 * answer), Markdown escaped, with its answer phrase (`highlight`) in bold.
 */
export function sentenceWithHighlight(shown: Answer): string {
  const { text, highlight } = asPassage(shown);
  if (!highlight || highlight.end > text.length || text.slice(highlight.start, highlight.end).trim() === '') return escapeMarkdown(text);
  const phrase = text.slice(highlight.start, highlight.end);
  return `${escapeMarkdown(text.slice(0, highlight.start))}**${escapeMarkdown(phrase)}**${escapeMarkdown(text.slice(highlight.end))}`;
}

/** The answer sentence, or both passages when two are about as good and say different things. */
function describeAnswer(result: AnswerResult, answer: Answer): string {
  if (!result.twoPassages) return sentenceWithHighlight(answer);
  return ['Two passages could answer this:', ...result.twoPassages.map((each, index) => `${index + 1}. ${sentenceWithHighlight(each)} (${describeSource(each.source)})`)].join('\n');
}

/** A confidence in [0, 1] as a percentage. */
function formatConfidence(confidence: number): string {
  return `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
}

/**
 * The reply to `/ask`: an embed with the sentence, its source and the confidence, and the
 * answer buttons; when no answer is confident, the closest passages; when nothing is
 * relevant, a plain "Nothing in the archive answers that.".
 */
export function formatAnswer(result: AnswerResult): MessageBody {
  const answer = result.answer;
  if (answer === null) return result.suggestions ? formatSuggestions(result, result.suggestions) : { content: noAnswerText(result), embeds: [], components: [] };
  const embed: APIEmbed = {
    color: EMBED_COLOUR,
    title: truncate(result.question.replace(/\s+/g, ' ').trim(), DISCORD_LIMITS.embedTitle),
    description: truncate(`${result.reading ? `*${escapeMarkdown(result.reading.note)}*\n` : ''}${describeAnswer(result, answer)}`, DISCORD_LIMITS.embedDescription),
    fields: [
      { name: 'Source', value: truncate(describeSource(answer.source), DISCORD_LIMITS.fieldValue) },
      { name: 'Confidence', value: formatConfidence(answer.confidence), inline: true },
      ...(result.agreement ? [{ name: result.agreement.differing.length > 0 ? 'Sources differ' : 'Sources agree', value: describeAgreement(result.agreement, answer) }] : []),
    ],
  };
  return { content: '', embeds: [embed], components: [answerButtons(result.alternatives.length)] };
}

/** The heading of a reply that is not sure. */
const NOT_SURE = 'Not sure — the closest passages:';

/**
 * A hedged reply: no answer is confident, so the closest passages (the core's
 * `suggestions`), numbered, each with its answer phrase in bold, its source and confidence;
 * "More answers" when there are further ones.
 */
function formatSuggestions(result: AnswerResult, suggestions: readonly Answer[]): MessageBody {
  const share = Math.floor((DISCORD_LIMITS.embedDescription - NOT_SURE.length) / suggestions.length) - 2;
  const items = suggestions.map((each, index) => truncate(`**${index + 1}.** ${sentenceWithHighlight(each)}\n— ${describeSource(each.source)} · ${formatConfidence(each.confidence)}`, share));
  const reading = result.reading ? [`*${escapeMarkdown(result.reading.note)}*`] : [];
  const embed: APIEmbed = {
    color: EMBED_COLOUR,
    title: truncate(result.question.replace(/\s+/g, ' ').trim(), DISCORD_LIMITS.embedTitle),
    description: truncate([...reading, NOT_SURE, ...items].join('\n'), DISCORD_LIMITS.embedDescription),
  };
  return { content: '', embeds: [embed], components: [answerButtons(result.alternatives.length)] };
}

/** The values the sources give, each with its publisher: "2003 (Miami Herald) vs January 2004 (The Independent)", or the backing sources. */
function describeAgreement(agreement: SourceAgreement, answer: Answer): string {
  const cite = (source: AnswerSource) => escapeMarkdown(source.publisher ?? source.title ?? source.articleId);
  const line =
    agreement.differing.length > 0
      ? [{ value: agreement.value, answer }, ...agreement.differing].map(({ value, answer: each }) => `${escapeMarkdown(value)} (${cite(each.source)})`).join(' vs ')
      : `${agreement.agreeing.length + 1} sources: ${[answer, ...agreement.agreeing].map((each) => cite(each.source)).join(', ')}`;
  return truncate(line, DISCORD_LIMITS.fieldValue);
}

/**
 * Says plainly why there is no answer; the wording is chosen from the core's code.
 */
export function noAnswerText(result: AnswerResult): string {
  switch (result.noAnswerCode) {
    case 'empty-question':
      return 'Please type a question after `/ask`.';
    case 'question-too-long':
      return (
        `Sorry, that question is too long for me (${result.question.length.toLocaleString('en-US')} characters). ` +
        `Please ask it in ${MAX_QUESTION_LENGTH.toLocaleString('en-US')} characters or fewer.`
      );
    case 'no-searchable-words':
      return "I don't know: that question has no words I can search for. Try naming a person, place or event.";
    case 'no-match':
    case 'low-confidence':
      return 'Nothing in the archive answers that.';
    case 'search-unavailable':
      return result.noAnswerReason ?? 'Search is unavailable right now; try again in a minute.';
    default:
      return truncate(`I don't know. ${result.noAnswerReason ?? ''}`.trim(), DISCORD_LIMITS.content);
  }
}

/**
 * The ephemeral reply to "More answers": the alternatives, each with its source and
 * confidence, numbered after what the reply showed (the answer or the two passages, or the
 * closest passages).
 */
export function formatAlternatives(result: Pick<AnswerResult, 'answer' | 'twoPassages' | 'suggestions' | 'alternatives'>): MessageBody {
  const { alternatives } = result;
  if (alternatives.length === 0) {
    return { content: 'I have no other answer to that question.', embeds: [], components: [] };
  }
  const shown = shownPassages(result).length;
  const share = Math.floor(DISCORD_LIMITS.embedDescription / alternatives.length) - 2;
  const items = alternatives.map((alternative, index) => {
    const tail = `\n— ${describeSource(alternative.source)} · ${formatConfidence(alternative.confidence)}`;
    const head = `**${index + shown + 1}.** `;
    return head + truncate(alternative.text, Math.max(40, share - head.length - tail.length)) + tail;
  });
  const embed: APIEmbed = {
    color: EMBED_COLOUR,
    title: 'More answers',
    description: truncate(items.join('\n\n'), DISCORD_LIMITS.embedDescription),
  };
  return { content: '', embeds: [embed], components: [] };
}

/**
 * One page of `/sources` (zero-based `page`, clamped to the pages that exist), with paging
 * buttons when the corpus holds more than one page of articles.
 */
export function formatSourcesPage(sources: readonly ArticleSummary[], page: number): MessageBody {
  if (sources.length === 0) return { content: 'No articles are indexed yet.', embeds: [], components: [] };
  const pageCount = Math.ceil(sources.length / SOURCES_PER_PAGE);
  const current = Math.min(Math.max(0, page), pageCount - 1);
  const first = current * SOURCES_PER_PAGE;
  const share = Math.floor(DISCORD_LIMITS.embedDescription / SOURCES_PER_PAGE) - 1;
  const lines = sources.slice(first, first + SOURCES_PER_PAGE).map((article, index) => {
    const paragraphs = `${article.paragraphs} paragraph${article.paragraphs === 1 ? '' : 's'}`;
    return truncate(`${first + index + 1}. ${describeSource(article)} · ${paragraphs}`, share);
  });
  const embed: APIEmbed = {
    color: EMBED_COLOUR,
    title: `Sources: ${sources.length} article${sources.length === 1 ? '' : 's'}`,
    description: lines.join('\n'),
    ...(pageCount > 1 ? { footer: { text: `Page ${current + 1} of ${pageCount}` } } : {}),
  };
  return { content: '', embeds: [embed], components: pageCount > 1 ? [pageButtons(current, pageCount)] : [] };
}

/**
 * The reply to `/help`: what the bot does, its commands, and example questions drawn from
 * the corpus's own article titles.
 */
export function formatHelp(sources: readonly ArticleSummary[]): MessageBody {
  const topics = sources
    .map((article) => article.title)
    .filter((title): title is string => Boolean(title))
    .slice(0, 5)
    .map((title) => `• ${escapeMarkdown(truncate(title, 120))}`);
  const description = [
    `I answer questions about the ${sources.length} news article${sources.length === 1 ? '' : 's'} I have read, ` +
      'with one sentence quoted from an article and where it comes from. ' +
      "When I'm not sure I show the closest passages, and when nothing fits I say so.",
    '',
    '**Commands**',
    '`/ask question:` ask a question (add `private: True` to see the answer alone)',
    '`/sources` list the articles I know',
    '`/add url:` add a web page to the archive (editors only)',
    '`/help` this message',
    '',
    '**Example questions**',
    '`/ask question: Who is <someone in the news>?`',
    '`/ask question: How many visas are granted each year?`',
    '`/ask question: When did the talks resume?`',
    ...(topics.length > 0 ? ['', '**Some of the articles**', ...topics] : []),
  ].join('\n');
  const embed: APIEmbed = {
    color: EMBED_COLOUR,
    title: 'Archivist',
    description: truncate(description, DISCORD_LIMITS.embedDescription),
  };
  return { content: '', embeds: [embed], components: [] };
}

/** The polite refusal of `/add` to someone who is not an editor. */
export const NOT_AN_EDITOR = "Sorry, only the archive's editors can add links. Ask one of them to add it for you.";

/** What `/add` did: the page's title linked to its URL with its publisher, date and paragraphs, or why it was not added. */
export function formatAddLink(result: AddLinkResult): string {
  if (!result.ok) return truncate(`I could not add that link. ${escapeMarkdown(result.message)}`, DISCORD_LIMITS.content);
  const verb = result.status === 'added' ? 'Added to the archive' : 'Updated in the archive';
  const facts = [result.publisher ? escapeMarkdown(result.publisher) : null, result.date, `${result.paragraphs} paragraph${result.paragraphs === 1 ? '' : 's'}`].filter(Boolean).join(' · ');
  return truncate(`${verb}: ${describeSource({ title: result.title, publisher: null, date: null, file: null, url: result.url })} (${facts}). It can be asked about in a few seconds.`, DISCORD_LIMITS.content);
}

/** The ephemeral note to someone who asks again too soon. */
export function cooldownText(secondsLeft: number): string {
  return `You're asking a little fast. Please wait ${secondsLeft} second${secondsLeft === 1 ? '' : 's'} and try again.`;
}
