/**
 * INTERACTION_CREATE payloads as Discord sends them (API v10), for the gateway stand-in.
 */
import { APPLICATION_ID, CHANNEL_ID, GUILD_ID, snowflake } from './standins.js';

/** An INTERACTION_CREATE payload; `id` and `token` address the bot's callbacks. */
export interface InteractionPayload {
  id: string;
  token: string;
  [field: string]: unknown;
}

export interface Person {
  id: string;
  username: string;
}

/** A person who uses the bot; a fresh id each call, so cooldowns never cross tests. */
export function person(username = 'reader'): Person {
  return { id: snowflake(), username };
}

function discordUser(who: Person): Record<string, unknown> {
  return { id: who.id, username: who.username, discriminator: '0', global_name: who.username, avatar: null };
}

/** Where the interaction happens: a server text channel or a DM with the bot. */
function place(who: Person, inDm: boolean, roles: string[] = []): Record<string, unknown> {
  if (inDm) {
    const dmChannel = snowflake();
    return {
      channel_id: dmChannel,
      channel: { id: dmChannel, type: 1, recipients: [discordUser(who)], last_message_id: null, flags: 0 },
      user: discordUser(who),
      context: 1,
      authorizing_integration_owners: { '1': who.id },
    };
  }
  return {
    guild_id: GUILD_ID,
    guild_locale: 'en-US',
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general', position: 0, permission_overwrites: [], flags: 0 },
    member: {
      user: discordUser(who),
      roles,
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      permissions: '2248473465835073',
    },
    context: 0,
    authorizing_integration_owners: { '0': GUILD_ID },
  };
}

function base(who: Person, inDm: boolean, roles: string[] = []): InteractionPayload {
  return {
    id: snowflake(),
    application_id: APPLICATION_ID,
    token: `interaction-token-${snowflake()}`,
    version: 1,
    locale: 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    attachment_size_limit: 10_485_760,
    ...place(who, inDm, roles),
  };
}

/** A slash command: `options` maps option names to string or boolean values. */
export function slashCommand(
  name: string,
  options: Record<string, string | boolean> = {},
  { who = person(), inDm = false, roles = [] }: { who?: Person; inDm?: boolean; roles?: string[] } = {},
): InteractionPayload {
  return {
    ...base(who, inDm, roles),
    type: 2,
    data: {
      id: snowflake(),
      name,
      type: 1,
      options: Object.entries(options).map(([optionName, value]) => ({
        name: optionName,
        type: typeof value === 'boolean' ? 5 : 3,
        value,
      })),
    },
  };
}

/** A button click on `message` (a message object as the REST stand-in returned it). */
export function buttonClick(
  customId: string,
  message: Record<string, unknown>,
  { who = person(), inDm = false }: { who?: Person; inDm?: boolean } = {},
): InteractionPayload {
  return {
    ...base(who, inDm),
    type: 3,
    message,
    data: { custom_id: customId, component_type: 2 },
  };
}

/**
 * A MESSAGE_CREATE for a person's reply to one of the bot's messages (`repliedTo`, as the
 * REST stand-in returned it), in a server channel or in the DM channel the message is in.
 * Discord mentions the replied-to author by default, which is how the bot may read the text.
 */
export function replyMessage(content: string, repliedTo: Record<string, unknown>, { who = person(), guild = true }: { who?: Person; guild?: boolean } = {}): Record<string, unknown> {
  const channelId = String(repliedTo['channel_id'] ?? CHANNEL_ID);
  return {
    id: snowflake(),
    type: 19,
    channel_id: channelId,
    channel_type: guild ? 0 : 1,
    ...(guild ? { guild_id: GUILD_ID, member: { roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 } } : {}),
    author: discordUser(who),
    content,
    embeds: [],
    components: [],
    attachments: [],
    mentions: [{ id: APPLICATION_ID, username: 'Archivist', discriminator: '0', global_name: null, avatar: null, bot: true }],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 0,
    message_reference: { type: 0, message_id: String(repliedTo['id']), channel_id: channelId, ...(guild ? { guild_id: GUILD_ID } : {}) },
  };
}

/** A GUILD_CREATE for the test server with its one text channel, so that the client caches both. */
export function guildCreate(): Record<string, unknown> {
  return {
    id: GUILD_ID,
    name: 'Newsroom',
    icon: null,
    owner_id: snowflake(),
    unavailable: false,
    member_count: 2,
    large: false,
    joined_at: '2024-01-01T00:00:00.000Z',
    roles: [{ id: GUILD_ID, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    features: [],
    members: [],
    presences: [],
    voice_states: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    channels: [{ id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general', position: 0, permission_overwrites: [], flags: 0 }],
  };
}
