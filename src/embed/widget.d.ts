/**
 * The contract of src/embed/widget.js, the script form of the headlines widget. It is browser code, type
 * checked against the DOM by tsconfig.browser.json; the Worker's own program (no DOM lib: its types clash
 * with the Workers types, e.g. `caches`) sees only this declaration.
 */

export interface WidgetSettings {
  /** The shadow root's stylesheet. */
  css: string
  paper: string
  /** The paper's home page. */
  home: string
  /** IANA zone the times are shown in, as the iframe and the newsroom show them. */
  timeZone: string
  limit: { default: number; max: number }
  /** Hosts a headline may link to and load its thumbnail from (`*.x` for any subdomain of x). */
  hosts: string[]
}

/** Renders the headlines for the <script> element that loaded embed.js (`document.currentScript`). */
export declare function widget(script: unknown, settings: WidgetSettings): void
