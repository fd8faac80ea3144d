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
