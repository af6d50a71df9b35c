// The part of mapshaper's Node API (0.7.x) that the pipeline uses; mapshaper ships no types.
declare module 'mapshaper' {
  /** File contents by file name; -i reads names missing here from disk (and unzips .gz). */
  type MapshaperInput = Record<string, string | Buffer>;

  interface Mapshaper {
    /** Runs the commands and resolves with the output of every -o, by file name, instead of writing files. */
    applyCommands(commands: string | string[], input?: MapshaperInput): Promise<Record<string, Buffer | string>>;
    /** Runs the commands with file I/O. */
    runCommands(commands: string | string[], input?: MapshaperInput): Promise<void>;
  }

  const mapshaper: Mapshaper;
  export default mapshaper;
}
