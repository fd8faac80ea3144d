import type { types } from '@slack/bolt';
import type { AddLinkResult, Answer, AnswerResult, ArticleSummary, SourceAgreement } from '../../src/index.js';
import { asPassage, MAX_QUESTION_LENGTH } from '../../src/index.js';
import { ACTION, answerId, encodeButtonValue } from './actions.js';
import {
  FALLBACK_TEXT_LIMIT,
  MESSAGE_BLOCK_LIMIT,
  SECTION_TEXT_LIMIT,
  escapeSlackText,
  quoteSlackText,
  safeSlackText,
  truncateSlackText,
} from './sanitize.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** A message ready for `chat.postMessage` or `respond`: Block Kit plus a plain-text fallback. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** How an answer message is dressed. */
export interface AnswerMessageOptions {
  /** Adds the "Share in channel" button (private `/ask` answers). @default false */
  shareable?: boolean;
  /** User id shown as the asker (a shared answer). */
  askedBy?: string;
  /** The corpus's articles, listed when there is no answer. @default [] */
  sources?: readonly ArticleSummary[];
}

/** How much of a question is restated above its answer. */
const QUESTION_PREVIEW = 300;
/** Titles listed in an "I don't know" answer. */
const LISTED_TITLES = 5;

/**
 * Formats the core's result for Slack: the question restated, the answer sentence quoted,
 * its source and confidence, and the buttons; when no answer is confident, the closest passages; when nothing is relevant,
 * "Nothing in the archive answers that." with what to try.
 */
export function formatAnswerMessage(result: AnswerResult, options: AnswerMessageOptions = {}): SlackMessage {
  const answer = result.answer;
  if (answer === null) return result.suggestions ? formatSuggestions(result, result.suggestions, options) : formatNoAnswer(result, options);
  const shown = result.twoPassages ?? [answer];
  const blocks: KnownBlock[] = [
    section(questionLine(result.question, options.askedBy)),
    ...readingContext(result),
    ...(result.twoPassages ? [section('*Two passages could answer this:*')] : []),
    ...shown.flatMap((each) => [section(quoteSlackText(sentence(each, true))), sourceContext(each)]),
  ];
  if (result.agreement) blocks.push({ type: 'context', elements: [mrkdwn(agreementLine(result.agreement, answer))] });
  const buttons = answerButtons(result, answer, options.shareable === true);
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  const reading = result.reading ? `(${plain(result.reading.note, QUESTION_PREVIEW)})\n` : '';
  const answered = shown.map((each) => `${sentence(each)}\n— ${plainSource(each)}`).join('\n');
  const fallback = `Q: ${plain(result.question, QUESTION_PREVIEW)}\n${reading}${result.twoPassages ? 'Two passages could answer this:\n' : 'A: '}${answered}`;
  return fitMessage({ text: fallback, blocks });
}

/** The wording of a reply that is not sure: "Not sure — the closest passages:", each passage quoted with its answer phrase in bold and its source. */
const NOT_SURE = 'Not sure — the closest passages:';

/**
 * A hedged reply: no answer is confident, so the closest passages (the core's
 * `suggestions`) are shown as such, with "More answers" when there are further ones.
 */
function formatSuggestions(result: AnswerResult, suggestions: readonly Answer[], options: AnswerMessageOptions): SlackMessage {
  const blocks: KnownBlock[] = [
    section(questionLine(result.question, options.askedBy)),
    ...readingContext(result),
    section(`*${NOT_SURE}*`),
    ...suggestions.flatMap((each) => [section(quoteSlackText(sentence(each, true))), sourceContext(each)]),
  ];
  const buttons = answerButtons(result, null, options.shareable === true);
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  const listed = suggestions.map((each) => `• ${sentence(each)} — ${plainSource(each)}`).join('\n');
  return fitMessage({ text: `Q: ${plain(result.question, QUESTION_PREVIEW)}\n${NOT_SURE}\n${listed}`, blocks });
}

/** Formats the further answers shown (privately) by the "More answers" button. */
export function formatAlternatives(result: AnswerResult): SlackMessage {
  if (result.alternatives.length === 0) {
    return plainMessage('I have no other answers to that question.');
  }
  const blocks: KnownBlock[] = [section(`*Other answers to:* ${safeSlackText(result.question, QUESTION_PREVIEW)}`)];
  for (const alternative of result.alternatives) {
    blocks.push(section(quoteSlackText(sentence(alternative))), sourceContext(alternative));
  }
  const text = result.alternatives.map((a) => `• ${sentence(a)} — ${plainSource(a)}`).join('\n');
  return fitMessage({ text: `Other answers:\n${text}`, blocks });
}

/** The wording of a declined question, chosen from the core's code. */
export function formatNoAnswer(result: AnswerResult, options: AnswerMessageOptions = {}): SlackMessage {
  const blocks: KnownBlock[] = [];
  const line = noAnswerLine(result);
  if (result.noAnswerCode !== 'empty-question') blocks.push(section(questionLine(result.question, options.askedBy)));
  blocks.push(section(line));
  const sources = options.sources ?? [];
  const wantsCoverage = result.noAnswerCode === 'no-match' || result.noAnswerCode === 'low-confidence';
  if (wantsCoverage && sources.length > 0) blocks.push({ type: 'context', elements: [mrkdwn(coverageLine(sources))] });
  return fitMessage({ text: line, blocks });
}

function noAnswerLine(result: AnswerResult): string {
  switch (result.noAnswerCode) {
    case 'empty-question':
      return 'What would you like to know? Mention me with a question, or use `/ask <question>`.';
    case 'question-too-long':
      return `Sorry, that question is too long for me. Please ask it in under ${MAX_QUESTION_LENGTH.toLocaleString('en-US')} characters.`;
    case 'no-searchable-words':
      return 'I could not find anything to search for in that question. Try `/ask` with a few specific words (a name, a place, a topic).';
    case 'no-match':
    case 'low-confidence':
      return 'Nothing in the archive answers that. Try `/ask` with other words.';
    case 'search-unavailable':
      return escapeSlackText(result.noAnswerReason ?? 'Search is unavailable right now; try again in a minute.');
    default:
      return `I don't know. ${escapeSlackText(result.noAnswerReason ?? '')}`.trim();
  }
}

function coverageLine(sources: readonly ArticleSummary[]): string {
  const titles = sources.slice(0, LISTED_TITLES).map((s) => `_${safeSlackText(s.title ?? s.articleId, 150)}_`);
  const more = sources.length > LISTED_TITLES ? ` and ${sources.length - LISTED_TITLES} more` : '';
  return `The archive covers: ${titles.join(' · ')}${more}.`;
}

/** Usage help for `/ask` without a question. */
export function usageMessage(): SlackMessage {
  return plainMessage(
    'Ask me about the news archive: `/ask Who is Marie Harf?` answers privately, with a button to share the answer. ' +
      'You can also mention me in a channel or write to me directly.',
  );
}

/** The short note sent instead of an answer when someone asks too often. */
export function rateLimitedMessage(perMinute: number): SlackMessage {
  return plainMessage(`You are asking quickly: I answer up to ${perMinute} questions a minute per person. Please try again in a moment.`);
}

/** One private message per link: what was added (its title linked to its URL) or why not. */
export function addLinkMessages(results: readonly AddLinkResult[]): SlackMessage[] {
  return results.map((result) => {
    if (!result.ok) return plainMessage(`I could not add that link. ${escapeSlackText(result.message)}`);
    const title = safeSlackText(result.title ?? result.url, 300);
    const facts = [result.publisher, result.date].filter((fact): fact is string => fact !== null).map((fact) => safeSlackText(fact, 200));
    facts.push(`${result.paragraphs} paragraph${result.paragraphs === 1 ? '' : 's'}`);
    const verb = result.status === 'added' ? 'Added to the archive' : 'Updated in the archive';
    return plainMessage(`${verb}: *${isLinkable(result.url) ? `<${escapeSlackText(result.url)}|${title}>` : title}* (${facts.join(' · ')}). It can be asked about in a few seconds.`);
  });
}

/** The polite refusal to someone who is not an editor. */
export function addLinkRefusal(): SlackMessage {
  return plainMessage("Sorry, only the archive's editors can add links. Ask one of them to add it for you.");
}

/** Help for `/ask add` without a link. */
export function addLinkUsage(): SlackMessage {
  return plainMessage('Give me a web address to add: `/ask add https://example.com/story`.');
}

/** The one line a person sees when a handler fails. */
export function failureMessage(): SlackMessage {
  return plainMessage('Something went wrong; it has been logged.');
}

/** Thanks for a 👍/👎 click. */
export function feedbackMessage(vote: 'up' | 'down'): SlackMessage {
  return plainMessage(vote === 'up' ? 'Thanks, noted that the answer helped.' : 'Thanks, noted that the answer missed.');
}

/** A message of one already-safe mrkdwn line. */
function plainMessage(line: string): SlackMessage {
  return fitMessage({ text: line, blocks: [section(line)] });
}

function questionLine(question: string, askedBy: string | undefined): string {
  const who = askedBy === undefined ? '*Question:*' : `*<@${askedBy}> asked:*`;
  return `${who} ${safeSlackText(question, QUESTION_PREVIEW)}`;
}

/**
 * The answer sentence (with the rest of its passage, for a suggestion or a passage under
 * the answer), escaped and collapsed to one line; with `bold`, its answer phrase
 * (`highlight`) in bold, when the whole sentence fits uncut.
 */
function sentence(shown: Answer, bold = false): string {
  const answer = asPassage(shown);
  const flat = (text: string) => escapeSlackText(text.replace(/\s+/g, ' '));
  const whole = safeSlackText(answer.text.replace(/\s+/g, ' ').trim(), SECTION_TEXT_LIMIT - 10);
  const { highlight, text } = answer;
  if (!bold || !highlight || highlight.end > text.length) return whole;
  const phrase = text.slice(highlight.start, highlight.end).trim();
  if (phrase === '' || phrase.includes('*')) return whole;
  const marked = `${flat(text.slice(0, highlight.start)).trimStart()}*${flat(phrase)}*${flat(text.slice(highlight.end)).trimEnd()}`;
  return marked.length <= SECTION_TEXT_LIMIT - 10 ? marked : whole;
}

/** For a follow-up: one context line saying how it was read ("Taking 'they' as the migration talks"). */
function readingContext(result: AnswerResult): KnownBlock[] {
  return result.reading ? [{ type: 'context', elements: [mrkdwn(`_${safeSlackText(result.reading.note, 500)}_`)] }] : [];
}

function sourceContext(answer: Answer): KnownBlock {
  const { source } = answer;
  const title = safeSlackText(source.title ?? source.articleId, 300);
  const linked = isLinkable(source.url) ? `<${escapeSlackText(source.url)}|${title}>` : title;
  const parts = [`*${linked}*`];
  if (source.publisher !== null) parts.push(safeSlackText(source.publisher, 200));
  if (source.date !== null) parts.push(safeSlackText(source.date, 40));
  if (source.file !== null) parts.push(`\`${safeSlackText(source.file.replace(/`/g, "'"), 300)}\``);
  return {
    type: 'context',
    elements: [mrkdwn(`Source: ${parts.join(' · ')}`), mrkdwn(`Confidence: ${Math.round(answer.confidence * 100)}%`)],
  };
}

/** A URL safe to put in `<url|label>` markup, and short enough not to be cut. */
function isLinkable(url: string | null): url is string {
  return url !== null && url.length <= 1000 && /^https?:\/\/[^\s<>|]+$/.test(url);
}

/** "Sources differ: 2003 (Miami Herald) vs January 2004 (The Independent)", or "Backed by 3 sources". */
function agreementLine(agreement: SourceAgreement, answer: Answer): string {
  const cite = (source: Answer['source']) => safeSlackText(source.publisher ?? source.title ?? source.articleId, 100);
  if (agreement.differing.length === 0) return `:white_check_mark: Backed by ${agreement.agreeing.length + 1} sources`;
  const values = [{ value: agreement.value, answer }, ...agreement.differing].map(({ value, answer: each }) => `*${safeSlackText(value, 60)}* (${cite(each.source)})`);
  return `:warning: Sources differ: ${values.join(' vs ')}`;
}

function plainSource(answer: Answer): string {
  const { source } = answer;
  const parts = [source.title ?? source.articleId, source.publisher, source.date].filter((p): p is string => p !== null);
  return escapeSlackText(parts.join(', '));
}

/** The buttons under an answer, or under the closest passages (`answer` null: nothing to vote on). */
function answerButtons(result: AnswerResult, answer: Answer | null, shareable: boolean): Button[] {
  const question = encodeButtonValue({ q: result.question });
  const vote = answer === null ? null : encodeButtonValue({ q: result.question, a: answerId(answer) });
  const buttons: Button[] = [];
  if (question !== null && result.alternatives.length > 0) {
    buttons.push(button(ACTION.more, `More answers (${result.alternatives.length})`, question));
  }
  if (vote !== null) {
    buttons.push(button(ACTION.voteUp, '👍', vote), button(ACTION.voteDown, '👎', vote));
  }
  if (question !== null && shareable) buttons.push(button(ACTION.share, 'Share in channel', question, 'primary'));
  return buttons;
}

function button(actionId: string, label: string, value: string, style?: 'primary'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label, emoji: true },
    value,
    ...(style === undefined ? {} : { style }),
  };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: truncateSlackText(text, SECTION_TEXT_LIMIT) };
}

/** Escaped, whitespace-collapsed, cut: untrusted text for a fallback line. */
function plain(text: string, max: number): string {
  return safeSlackText(text.replace(/\s+/g, ' ').trim(), max);
}

/** Keeps a message within Slack's limits: 50 blocks, a fallback text of bounded length. */
function fitMessage(message: SlackMessage): SlackMessage {
  let blocks = message.blocks;
  if (blocks.length > MESSAGE_BLOCK_LIMIT) {
    blocks = [...blocks.slice(0, MESSAGE_BLOCK_LIMIT - 1), { type: 'context', elements: [mrkdwn('(more not shown)')] }];
  }
  return { text: truncateSlackText(message.text, FALLBACK_TEXT_LIMIT), blocks };
}
