/**
 * The security headers every response carries: a Content-Security-Policy that lets the page run
 * only Glas's own scripts and styles and show tiles only from the configured map tile server, no
 * framing anywhere, nosniff, a referrer policy, and HSTS when the installation is really served
 * over https.
 *
 * Helmet (the library behind @fastify/helmet) computes them; it runs once, at start, and the
 * resulting header set is copied onto each reply. @fastify/helmet instead builds a new helmet
 * middleware on every request (about 11 µs each, measured, against 0.4 µs for a prebuilt one),
 * which the lookup benchmark would pay on every call for headers that never change.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.ts';

/**
 * The origin a tile URL template loads from, as a CSP source. A template may put a placeholder in
 * the host (`https://{s}.tile.openstreetmap.org/…` spreads over a., b. and c.): the labels up to
 * the last placeholder become one `*.` wildcard, the only wildcard CSP allows in a host.
 */
export function tileSource(template: string): string {
  const m = /^(https?):\/\/([^/?#]+)/i.exec(template);
  if (!m) throw new Error(`not an http(s) URL template: ${template}`);
  const scheme = m[1]!.toLowerCase();
  const labels = m[2]!.toLowerCase().split('.');
  const last = labels.findLastIndex((l) => l.includes('{'));
  const host = last < 0 ? labels.join('.') : ['*', ...labels.slice(last + 1)].join('.');
  return `${scheme}://${host}`;
}

/** HSTS only makes sense, and is only safe to promise for a year, when Glas is reached over https with Secure cookies. */
export function wantsHsts(config: Pick<Config, 'cookieSecure' | 'publicUrl'>): boolean {
  return config.cookieSecure && config.publicUrl.startsWith('https://');
}

export function helmetOptions(config: Pick<Config, 'cookieSecure' | 'publicUrl' | 'mapTileUrl'>): HelmetOptions {
  const https = wantsHsts(config);
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Vite emits external module scripts only: no inline script, no eval.
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // Leaflet and React set element.style through the CSSOM, which CSP does not govern; no inline <style> is needed.
        styleSrc: ["'self'"],
        // data: for the small images Vite inlines into CSS (Leaflet's layer and marker icons); blob: for photo previews.
        imgSrc: ["'self'", 'data:', 'blob:', tileSource(config.mapTileUrl)],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only where the site is https: on plain http it would send the browser to an https that does not exist.
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    xFrameOptions: { action: 'deny' },
    // The full URL stays on Glas (a tracking page's address holds its code); tile servers get the origin, which
    // OpenStreetMap's tile policy asks for.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    // Tiles and other cross-origin images do not send CORP headers; requiring them would blank the map.
    crossOriginEmbedderPolicy: false,
  };
}

/** The headers helmet would set, computed once: name → value. */
export function securityHeaders(config: Pick<Config, 'cookieSecure' | 'publicUrl' | 'mapTileUrl'>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: () => {},
  };
  helmet(helmetOptions(config))({} as IncomingMessage, res as unknown as ServerResponse, () => {});
  return headers;
}

/**
 * The API reference (Swagger UI, /api/v1/docs) runs the same policy with the one addition its bundle
 * needs: the <style> elements it writes at run time (seen as violations in Chromium without it). It
 * shows no personal data and runs no inline script, so inline styles there risk little.
 */
export function docsCsp(header: string): string {
  return header.replace(/style-src 'self'/, "style-src 'self' 'unsafe-inline'");
}

const styleHashes = new Map<string, string>();

/**
 * Glas's server-rendered pages (the public weekly reports, a unit's report, the demo's message page)
 * carry their one stylesheet inline, so that a printed or saved page stays whole. The policy allows
 * exactly those <style> elements by their SHA-256, never inline styles in general. Returns the
 * policy for an HTML page, or null when it needs no change.
 */
export function policyForPage(policy: string, html: string): string | null {
  if (!html.includes('<style')) return null;
  const hashes: string[] = [];
  for (const m of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
    const css = m[1]!;
    let h = styleHashes.get(css);
    if (!h) {
      h = `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
      // The pages use a handful of fixed stylesheets; the bound only keeps a mistake from growing the map.
      if (styleHashes.size < 100) styleHashes.set(css, h);
    }
    hashes.push(h);
  }
  return hashes.length ? policy.replace(/style-src 'self'/, `style-src 'self' ${[...new Set(hashes)].join(' ')}`) : null;
}

/** Puts the headers on every reply (before its handler, which may still change one) and lets rendered pages keep their stylesheet. */
export function registerSecurityHeaders(app: FastifyInstance, headers: Record<string, string>): void {
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  // Register before @fastify/compress: hooks run in order, and after it the page is no longer a string.
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (typeof payload === 'string' && String(reply.getHeader('content-type')).startsWith('text/html')) {
      const policy = policyForPage(String(reply.getHeader('content-security-policy') ?? ''), payload);
      if (policy) reply.header('content-security-policy', policy);
    }
    done(null, payload);
  });
}
