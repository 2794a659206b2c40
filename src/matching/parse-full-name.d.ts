// Types for parse-full-name 1.2.7 (CommonJS, ships none): https://github.com/dschnelldavis/parse-full-name
declare module 'parse-full-name' {
  export interface ParsedFullName {
    readonly title: string;
    readonly first: string;
    readonly middle: string;
    readonly last: string;
    readonly nick: string;
    readonly suffix: string;
    readonly error: readonly string[];
  }
  /** `partToReturn` 'all', `fixCase` -1 (only when all upper or lower case), `stopOnError` 0, `useLongLists` 0. */
  export function parseFullName(
    nameToParse: string,
    partToReturn?: 'all',
    fixCase?: -1 | 0 | 1,
    stopOnError?: 0 | 1,
    useLongLists?: 0 | 1,
  ): ParsedFullName;
}
