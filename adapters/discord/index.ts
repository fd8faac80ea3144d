/**
 * The Discord adapter's public surface, used by the entry point (`bin/archivist.ts`).
 * Commands are registered by the separate `deploy.ts` script (`npm run discord:deploy`).
 */
export { loadDiscordConfig, DISCORD_ENV_VARIABLES, type DiscordConfig } from './config.js';
export { startDiscord, type DiscordBot } from './client.js';
