/** The shapes of what the entity tagger finds in a sentence: entities and role links. */

/** What a question expects its answer to contain (`name` is a person; `nation` a nationality or a country as an actor: "Cuban", "Havana said"). */
export type EntityType = 'date' | 'number' | 'duration' | 'name' | 'place' | 'role' | 'reason' | 'org' | 'nation';

/** One thing found in a sentence: its type and its lower-cased text. */
export interface Entity {
  type: EntityType;
  text: string;
  /** Offsets of the entity in its sentence (`end` exclusive). */
  start?: number;
  end?: number;
  /** The country a nationality, place or organisation names or belongs to (ISO alpha-2: "Cuban" → `CU`). */
  country?: string;
  /** For a date: the event it dates, the stem of its verb's lemma ("last held in 2003" → `hold`). */
  event?: string;
  /** For a nationality: the noun it qualifies, as a search term ("Cuban delegation" → `deleg`). */
  of?: string;
}

/** What a person's role says they do: lead something, speak for it, or hold another office. */
export type RoleKind = 'lead' | 'speak' | 'office';

/** A person linked by a role phrase to what they lead or speak for. */
export interface RoleLink {
  /** The person's name, lower-cased. */
  person: string;
  role: RoleKind;
  /** The country the role is for (ISO alpha-2), when the phrase names one. */
  country?: string;
}

