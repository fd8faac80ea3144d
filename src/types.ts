/**
 * The shapes that cross the core's public boundary: what a question returns and what
 * the corpus holds. Adapters and scripts rely on these (the JSON answer format in the
 * README is `AnswerResult` serialised as is).
 */

/** Where an answer sentence comes from. Unknown metadata is `null`, never invented. */
export interface AnswerSource {
  /** Stable id of the article: its file path relative to the corpus without extension, or a JSONL record's `id`. */
  articleId: string;
  title: string | null;
  publisher: string | null;
  /** ISO date (`YYYY-MM-DD`) when the article states one. */
  date: string | null;
  byline: string | null;
  /** Path of the article file relative to the working directory, or null for JSONL records. */
  file: string | null;
  url: string | null;
  /** Stable id of the paragraph: `articleId#index`. */
  paragraphId: string;
  /** Zero-based position of the paragraph among the article's indexed paragraphs. */
  paragraphIndex: number;
}

/** One candidate answer: a single sentence with its evidence. */
export interface Answer {
  /** The sentence, exactly as in the paragraph. */
  text: string;
  /** Calibrated belief in [0, 1] that this sentence answers the question. */
  confidence: number;
  /** Raw ranking score (comparable only within one question). */
  score: number;
  /** Character offsets of `text` in the paragraph text (`end` exclusive). */
  span: { start: number; end: number };
  /** The phrase of `text` that answers the question (the date, person, place, number or reason clause), as offsets in `text` (`end` exclusive); null when the question asks for no such thing or the sentence holds none. */
  highlight: { start: number; end: number } | null;
  /**
   * For a passage shown as a suggestion: the rest of its passage, the
   * sentences of its paragraph just before and after `text` (about 400 characters in all),
   * so that `before + text + after` is verbatim paragraph text. Absent on the answer itself
   * and on `alternatives`.
   */
  context?: { before: string; after: string };
  source: AnswerSource;
}

/** Why no answer was given; adapters choose the wording from the code. */
export type NoAnswerCode =
  | 'empty-question'
  | 'question-too-long'
  | 'no-searchable-words'
  /** Nothing relevant was found ("Nothing in the archive answers that."). */
  | 'no-match'
  /** Relevant passages were found but none answers confidently: they are the `suggestions`. */
  | 'low-confidence'
  | 'search-unavailable';

/**
 * For a question asking for a date or a number: what the other articles that answer it
 * say. Present only when at least one other article gives a comparable value.
 */
export interface SourceAgreement {
  /** The date or number the answer gives, as written (lower-cased). */
  value: string;
  /** Answers from other articles that give the same value (or a compatible one: "2009" for "July 2009"). */
  agreeing: Answer[];
  /** Answers from other articles that give a different value, each with that value. */
  differing: Array<{ value: string; answer: Answer }>;
}

/**
 * What a conversation remembers of its last question, so that a follow-up ("and when were
 * they suspended?") can be read with it. Plain data: an adapter keeps it per thread.
 */
export interface Conversation {
  /** The last question as it was read (a follow-up with its pronouns resolved). */
  question: string;
  /** Its noun phrases that are not people, common nouns first: what "it" and "they" stand for. */
  subjects: string[];
  /** The people it names, then those its answer names (the answer's first, when it asked who): who "he" and "she" stand for. */
  people: string[];
  /** Whether it asked who: then "they" stands for the people its answer names. */
  askedWho?: boolean;
  /** The sentence shown as its answer, if one was: "cancel it" can point back into it ("calls to cancel the meeting"). */
  answer?: string;
}

/** How a follow-up question was read. */
export interface FollowUpReading {
  /** The words of the question that leaned on the previous one ("they", "what about the fourth round?"). */
  phrase: string;
  /** The question as answered. */
  as: string;
  /** One line for people: "Taking 'they' as the migration talks". */
  note: string;
}

/** The result of asking one question. */
export interface AnswerResult {
  question: string;
  /** Present when the question was read as a follow-up of the previous one in its conversation. */
  reading?: FollowUpReading;
  /** What the conversation remembers after this question: pass it with the next question of the same thread (`AskOptions.conversation`). */
  conversation?: Conversation;
  answer: Answer | null;
  /** Further ranked answers from other paragraphs or articles (at most `top - 1`), after what the reply shows ("More answers"). */
  alternatives: Answer[];
  /** Present when no answer is confident but some passages are relevant: the closest (1–3, best first), each shaped as an answer ("Not sure — the closest passages:"). Absent when nothing relevant is found. */
  suggestions?: Answer[];
  /** When other articles back or contradict the answer's date or number. */
  agreement?: SourceAgreement;
  /** When the two best passages are about as good and say different things: both (the answer first), to show side by side instead of picking one. */
  twoPassages?: [Answer, Answer];
  /** Present when `answer` is null: a short sentence a person can read. */
  noAnswerReason?: string;
  /** Present when `answer` is null: the machine-readable reason. */
  noAnswerCode?: NoAnswerCode;
}

/** One article of the corpus, as listed by `/sources` and similar commands. */
export interface ArticleSummary {
  /** The article's key in the index: its file's path in the corpus folder, or `#id` for a JSONL record. */
  key: string;
  articleId: string;
  title: string | null;
  publisher: string | null;
  date: string | null;
  byline: string | null;
  file: string | null;
  url: string | null;
  /** Number of paragraphs indexed for this article. */
  paragraphs: number;
}

/** Options of one question. */
export interface AskOptions {
  /** How many ranked answers to return in all (the answer and `top - 1` alternatives). @default 3 */
  top?: number;
  /** Confidence below which the answer is declined; 0 never declines (for evaluation). @default the model's answer threshold */
  minConfidence?: number;
  /** The conversation so far (the previous result's `conversation`): a follow-up question is read with it. @default none: the question starts a new topic */
  conversation?: Conversation;
}
