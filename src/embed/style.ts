/**
 * One stylesheet for both forms of the widget. The markup is the same in the iframe document (`.vnf` on
 * <html>) and in the script's shadow root (`.vnf` on a <div>), so the two look alike.
 *
 * `all: initial` on `.vnf` cuts inheritance: a shadow root keeps the partner's selectors out but still
 * inherits font, colour and line-height from the host element, and partner pages set those freely.
 * Colours use light-dark(): `color-scheme: light dark` follows the reader's preference (theme auto),
 * data-theme pins one.
 */
const BASE = `.vnf{all:initial;display:block;box-sizing:border-box;color-scheme:light dark;
--bg:light-dark(#fff,#17191d);--fg:light-dark(#1b1c1f,#eceef1);--muted:light-dark(#6a6f77,#9ba1aa);
--line:light-dark(#e7e8eb,#2c3037);--accent:light-dark(#b8141b,#ff6b70);--thumb:light-dark(#eef0f3,#23262c);
background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;
text-align:start;-webkit-text-size-adjust:100%;text-size-adjust:100%;min-width:0;overflow-wrap:anywhere}
.vnf[data-theme=light]{color-scheme:light}.vnf[data-theme=dark]{color-scheme:dark}
.vnf *{box-sizing:border-box;margin:0;padding:0;font:inherit;color:inherit}
.head{display:flex;flex-wrap:wrap;align-items:baseline;gap:2px 10px;padding:11px 14px 9px;border-bottom:2px solid var(--accent)}
.paper{font-weight:700;color:var(--accent);text-decoration:none}
.paper:hover,.paper:focus-visible{text-decoration:underline}
.scope{font-size:13px;color:var(--muted)}
.list{display:block;list-style:none}
.item{display:block;padding:10px 14px;border-bottom:1px solid var(--line)}
.item:last-child{border-bottom:0}
.link{display:flex;gap:11px;align-items:flex-start;text-decoration:none}
.thumb{display:block;flex:none;width:72px;height:48px;object-fit:cover;border-radius:4px;background:var(--thumb)}
.text{display:flex;flex-direction:column;gap:3px;min-width:0}
.title{font-weight:600;line-height:1.35}
a.link:hover .title,a.link:focus-visible .title{color:var(--accent);text-decoration:underline}
.time{font-size:12.5px;color:var(--muted);font-variant-numeric:tabular-nums}
.empty{display:block;padding:14px;color:var(--muted)}
@media (max-width:300px){.thumb{width:56px;height:40px}}`

/** The iframe document's stylesheet (its hash goes into the CSP). */
export const FRAME_CSS = `${BASE}\nbody{margin:0}`

/** The shadow root's stylesheet: the host box stays the partner's to place and size. */
export const SHADOW_CSS = `:host{display:block}\n${BASE}`
