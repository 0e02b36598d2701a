/** Where a command writes: stdout lines and stderr lines (tests capture them). */
export interface Output {
  line(text: string): void;
  error(text: string): void;
}

export const processOutput: Output = {
  line: (text) => process.stdout.write(text + '\n'),
  error: (text) => process.stderr.write(text + '\n'),
};
