// A Nextech CCD, shown where no script in it can ever run. The backend sanitises the HTML
// (ammonia) first; this frame is the second wall in case the sanitiser misses something: an
// empty sandbox (no allow-scripts, no same-origin, no forms, no popups) and a policy inside the
// document that loads nothing from anywhere. The HTML never enters the desk's own DOM.
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function ccdDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${POLICY}"><style>body{font:13px system-ui,sans-serif;margin:8px;color:#1c2430}table{border-collapse:collapse}td,th{border:1px solid #d5dae1;padding:2px 6px}</style></head><body>${html}</body></html>`;
}

export function CcdFrame({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      className="ccd-frame"
      data-testid="ccd-frame"
      sandbox=""
      srcDoc={ccdDocument(html)}
      title={title}
      referrerPolicy="no-referrer"
    />
  );
}
