/** Where the two embeds are served. */
export const HEADLINES_PATH = '/embed/headlines'
export const SCRIPT_PATH = '/embed.js'
