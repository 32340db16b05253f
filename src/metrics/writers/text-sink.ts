/**
 * Where a writer's text goes. The run layer backs it with a file; writers
 * never open files themselves, so they stay pure and testable.
 */
export interface TextSink {
  write(text: string): void;
}

/** A sink that keeps everything in memory, for tests and small runs. */
export interface MemorySink extends TextSink {
  text(): string;
}

export function memorySink(): MemorySink {
  // Chunks are joined on demand: repeated string concatenation would copy the whole log each write.
  const chunks: string[] = [];
  return {
    write(text: string): void {
      chunks.push(text);
    },
    text(): string {
      return chunks.join('');
    },
  };
}
