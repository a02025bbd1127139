/** Store URLs as they may be shown: never with a password. */

/**
 * `url` with any password replaced by `***`: the `user:password@` part and a `password=`
 * query parameter. Safe on text that is not a URL (returned unchanged but for those parts).
 */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^@/?#]*@/i, '$1:***@').replace(/([?&]password=)[^&#]*/gi, '$1***');
}
