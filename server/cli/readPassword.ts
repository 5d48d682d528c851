import { createInterface } from 'node:readline';

/**
 * Asks for a password on the terminal without echoing it. When stdin is not a terminal
 * (a pipe in a script), reads its first line instead.
 */
export async function readPassword(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) return readFirstLine(input);
  output.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let password = '';
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') {
            input.off('data', onData);
            output.write('\n');
            return resolve(password);
          }
          if (char === '\u0003') {
            input.off('data', onData);
            output.write('\n');
            return reject(new Error('Cancelled'));
          }
          // Backspace or Delete takes back one character (nothing is shown, so nothing to erase).
          if (char === '\u007f' || char === '\b') password = [...password].slice(0, -1).join('');
          else if (char >= ' ') password += char;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}

async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, terminal: false });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}
