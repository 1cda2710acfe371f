/** How large an OPML file Podbrief reads; apart from opml.ts so the import form can check it in the browser. */
export const OPML_MAX_BYTES = 2 * 1024 * 1024;

export const OPML_TOO_LARGE_MESSAGE = `That file is larger than ${OPML_MAX_BYTES / 1024 / 1024} MB; an OPML list of podcasts is far smaller.`;
