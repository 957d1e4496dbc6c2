/** The toolkit ends lines with os.EOL, CRLF on Windows; the runner reads either, and so do the tests. */
export function withLf(text: string): string {
  return text.replace(/\r\n/g, '\n')
}
