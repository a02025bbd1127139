/**
 * A progress line on a terminal: rewritten in place (carriage return, erase to the end of
 * the line) when the stream is a TTY, silent otherwise, so logs and pipes get only the
 * command's closing summary.
 */
export interface Progress {
  /** Shows `text` as the current progress (TTY only). */
  update(text: string): void;
  /** Erases the progress line, so the next output starts on a clean line. */
  done(): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY);
  let shown = false;
  return {
    update(text) {
      if (!tty) return;
      // A terminal that reports no size (0 columns) is taken as 80 wide.
      const width = Math.max(20, (stream.columns || 80) - 1);
      stream.write(`\r${text.length > width ? text.slice(0, width) : text}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
