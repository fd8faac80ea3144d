/**
 * The Slack adapter's public surface, used by the entry point (bin/archivist.ts).
 */
export { loadSlackConfig, SLACK_ENV_VARIABLES, type SlackConfig, type SlackTransport } from './config.js';
export { startSlack, type SlackHandle } from './app.js';
