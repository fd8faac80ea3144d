import { z } from 'zod';
import type { Answer } from '../../src/index.js';

/** The `action_id`s of the answer message's buttons. */
export const ACTION = {
  more: 'archivist_more_answers',
  share: 'archivist_share',
  voteUp: 'archivist_vote_up',
  voteDown: 'archivist_vote_down',
} as const;

/** Slack's limit on a button's `value`. */
const BUTTON_VALUE_LIMIT = 2000;

const buttonValueSchema = z.object({
  /** The question, as sent to the core (buttons re-ask it: the core is deterministic). */
  q: z.string(),
  /** Id of the answer shown, for votes. */
  a: z.string().optional(),
});

/** What a button carries back when clicked. */
export type ButtonValue = z.infer<typeof buttonValueSchema>;

/** A stable id for one answer: its paragraph and the sentence's offsets in it. */
export function answerId(answer: Answer): string {
  return `${answer.source.paragraphId}:${answer.span.start}-${answer.span.end}`;
}

/** Encodes a button value, or returns null when it would not fit Slack's 2,000 characters. */
export function encodeButtonValue(value: ButtonValue): string | null {
  const encoded = JSON.stringify(value);
  return encoded.length <= BUTTON_VALUE_LIMIT ? encoded : null;
}

/** Decodes a button value; null when it is not one of ours. */
export function decodeButtonValue(raw: string | undefined): ButtonValue | null {
  if (raw === undefined) return null;
  try {
    const parsed = buttonValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
